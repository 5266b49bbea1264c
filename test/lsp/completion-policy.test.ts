// Completion inside endpoint policies over a real connection: a PolicyDocument mapping in YAML and in a
// JSON template, JSON in a YAML block scalar, and a standalone policy file — Version, Effect, the
// endpoint service's actions with their descriptions, operators, and the condition keys that fit.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CompletionItem, TextEdit } from 'vscode-languageserver/node';
import { LspClient, applyLspEdits, completeAt as complete, fileUri, ROOT } from './client.js';

const NETWORK = readFileSync(`${ROOT}test/fixtures/assist/network.yaml`, 'utf8');
let client: LspClient;
let n = 0;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});


/** Opens `marked` (`cursor` marks the cursor) under `name` and asks for completion there. */
const completeAt = (marked: string, name: string, language = 'yaml', cursor = '|') => complete(client, marked, fileUri(`test/lsp/${++n}-${name}`), language, cursor);

const apply = (text: string, item: CompletionItem) => applyLspEdits(text, [item.textEdit as TextEdit]);
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

test('YAML policy: Action items are the endpoint service\'s actions, with their descriptions', async () => {
  const { text, items } = await completeAt(NETWORK.replace('              - s3:GetObject\n', '              - s3:GetOb|\n'), 'p.yaml');
  const get = items.find((i) => i.label === 's3:GetObject');
  assert.ok(get, 's3:GetObject offered');
  assert.equal(items[0]!.label, 's3:*');
  assert.ok(items.every((i) => i.label.startsWith('s3:')), 'only the endpoint service\'s actions');
  // The description comes with completionItem/resolve, for the item the user looks at: the list stays small.
  assert.equal(get.detail, undefined);
  const resolved = await client.request<CompletionItem>('completionItem/resolve', get);
  assert.match(resolved.detail!, /^Read · Grants permission to retrieve objects from Amazon S3/);
  assert.match((resolved.documentation as { value: string }).value, /^`s3:GetObject` — Read\n\nGrants permission to retrieve objects from Amazon S3/);
  assert.ok(apply(text, get).includes('              - s3:GetObject\n'));
  // A bare item, before any prefix is typed: still s3's (the endpoint's service).
  const bare = await completeAt(NETWORK.replace('              - s3:GetObject\n', '              - |\n'), 'p2.yaml');
  assert.ok(bare.items.some((i) => i.label === 's3:PutObject'));
  assert.equal(apply(bare.text, bare.items[0]!).includes("              - 's3:*'\n") || apply(bare.text, bare.items[0]!).includes('              - s3:*\n'), true);
  // Asked right after the dash, before its space (the editor keeps the list while the rest is typed): the item
  // brings its own space, or '- s3:PutObject' typed on would be written '-s3:PutObject', a scalar, not an item.
  const dash = await completeAt(NETWORK.replace('              - s3:GetObject\n', '              -|\n'), 'p4.yaml');
  const put = dash.items.find((i) => i.label === 's3:PutObject')!;
  assert.equal(apply(dash.text, put), NETWORK.replace('              - s3:GetObject\n', '              - s3:PutObject\n'));
  // Another prefix typed: that service's actions.
  const typed = await completeAt(NETWORK.replace('              - s3:GetObject\n', '              - kms:Decr|\n'), 'p3.yaml');
  assert.ok(typed.items.some((i) => i.label === 'kms:Decrypt'));
});

test('YAML policy: Version and Effect values', async () => {
  const v = await completeAt(NETWORK.replace('        Version: 2012-10-17', '        Version: |'), 'v.yaml');
  assert.deepEqual(labels(v.items), ['2012-10-17', '2008-10-17']);
  assert.ok(apply(v.text, v.items[0]!).includes("        Version: '2012-10-17'\n"), 'quoted: YAML 1.1 readers take it for a date');
  const e = await completeAt(NETWORK.replace('          - Effect: Allow', '          - Effect: |'), 'e.yaml');
  assert.deepEqual(labels(e.items), ['Allow', 'Deny']);
});

