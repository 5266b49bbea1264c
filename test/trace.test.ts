// Path-trace verdicts on the classic VPC endpoint layouts (test/fixtures/trace/*.yaml), each checked
// against the AWS rule it rests on (cited in server/src/core/trace and network).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceMatrix, traceText } from '../server/src/core/trace/api.js';
import type { TraceResult } from '../server/src/core/trace/types.js';
import { lintTemplate } from '../server/src/core/engine.js';
import { runTrace } from '../server/src/cli/trace-command.js';
import { traceModel } from '../server/src/core/trace/path.js';
import { parseTarget } from '../server/src/core/trace/targets.js';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'trace', name), 'utf8');
const CLASSIC = fixture('classic.yaml');

function run(from: string, to: string, action?: string, text = CLASSIC): TraceResult {
  const answer = traceText(text, from, to, { action });
  assert.ok(answer.ok, answer.ok ? '' : answer.error);
  return answer.result;
}

const hop = (r: TraceResult, kind: string) => r.hops.find((h) => h.kind === kind);

test('private subnet with the S3 gateway endpoint on its route table: private, through the prefix-list route', () => {
  const r = run('PrivateSubnetA', 's3');
  assert.equal(r.verdict, 'private');
  assert.match(hop(r, 'route')!.reason, /prefix-list route, more specific than any default route/);
  assert.equal(hop(r, 'route')!.resource, 'S3Endpoint');
});

test('private subnet whose route table is not on the endpoint: public through the NAT gateway, with the fix', () => {
  const r = run('PrivateSubnetB', 's3');
  assert.equal(r.verdict, 'public');
  assert.match(r.summary, /NAT gateway Nat.*charged per GB/);
  assert.deepEqual(r.hops.map((h) => h.kind), ['subnet', 'DNS', 'route table', 'route', 'NAT gateway', 'route table', 'internet gateway']);
  assert.deepEqual(r.suggestions.map((s) => [s.kind, s.data]), [['associate-route-table', { endpoint: 'S3Endpoint', routeTable: 'PrivateRtB' }]]);
});

test('isolated subnet: the internet is blocked for want of a route, S3 still private through its endpoint', () => {
  assert.equal(run('IsolatedSubnet', 'internet').verdict, 'blocked');
  assert.equal(run('IsolatedSubnet', 's3').verdict, 'private');
});

test('public subnet reaches the internet through the internet gateway with its public IP', () => {
  const r = run('PublicSubnet', 'internet');
  assert.equal(r.verdict, 'public');
  assert.equal(hop(r, 'internet gateway')!.decision, 'pass');
});

test('interface endpoint with private DNS: private from any subnet of the VPC, through the local route', () => {
  const r = run('PrivateSubnetB', 'ssm');
  assert.equal(r.verdict, 'private');
  assert.equal(hop(r, 'DNS')!.resource, 'SsmEndpoint');
  assert.equal(hop(r, 'endpoint security group in')!.decision, 'pass');
  assert.match(hop(r, 'Availability Zone')!.reason, /crosses zones/);
});

test('interface endpoint without private DNS: the default name stays public, and the trace says how to fix it', () => {
  const r = run('PrivateSubnetB', 'logs');
  assert.equal(r.verdict, 'public');
  assert.match(hop(r, 'DNS')!.reason, /resolves to its public addresses \(the interface endpoint has no private DNS\)/);
  assert.ok(r.suggestions.some((s) => s.kind === 'enable-private-dns' && s.resource === 'LogsEndpoint'));
});

test('private DNS with the VPC DNS hostnames off: resolves publicly, and no route out means blocked', () => {
  const r = run('Subnet', 'ssm', undefined, fixture('dns-off.yaml'));
  assert.equal(r.verdict, 'blocked');
  assert.match(hop(r, 'DNS')!.reason, /lacks DNS hostnames/);
  assert.ok(r.suggestions.some((s) => s.kind === 'enable-vpc-dns' && s.resource === 'Vpc'));
});

