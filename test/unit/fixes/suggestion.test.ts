// `{property, suggestion}` renames a key (VPCE1002); `{suggestion}` replaces a value (VPCE1003,
// VPCE2003, VPCE8003) or a part of a string (the policy rules' misspelt actions).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixSource } from '../../../server/src/core/fixes/index.js';
import { replaceWithSuggestion } from '../../../server/src/core/fixes/families/suggestion.js';
import type { Finding } from '../../../server/src/core/findings.js';
import { fixed, lines } from './helpers.js';

const endpoint = (props: string[]) => lines('Resources:', '  S3:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', ...props.map((p) => '      ' + p));

test('VPCE1002: the misspelt key is renamed; its value and comment stay (YAML, JSON)', () => {
  const yaml = (key: string) => endpoint(['VpcId: vpc-1', 'ServiceName: !Sub com.amazonaws.${AWS::Region}.s3', `${key}: Gateway   # typo`, 'RouteTableIds: [rtb-1]']);
  const { text, fix } = fixed(yaml('VpcEndpointTyp'), 'VPCE1002');
  assert.equal(fix.title, 'Rename VpcEndpointTyp to VpcEndpointType');
  assert.equal(text, yaml('VpcEndpointType'));
  const json = (key: string) => `{"Resources": {"S3": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": "vpc-1", "${key}": "Gateway", "ServiceName": {"Fn::Sub": "com.amazonaws.\${AWS::Region}.s3"}, "RouteTableIds": ["rtb-1"]}}}}\n`;
  assert.equal(fixed(json('VpcEndpointTyp'), 'VPCE1002').text, json('VpcEndpointType'));
});

test('VPCE1003: an enum value is replaced by the nearest allowed one, in a flow mapping too', () => {
  const before = lines('Resources:', '  S3:', '    Type: AWS::EC2::VPCEndpoint', "    Properties: {VpcId: vpc-1, ServiceName: !Sub 'com.amazonaws.${AWS::Region}.sqs', VpcEndpointType: Interfase, SubnetIds: [subnet-1]}");
  assert.equal(fixed(before, 'VPCE1003').text, before.replace('Interfase', 'Interface'));
});

test('VPCE2003: the service name inside !Sub is replaced, tag and quotes kept', () => {
  const yaml = (name: string) => endpoint(['VpcId: vpc-1', `ServiceName: !Sub "${name}"`, 'VpcEndpointType: Interface', 'SubnetIds: [subnet-1]']);
  const { text, fix } = fixed(yaml('com.amazonaws.${AWS::Region}.notebook'), 'VPCE2003');
  assert.equal(fix.isPreferred, false);
  assert.equal(text, yaml('aws.sagemaker.${AWS::Region}.notebook'));
});

test('VPCE8003: a bare account id becomes a root ARN, made a !Sub for its ${AWS::Partition}', () => {
  const perms = (item: string) => lines('Resources:', '  Perms:', '    Type: AWS::EC2::VPCEndpointServicePermissions', '    Properties:', '      ServiceId: vpce-svc-0123456789abcdef0', '      AllowedPrincipals:', `        - ${item}   # partner`);
  assert.equal(fixed(perms("'123456789012'"), 'VPCE8003').text, perms("!Sub 'arn:${AWS::Partition}:iam::123456789012:root'"));
});

test('policy shape: a suggestion for a part of a JSON string replaces just that part', () => {
  const policy = '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObjekt", "s3:PutObject"], "Resource": "*"}]}\n';
  const start = policy.indexOf('GetObjekt');
  const finding: Finding = { ruleId: 'VPCE9999', severity: 'error', message: '', start, end: start + 'GetObjekt'.length, data: { suggestion: 'GetObject' } };
  const [fix] = replaceWithSuggestion({ ...fixSource(policy), finding, data: { suggestion: 'GetObject' } });
  assert.ok(fix);
  assert.equal(applyEdits(policy, fix.edits), policy.replace('GetObjekt', 'GetObject'));
  // The whole string as the range: the whole content is replaced, quotes kept; no Fn::Sub in a policy file.
  const whole = policy.indexOf('"s3:GetObjekt"');
  const f2: Finding = { ...finding, start: whole, end: whole + '"s3:GetObjekt"'.length, data: { suggestion: 's3:GetObject' } };
  const [fix2] = replaceWithSuggestion({ ...fixSource(policy), finding: f2, data: { suggestion: 's3:GetObject' } });
  assert.equal(applyEdits(policy, fix2!.edits), policy.replace('GetObjekt', 'GetObject'));
});
