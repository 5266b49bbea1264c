// Adversarial truth audit of the CloudFormation path (2026-12-02): small templates modelled on public
// patterns (Landing Zone prefix lists and VPN propagation, split default routes, CDK/SAM security
// groups, templates for both partitions, region-guarded resources), each once answered falsely. Every
// test fails on the code before its fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceText } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { lintTemplate } from '../../../server/src/core/engine.js';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', 'audit', name), 'utf8');

function run(text: string, from: string, to: string): TraceResult {
  const answer = traceText(text, from, to);
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  return answer.result;
}

const routeHop = (r: TraceResult) => r.hops.find((h) => h.kind === 'route');
const ids = (text: string, regions: string[], id: string) => lintTemplate(text, { regions }).findings.filter((f) => f.ruleId === id).map((f) => f.message.split(':')[0]);

// https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html: longest prefix match first,
// whatever the route's kind; propagated routes lose only to a static route of the same destination.
test('a route to a prefix list (pl-…, entries not in the template) may carry s3 or an on-premises range: unknown naming it, not "no route"', () => {
  const text = fixture('partial-routes.yaml');
  for (const to of ['s3', 'internet', '10.50.0.0/16']) {
    const r = run(text, 'SubPL', to);
    assert.equal(r.verdict, 'unknown', `${to}: ${r.summary}`);
    assert.equal(routeHop(r)?.resource, 'PLRoute', `${to}: ${r.summary}`);
    assert.match(routeHop(r)!.reason, /pl-63a5400a/);
  }
});

test('split default routes (0.0.0.0/1 and 128.0.0.0/1) to one internet gateway carry the internet and public services', () => {
  const text = fixture('partial-routes.yaml');
  for (const to of ['internet', 's3', 'ssm']) {
    const r = run(text, 'SubSplit', to);
    assert.equal(r.verdict, 'public', `${to}: ${r.summary}`);
    assert.equal(r.hops.at(-1)?.resource, 'IGW', `${to}: ${r.summary}`);
  }
});

test('split default routes to different targets: which one carries a public service is unknown', () => {
  const text = fixture('partial-routes.yaml').replace('Properties: {RouteTableId: !Ref RTSplit, DestinationCidrBlock: 128.0.0.0/1, GatewayId: !Ref IGW}', 'Properties: {RouteTableId: !Ref RTSplit, DestinationCidrBlock: 128.0.0.0/1, TransitGatewayId: tgw-0123456789abcdef0}');
  assert.equal(run(text, 'SubSplit', 's3').verdict, 'unknown');
  assert.equal(run(text, 'SubSplit', 'internet').verdict, 'unknown');
});

test('a route to a public range (52.216.0.0/15) beside the S3 gateway endpoint may be more specific for some S3 addresses: s3 unknown naming it; the internet still goes by the default route', () => {
  const text = fixture('partial-routes.yaml');
  const r = run(text, 'SubSpecific', 's3');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.equal(routeHop(r)?.resource, 'S3Specific', r.summary);
  assert.equal(run(text, 'SubSpecific', 'internet').verdict, 'public');
  // A private range never holds S3's addresses: the gateway endpoint decides.
  const privateRange = text.replace('DestinationCidrBlock: 52.216.0.0/15', 'DestinationCidrBlock: 10.0.0.0/8');
  assert.equal(run(privateRange, 'SubSpecific', 's3').verdict, 'private');
});

