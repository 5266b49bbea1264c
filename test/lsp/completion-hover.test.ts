// Completion of ServiceName and VpcEndpointType values, and hovers on service names and findings.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CompletionItem, Hover, MarkupContent, TextEdit } from 'vscode-languageserver/node';
import { LspClient, applyLspEdits, fileUri, ROOT } from './client.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
let client: LspClient;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

/** The position just after `needle` (or `back` characters before that). */
function endOf(text: string, needle: string, back = 0): { line: number; character: number } {
  const at = text.indexOf(needle) + needle.length - back;
  return { line: text.slice(0, at).split('\n').length - 1, character: at - (text.lastIndexOf('\n', at - 1) + 1) };
}

async function complete(uri: string, text: string, needle: string): Promise<CompletionItem[]> {
  const r = await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: endOf(text, needle) });
  return Array.isArray(r) ? r : r.items;
}

test('YAML: ServiceName completes to !Sub com.amazonaws.${AWS::Region}.<service>, replacing what was typed', async () => {
  const uri = fileUri('test/lsp/complete.yaml');
  const text = EXAMPLE.replace('ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs', 'ServiceName: ss');
  client.open(uri, text);
  const items = await complete(uri, text, 'ServiceName: ss');
  const ssm = items.find((i) => i.label === 'ssm');
  assert.ok(ssm, 'ssm offered');
  assert.ok(items.length > 100, 'the whole catalogue');
  assert.equal(ssm.filterText, 'ssm');
  assert.equal(ssm.insertTextFormat, 1, 'plain text: ${AWS::Region} is not a snippet variable');
  const edited = applyLspEdits(text, [ssm.textEdit as TextEdit]);
  assert.ok(edited.includes('      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n      SubnetIds'), edited);
  // Not on another resource's ServiceName (an ECS service's, say).
  const ecs = text.replace('Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: !Ref VPC\n      ServiceName: ss', 'Type: AWS::ECS::Service\n    Properties:\n      VpcId: !Ref VPC\n      ServiceName: ss');
  client.change(uri, [{ text: ecs }]);
  assert.deepEqual(await complete(uri, ecs, 'ServiceName: ss'), []);
  client.close(uri);
});

test('YAML: VpcEndpointType offers every type the generated schema accepts, Tunnel included', async () => {
  const uri = fileUri('test/lsp/complete-type.yaml');
  const text = EXAMPLE.replace('VpcEndpointType: Interface\n      PrivateDnsEnabled: true', 'VpcEndpointType: \n      PrivateDnsEnabled: true');
  client.open(uri, text);
  const items = await complete(uri, text, 'VpcEndpointType: ');
  const schema = JSON.parse(readFileSync(`${ROOT}schemas/cfn/AWS_EC2_VPCEndpoint.schema.json`, 'utf8'));
  assert.deepEqual(items.map((i) => i.label), schema.properties.VpcEndpointType.enum);
  assert.ok(items.some((i) => i.label === 'Tunnel'));
  // Right after the colon, the space YAML needs comes with the value.
  const tight = text.replace('VpcEndpointType: \n', 'VpcEndpointType:\n');
  client.change(uri, [{ text: tight }]);
  const [first] = await complete(uri, tight, 'VpcEndpointType:');
  assert.equal(applyLspEdits(tight, [first!.textEdit as TextEdit]), text.replace('VpcEndpointType: \n', 'VpcEndpointType: Interface\n'));
  client.close(uri);
});

test('JSON: ServiceName completes to {"Fn::Sub": ...}, types to quoted strings', async () => {
  const uri = fileUri('test/lsp/complete.json');
  const text = '{\n  "Resources": {\n    "E": {\n      "Type": "AWS::EC2::VPCEndpoint",\n      "Properties": {\n        "ServiceName": "s3",\n        "VpcEndpointType": "Gat"\n      }\n    }\n  }\n}\n';
  client.open(uri, text, 'json');
  const items = await complete(uri, text, '"ServiceName": "s3');
  const s3 = items.find((i) => i.label === 's3')!;
  assert.equal(applyLspEdits(text, [s3.textEdit as TextEdit]), text.replace('"ServiceName": "s3"', '"ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"}'));
  const types = await complete(uri, text, '"VpcEndpointType": "Gat');
  const gw = types.find((i) => i.label === 'Gateway')!;
  assert.equal(applyLspEdits(text, [gw.textEdit as TextEdit]), text.replace('"Gat"', '"Gateway"'));
  client.close(uri);
});

test('hover on a ServiceName: the service\'s endpoint types and features; on a finding: the rule', async () => {
  const uri = fileUri('test/lsp/hover.yaml');
  client.open(uri, EXAMPLE);
  await client.waitFor(uri);
  const onService = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: endOf(EXAMPLE, 'ServiceName: !Sub com.amazonaws.${AWS::Region}.s3') });
  const text = (onService.contents as MarkupContent).value;
  assert.match(text, /Endpoint types: Gateway, Interface/);
  assert.match(text, /Endpoint policy: (yes|no|unknown)/);
  assert.match(text, /Private DNS: (yes|no|unknown)/);
  assert.match(text, /IPv6: Gateway: (yes|no|unknown), Interface: (yes|no|unknown)/);

  const onFinding = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: endOf(EXAMPLE, 'VpcEndpointTyp: Gateway', 12) });
  const rule = (onFinding.contents as MarkupContent).value;
  assert.match(rule, /\*\*VPCE1002: Unknown property\*\*/);
  assert.match(rule, /rules\.md#vpce1002/);

  const nothing = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(nothing, null);
  client.close(uri);
});

test('with list item defaults (LSP 3.17) the range is sent once and the edits are the same; documentation comes on resolve', async () => {
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const { completions, resolveCompletion } = await import('../../server/src/lsp/completion.js');
  const { resourceIndex } = await import('../../server/src/lsp/template-position.js');
  const { analyze } = await import('../../server/src/core/engine.js');
  const text = EXAMPLE.replace('ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs', 'ServiceName: ss');
  const doc = TextDocument.create('file:///c.yaml', 'yaml', 1, text);
  const view = { version: 1, analysis: 1, kind: 'template' as const, findings: [], resources: resourceIndex(analyze(text).parsed.root), services: [] };
  const offset = text.indexOf('ServiceName: ss') + 'ServiceName: ss'.length;
  const plain = completions(doc, offset, view) as CompletionItem[];
  const list = completions(doc, offset, view, true);
  assert.ok(!Array.isArray(list) && list.itemDefaults?.editRange);
  const range = list.itemDefaults.editRange as TextEdit['range'];
  assert.deepEqual(
    list.items.map((i) => applyLspEdits(text, [{ range, newText: i.textEditText! }])),
    plain.map((i) => applyLspEdits(text, [i.textEdit as TextEdit])),
  );
  const ssm = plain.find((i) => i.label === 'ssm')!;
  assert.equal(ssm.documentation, undefined);
  assert.match((resolveCompletion(ssm).documentation as MarkupContent).value, /Systems Manager/);
});
