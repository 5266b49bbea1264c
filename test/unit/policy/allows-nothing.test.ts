// An endpoint policy that allows nothing (VPCE9016) and the trace through its endpoint give one answer:
// the rule warns and the trace says blocked by the policy, naming the statements. And the policy
// language: under Version 2008-10-17 (or none) a policy variable is literal text, under 2012-10-17 a
// variable; the trace reads it as VPCE9003 does.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { traceNetwork, traceText } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const rule = (name: string) => readFileSync(join(FIXTURES, 'rules', 'VPCE9016', name), 'utf8');

before(() => ensureTerraformParser());

function trace(text: string, from: string, to: string, action?: string): TraceResult {
  const a = traceText(text, from, to, { action });
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.result;
}

const policyHop = (r: TraceResult) => r.hops.find((h) => h.kind === 'endpoint policy');

test('a policy of Deny statements only: VPCE9016 warns and the trace is blocked by the policy, naming the statements', () => {
  const text = rule('bad.yaml');
  const found = lintTemplate(text, { regions: [] }).findings.filter((f) => f.ruleId === 'VPCE9016');
  assert.equal(found.length, 1);
  for (const action of [undefined, 's3:GetObject', 's3:DeleteObject']) {
    const r = trace(text, 'PrivateSubnet', 's3', action);
    assert.equal(r.verdict, 'blocked', `${action}: ${r.summary}`);
    assert.equal(r.policy, 'denied');
    assert.equal(policyHop(r)!.decision, 'block');
    assert.match(policyHop(r)!.reason, /allows nothing: every statement is Deny \(statement NoDeletes, statement 2\)/);
    assert.equal(r.hops[r.decidingHop!], policyHop(r));
  }
});

// A policy next to the all-Deny one but with one Allow: the rule is silent and the trace is not blocked.
const WITH_ALLOW = rule('bad.yaml').replace('          - Sid: NoDeletes', '          - Effect: Allow\n            Principal: "*"\n            Action: s3:GetObject\n            Resource: "*"\n          - Sid: NoDeletes');

test('one Allow is enough: no VPCE9016, and the trace is restricted, allowed or denied by action', () => {
  assert.deepEqual(lintTemplate(WITH_ALLOW, { regions: [] }).findings.filter((f) => f.ruleId === 'VPCE9016'), []);
  assert.equal(trace(WITH_ALLOW, 'PrivateSubnet', 's3').policy, 'restricted');
  assert.equal(trace(WITH_ALLOW, 'PrivateSubnet', 's3', 's3:GetObject').verdict, 'private');
  const deleted = trace(WITH_ALLOW, 'PrivateSubnet', 's3', 's3:DeleteObject');
  assert.equal(deleted.verdict, 'blocked');
  assert.match(policyHop(deleted)!.reason, /Deny statement NoDeletes matches s3:DeleteObject/);
});

test('an Allow on aws:SourceIp or with NotAction "*" never matches through an endpoint; NotIpAddress does', () => {
  const text = rule('bad-dead-allow.yaml').replace('VpcId: vpc-0123456789abcdef0', 'VpcId: !Ref Vpc').replace('SubnetIds: [subnet-0123456789abcdef0]', 'SubnetIds: [!Ref Subnet]\n      PrivateDnsEnabled: true') +
    '  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n      EnableDnsSupport: true\n      EnableDnsHostnames: true\n' +
    '  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.1.0/24\n';
  const r = trace(text, 'Subnet', 'ssm', 'ssm:GetParameter');
  assert.equal(r.policy, 'denied', r.summary);
  assert.match(policyHop(r)!.reason, /statement OfficeOnly can never match \(aws:SourceIp is absent/);
  const negated = text.replace('"IpAddress"', '"NotIpAddress"');
  assert.deepEqual(lintTemplate(negated, { regions: [] }).findings.filter((f) => f.ruleId === 'VPCE9016'), []);
  assert.notEqual(trace(negated, 'Subnet', 'ssm', 'ssm:GetParameter').policy, 'denied');
});

test('Terraform: the same rule and the same blocked trace, naming the statement', () => {
  const text = readFileSync(join(FIXTURES, 'tf', 'rules', 'VPCE9016', 'bad.tf'), 'utf8');
  const { analysis } = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } });
  assert.deepEqual(analysis.findings.filter((f) => f.ruleId === 'VPCE9016').map((f) => f.resource), ['aws_vpc_endpoint.s3', 'aws_vpc_endpoint.dynamodb']);
  for (const [to, named] of [['s3', /statement NoDeletes/], ['dynamodb', /statement 1 can never match \(aws:SourceIp/]] as const) {
    const a = traceNetwork(analysis.network()!, 'aws_subnet.a', to);
    assert.ok(a.ok);
    assert.equal(a.result.verdict, 'blocked', a.result.summary);
    assert.match(policyHop(a.result)!.reason, named);
  }
});

// The policy language decides what ${aws:SourceVpc} and ${aws:username} are.
function languageTemplate(version: string | undefined, statements: string): string {
  return `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Routes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Association:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Subnet
      RouteTableId: !Ref Routes
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [!Ref Routes]
      PolicyDocument:
${version ? `        Version: '${version}'\n` : ''}        Statement:
${statements}`;
}

