// Ranges known only at deploy time compared by the values that name them (model/range-identity.ts), the
// same in a template and in its Terraform twin. A group admitting a VPC's one IPv6 block admits every
// subnet of that VPC over IPv6; with a second block, a subnet carved from it stays unknown; an IPv6 range,
// whatever it is, admits no IPv4 traffic; and a range carved from a value is not that value, nor another
// range carved from it (cidrsubnet(var.vpc_cidr, 8, 1) was taken for var.vpc_cidr, so a group admitting
// only the endpoint subnet's range was said to admit every subnet: a wrong "private").

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkOf, traceNetwork } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { lintTemplate } from '../../../server/src/core/engine.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const CFN = readFileSync(join(FIXTURES, 'trace', 'vpc-ipv6-identity.yaml'), 'utf8');
const TF = readFileSync(join(FIXTURES, 'tf', 'vpc-ipv6-identity.tf'), 'utf8');

before(() => ensureTerraformParser());

const tfAnalysis = () => analyzeTerraform([{ path: 'main.tf', text: TF }], { settings: { regions: ['eu-west-1'] } }).analysis;

/** The trace from the template's source and from its Terraform twin's: the same verdict both ways. */
function both(cfnFrom: string, tfFrom: string, to: string): TraceResult[] {
  const a = traceNetwork(networkOf(CFN)!, cfnFrom, to);
  const b = traceNetwork(tfAnalysis().network()!, tfFrom, to);
  assert.ok(a.ok && b.ok, a.ok ? (b.ok ? '' : b.error) : a.error);
  assert.equal(b.result.verdict, a.result.verdict, `${a.result.summary} / ${b.result.summary}`);
  return [a.result, b.result];
}

const sgIn = (r: TraceResult) => r.hops.find((h) => h.kind === 'endpoint security group in')!;

test("a group admitting the VPC's one IPv6 block admits its subnets over IPv6, carved from the block or written", () => {
  for (const [cfn, tf] of [['OneCarved', 'aws_subnet.one_carved'], ['OneWritten', 'aws_subnet.one_written']]) {
    for (const r of both(cfn!, tf!, 'sqs')) {
      assert.equal(r.verdict, 'private', r.summary);
      assert.equal(sgIn(r).decision, 'pass');
    }
  }
});

test("a workload's egress to the VPC's IPv6 block reaches the endpoint, whose subnet is carved from it", () => {
  for (const r of both('OneApp', 'aws_instance.one_app', 'sqs')) {
    assert.equal(r.verdict, 'private', r.summary);
    assert.equal(r.hops.find((h) => h.kind === 'security group egress')!.decision, 'pass');
  }
});

test('with a second IPv6 block, a subnet carved from it is not in the first: unknown, naming the rule; one from the first is admitted', () => {
  for (const r of both('TwoFromFirst', 'aws_subnet.two_from_first', 'sqs')) assert.equal(r.verdict, 'private', r.summary);
  const [c, t] = both('TwoFromSecond', 'aws_subnet.two_from_second', 'sqs');
  assert.equal(c!.verdict, 'unknown', c!.summary);
  assert.equal(sgIn(c!).decision, 'unknown');
  assert.match(sgIn(c!).reason, /IPv6 range of TwoEndpointSg's SecurityGroupIngress rule is known only at deploy time: Two\.Ipv6CidrBlocks is known only at deploy time/);
  assert.match(sgIn(t!).reason, /IPv6 range of aws_security_group\.two_endpoint's ingress rule is known only at deploy time: aws_vpc\.two\.ipv6_cidr_block is known only after apply/);
});

test('an IPv6 range known only at deploy time admits no IPv4 traffic: blocked, and VPCE6003 says so', () => {
  for (const r of both('OneIpv4', 'aws_subnet.one_ipv4', 'ssm')) {
    assert.equal(r.verdict, 'blocked', r.summary);
    assert.match(sgIn(r).reason, /only over IPv6; the traffic is IPv4/);
  }
  const ids = (fs: readonly { ruleId: string; resource?: string }[]) => fs.filter((f) => f.ruleId === 'VPCE6003').map((f) => f.resource);
  assert.deepEqual(ids(lintTemplate(CFN).findings), ['OneSsm']);
  assert.deepEqual(ids(tfAnalysis().findings), ['aws_vpc_endpoint.one_ssm']);
});

test('a range carved from a value is neither that value nor another range carved from it', () => {
  // The endpoint's group admits only its own subnet's range: another subnet's client is not known to be in it.
  const [c, t] = both('FourApp', 'aws_subnet.four_app', 'sqs');
  assert.equal(c!.verdict, 'unknown', c!.summary);
  assert.equal(sgIn(t!).decision, 'unknown');
  // The endpoint subnet itself is in its own range; every carved subnet is in the VPC's range it is carved from.
  for (const r of both('FourEndpoints', 'aws_subnet.four_endpoints', 'sqs')) assert.equal(r.verdict, 'private', r.summary);
  for (const r of both('FourApp', 'aws_subnet.four_app', 'ssm')) assert.equal(r.verdict, 'private', r.summary);
});
