// A member a statement lacks (Principal, Effect, Action/NotAction) is reported on the statement's opening
// brace, not on whichever key the statement happens to start with: a squiggle on "Effect" reads as
// "Effect is wrong".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument } from '../../../server/src/core/engine.js';

function at(text: string, ruleId: string): string[] {
  return lintDocument(text, { fileName: 'bucket-endpoint-policy.json' }).findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.start}:${text.slice(f.start, f.end)}`);
}


test('a statement without Principal: VPCE9004 on its opening brace', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}\n';
  assert.deepEqual(at(text, 'VPCE9004'), [`${text.indexOf('{', text.indexOf('['))}:{`]);
});

test('a statement without Effect or Action: VPCE9002 on that statement\'s opening brace, one finding each', () => {
  const text = '{"Version":"2012-10-17","Statement":[{"Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Principal":"*","Resource":"*"}]}';
  const first = text.indexOf('{"Principal"');
  const second = text.indexOf('{"Effect"');
  assert.deepEqual(at(text, 'VPCE9002').sort(), [`${first}:{`, `${second}:{`].sort());
  const messages = lintDocument(text, { fileName: 'bucket-endpoint-policy.json' }).findings.filter((f) => f.ruleId === 'VPCE9002').map((f) => f.message);
  assert.ok(messages.some((m) => m.includes('missing required property Effect')), messages.join('\n'));
  assert.ok(messages.some((m) => m.includes('neither Action nor NotAction')), messages.join('\n'));
});

test('a block-YAML statement has no brace: the finding is on its first line', () => {
  const text = 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\n';
  const findings = lintDocument(`Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.s3\n      PolicyDocument:\n${text.replace(/^/gm, '        ')}`).findings;
  const template = `Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.s3\n      PolicyDocument:\n${text.replace(/^/gm, '        ')}`;
  const principal = findings.find((f) => f.ruleId === 'VPCE9004');
  assert.ok(principal, 'no VPCE9004');
  assert.equal(principal.start, template.indexOf('- Effect') + 2);
});