test('endpoint security group without 443: blocked at the endpoint, with the fix', () => {
  const r = run('PrivateSubnetB', 'kms');
  assert.equal(r.verdict, 'blocked');
  assert.equal(hop(r, 'endpoint security group in')!.decision, 'block');
  assert.match(hop(r, 'endpoint security group in')!.reason, /no rule of ClosedSg allows inbound TCP 443 from PrivateSubnetB/);
  assert.ok(r.suggestions.some((s) => s.kind === 'allow-https' && s.resource === 'ClosedSg'));
});

test('network ACL that drops the return traffic on ephemeral ports: blocked', () => {
  const r = run('StrictSubnet', 's3');
  assert.equal(r.verdict, 'blocked');
  const back = hop(r, 'network ACL in (return traffic)')!;
  assert.equal(back.decision, 'block');
  assert.match(back.reason, /final \* rule denies/);
  assert.equal(hop(r, 'network ACL out')!.decision, 'pass');
});

test('a conditional endpoint says so', () => {
  const r = run('PrivateSubnetB', 'sqs');
  assert.equal(r.verdict, 'private');
  assert.match(r.summary, /only when condition HasQueueEndpoint is true/);
});

test('workloads start from their subnet and security groups', () => {
  const r = run('Worker', 'ssm');
  assert.equal(r.verdict, 'private');
  assert.equal(r.hops[0]!.kind, 'function');
  assert.equal(hop(r, 'security group egress')!.decision, 'pass');
});

test('the endpoint policy is the last check: network reachable, policy denied', () => {
  const denied = run('PrivateSubnetA', 's3', 's3:PutObject');
  assert.equal(denied.verdict, 'blocked');
  assert.equal(denied.policy, 'denied');
  assert.match(denied.summary, /^network reachable, policy denied/);
  const allowed = run('PrivateSubnetA', 's3', 's3:GetObject');
  assert.equal(allowed.verdict, 'private');
  assert.equal(allowed.policy, 'allowed');
  assert.equal(run('PrivateSubnetA', 's3').policy, 'restricted');
});

test('every hop points at its resource in the template', () => {
  const r = run('PrivateSubnetB', 's3');
  for (const h of r.hops) assert.equal(CLASSIC.slice(h.start, h.end), h.resource);
});

test('bad sources and destinations are clear errors', () => {
  const a = traceText(CLASSIC, 'Nope', 's3');
  assert.ok(!a.ok && /Nope is not a resource of this template; sources: PublicSubnet/.test(a.error));
  const b = traceText(CLASSIC, 'PrivateSubnetA', 'notaservice');
  assert.ok(!b.ok && /unknown destination notaservice/.test(b.error));
  assert.ok(!traceText('not: a template', 'A', 's3').ok);
});

test('the matrix: every source × every destination, one verdict each', () => {
  const m = traceMatrix(networkOf(CLASSIC)!);
  assert.deepEqual(m.sources.map((s) => s.id), ['PublicSubnet', 'PrivateSubnetA', 'PrivateSubnetB', 'IsolatedSubnet', 'StrictSubnet', 'Worker']);
  assert.deepEqual(m.targets.slice(0, 5), ['s3', 'ssm', 'logs', 'kms', 'sqs']);
  assert.equal(m.targets.at(-1), 'internet');
  const cell = (from: string, to: string) => m.cells[m.sources.findIndex((s) => s.id === from)]![m.targets.indexOf(to)]!.verdict;
  assert.equal(cell('PrivateSubnetA', 's3'), 'private');
  assert.equal(cell('PrivateSubnetB', 's3'), 'public');
  assert.equal(cell('IsolatedSubnet', 'internet'), 'blocked');
});

