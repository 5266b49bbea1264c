// Endpoint-policy findings through the generic shapes: Version and Principal added to the mapping the
// finding is on, a misspelt action replaced inside a policy object or a policy written as a string.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixesFor } from '../../../server/src/core/fixes/index.js';
import { fixed, lines, onlyFinding } from './helpers.js';

const endpoint = (...policy: string[]) =>
  lines(
    'Resources:',
    '  S3:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-1',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3',
    '      VpcEndpointType: Gateway',
    '      RouteTableIds: [rtb-1]',
    ...policy,
  );

const statement = (action: string, principal = true) => [
  '      PolicyDocument:',
  "        Version: '2012-10-17'",
  '        Statement:',
  '          - Effect: Allow   # read only',
  ...(principal ? ["            Principal: '*'"] : []),
  `            Action: ${action}`,
  "            Resource: '*'",
];

test('VPCE9003: Version goes into the policy itself', () => {
  const before = endpoint('      PolicyDocument:', '        Statement:', "          - {Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: '*'}");
  const { text } = fixed(before, 'VPCE9003');
  assert.equal(text, before + "        Version: '2012-10-17'\n");
});

test('VPCE9004: Principal goes into the statement (not preferred: it decides who may use the endpoint)', () => {
  const { text, fix } = fixed(endpoint(...statement('s3:GetObject', false)), 'VPCE9004');
  assert.equal(fix.isPreferred, false);
  assert.equal(text, endpoint(...statement('s3:GetObject', false), "            Principal: '*'"));
});

test('VPCE9005: a misspelt action is replaced, in a policy object and inside a JSON string', () => {
  assert.equal(fixed(endpoint(...statement('s3:GetObjekt')), 'VPCE9005').text, endpoint(...statement('s3:GetObject')));
  const asString = (action: string) => endpoint(`      PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "${action}", "Resource": "*"}]}'`);
  assert.equal(fixed(asString('s3:GetObjekt'), 'VPCE9005').text, asString('s3:GetObject'));
});

test('a policy written as a string: Version goes before its Statement key, Principal before the statement\'s first key', () => {
  const text = endpoint('      PolicyDocument: |', '        {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}');
  const [version] = fixesFor(text, onlyFinding(text, 'VPCE9003'));
  assert.equal(applyEdits(text, version!.edits), text.replace('{"Statement"', '{"Version": "2012-10-17", "Statement"'));
  const [principal] = fixesFor(text, onlyFinding(text, 'VPCE9004'));
  assert.equal(applyEdits(text, principal!.edits), text.replace('[{"Effect"', '[{"Principal": "*", "Effect"'));
});
