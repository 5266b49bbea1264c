// Route choice by address family, traced hop by hop on a CloudFormation template and its Terraform twin
// (test/fixtures/trace/ipv6-routes.yaml, test/fixtures/tf/ipv6-routes.tf): an IPv6 flow takes IPv6 routes
// only, an IPv6-only subnet reaches IPv4-only names through DNS64 and NAT64 or not at all, and a gateway
// endpoint carries IPv6 only when dual stack (S3) — the same model answer VPCE4002 reads.
// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html
// https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceNetwork } from '../../../server/src/core/trace/api.js';
import type { Network } from '../../../server/src/core/model/network.js';
import { knownValue } from '../../../server/src/core/model/types.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { lintTemplate } from '../../../server/src/core/engine.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const CFN = readFileSync(join(FIXTURES, 'trace', 'ipv6-routes.yaml'), 'utf8');
const TF = readFileSync(join(FIXTURES, 'tf', 'ipv6-routes.tf'), 'utf8');

// CloudFormation logical id → Terraform address of the same element.
const TWIN: Record<string, string> = {
  Public: 'aws_subnet.public',
  V6Nat64: 'aws_subnet.v6_nat64',
  V6NoDns64: 'aws_subnet.v6_no_dns64',
  V6NoNat64Route: 'aws_subnet.v6_no_nat64_route',
  Dual: 'aws_subnet.dual',
  Eigw: 'aws_egress_only_internet_gateway.eigw',
  Nat: 'aws_nat_gateway.nat',
  S3Endpoint: 'aws_vpc_endpoint.s3',
  NoDns64Default4: 'aws_route.no_dns64_default4',
  DualDefault6: 'aws_route_table.dual.route[1]',
};

let tf: Network;
before(async () => {
  await ensureTerraformParser();
  tf = analyzeTerraform([{ path: 'main.tf', text: TF }], { settings: { regions: ['eu-west-1'] } }).analysis.network()!;
});

function both(from: string, to: string): [TraceResult, TraceResult] {
  const a = traceNetwork(networkOf(CFN)!, from, to);
  const b = traceNetwork(tf, TWIN[from]!, to);
  assert.ok(a.ok && b.ok, a.ok ? (b.ok ? '' : b.error) : a.error);
  // The twins give the same verdict through the same kinds of hops.
  assert.equal(b.result.verdict, a.result.verdict, `${from} → ${to}: ${a.result.summary} / ${b.result.summary}`);
  assert.deepEqual(b.result.hops.map((h) => `${h.kind} ${h.decision}`), a.result.hops.map((h) => `${h.kind} ${h.decision}`));
  return [a.result, b.result];
}

const hop = (r: TraceResult, kind: string, decision?: string) => r.hops.find((h) => h.kind === kind && (!decision || h.decision === decision));

test('IPv6-only with DNS64 and NAT64: the internet over ::/0 to the egress-only gateway, IPv4-only hosts through the NAT gateway', () => {
  for (const r of both('V6Nat64', 'internet')) {
    assert.equal(r.verdict, 'public', r.summary);
    assert.match(r.summary, /over IPv6 .*egress-only internet gateway .*; through DNS64 and NAT64 .*NAT64 at NAT gateway/);
    assert.ok(hop(r, 'egress-only internet gateway', 'pass'));
    assert.match(hop(r, 'NAT gateway')!.reason, /translates the IPv6 flow to IPv4 \(NAT64\)/);
  }
});

test('an IPv4 address from an IPv6-only subnet: NAT64 only, the client writing the 64:ff9b:: address', () => {
  for (const r of both('V6Nat64', '203.0.113.9')) {
    assert.equal(r.verdict, 'public', r.summary);
    assert.match(hop(r, 'DNS64')!.reason, /64:ff9b::/);
    assert.match(hop(r, 'route')!.reason, /^64:ff9b::\/96 → nat gateway/);
  }
});

test('IPv6-only without DNS64: IPv6 hosts are reachable, IPv4-only ones not; the IPv4 default route carries none of it', () => {
  for (const r of both('V6NoDns64', 'internet')) {
    assert.equal(r.verdict, 'unknown', r.summary);
    assert.equal(r.hops[r.decidingHop!]!.kind, 'address family');
    assert.match(r.hops[r.decidingHop!]!.reason, /over IPv6 \(public\).*NAT64 \(blocked\)/);
    assert.match(hop(r, 'DNS64', 'block')!.reason, /DNS64 is off/);
    assert.ok(!r.hops.some((h) => /NoDns64Default4|no_dns64_default4/.test(h.resource)), 'the IPv4 0.0.0.0/0 route is not on an IPv6 path');
  }
});

test('DNS64 without a 64:ff9b::/96 route: the NAT64 addresses follow ::/0 to the egress-only gateway and go nowhere', () => {
  for (const r of both('V6NoNat64Route', 'internet')) {
    assert.equal(r.verdict, 'unknown', r.summary);
    assert.match(r.summary, /no NAT64: the NAT64 addresses 64:ff9b::\/96 take route \S+ to egress-only internet gateway/);
  }
});

