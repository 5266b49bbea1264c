// `{add|set, value}`: VPCE5003 and VPCE8002 on a resource's Properties; the policy rules' shapes on
// the mapping the finding is on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/core/fixes/index.js';
import { addOrSet } from '../../../server/src/core/fixes/families/add-or-set.js';
import { fixSource } from '../../../server/src/core/fixes/index.js';
import type { Finding } from '../../../server/src/core/findings.js';
import { fixed, lines } from './helpers.js';

test('VPCE5003: PrivateDnsEnabled: true is added (not preferred: it changes where clients go)', () => {
  const before = lines(
    'Resources:',
    '  Monitoring:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-1',
    "      ServiceName: !Sub 'com.amazonaws.${AWS::Region}.monitoring'",
    '      VpcEndpointType: Interface',
    '      SubnetIds:',
    '        - subnet-1',
  );
  const { text, fix } = fixed(before, 'VPCE5003');
  assert.equal(fix.title, 'Add PrivateDnsEnabled: true');
  assert.equal(fix.isPreferred, false);
  assert.equal(text, before + '      PrivateDnsEnabled: true\n');
});

test('VPCE5005: PrivateDnsEnabled is set to false in place, its comment kept (preferred: the endpoint cannot be created otherwise)', () => {
  const before = lines(
    'Resources:',
    '  DynamoDb:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-1',
    "      ServiceName: !Sub 'com.amazonaws.${AWS::Region}.dynamodb'",
    '      VpcEndpointType: Interface',
    '      PrivateDnsEnabled: true  # as on the other endpoints',
    '      SubnetIds:',
    '        - subnet-1',
  );
  const { text, fix } = fixed(before, 'VPCE5005');
  assert.equal(fix.title, 'Set PrivateDnsEnabled to false');
  assert.equal(fix.isPreferred, true);
  assert.equal(text, before.replace('PrivateDnsEnabled: true  #', 'PrivateDnsEnabled: false  #'));
});

const service = (acceptance: string) =>
  lines(
    'Resources:',
    '  Service:',
    '    Type: AWS::EC2::VPCEndpointService',
    '    Properties:',
    '      NetworkLoadBalancerArns: [!Ref Nlb]',
    ...(acceptance ? [`      ${acceptance}`] : []),
    '  Nlb:',
    '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer',
  );

test('VPCE8002: AcceptanceRequired is added, or set from false to true', () => {
  assert.equal(fixed(service(''), 'VPCE8002').text, service('AcceptanceRequired: true'));
  const set = fixed(service('AcceptanceRequired: false  # for now'), 'VPCE8002');
  assert.equal(set.fix.title, 'Set AcceptanceRequired to true');
  assert.equal(set.text, service('AcceptanceRequired: true  # for now'));
});

// The data shape the endpoint-policy rules VPCE9003/VPCE9004 write.
function policyFix(text: string, at: string, data: { member: string; value: string; exists: boolean }): string {
  const start = text.indexOf(at);
  const finding: Finding = { ruleId: 'VPCE9999', severity: 'warning', message: '', start, end: start + at.length, data };
  const [fix] = addOrSet('enclosing-map')({ ...fixSource(text), finding, data });
  assert.ok(fix, 'a fix');
  return applyEdits(text, fix.edits);
}

test('policy shapes: Principal added to the statement the finding is on, Version to the policy root (JSON)', () => {
  const policy = lines('{', '  "Statement": [', '    {', '      "Effect": "Allow",', '      "Action": "s3:GetObject",', '      "Resource": "*"', '    }', '  ]', '}');
  assert.equal(policyFix(policy, '"Effect"', { member: 'Principal', value: '*', exists: false }), policy.replace('      "Effect"', '      "Principal": "*",\n      "Effect"'));
  assert.equal(policyFix(policy, '"Statement"', { member: 'Version', value: '2012-10-17', exists: false }), policy.replace('  "Statement"', '  "Version": "2012-10-17",\n  "Statement"'));
});

test('policy shapes in YAML: a statement in a block sequence item', () => {
  const policy = lines('Statement:', '  - Effect: Allow', '    Action: s3:GetObject', "    Resource: '*'");
  assert.equal(policyFix(policy, 'Effect', { member: 'Principal', value: '*', exists: false }), policy + "    Principal: '*'\n");
  assert.equal(policyFix(policy, 'Statement', { member: 'Version', value: '2012-10-17', exists: false }), lines(...policy.trimEnd().split('\n'), "Version: '2012-10-17'"));
});
