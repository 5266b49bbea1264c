// Fifth round of public Terraform configurations checked by hand (test/fixtures/real-tf5 holds the
// configurations whose licence allows it; their reviewed findings are in real-tf5.test.ts). Each test
// here carries one fact in a minimal fixture of our own and fails without the fix it names.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';
import type { Node } from '../../../server/src/core/document/tree.js';

before(() => ensureTerraformParser());

test('an argument set to null is unset: policy = null is no policy, not an unparsable one', () => {
  // nanlabs/terraform-aws-starter: every entry of its vpc-endpoints module call writes policy = null
  // (the module reads lookup(each.value, "policy", null)); VPCE9001 said "Unexpected end of JSON" for
  // each. Terraform: "null ... represents absence or omission", the same on a resource's argument.
  const text = `
variable "policy" {
  default = null
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table" "other" {
  vpc_id = aws_vpc.v.id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.\${data.aws_region.current.region}.s3"
  route_table_ids   = [aws_route_table.rt.id]
  policy            = null
}
resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.\${data.aws_region.current.region}.dynamodb"
  route_table_ids = [aws_route_table.rt.id]
  policy          = var.policy
}
data "aws_region" "current" {}
module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 3.0"
  vpc_id  = aws_vpc.v.id
  endpoints = {
    s3 = {
      service         = "s3"
      service_type    = "Gateway"
      route_table_ids = [aws_route_table.other.id]
      policy          = null
    }
  }
}
`;
  const c = checkTf(text);
  assert.deepEqual(c.rules, []);
  // Not lowered at all: no rule reads an empty policy.
  const keys = (address: string) => {
    const get = (n: Node | null | undefined, k: string) => (n?.kind === 'map' ? n.pairs.find((p) => p.key.value === k)?.value : undefined);
    const p = get(get(get(c.r.module.root, 'Resources'), address), 'Properties');
    assert.ok(p?.kind === 'map', `${address} is lowered`);
    return p.pairs.map((x) => String(x.key.value));
  };
  for (const a of ['aws_vpc_endpoint.s3', 'aws_vpc_endpoint.dynamodb', 'module.endpoints.aws_vpc_endpoint.this["s3"]']) {
    assert.ok(keys(a).includes('RouteTableIds'), a);
    assert.ok(!keys(a).includes('PolicyDocument'), a);
  }
  // A policy that is written is still read and judged.
  const bad = checkTf(text.replace('policy            = null', 'policy            = "{"'));
  assert.deepEqual(bad.rules, ['VPCE9001']);
});