test('a dual-stack S3 gateway endpoint carries IPv6: private over IPv6, public through NAT64, so the name decides', () => {
  for (const r of both('V6Nat64', 's3')) {
    assert.equal(r.verdict, 'unknown', r.summary);
    assert.match(r.summary, /whether s3's name has IPv6 addresses/);
    assert.match(hop(r, 'route')!.reason, /over IPv6: the s3 IPv6 prefix-list route/);
  }
  // DynamoDB's gateway endpoint routes IPv4 only: its IPv6 traffic from an IPv6-only subnet goes out by ::/0.
  for (const r of both('V6Nat64', 'dynamodb')) {
    assert.equal(r.verdict, 'public', r.summary);
    assert.ok(!r.hops.some((h) => h.kind === 'endpoint policy'));
  }
});

test('a dual-stack subnet: IPv4 through the DynamoDB endpoint, IPv6 past it to the egress-only gateway, so the client\'s family decides', () => {
  for (const r of both('Dual', 'dynamodb')) {
    assert.equal(r.verdict, 'unknown', r.summary);
    const family = r.hops[r.decidingHop!]!;
    assert.equal(family.kind, 'address family');
    assert.match(family.reason, / is dual-stack: .*over IPv6 \(if dynamodb's name has IPv6 addresses\) public, over IPv4 \(if it has IPv4 addresses only\) private/);
    assert.match(r.summary, /over IPv6 .*egress-only internet gateway .*; over IPv4 .*gateway endpoint/);
  }
  // To an IPv6 range: the IPv6 routes; the VPC's IPv6 block is assigned at deploy time, so whether the
  // address is local cannot be told.
  for (const r of both('Dual', '2600:1f18::5')) {
    assert.equal(r.verdict, 'unknown', r.summary);
    assert.match(r.summary, /inside the VPC's IPv6 blocks/);
  }
  // A subnet without IPv6 cannot send to an IPv6 address at all.
  for (const r of both('Public', '2600:1f18::5')) assert.equal(r.verdict, 'blocked', r.summary);
});

test('an ipv4 interface endpoint: blocked from an IPv6-only subnet without DNS64, reached through NAT64 with it', () => {
  for (const r of both('V6NoDns64', 'ssm')) {
    assert.equal(r.verdict, 'blocked', r.summary);
    assert.match(hop(r, 'address family')!.reason, /IPv4 addresses only .* without DNS64/);
  }
  // DNS64 gives the endpoint's name a 64:ff9b:: address; the 64:ff9b::/96 route's NAT gateway translates
  // it to the endpoint's IPv4 address, which its group admits (10.0.0.0/16 holds the NAT subnet).
  for (const r of both('V6Nat64', 'ssm')) {
    assert.equal(r.verdict, 'private', r.summary);
    assert.match(r.summary, /^through DNS64 and NAT64 at NAT gateway /);
    assert.match(hop(r, 'route')!.reason, /^64:ff9b::\/96 → nat gateway/);
  }
});

test('the model: VPC IPv6 blocks, DNS64 and IPv6 route destinations are the same facts in both formats', () => {
  const cfn = networkOf(CFN)!.defaults;
  const t = tf.defaults;
  assert.equal(knownValue(cfn.vpcs.get('Vpc')!.ipv6), true);
  assert.equal(knownValue(t.vpcs.get('aws_vpc.main')!.ipv6), true);
  for (const [c, f] of [['V6Nat64', true], ['V6NoDns64', false], ['Dual', false]] as const) {
    assert.equal(knownValue(cfn.subnets.get(c)!.dns64), f);
    assert.equal(knownValue(t.subnets.get(TWIN[c]!)!.dns64), f);
  }
  const d6 = (m: typeof cfn, table: string) => m.routeTables.get(table)!.routes.map((r) => (r.destination.kind === 'ipv6' ? `${r.destination.text} ${r.destination.range ? 'range' : 'text'} ${r.target.kind}` : r.destination.kind));
  assert.deepEqual(d6(cfn, 'Nat64Rt'), ['::/0 range egress-only-gateway', '64:ff9b::/96 range nat-gateway', 'service']);
  assert.deepEqual(d6(t, 'aws_route_table.nat64'), d6(cfn, 'Nat64Rt'));
});

test('VPCE4002 on the twins: the DynamoDB endpoint on the dual-stack table, naming the ::/0 route its IPv6 takes', () => {
  const cfn = lintTemplate(CFN).findings.filter((f) => f.ruleId === 'VPCE4002');
  assert.deepEqual(cfn.map((f) => f.message), ['DynamoDbEndpoint: subnet Dual uses route table DualRt and has IPv6, but this dynamodb gateway endpoint routes IPv4 only; its IPv6 traffic to dynamodb bypasses the endpoint (route DualDefault6: ::/0 → egress-only internet gateway Eigw)']);
  const tfFindings = analyzeTerraform([{ path: 'main.tf', text: TF }], { settings: { regions: ['eu-west-1'] } }).analysis.findings.filter((f) => f.ruleId === 'VPCE4002');
  assert.deepEqual(tfFindings.map((f) => f.message), ['aws_vpc_endpoint.dynamodb: subnet aws_subnet.dual uses route table aws_route_table.dual and has IPv6, but this dynamodb gateway endpoint routes IPv4 only; its IPv6 traffic to dynamodb bypasses the endpoint (route aws_route_table.dual.route[1]: ::/0 → egress-only internet gateway aws_egress_only_internet_gateway.eigw)']);
});

test('VPCE7003 does not ask to add an IPv6-only subnet\'s table to an IPv4-only gateway endpoint: its NAT64 leg leaves by the NAT subnet\'s routes', () => {
  const cfn = lintTemplate(CFN).findings.filter((f) => f.ruleId === 'VPCE7003');
  // Only the dual-stack subnet's IPv4 traffic to S3 goes out through the NAT gateway for want of the table on the endpoint.
  assert.deepEqual(cfn.map((f) => f.message), ['S3Endpoint: route table DualRt (subnet Dual) is not on this endpoint, so its s3 traffic goes out through NAT gateway Nat; add it to RouteTableIds']);
  for (const r of both('V6Nat64', 'dynamodb')) assert.deepEqual(r.suggestions, []);
});
