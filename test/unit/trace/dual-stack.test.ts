// Dual-stack subnets and NAT64 to interface endpoints, traced on a CloudFormation template and its Terraform
// twin (test/fixtures/trace/dual-stack.yaml, test/fixtures/tf/dual-stack.tf). A dual-stack client with an
// IPv6 address prefers a name's IPv6 addresses (RFC 6724) and falls back when they fail (RFC 8305); whether
// the name has them (a service's dual-stack endpoint) is the client's, so the two ways give one verdict only
// when they agree. An IPv6-only subnet with DNS64 reaches an IPv4-only endpoint through NAT64.
// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceNetwork } from '../../../server/src/core/trace/api.js';
import type { Network } from '../../../server/src/core/model/network.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { lintTemplate } from '../../../server/src/core/engine.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const CFN = readFileSync(join(FIXTURES, 'trace', 'dual-stack.yaml'), 'utf8');
const TF = readFileSync(join(FIXTURES, 'tf', 'dual-stack.tf'), 'utf8');
const TWIN: Record<string, string> = {
  DualBoth: 'aws_subnet.dual_both',
  DualNo6: 'aws_subnet.dual_no6',
  DualS3: 'aws_subnet.dual_s3',
  DualDns64: 'aws_subnet.dual_dns64',
  V6Nat64: 'aws_subnet.v6_nat64',
  V6NoNat64: 'aws_subnet.v6_no_nat64',
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
  assert.equal(b.result.verdict, a.result.verdict, `${from} → ${to}: ${a.result.summary} / ${b.result.summary}`);
  assert.deepEqual(b.result.hops.map((h) => `${h.kind} ${h.decision}`), a.result.hops.map((h) => `${h.kind} ${h.decision}`));
  assert.equal(b.result.decidingHop, a.result.decidingHop);
  return [a.result, b.result];
}

const deciding = (r: TraceResult) => r.hops[r.decidingHop!]!;

test('both families to the internet leave (NAT gateway, egress-only gateway): one verdict, both ways said', () => {
  for (const r of both('DualBoth', 'internet')) {
    assert.equal(r.verdict, 'public', r.summary);
    assert.match(r.summary, /^over IPv6 .*egress-only internet gateway .*; over IPv4 .*NAT gateway/);
    assert.ok(r.hops.some((h) => h.kind === 'egress-only internet gateway' && h.decision === 'pass'));
  }
});

test('IPv4 through the S3 gateway endpoint, IPv6 past it: unknown, the address-family hop naming both verdicts and what decides', () => {
  for (const r of both('DualBoth', 's3')) {
    assert.equal(r.verdict, 'unknown', r.summary);
    const h = deciding(r);
    assert.equal(h.kind, 'address family');
    assert.match(h.reason, /is dual-stack: .*RFC 6724.*Whether s3's name has IPv6 addresses, and the client one, is not known here: over IPv6 \(if s3's name has IPv6 addresses\) public, over IPv4 \(if it has IPv4 addresses only\) private/);
    // Each way keeps its own hops: the egress-only gateway over IPv6, the endpoint over IPv4.
    assert.ok(r.hops.some((h) => h.kind === 'egress-only internet gateway' && h.reason.startsWith('over IPv6')));
    assert.ok(r.hops.some((h) => h.kind === 'endpoint policy' && h.reason.startsWith('over IPv4')));
  }
});

test('no IPv6 route: the IPv6 way fails in the network and clients fall back, so the IPv4 verdict holds', () => {
  for (const r of both('DualNo6', 's3')) {
    assert.equal(r.verdict, 'private', r.summary);
    assert.match(r.summary, /over IPv6 .* it fails: no route .*; clients fall back\)$/);
    assert.equal(deciding(r).kind, 'route');
    assert.match(deciding(r).reason, /^over IPv4 .*prefix-list route/);
  }
  for (const r of both('DualNo6', 'internet')) assert.equal(r.verdict, 'public', r.summary);
});

test('a dual-stack S3 gateway endpoint carries both families: private either way', () => {
  for (const r of both('DualS3', 's3')) {
    assert.equal(r.verdict, 'private', r.summary);
    assert.ok(r.hops.some((h) => h.kind === 'route' && /^over IPv6 .*IPv6 prefix-list route/.test(h.reason)));
  }
});

test('DNS64 on a dual-stack subnet: an IPv4-only name gets a 64:ff9b:: address its clients prefer, so NAT64 and the endpoint disagree', () => {
  for (const r of both('DualDns64', 's3')) {
    assert.equal(r.verdict, 'unknown', r.summary);
    assert.match(deciding(r).reason, /has DNS64 on: .*through DNS64 and NAT64 public, over IPv4 private/);
    assert.ok(r.hops.some((h) => h.kind === 'NAT gateway' && /NAT64/.test(h.reason)));
  }
  // An endpoint name with A records only: NAT64 reaches the same endpoint as the direct IPv4 way.
  for (const r of both('DualDns64', 'ssm')) {
    assert.equal(r.verdict, 'private', r.summary);
    assert.ok(r.hops.some((h) => h.kind === 'DNS64' && h.decision === 'pass'));
  }
});