const SAME_VPC = `          - Effect: Allow
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition:
              StringEquals:
                aws:SourceVpc: '\${aws:SourceVpc}'
`;

test('2008-10-17 (or no Version): ${aws:SourceVpc} is literal text, the Allow never matches; 2012-10-17: a variable, unknown', () => {
  for (const version of ['2008-10-17', undefined]) {
    const text = languageTemplate(version, SAME_VPC);
    const r = trace(text, 'Subnet', 's3', 's3:GetObject');
    assert.equal(r.verdict, 'blocked', `${version}: ${r.summary}`);
    assert.match(policyHop(r)!.reason, /under Version 2008-10-17 \$\{aws:SourceVpc\} is literal text/);
    const ids = lintTemplate(text, { regions: [] }).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('VPCE9003') && ids.includes('VPCE9016'), ids.join(', '));
  }
  const modern = languageTemplate('2012-10-17', SAME_VPC);
  const r = trace(modern, 'Subnet', 's3', 's3:GetObject');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.equal(r.policy, 'unknown');
  const ids = lintTemplate(modern, { regions: [] }).findings.map((f) => f.ruleId);
  assert.ok(!ids.includes('VPCE9003') && !ids.includes('VPCE9016'), ids.join(', '));
});

// A Deny whose Action holds a variable: literal text under 2008 (it names no real action), unknown under 2012.
const VARIABLE_DENY = `          - Effect: Allow
            Principal: '*'
            Action: 's3:GetObject'
            Resource: '*'
          - Effect: Deny
            Principal: '*'
            Action: 's3:\${aws:username}'
            Resource: '*'
`;

test('a variable in an Action is matched literally under 2008-10-17 and is unknown under 2012-10-17', () => {
  const old = trace(languageTemplate('2008-10-17', VARIABLE_DENY), 'Subnet', 's3', 's3:GetObject');
  assert.equal(old.verdict, 'private', old.summary);
  assert.equal(old.policy, 'allowed');
  const modern = trace(languageTemplate('2012-10-17', VARIABLE_DENY), 'Subnet', 's3', 's3:GetObject');
  assert.equal(modern.policy, 'unknown', modern.summary);
  // The literal text matches itself: a request for that very action name is denied.
  const literal = trace(languageTemplate('2008-10-17', VARIABLE_DENY.replace("Action: 's3:GetObject'", "Action: 's3:*'")), 'Subnet', 's3', 's3:${aws:username}');
  assert.equal(literal.policy, 'denied', literal.summary);
});

test('a Version computed at deploy time leaves a variable undecided', () => {
  const text = languageTemplate(undefined, SAME_VPC).replace('        Statement:', '        Version: !Ref PolicyVersion\n        Statement:').replace('Resources:', 'Parameters:\n  PolicyVersion:\n    Type: String\nResources:');
  const r = trace(text, 'Subnet', 's3', 's3:GetObject');
  assert.equal(r.policy, 'unknown', r.summary);
  assert.deepEqual(lintTemplate(text, { regions: [] }).findings.filter((f) => f.ruleId === 'VPCE9016'), []);
});

// A request through an S3 endpoint is an S3 action: a statement of another service's actions (or of a
// misspelt prefix) never matches one, as VPCE9006 says of each action. S3 Object Lambda's prefix is not judged.
const ALLOW = (actions: string) => `          - Effect: Allow
            Principal: '*'
            Action: [${actions}]
            Resource: '*'
`;

test('an Allow of only other services\' actions (or a misspelt prefix) never matches: VPCE9016 and the trace agree; one own action, a wildcard prefix or s3-object-lambda keeps it', () => {
  for (const actions of ["'dynamodb:GetItem'", "'dynamodb:*', 'sqs:SendMessage'", "'s4:GetObject'", "'S3x:GetObject'"]) {
    const text = languageTemplate('2012-10-17', ALLOW(actions));
    const found = lintTemplate(text, { regions: [] }).findings.filter((f) => f.ruleId === 'VPCE9016');
    assert.equal(found.length, 1, actions);
    assert.match(found[0]!.message, /statement 1 can never match \(its actions are .* actions, and requests through an endpoint of s3 are s3 actions\)/);
    const r = trace(text, 'Subnet', 's3');
    assert.equal(r.verdict, 'blocked', `${actions}: ${r.summary}`);
    assert.equal(r.policy, 'denied');
  }
  for (const actions of ["'dynamodb:GetItem', 's3:GetObject'", "'S3:GetObject'", "'s*:GetObject'", "'*'", "'s3-object-lambda:GetObject'", "'dynamodb:GetItem', '\${AWS::StackName}:Get'"]) {
    const text = languageTemplate('2012-10-17', ALLOW(actions));
    assert.deepEqual(lintTemplate(text, { regions: [] }).findings.filter((f) => f.ruleId === 'VPCE9016'), [], actions);
    assert.notEqual(trace(text, 'Subnet', 's3').policy, 'denied', actions);
  }
  // A second statement that may match is enough.
  const two = languageTemplate('2012-10-17', ALLOW("'dynamodb:GetItem'") + ALLOW("'s3:GetObject'"));
  assert.deepEqual(lintTemplate(two, { regions: [] }).findings.filter((f) => f.ruleId === 'VPCE9016'), []);
});
