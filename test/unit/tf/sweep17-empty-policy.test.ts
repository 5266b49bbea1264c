// `policy = ""` on an aws_vpc_endpoint (often `policy = var.policy` with `default = ""`, as public endpoint
// modules write it) is no policy: the AWS provider creates the endpoint without a PolicyDocument and
// resets it to the default on update (internal/service/ec2/vpc_endpoint.go: GetOk, ResetPolicy). It was
// VPCE9001 "Unexpected end of JSON", an error on a configuration that deploys, and the trace's policy was
// "computed". Now it is the default policy; a policy that is not JSON keeps its VPCE9001.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';
import { s3Network } from '../../helpers/tf-endpoint-policy.js';

before(() => ensureTerraformParser());


function judge(text: string) {
  const c = checkTf(text);
  const r = c.trace('aws_subnet.a', 's3');
  return { rules: c.rules, verdict: r.verdict, policy: r.hops.find((h) => h.kind === 'endpoint policy')?.reason };
}

test('policy = "" is no policy: no VPCE9001, and the trace reads the default policy', () => {
  for (const text of [s3Network('""'), s3Network('var.policy', 'variable "policy" {\n  type    = string\n  default = ""\n}\n')]) {
    const j = judge(text);
    assert.deepEqual(j.rules.filter((r) => r.startsWith('VPCE9')), []);
    assert.equal(j.verdict, 'private');
    assert.match(j.policy ?? '', /no policy: the default policy allows full access/);
  }
});

test('an aws_vpc_endpoint_policy of "" is no policy either', () => {
  const j = judge(s3Network(null, 'resource "aws_vpc_endpoint_policy" "p" {\n  vpc_endpoint_id = aws_vpc_endpoint.s3.id\n  policy          = ""\n}\n'));
  assert.deepEqual(j.rules.filter((r) => r.startsWith('VPCE9')), []);
  assert.match(j.policy ?? '', /no policy: the default policy allows full access/);
});

test('a policy that is not JSON keeps its VPCE9001', () => {
  assert.ok(judge(s3Network('"{"')).rules.includes('VPCE9001'));
});

test('a vpc-endpoints module entry with policy = "" is no policy; a policy from a variable without value is unknown', () => {
  const text = s3Network(null, `
module "endpoints" {
  source = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  vpc_id = aws_vpc.v.id
  endpoints = {
    dynamodb = {
      service         = "dynamodb"
      service_type    = "Gateway"
      route_table_ids = [aws_route_table.r.id]
      policy          = ""
    }
    s3 = {
      service         = "s3"
      service_type    = "Gateway"
      route_table_ids = [aws_route_table.r.id]
      policy          = var.s3_policy
    }
  }
}
variable "s3_policy" {
  type = string
}
`).replace(/resource "aws_vpc_endpoint" "s3" \{[^}]*\}/, '');
  const c = checkTf(text);
  assert.deepEqual(c.rules.filter((r) => r.startsWith('VPCE9')), []);
  const ddb = c.trace('aws_subnet.a', 'dynamodb');
  assert.equal(ddb.verdict, 'private');
  assert.match(ddb.hops.find((h) => h.kind === 'endpoint policy')?.reason ?? '', /no policy/);
  const s3 = c.trace('aws_subnet.a', 's3');
  assert.equal(s3.verdict, 'unknown');
  assert.match(s3.hops.find((h) => h.kind === 'endpoint policy')?.reason ?? '', /decided by var\.s3_policy/);
});