test('NAT64 to an IPv4-only interface endpoint: private when the NAT subnet is admitted, blocked when the group admits IPv6 only', () => {
  for (const r of both('V6Nat64', 'ssm')) {
    assert.equal(r.verdict, 'private', r.summary);
    assert.match(r.summary, /^through DNS64 and NAT64 at NAT gateway \S+: stays on the AWS network through interface endpoint/);
    const kinds = r.hops.map((h) => `${h.kind} ${h.decision}`);
    assert.deepEqual(kinds, ['subnet pass', 'DNS pass', 'DNS64 pass', 'route table pass', 'route pass', 'NAT gateway pass', 'route pass', 'endpoint security group in pass', 'endpoint policy pass']);
  }
  for (const r of both('V6Nat64', 'kms')) {
    assert.equal(r.verdict, 'blocked', r.summary);
    assert.equal(deciding(r).kind, 'endpoint security group in');
    assert.match(deciding(r).reason, /only over IPv6; the traffic is IPv4/);
  }
  // A dualstack endpoint whose records are service-defined: its default name has A records only.
  for (const r of both('V6Nat64', 'sns')) {
    assert.equal(r.verdict, 'private', r.summary);
    assert.match(r.hops.find((h) => h.kind === 'DNS64')!.reason, /'s name has IPv4 addresses only: DNS64 on /);
  }
  for (const r of both('DualBoth', 'sns')) {
    assert.equal(r.verdict, 'private', r.summary);
    assert.ok(!r.hops.some((h) => h.kind === 'DNS64' || h.kind === 'NAT gateway'), 'DNS64 is off on DualBoth: straight to the endpoint over IPv4');
  }
  // DNS64 without the 64:ff9b::/96 route: the synthesised address follows ::/0 to the egress-only gateway.
  for (const r of both('V6NoNat64', 'ssm')) {
    assert.equal(r.verdict, 'blocked', r.summary);
    assert.match(r.summary, /^no NAT64: the NAT64 addresses 64:ff9b::\/96 take route \S+ to egress-only internet gateway/);
  }
});

test('the rules agree: VPCE4002 names the IPv6 bypass the trace follows; VPCE6003 the IPv6-only group the NAT64 flow meets', () => {
  const ids = (fs: readonly { ruleId: string; resource?: string }[]) => fs.filter((f) => f.ruleId === 'VPCE4002' || f.ruleId === 'VPCE6003').map((f) => f.ruleId).sort();
  const cfn = lintTemplate(CFN).findings;
  const t = analyzeTerraform([{ path: 'main.tf', text: TF }], { settings: { regions: ['eu-west-1'] } }).analysis.findings;
  assert.deepEqual(ids(cfn), ['VPCE4002', 'VPCE4002', 'VPCE4002', 'VPCE6003']);
  assert.deepEqual(ids(t), ids(cfn));
  assert.match(cfn.find((f) => f.ruleId === 'VPCE4002' && /DualBoth/.test(f.message))!.message, /bypasses the endpoint \(route DualBothDefault6: ::\/0 → egress-only internet gateway Eigw\)/);
});

test('a VPC\'s IPv6 block: written (BYOIP) decides the local route; from an IPAM pool or Amazon it is unknown, naming the value', () => {
  const cfnText = readFileSync(join(FIXTURES, 'trace', 'vpc-ipv6-blocks.yaml'), 'utf8');
  const tfText = readFileSync(join(FIXTURES, 'tf', 'vpc-ipv6-blocks.tf'), 'utf8');
  const cfn = networkOf(cfnText)!;
  const tfNet = analyzeTerraform([{ path: 'main.tf', text: tfText }], { settings: { regions: ['eu-west-1'] } }).analysis.network()!;
  const run = (from: [string, string], to: string) => {
    const a = traceNetwork(cfn, from[0], to);
    const b = traceNetwork(tfNet, from[1], to);
    assert.ok(a.ok && b.ok);
    assert.equal(b.result.verdict, a.result.verdict, `${a.result.summary} / ${b.result.summary}`);
    return [a.result, b.result];
  };
  const byoip: [string, string] = ['ByoipSubnet', 'aws_subnet.byoip'];
  const ipam: [string, string] = ['IpamSubnet', 'aws_subnet.ipam'];
  for (const r of run(byoip, '2a0e:1200:0:aa02::10')) assert.equal(r.verdict, 'private', r.summary);
  for (const r of run(byoip, '2600:1f18::1')) {
    assert.equal(r.verdict, 'public', r.summary);
    assert.ok(r.hops.some((h) => h.kind === 'egress-only internet gateway'));
  }
  const [c, t] = run(ipam, '2600:1f18::1');
  assert.equal(c!.verdict, 'unknown', c!.summary);
  assert.match(c!.summary, /decided by IpamBlock's Ipv6IpamPoolId: .*the IPAM pool allocates it/);
  assert.match(t!.summary, /decided by aws_vpc\.ipam\.ipv6's ipv6_ipam_pool_id: .*the IPAM pool allocates it/);
  // Amazon-provided (the dual-stack fixture's VPC): unknown, naming AmazonProvidedIpv6CidrBlock.
  const dual = traceNetwork(networkOf(CFN)!, 'DualBoth', '2600:1f18::1');
  assert.ok(dual.ok);
  assert.match(dual.result.summary, /decided by Ipv6Block's AmazonProvidedIpv6CidrBlock: .*Amazon assigns it/);
});

test('NAT64 to an endpoint reads the subnet\'s route table as every routed path does: another VPC\'s table is no association', () => {
  // EC2 refuses to associate a subnet with a route table of another VPC, so its NAT64 route never applies.
  const text = CFN.replace("  V6Nat64Rt:\n    Type: AWS::EC2::RouteTable\n    Properties: {VpcId: !Ref Vpc}\n", "  OtherVpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.9.0.0/16}\n  V6Nat64Rt:\n    Type: AWS::EC2::RouteTable\n    Properties: {VpcId: !Ref OtherVpc}\n");
  assert.notEqual(text, CFN);
  const a = traceNetwork(networkOf(text)!, 'V6Nat64', 'ssm');
  assert.ok(a.ok, a.ok ? '' : a.error);
  assert.equal(a.result.verdict, 'unknown');
  assert.match(a.result.summary, /V6Nat64's route table V6Nat64Rt belongs to another VPC/);
});
