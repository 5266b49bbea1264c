// Completion inside an endpoint policy written as the pieces of Fn::Join, over a real connection: the
// quoted piece under the cursor is typed in, the pieces around it (a delimiter, a !Ref) are read as the
// JSON they make, and no edit reaches outside the cursor's piece.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, Hover, MarkupContent, TextEdit } from 'vscode-languageserver/node';
import { LspClient, applyLspEdits, completeAt as complete, fileUri, positionAt } from './client.js';

let client: LspClient;
let n = 0;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

const completeAt = (marked: string, name: string, language: string) => complete(client, marked, fileUri(`test/lsp/join-${++n}-${name}`), language, '¦');

const apply = (text: string, item: CompletionItem) => applyLspEdits(text, [item.textEdit as TextEdit]);

const YAML = (join: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Bucket:
    Type: String
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [!Ref Rt]
      PolicyDocument: !Join
        - ""
        - ${join}
`;

test('YAML !Join: an action typed in a single-quoted piece is completed from the endpoint service, the edit stays in the piece', async () => {
  const { text, items } = await completeAt(
    YAML(`['{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetOb¦", "Resource": "arn:aws:s3:::', !Ref Bucket, '/*"}]}']`),
    'a.yaml',
    'yaml',
  );
  const get = items.find((i) => i.label === 's3:GetObject');
  assert.ok(get, JSON.stringify(items.slice(0, 5).map((i) => i.label)));
  assert.ok(items.every((i) => i.label.startsWith('s3:')));
  assert.ok(apply(text, get).includes(`"Action": "s3:GetObject", "Resource": "arn:aws:s3:::', !Ref Bucket,`));
});

test('YAML !Join: a condition key in the piece after a !Ref, read through the pieces before it', async () => {
  const { text, items } = await completeAt(
    YAML(`['{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::', !Ref Bucket, '/*", "Condition": {"StringEquals": {"aws:SourceV¦": "vpce-1a2b3c4d"}}}]}']`),
    'k.yaml',
    'yaml',
  );
  const vpce = items.find((i) => i.label === 'aws:SourceVpce');
  assert.ok(vpce, JSON.stringify(items.slice(0, 5).map((i) => i.label)));
  assert.ok(apply(text, vpce).includes(`'/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}'`));
});

test('JSON Fn::Join: pieces are JSON strings; the completion is escaped as the piece needs', async () => {
  const marked = `{
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "Queue": {
      "Type": "AWS::EC2::VPCEndpoint",
      "Properties": {
        "VpcId": {"Ref": "Vpc"},
        "ServiceName": {"Fn::Sub": "com.amazonaws.\${AWS::Region}.sqs"},
        "VpcEndpointType": "Interface",
        "PolicyDocument": {"Fn::Join": ["", ["{\\"Statement\\": [{\\"Effect\\": \\"¦", "\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"sqs:SendMessage\\", \\"Resource\\": \\"", {"Fn::GetAtt": ["Q", "Arn"]}, "\\"}]}"]]}
      }
    }
  }
}
`;
  const { text, items } = await completeAt(marked, 't.json', 'json');
  assert.deepEqual(items.map((i) => i.label), ['Allow', 'Deny']);
  assert.ok(apply(text, items[1]!).includes('["{\\"Statement\\": [{\\"Effect\\": \\"Deny", "\\", \\"Principal'));
});

test('a name that runs across pieces (s3: then a !Ref then Get) is not completed: no edit may reach into another piece', async () => {
  const { items } = await completeAt(
    YAML(`['{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:', !Ref Bucket, 'Get¦", "Resource": "*"}]}']`),
    'x.yaml',
    'yaml',
  );
  assert.deepEqual(items, []);
});

test('hover on an action inside a !Join piece describes it, over the action\'s own characters', async () => {
  const marked = YAML(`['{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetOb¦ject", "Resource": "arn:aws:s3:::', !Ref Bucket, '/*"}]}']`);
  const offset = marked.indexOf('¦');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const uri = fileUri(`test/lsp/join-${++n}-hover.yaml`);
  client.open(uri, text, 'yaml');
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });
  client.close(uri);
  assert.ok(hover, 'a hover');
  assert.match((hover.contents as MarkupContent).value, /`s3:GetObject` — Read/);
  const start = text.indexOf('s3:GetObject');
  assert.deepEqual(hover.range, { start: positionAt(text, start), end: positionAt(text, start + 's3:GetObject'.length) });
});
