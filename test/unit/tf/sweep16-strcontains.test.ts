// strcontains(string, substr) (Terraform 1.5: https://developer.hashicorp.com/terraform/language/functions/strcontains)
// was not evaluated: a public VPC module picks its S3 gateway endpoint's route tables with
// `[for name, rt in aws_route_table.main : rt.id if strcontains(name, type)]`, and every trace to S3 was unknown.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

test('strcontains is evaluated', () => {
  const v = (e: string) => checkTf(`locals {\n  v = ${e}\n}\nresource "aws_vpc_endpoint" "x" {\n  service_name = local.v\n}\n`).prop('aws_vpc_endpoint.x', 'ServiceName');
  assert.equal(v('strcontains("privnat^a", "privnat")'), true);
  assert.equal(v('strcontains("public", "privnat")'), false);
  assert.equal(v('strcontains("abc", "")'), true);
});

test('route tables picked with strcontains carry the gateway endpoint\'s route', () => {
  const c = checkTf(`
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "main" {
  for_each = toset(["privnat^a", "public"])
  vpc_id   = aws_vpc.v.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.s.id
  route_table_id = aws_route_table.main["privnat^a"].id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [for name, rt in aws_route_table.main : rt.id if strcontains(name, "privnat")]
}
`);
  assert.equal(c.trace('aws_subnet.s', 's3').verdict, 'private');
});
