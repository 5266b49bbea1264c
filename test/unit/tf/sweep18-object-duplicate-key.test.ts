// An object constructor that writes one key twice is no error in HCL: the later item's value is the
// key's (hclsyntax's ObjectConsExpr fills its map in order; `terraform console` 1.11.4 reads
// `{ a = 1, a = 2 }` as `{ "a" = 2 }`). hashintel/hash's endpoint map lists `ecrdkr` twice, the second
// for ecr.api, and `ec2messages` twice, the second for logs: we read the first, and the for_each over
// the map made an ecr.dkr endpoint Terraform never creates.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

test('the later of two items with one key is the value', () => {
  const c = checkTf(`
locals {
  endpoints = {
    ecrdkr = { name = "com.amazonaws.eu-west-1.ecr.dkr" }
    ecrdkr = { name = "com.amazonaws.eu-west-1.ecr.api" }
    s3     = { name = "com.amazonaws.eu-west-1.s3" }
  }
}
resource "aws_vpc_endpoint" "x" {
  for_each          = local.endpoints
  vpc_id            = "vpc-0abc"
  vpc_endpoint_type = "Interface"
  service_name      = each.value.name
}
`);
  assert.equal(c.prop('aws_vpc_endpoint.x["ecrdkr"]', 'ServiceName'), 'com.amazonaws.eu-west-1.ecr.api');
  assert.equal(c.prop('aws_vpc_endpoint.x["s3"]', 'ServiceName'), 'com.amazonaws.eu-west-1.s3');
  const lengthOf = checkTf(`locals {\n  v = length({ a = 1, a = 2, "a" = 3 })\n}\nresource "aws_vpc_endpoint" "x" {\n  service_name = local.v\n}\n`);
  assert.equal(lengthOf.prop('aws_vpc_endpoint.x', 'ServiceName'), 1);
  const key = checkTf(`locals {\n  v = { a = "x", ("a") = "y" }\n}\nresource "aws_vpc_endpoint" "x" {\n  service_name = local.v.a\n}\n`);
  assert.equal(key.prop('aws_vpc_endpoint.x', 'ServiceName'), 'y');
});