// Unknown is not absent: each form of a route-table list the template cannot know leaves the route
// hop unknown, names the deciding value, and raises no VPCE7003.
const UNKNOWN_TABLES = fixture('unknown-route-tables.yaml');
for (const [subnet, decides] of [['Subnet1', 'parameter RouteTables'], ['Subnet2', 'parameter ExtraRouteTable'], ['Subnet3', 'shared-route-tables'], ['Subnet4', 'condition LayoutA']] as const) {
  test(`gateway endpoint with an unknown route-table list (${subnet}): unknown, decided by ${decides}`, () => {
    const r = run(subnet, 's3', undefined, UNKNOWN_TABLES);
    assert.equal(r.verdict, 'unknown');
    assert.equal(hop(r, 'route')!.decision, 'unknown');
    assert.ok(r.summary.includes(decides), r.summary);
    assert.ok(!r.suggestions.some((s) => s.kind === 'associate-route-table'));
  });
}

test('the unknown route-table lists raise no bypass finding', () => {
  assert.deepEqual(lintTemplate(UNKNOWN_TABLES).findings.filter((f) => f.ruleId === 'VPCE7003').map((f) => f.message), []);
});

test('a whole-list Fn::If on an undecided condition: unknown by default, a verdict per branch', () => {
  const r = run('Subnet4', 's3', undefined, UNKNOWN_TABLES);
  const by = (v: boolean) => r.branches!.find((b) => b.when['LayoutA'] === v)!;
  assert.equal(by(true).verdict, 'private');
  assert.equal(by(false).verdict, 'public');
});