test('a route table with VPN route propagation may hold any route the VPN learns (a default route too): unknown naming the propagation, not "no route"', () => {
  const text = fixture('partial-routes.yaml');
  for (const to of ['s3', 'internet', '192.168.10.0/24']) {
    const r = run(text, 'SubVgw', to);
    assert.equal(r.verdict, 'unknown', `${to}: ${r.summary}`);
    assert.equal(routeHop(r)?.resource, 'Prop', `${to}: ${r.summary}`);
  }
  // A static default route carries the internet at large; propagated routes lose to it on the same destination.
  const withDefault = text.replace('  S3Gw:', '  VgwDefault:\n    Type: AWS::EC2::Route\n    Properties: {RouteTableId: !Ref RTVgw, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: nat-0123456789abcdef0}\n  S3Gw:');
  assert.equal(routeHop(run(withDefault, 'SubVgw', 'internet'))?.resource, 'VgwDefault');
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html:
// "If you do not specify an egress rule, we add egress rules that allow IPv4 and IPv6 traffic on all
// ports and protocols to any destination. We do not add these rules if you specify your own egress rules."
test('SecurityGroupEgress: [] (or only AWS::NoValue) specifies no rule, so AWS keeps allow-all egress: the function reaches ssm', () => {
  const text = fixture('empty-egress.yaml');
  for (const from of ['FnEmpty', 'FnNoValue']) {
    const r = run(text, from, 'ssm');
    assert.equal(r.verdict, 'private', `${from}: ${r.summary}`);
    assert.equal(r.hops.find((h) => h.kind === 'security group egress')?.decision, 'pass', `${from}: ${r.summary}`);
  }
});

test('the default egress rules admit IPv6 too: an instance in an IPv6-only subnet reaches an ipv6 interface endpoint', () => {
  const r = run(fixture('empty-egress.yaml'), 'V6Host', 'sqs');
  assert.equal(r.verdict, 'private', r.summary);
});

// https://github.com/aws/aws-cdk/issues/11140: the China Regions name many services cn.com.amazonaws.<region>.<service>.
test('cn.com.amazonaws.<region>.ecr.dkr is the ECR endpoint in China: private DNS answers ecr.dkr; a name chosen by partition is one service', () => {
  const text = fixture('china-service-names.yaml');
  const ecr = run(text, 'SubnetA', 'ecr.dkr');
  assert.equal(ecr.verdict, 'private', ecr.summary);
  assert.equal(ecr.hops.find((h) => h.kind === 'DNS')?.resource, 'EcrDkr');
  assert.equal(run(text, 'SubnetA', 'ssm').verdict, 'private');
  assert.deepEqual(lintTemplate(text, { regions: ['cn-north-1'] }).findings.map((f) => f.ruleId), []);
});

test('an endpoint whose service is one of two others on every branch does not decide a third service\'s name', () => {
  const text = fixture('china-service-names.yaml').replace("!If [IsChina, !Sub 'cn.com.amazonaws.${AWS::Region}.ssm', !Sub 'com.amazonaws.${AWS::Region}.ssm']", "!If [IsChina, !Sub 'com.amazonaws.${AWS::Region}.ssmmessages', !Sub 'com.amazonaws.${AWS::Region}.ssm']");
  const r = run(text, 'SubnetA', 'sqs');
  assert.equal(r.verdict, 'blocked', r.summary);
  assert.notEqual(r.hops.find((h) => h.kind === 'DNS')?.resource, 'Ssm', r.summary);
});

test('a name hard-coding a region under a condition on AWS::Region or AWS::Partition is judged only where the condition can hold', () => {
  const text = fixture('region-conditions.yaml');
  // In eu-west-1, IsUsEast1 and IsChina are false: nothing hard-coded is deployed there.
  assert.deepEqual(ids(text, ['eu-west-1'], 'VPCE3001'), []);
  // In us-east-1, the us-east-1 names are right, and no other region deploys them; E3 is China's.
  assert.deepEqual(ids(text, ['us-east-1'], 'VPCE3001'), []);
  assert.deepEqual(ids(text, ['us-east-1'], 'VPCE3002'), []);
  // With no region configured, a cn-north-1 name still misses cn-northwest-1.
  assert.deepEqual(ids(text, [], 'VPCE3002'), ['E3']);
  // Without the condition the error stands.
  assert.deepEqual(ids(text.replace('    Condition: IsUsEast1\n', ''), ['eu-west-1'], 'VPCE3001'), ['E1']);
});

test('a second YAML document (PyYAML, and so CloudFormation, reads exactly one) gets a message in the author\'s terms, not the parser library\'s API', () => {
  const text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  VPC:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n---\nResources: {}\n";
  const [f] = lintTemplate(text).findings;
  assert.equal(f?.ruleId, 'VPCE0001');
  assert.match(f!.message, /one YAML document/);
  assert.doesNotMatch(f!.message, /parseAllDocuments/);
});

test('two subnets whose zones are two parameters\' defaults share a zone only while the deployment keeps them: VPCE6001 says so; one parameter twice is one zone whatever it is', () => {
  const text = fixture('zone-parameters.yaml');
  const [f] = lintTemplate(text, { regions: ['us-east-1'] }).findings.filter((x) => x.ruleId === 'VPCE6001');
  assert.match(f!.message, /with the defaults AZ1 us-east-1a and AZ2 us-east-1a/);
  const [same] = lintTemplate(text.replace('AvailabilityZone: !Ref AZ2}', 'AvailabilityZone: !Ref AZ1}'), { regions: ['us-east-1'] }).findings.filter((x) => x.ruleId === 'VPCE6001');
  assert.doesNotMatch(same!.message, /default/);
});

test('a subnet associated with another VPC\'s route table: EC2 refuses the association, so that table\'s gateway endpoint route is no answer (was private)', () => {
  const text = fixture('route-targets.yaml');
  const r = run(text, 'S4', 's3');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.equal(r.hops.find((h) => h.kind === 'route table')?.resource, 'RT1');
  // Routes to Cloud WAN, a carrier gateway or a NAT instance lead outside the template: unknown; the gateway endpoint still wins for s3.
  for (const from of ['S1', 'S2', 'S3s']) assert.equal(run(text, from, 'internet').verdict, 'unknown', from);
  assert.equal(run(text, 'S1', 's3').verdict, 'private');
});

test('endpoints under conditions that cannot hold together (IsUsEast1, and !Not [!Equals [!Ref AWS::Region, us-east-1]]) never coexist: no duplicate private DNS or gateway route', () => {
  const text = fixture('exclusive-conditions.yaml');
  const rules = (t: string) => lintTemplate(t, { regions: ['us-east-1'] }).findings.map((f) => `${f.ruleId} ${f.message.split(':')[0]}`);
  assert.deepEqual(rules(text), []);
  // Conditions on different values may hold together: the duplicates stand.
  const both = text.replace('D: {Type: AWS::EC2::VPCEndpoint, Condition: NotUsEast1,', 'D: {Type: AWS::EC2::VPCEndpoint, Condition: IsProd,').replace('G2: {Type: AWS::EC2::VPCEndpoint, Condition: NotUsEast1,', 'G2: {Type: AWS::EC2::VPCEndpoint, Condition: NotProd,');
  assert.deepEqual(rules(both), ['VPCE5002 D', 'VPCE7001 G2']);
});

test('an Elastic IP associated with an instance (AWS::EC2::EIP or EIPAssociation InstanceId) is its public address: out through the internet gateway, not dropped; under an undecided condition, unknown', () => {
  const text = fixture('elastic-ip.yaml');
  const bastion = run(text, 'Bastion', 'internet');
  assert.equal(bastion.verdict, 'public', bastion.summary);
  assert.equal(run(text, 'Other', 'internet').verdict, 'unknown');
  assert.equal(run(text, 'Plain', 'internet').verdict, 'blocked');
});

test('a NAT gateway in a subnet of an existing VPC without a route table association uses that VPC\'s main route table, which the template does not show: unknown, not blocked', () => {
  const r = run(fixture('elastic-ip.yaml'), 'OldPrivate', 'internet');
  assert.equal(r.verdict, 'unknown', r.summary);
});

test('the VPC\'s default security group (no SecurityGroupIds, or !GetAtt VPC.DefaultSecurityGroup) with a rule the template adds: what that rule admits passes (rules only allow); anything else unknown, never "VPC is not defined" or "admits only its own members" as a fact', () => {
  const text = fixture('default-security-group.yaml');
  for (const to of ['ssm', 'sqs']) {
    // DefIn admits TCP 443 from 10.0.0.0/16, which holds S1 (real-cfn6: the rule was not read before).
    const r = run(text, 'S1', to);
    assert.equal(r.verdict, 'private', r.summary);
    assert.equal(r.hops.find((h) => h.kind === 'endpoint security group in')!.reason, 'the default security group of VPC allows inbound TCP 443');
    const narrow = run(text.replace('CidrIp: 10.0.0.0/16}', 'CidrIp: 10.0.2.0/24}'), 'S1', to);
    assert.equal(narrow.verdict, 'unknown', narrow.summary);
    const hop = narrow.hops.find((h) => h.kind === 'endpoint security group in')!;
    assert.doesNotMatch(hop.reason, /is not defined in this template|, which admits only its own members/, hop.reason);
    assert.match(hop.reason, /default security group/);
  }
});
