// Regional NAT gateways traced on a CloudFormation template and its Terraform twin
// (test/fixtures/trace/regional-nat.yaml, test/fixtures/tf/regional-nat.tf): Terraform's
// `availability_mode = "regional"` (with `vpc_id`, AWS provider 6.x) is the same model fact as
// CloudFormation's AvailabilityMode: in no subnet, out through the VPC's internet gateway.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/nat_gateway
// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceNetwork } from '../../../server/src/core/trace/api.js';
import type { Network } from '../../../server/src/core/model/network.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const CFN = readFileSync(join(FIXTURES, 'trace', 'regional-nat.yaml'), 'utf8');
const TF = readFileSync(join(FIXTURES, 'tf', 'regional-nat.tf'), 'utf8');

// CloudFormation logical id → Terraform address of the same element.
const TWIN: Record<string, string> = {
  Private: 'aws_subnet.private',
  Either: 'aws_subnet.either',
  Lone: 'aws_subnet.lone',
  Nat: 'aws_nat_gateway.nat',
  EitherNat: 'aws_nat_gateway.either',
  LoneNat: 'aws_nat_gateway.lone',
  Igw: 'aws_internet_gateway.igw',
  Vpc: 'aws_vpc.main',
  LoneVpc: 'aws_vpc.lone',
};

let tf: Network;
let cfn: Network;
before(async () => {
  await ensureTerraformParser();
  tf = analyzeTerraform([{ path: 'main.tf', text: TF }], { settings: { regions: ['eu-west-1'] } }).analysis.network()!;
  cfn = networkOf(CFN)!;
});

// Logical ids and addresses in a summary, written as the CloudFormation side's.
const asCfn = (s: string) => Object.entries(TWIN).reduce((t, [id, addr]) => t.split(addr).join(id), s).replace(/aws_internet_gateway\.igw/g, 'Igw');

function both(from: string, to: string): [TraceResult, TraceResult] {
  const a = traceNetwork(cfn, from, to);
  const b = traceNetwork(tf, TWIN[from]!, to);
  assert.ok(a.ok && b.ok, a.ok ? (b.ok ? '' : b.error) : a.error);
  assert.equal(b.result.verdict, a.result.verdict, `${from} → ${to}: ${a.result.summary} / ${b.result.summary}`);
  assert.deepEqual(b.result.hops.map((h) => `${h.kind} ${h.decision}`), a.result.hops.map((h) => `${h.kind} ${h.decision}`));
  return [a.result, b.result];
}

test('the model holds the same regional NAT facts from both formats', () => {
  const facts = (n: Network, id: string) => {
    const nat = n.defaults.natGateways.get(id)!;
    assert.ok(nat, `${id} not in the model`);
    const r = nat.regional;
    return r === undefined ? 'zonal' : typeof r === 'string' ? 'deploy-time' : r.vpc.known ? `regional in ${r.vpc.value}` : 'regional, VPC unknown';
  };
  for (const id of ['Nat', 'EitherNat', 'LoneNat']) assert.equal(asCfn(facts(tf, TWIN[id]!)), facts(cfn, id), id);
  assert.equal(facts(cfn, 'Nat'), 'regional in Vpc');
  assert.equal(facts(cfn, 'EitherNat'), 'deploy-time');
});

test('auto mode: out through the regional NAT gateway and the VPC\'s internet gateway', () => {
  const [a, b] = both('Private', 'internet');
  assert.equal(a.verdict, 'public', a.summary);
  assert.match(a.summary, /through regional NAT gateway Nat and internet gateway Igw/);
  assert.equal(asCfn(b.summary), a.summary);
});

test('manual mode in a VPC with no internet gateway in the configuration: unknown, never zonal "no subnet route table"', () => {
  const [a, b] = both('Lone', 'internet');
  assert.equal(a.verdict, 'unknown', a.summary);
  assert.match(b.summary, /aws_nat_gateway\.lone leaves through the VPC's internet gateway/);
  assert.doesNotMatch(b.summary, /subnet/);
});

test('a mode known only at apply time: unknown, naming the NAT gateway', () => {
  const [a, b] = both('Either', 'internet');
  assert.equal(a.verdict, 'unknown', a.summary);
  assert.match(b.summary, /whether aws_nat_gateway\.either is regional or zonal is known only at deploy time/);
});