test('a split join of the template\'s own route tables is a known list', () => {
  const text = fixture('split-join.yaml');
  assert.equal(run('SubnetA', 's3', undefined, text).verdict, 'private');
  assert.equal(run('SubnetB', 's3', undefined, text).verdict, 'private');
  assert.equal(run('SubnetC', 's3', undefined, text).verdict, 'public');
  assert.deepEqual(lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE7003').map((f) => f.data), [{ appendRef: 'RouteTableIds', ref: 'RtC' }]);
});

test('an interface endpoint whose VpcId is a parameter is in the VPC of its subnets', () => {
  const r = run('Subnet', 'ssm', undefined, fixture('endpoint-vpc-parameter.yaml'));
  assert.equal(r.verdict, 'private');
  assert.equal(hop(r, 'DNS')!.resource, 'SsmEndpoint');
});

test('new or existing VPC: s3 private in both branches, ssm private in the new VPC and unknown in an existing one', () => {
  const text = fixture('new-or-existing-vpc.yaml');
  const s3 = run('PrivateSubnet', 's3', undefined, text);
  assert.equal(s3.verdict, 'private');
  assert.equal(s3.branches, undefined);
  const ssm = run('PrivateSubnet', 'ssm', undefined, text);
  assert.equal(ssm.verdict, 'private');
  assert.deepEqual(ssm.branches!.map((b) => [b.when, b.verdict]), [[{ NewVPCCondition: true }, 'private'], [{ NewVPCCondition: false }, 'unknown']]);
  assert.match(ssm.branches![1]!.summary, /ExistingVpcId/);
});

test('sources absent with the defaults are marked in the matrix, and conditional cells too', () => {
  const m = traceMatrix(networkOf(CLASSIC)!);
  const sqs = m.targets.indexOf('sqs');
  const b = m.sources.findIndex((s) => s.id === 'PrivateSubnetB');
  assert.equal(m.cells[b]![sqs]!.conditional, true);
  assert.equal(m.cells[b]![m.targets.indexOf('s3')]!.conditional, false);
});

test('an SQS endpoint without a type: the trace stops at it and suggests fixing the type, not a route table', () => {
  const text = readFileSync(join(__dirname, 'fixtures', 'rules', 'VPCE2001', 'bad-defaulted-gateway-sqs.yaml'), 'utf8');
  const net = networkOf(text)!;
  const subnet = [...net.defaults.subnets.keys()][0]!;
  const r = run(subnet, 'sqs', undefined, text);
  assert.equal(r.verdict, 'unknown');
  assert.deepEqual(r.suggestions.map((s) => s.kind), ['set-endpoint-type']);
  assert.deepEqual(lintTemplate(text).findings.filter((f) => f.ruleId.startsWith('VPCE7')).map((f) => f.ruleId), []);
});

test('security-group admission is one answer: the trace agrees with VPCE6003 on IPv6-only and parameter-default rules', () => {
  const text = readFileSync(join(__dirname, 'fixtures', 'rules', 'VPCE6003', 'bad-ipv6-only.yaml'), 'utf8');
  const ssm = run('Subnet', 'ssm', undefined, text);
  assert.equal(ssm.verdict, 'blocked');
  assert.match(hop(ssm, 'endpoint security group in')!.reason, /only over IPv6/);
  assert.equal(run('Subnet', 'kms', undefined, text).verdict, 'private');
  assert.equal(run('Subnet', 'sqs', undefined, text).verdict, 'blocked');
  // Egress to !Ref VpcCidr: the parameter's default, as VPCE6003 reads it, not "known only at deploy time".
  const worker = run('Worker', 'kms', undefined, text);
  assert.equal(worker.verdict, 'private');
  assert.equal(hop(worker, 'security group egress')!.decision, 'pass');
});

test('public-path summaries keep the conditions of the route and the NAT gateway', () => {
  const text = CLASSIC.replace('  PrivateDefaultB:\n    Type: AWS::EC2::Route\n', '  PrivateDefaultB:\n    Type: AWS::EC2::Route\n    Condition: HasQueueEndpoint\n');
  const r = run('PrivateSubnetB', 's3', undefined, text);
  assert.equal(r.verdict, 'public');
  assert.match(r.summary, /only when condition HasQueueEndpoint is true/);
  assert.deepEqual(r.branches!.map((b) => [b.when, b.verdict]), [[{ HasQueueEndpoint: true }, 'public'], [{ HasQueueEndpoint: false }, 'blocked']]);
});

/** A VPC with n interface endpoints, each under its own condition over its own parameter. */
export function manyConditions(n: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:'];
  for (let i = 0; i < n; i++) lines.push(`  Want${i}: {Type: String, Default: "true", AllowedValues: ["true", "false"]}`);
  lines.push('Conditions:');
  for (let i = 0; i < n; i++) lines.push(`  Has${i}: !Equals [!Ref Want${i}, "true"]`);
  lines.push('Resources:', '  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}}');
  lines.push('  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}');
  // A route table of its own with no route out: without the endpoint, no way to the service.
  lines.push('  Rt: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}', '  Assoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Rt}}');
  lines.push('  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: e, VpcId: !Ref Vpc, SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}]}}');
  const services = ['ssm', 'sqs', 'sts', 'logs', 'kms', 'ecr.api', 'ecr.dkr', 'secretsmanager', 'sns', 'monitoring', 'events', 'lambda', 'ec2', 'ssmmessages', 'ec2messages', 'elasticloadbalancing', 'execute-api', 'states', 'athena', 'glue'];
  for (let i = 0; i < n; i++) {
    lines.push(`  Endpoint${i}:`, '    Type: AWS::EC2::VPCEndpoint', `    Condition: Has${i}`, `    Properties: {VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.${services[i % services.length]}", VpcEndpointType: Interface, PrivateDnsEnabled: true, SubnetIds: [!Ref Subnet], SecurityGroupIds: [!Ref Sg]}`);
  }
  return lines.join('\n') + '\n';
}

test('17 conditions: the deployments looked at are bounded, and the answer says so', () => {
  const text = manyConditions(17);
  const r = run('Subnet', 'ssm', undefined, text);
  assert.equal(r.verdict, 'private');
  assert.deepEqual(r.branchesBounded, { explored: 32, total: 2 ** 17 }); // MAX_SCENARIOS: single changes, then pairs
  assert.deepEqual(r.branches!.map((b) => [b.when, b.verdict]), [[{ Has0: true }, 'private'], [{ Has0: false }, 'blocked']]);
  const m = traceMatrix(networkOf(text)!);
  assert.deepEqual(m.bounded, { explored: 32, total: 2 ** 17 });
});

test('the CLI prints the branches: text lists them, JSON keeps verdict and adds branches; the matrix marks the cell', () => {
  const text = fixture('new-or-existing-vpc.yaml');
  const lines: string[] = [];
  const args = { file: 't.yaml', text, from: 'PrivateSubnet', to: 'ssm', matrix: false };
  assert.equal(runTrace({ ...args, format: 'text' }, (s) => lines.push(s), () => {}), 0);
  assert.match(lines.join(''), /depends on conditions:\n {4}NewVPCCondition=true: PRIVATE[^\n]*\n {4}NewVPCCondition=false: UNKNOWN/);
  const json: string[] = [];
  runTrace({ ...args, format: 'json' }, (s) => json.push(s), () => {});
  const view = JSON.parse(json.join(''));
  assert.equal(view.verdict, 'private');
  assert.deepEqual(view.branches.map((b: { when: unknown; verdict: string }) => [b.when, b.verdict]), [[{ NewVPCCondition: true }, 'private'], [{ NewVPCCondition: false }, 'unknown']]);
  const matrix: string[] = [];
  runTrace({ ...args, matrix: true, format: 'text' }, (s) => matrix.push(s), () => {});
  assert.match(matrix.join(''), /PrivateSubnet\s+private\s+private\*/);
});

test('a source that does not exist with the defaults is shown as such, and traced in the branch that has it', () => {
  const text = [
    'Parameters: {WithExtra: {Type: String, Default: "no"}}',
    'Conditions: {HasExtra: !Equals [!Ref WithExtra, "yes"], NoExtra: !Not [!Condition HasExtra]}',
    'Resources:',
    '  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}',
    '  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}',
    '  Extra: {Type: AWS::EC2::Subnet, Condition: HasExtra, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}}',
    '  Usual: {Type: AWS::EC2::Subnet, Condition: NoExtra, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24}}',
    '  Rt: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}',
    '  ExtraAssoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Condition: HasExtra, Properties: {SubnetId: !Ref Extra, RouteTableId: !Ref Rt}}',
    '  UsualAssoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Condition: NoExtra, Properties: {SubnetId: !Ref Usual, RouteTableId: !Ref Rt}}',
  ].join('\n');
  const m = traceMatrix(networkOf(text)!);
  assert.deepEqual(m.sources, [{ id: 'Subnet', kind: 'subnet' }, { id: 'Extra', kind: 'subnet', absentByDefault: true }, { id: 'Usual', kind: 'subnet' }]);
  // A deployment without the source has no path to compare: the cell is not conditional for that.
  const usual = run('Usual', 'internet', undefined, text);
  assert.equal(usual.verdict, 'blocked');
  assert.equal(usual.branches, undefined);
  assert.doesNotMatch(usual.summary, /only when/);
  const r = run('Extra', 'internet', undefined, text);
  assert.equal(r.verdict, 'unknown');
  assert.match(r.summary, /does not exist in this deployment \(condition HasExtra is false\)/);
  // NoExtra is !HasExtra: either names the branch.
  const extra = (b: { when: Record<string, boolean> }) => b.when['HasExtra'] ?? (b.when['NoExtra'] === undefined ? undefined : !b.when['NoExtra']);
  assert.deepEqual(r.branches!.map((b) => [extra(b), b.verdict]), [[false, 'unknown'], [true, 'blocked']]);
});

test('every hop points at a place in the template, also for a VPC given as a parameter', () => {
  const text = fixture('new-or-existing-vpc.yaml');
  const net = networkOf(text)!;
  const existing = net.deployments().find((d) => d.when['NewVPCCondition'] === false)!;
  const r = traceModel(existing.model, 'PrivateSubnet', parseTarget('ssm')!);
  assert.equal(r.verdict, 'unknown');
  for (const h of r.hops) assert.ok(h.end > h.start, `${h.kind} ${h.resource} has no range`);
});

test('an address range traced from a VPC whose range is not known: unknown, never the default route', () => {
  const text = CLASSIC.replace('Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}', 'Properties: {CidrBlock: !Ref NoSuchDefault, EnableDnsSupport: true, EnableDnsHostnames: true}').replace('Parameters:\n', 'Parameters:\n  NoSuchDefault: {Type: String}\n');
  const r = run('PrivateSubnetB', '10.0.7.0/24', undefined, text);
  assert.equal(r.verdict, 'unknown');
  assert.match(r.summary, /inside the VPC/);
  assert.equal(run('PrivateSubnetB', '10.0.7.0/24').verdict, 'private');
});

// A route whose GatewayId is a parameter (a shared internet gateway passed in, as many VPC stacks do):
// the gateway may be an internet gateway or a virtual private gateway, so the path is unknown, and the
// answer names the parameter rather than a gateway kind called "unknown".
const GATEWAY_PARAM = `Parameters:
  GatewayId: {Type: String}
  PublicCidr: {Type: String, Default: ''}
Conditions:
  HasPublic: !Not [!Equals [!Ref PublicCidr, '']]
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Public: {Type: AWS::EC2::Subnet, Condition: HasPublic, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}
  Table: {Type: AWS::EC2::RouteTable, Condition: HasPublic, Properties: {VpcId: !Ref Vpc}}
  Assoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Condition: HasPublic, Properties: {SubnetId: !Ref Public, RouteTableId: !Ref Table}}
  Out: {Type: AWS::EC2::Route, Condition: HasPublic, Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref GatewayId}}
`;

test('a route to a gateway given by a parameter: unknown, naming the parameter, not a gateway kind "unknown"', () => {
  const r = run('Public', 'internet', undefined, GATEWAY_PARAM);
  const present = r.branches?.find((b) => b.when['HasPublic'] === true);
  assert.ok(present, 'no branch where the subnet exists');
  assert.equal(present.verdict, 'unknown');
  assert.match(present.summary, /where route Out sends the traffic is known only at deploy time/);
  const model = networkOf(GATEWAY_PARAM)!.deployments().find((d) => d.when['HasPublic'] === true)!.model;
  const inner = traceModel(model, 'Public', parseTarget('internet')!, {});
  const routeHop = inner.hops.find((h) => h.kind === 'route' && h.decision === 'unknown');
  assert.ok(routeHop, JSON.stringify(inner.hops));
  assert.match(routeHop.reason, /GatewayId is known only at deploy time: parameter GatewayId/);
  assert.doesNotMatch(JSON.stringify(inner), /through unknown|\(unknown\)/);
  // No hop passes the traffic on to a target called "unknown".
  assert.ok(!inner.hops.some((h) => h.decision === 'pass' && /→ unknown|to unknown/.test(h.reason)), JSON.stringify(inner.hops));
});

test('branches: where the source is absent and where it exists are told apart even when both verdicts are unknown', () => {
  const r = run('Public', 'internet', undefined, GATEWAY_PARAM);
  assert.deepEqual(r.branches?.map((b) => [b.when, b.verdict]), [[{ HasPublic: false }, 'unknown'], [{ HasPublic: true }, 'unknown']]);
  assert.match(r.branches![0]!.summary, /does not exist/);
  assert.doesNotMatch(r.branches![1]!.summary, /does not exist/);
});

test('private DNS on a DynamoDB interface endpoint: the trace says the endpoint cannot be created, as VPCE5005 does, and offers no type change', () => {
  const text = readFileSync(join(__dirname, 'fixtures', 'rules', 'VPCE5005', 'bad.yaml'), 'utf8');
  const r = run('SubnetA', 'dynamodb', undefined, text);
  assert.equal(r.verdict, 'unknown');
  assert.match(r.summary, /DynamoDbInterface cannot be created as written \(dynamodb offers no private DNS name/);
  assert.deepEqual(r.suggestions, []);
  const findings = lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE5005');
  assert.deepEqual(findings.map((f) => f.message.split(':')[0]), ['DynamoDbInterface', 'StreamsInterface']);
});