test('YAML policy: operators under Condition; under an operator, only the keys that fit its type', async () => {
  const ops = await completeAt(NETWORK.replace('              StringEquals:\n                aws:SourceVpc: !Ref Vpc\n', '              Str|\n'), 'o.yaml');
  for (const op of ['StringEquals', 'StringLikeIfExists', 'ArnLike', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'IpAddress', 'Null', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals']) assert.ok(labels(ops.items).includes(op), op);
  assert.ok(apply(ops.text, ops.items.find((i) => i.label === 'StringEquals')!).includes('              StringEquals:\n'));

  const strings = await completeAt(NETWORK.replace('                aws:SourceVpc: !Ref Vpc\n', '                aws:|\n'), 'k.yaml');
  const keys = labels(strings.items);
  assert.deepEqual(keys.slice(0, 3), ['aws:SourceVpce', 'aws:SourceVpc', 'aws:PrincipalOrgID']);
  assert.ok(keys.includes('s3:x-amz-acl'), 'the service\'s own keys');
  assert.ok(!keys.includes('aws:SecureTransport'), 'a Bool key does not fit StringEquals');
  assert.ok(!keys.some((k) => k.startsWith('kms:')), 'no other service\'s keys');
  assert.match(strings.items.find((i) => i.label === 'aws:PrincipalOrgPaths')!.detail!, /multivalued: use ForAnyValue: or ForAllValues:/);
  assert.ok(apply(strings.text, strings.items[0]!).includes('                aws:SourceVpce: \n'));

  const bools = await completeAt(NETWORK.replace('              StringEquals:\n                aws:SourceVpc: !Ref Vpc\n', '              Bool:\n                |\n'), 'b.yaml');
  assert.ok(labels(bools.items).includes('aws:SecureTransport'));
  assert.ok(bools.items.every((i) => /^Bool/.test(i.detail!)), 'only Bool keys under Bool');

  const sets = await completeAt(NETWORK.replace('              StringEquals:\n                aws:SourceVpc: !Ref Vpc\n', '              ForAnyValue:StringLike:\n                |\n'), 's.yaml');
  assert.ok(labels(sets.items).includes('aws:PrincipalOrgPaths'));
  assert.ok(sets.items.every((i) => /^ArrayOf/.test(i.detail!)), 'set operators: multivalued keys only');

  const ips = await completeAt(NETWORK.replace('              StringEquals:\n                aws:SourceVpc: !Ref Vpc\n', '              NotIpAddressIfExists:\n                |\n'), 'i.yaml');
  assert.ok(labels(ips.items).includes('aws:SourceIp'));
  assert.ok(ips.items.every((i) => /^IPAddress/.test(i.detail!)));
});

const JSON_TEMPLATE = (policy: string) => `{
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "Queue": {
      "Type": "AWS::EC2::VPCEndpoint",
      "Properties": {
        "VpcId": {"Ref": "Vpc"},
        "ServiceName": {"Fn::Sub": "com.amazonaws.\${AWS::Region}.sqs"},
        "VpcEndpointType": "Interface",
        "PolicyDocument": ${policy}
      }
    }
  }
}
`;

test('JSON template policy: actions, Effect and condition keys inside strings', async () => {
  const a = await completeAt(JSON_TEMPLATE('{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["sqs:Send|"], "Resource": "*"}]}'), 't.json', 'json');
  const send = a.items.find((i) => i.label === 'sqs:SendMessage')!;
  assert.match((await client.request<CompletionItem>('completionItem/resolve', send)).detail!, /Grants permission to deliver a message/);
  assert.ok(apply(a.text, send).includes('"Action": ["sqs:SendMessage"]'));
  const e = await completeAt(JSON_TEMPLATE('{"Statement": [{"Effect": "|"}]}'), 'e.json', 'json');
  assert.deepEqual(labels(e.items), ['Allow', 'Deny']);
  assert.ok(apply(e.text, e.items[1]!).includes('{"Effect": "Deny"}'));
  const k = await completeAt(JSON_TEMPLATE('{"Statement": [{"Effect": "Allow", "Condition": {"StringEquals": {"aws:SourceV|": "x"}}}]}'), 'k.json', 'json');
  assert.ok(labels(k.items).includes('aws:SourceVpce'));
  assert.ok(apply(k.text, k.items[0]!).includes('{"aws:SourceVpce": "x"}'));
});

test('YAML block scalar of JSON: the policy inside is completed as JSON', async () => {
  const text = NETWORK.replace(/      PolicyDocument:\n[\s\S]*$/, '      PolicyDocument: |\n        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Put¦"}]}\n');
  const { text: t, items } = await completeAt(text, 'block.yaml', 'yaml', '¦');
  const put = items.find((i) => i.label === 's3:PutObject')!;
  assert.ok(put);
  assert.ok(apply(t, put).includes('"Action": "s3:PutObject"}'));
});

test('a standalone policy file: the service from its name; Version, actions and keys', async () => {
  const file = (s: string) => `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": "*",\n      ${s}\n    }\n  ]\n}\n`;
  const a = await completeAt(file('"Action": ["ecr:BatchGet|"], "Resource": "*"'), 'ecr.api_endpoint_policy.json', 'json');
  assert.ok(labels(a.items).includes('ecr:BatchGetImage'));
  assert.ok(a.items.every((i) => i.label.startsWith('ecr:')));
  const v = await completeAt('{\n  "Version": "|",\n  "Statement": []\n}\n', 's3_endpoint_policy.json', 'json');
  assert.deepEqual(labels(v.items), ['2012-10-17', '2008-10-17']);
  const ops = await completeAt(file('"Action": "s3:GetObject", "Resource": "*", "Condition": {"|"}'), 's3_endpoint_policy.json', 'json');
  assert.ok(labels(ops.items).includes('StringEquals'));
});

test('with list item defaults (LSP 3.17) the range is sent once and the edits are the same', async () => {
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const { completions } = await import('../../server/src/lsp/completion.js');
  const { resourceIndex } = await import('../../server/src/lsp/template-position.js');
  const { assistView } = await import('../../server/src/lsp/complete/assist-view.js');
  const { analyze } = await import('../../server/src/core/engine.js');
  const text = NETWORK.replace('              - s3:GetObject\n', '              - s3:Get\n');
  const a = analyze(text);
  const view = { version: 1, analysis: 1, kind: 'template' as const, findings: [], resources: resourceIndex(a.parsed.root), services: [], assist: assistView(a, {}) };
  const doc = TextDocument.create('file:///p.yaml', 'yaml', 1, text);
  const offset = text.indexOf('- s3:Get\n') + '- s3:Get'.length;
  const plain = completions(doc, offset, view) as CompletionItem[];
  const list = completions(doc, offset, view, true);
  assert.ok(!Array.isArray(list) && list.itemDefaults?.editRange);
  const range = list.itemDefaults.editRange as TextEdit['range'];
  assert.ok(plain.length > 100);
  assert.deepEqual(
    list.items.map((i) => applyLspEdits(text, [{ range, newText: i.textEditText! }])),
    plain.map((i) => apply(text, i)),
  );
});

test('an operator whose block already names keys: only the operators that fit their type', async () => {
  const bool = await completeAt(NETWORK.replace('              StringEquals:\n                aws:SourceVpc: !Ref Vpc\n', '              Bo|\n                aws:SecureTransport: "false"\n'), 'ob.yaml');
  assert.deepEqual(labels(bool.items).sort(), ['BinaryEquals', 'BinaryEqualsIfExists', 'Bool', 'BoolIfExists', 'Null']);
  assert.match(bool.items[0]!.detail!, /fits aws:SecureTransport \(Bool\)/);
  const multi = await completeAt(NETWORK.replace('              StringEquals:\n                aws:SourceVpc: !Ref Vpc\n', '              |\n                aws:PrincipalOrgPaths: o-1/*\n'), 'om.yaml');
  assert.equal(labels(multi.items)[0], 'ForAnyValue:StringEquals', 'multivalued: the set forms first');
  assert.ok(!labels(multi.items).includes('NumericEquals'));
  const json = await completeAt('{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"|": {"aws:SourceIp": "10.0.0.0/8"}}}]}', 's3_endpoint_policy.json', 'json');
  assert.deepEqual(labels(json.items).sort(), ['BinaryEquals', 'BinaryEqualsIfExists', 'IpAddress', 'IpAddressIfExists', 'NotIpAddress', 'NotIpAddressIfExists', 'Null'].sort());
});
