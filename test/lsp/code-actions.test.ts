// Code actions over LSP: the quick fix of a diagnostic and "fix all", applied to the text as the
// editor would, compared with the whole expected text.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { LspClient, applyLspEdits, fileUri, ROOT } from './client.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
let client: LspClient;

before(async () => {
  client = await LspClient.start();
  client.settings = { regions: ['eu-west-1'] };
});
after(async () => {
  await client.stop();
});

function editsOf(action: CodeAction, uri: string, version: number): TextEdit[] {
  const changes = action.edit?.documentChanges;
  assert.ok(changes?.length === 1, 'one versioned document change');
  const change = changes[0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
  assert.deepEqual(change.textDocument, { uri, version });
  return change.edits;
}

test('the quick fix of a diagnostic, found through its data, gives the expected text', async () => {
  const uri = fileUri('test/lsp/quickfix.yaml');
  client.open(uri, EXAMPLE);
  const { diagnostics } = await client.waitFor(uri);
  const diagnostic = diagnostics.find((d) => d.code === 'VPCE1002') as Diagnostic;
  // The message is not what the server reads: blank it to prove it.
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [{ ...diagnostic, message: '' }] } });
  // The fix, then the ignore action every finding has (no project file here, and this client creates none).
  assert.deepEqual(actions.map((a) => a.title), ['Rename VpcEndpointTyp to VpcEndpointType', 'Ignore VPCE1002 for S3Endpoint']);
  const [action, ignore] = actions;
  assert.equal(ignore!.isPreferred, undefined);
  assert.match(applyLspEdits(EXAMPLE, editsOf(ignore!, uri, 1)), /      RouteTableIds: \[!Ref PrivateRouteTable\]\n    Metadata:\n      vpce-lens:\n        ignore:\n          - VPCE1002\n/);
  assert.equal(action!.title, 'Rename VpcEndpointTyp to VpcEndpointType');
  assert.equal(action!.kind, 'quickfix');
  assert.equal(action!.isPreferred, true);
  const fixed = applyLspEdits(EXAMPLE, editsOf(action!, uri, 1));
  assert.equal(fixed, EXAMPLE.replace('VpcEndpointTyp: Gateway', 'VpcEndpointType: Gateway'));
  client.close(uri);
});

// Its own template, so that changes to the examples do not move the expected text.
const MISTAKES = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Vpc:',
  '    Type: AWS::EC2::VPC',
  '    Properties:',
  '      CidrBlock: 10.0.0.0/16   # EnableDnsHostnames is not set',
  '  Sqs:',
  '    Type: AWS::EC2::VPCEndpoint',
  '    Properties:',
  '      VpcId: !Ref Vpc',
  '      ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs',
  '      SubnetIds: [subnet-0a1b2c3d]',
  '  Ssm:',
  '    Type: AWS::EC2::VPCEndpoint',
  '    Properties:',
  '      VpcId: !Ref Vpc',
  '      ServiceName: "com.amazonaws.us-east-1.ssm"',
  '      VpcEndpointType: Interface',
  '      PrivateDnsEnabled: true',
  '      SubnetIds: [subnet-0a1b2c3d]',
  '',
].join('\n');

test('fix all (source.fixAll, source.fixAll.vpce-lens, source) applies every preferred fix', async () => {
  const uri = fileUri('test/lsp/fixall.yaml');
  client.open(uri, MISTAKES);
  const { diagnostics } = await client.waitFor(uri);
  assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['VPCE2001', 'VPCE3001', 'VPCE5001']);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const expected = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties:',
    '      CidrBlock: 10.0.0.0/16   # EnableDnsHostnames is not set',
    '      EnableDnsHostnames: true',
    '  Sqs:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: !Ref Vpc',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs',
    '      SubnetIds: [subnet-0a1b2c3d]',
    // The whole conversion: type, a group admitting HTTPS from the VPC, private DNS (SQS has it).
    '      VpcEndpointType: Interface',
    '      SecurityGroupIds: [!Ref SqsSecurityGroup]',
    '      PrivateDnsEnabled: true',
    '  Ssm:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: !Ref Vpc',
    '      ServiceName: !Sub "com.amazonaws.${AWS::Region}.ssm"',
    '      VpcEndpointType: Interface',
    '      PrivateDnsEnabled: true',
    '      SubnetIds: [subnet-0a1b2c3d]',
    '  SqsSecurityGroup:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: HTTPS from the VPC to Sqs',
    '      VpcId: !Ref Vpc',
    '      SecurityGroupIngress:',
    '        - IpProtocol: tcp',
    '          FromPort: 443',
    '          ToPort: 443',
    '          CidrIp: !GetAtt Vpc.CidrBlock',
    '',
  ].join('\n');
  for (const only of [['source.fixAll'], ['source.fixAll.vpce-lens'], ['source']]) {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only } });
    assert.equal(actions.length, 1, `one action for ${only}`);
    assert.equal(actions[0]!.kind, 'source.fixAll.vpce-lens');
    assert.equal(applyLspEdits(MISTAKES, editsOf(actions[0]!, uri, 1)), expected);
  }
  // Asked for quick fixes only: no fix-all.
  const quick = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['quickfix'] } });
  assert.deepEqual(quick, []);
  client.close(uri);
});

test('a diagnostic of an older version gets no fix once the text has moved', async () => {
  const uri = fileUri('test/lsp/stale-fix.yaml');
  client.open(uri, EXAMPLE);
  const { diagnostics } = await client.waitFor(uri);
  const old = diagnostics.find((d) => d.code === 'VPCE1002') as Diagnostic;
  const v = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a new first line\n' }]);
  const moved = (await client.waitFor(uri, (p) => p.version === v)).diagnostics.find((d) => d.code === 'VPCE1002') as Diagnostic;
  const ask = (d: Diagnostic) => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  assert.deepEqual(await ask(old), []);
  assert.deepEqual((await ask(moved)).map((a) => a.title), ['Rename VpcEndpointTyp to VpcEndpointType', 'Ignore VPCE1002 for S3Endpoint']);
  client.close(uri);
});
