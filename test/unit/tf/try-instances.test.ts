// try() over an instance that does not exist: terraform-aws-modules/vpc writes
// `vpc_id = try(aws_vpc_ipv4_cidr_block_association.this[0].vpc_id, aws_vpc.this[0].id, "")`, where the
// association has `count = 0` without secondary CIDR blocks. `this[0]` of a resource whose count is known
// to be 0 is Terraform's "Invalid index" error, which try() skips to the next argument; it was taken
// for a value not known statically, so every subnet's VPC (and every trace) of a local copy was unknown.
// https://developer.hashicorp.com/terraform/language/functions/try

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const vpc = (secondary: string) => `
variable "secondary_cidr_blocks" {
  type    = list(string)
  default = ${secondary}
}
locals {
  vpc_id = try(aws_vpc_ipv4_cidr_block_association.this[0].vpc_id, aws_vpc.this[0].id, "")
}
resource "aws_vpc" "this" {
  count                = 1
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_vpc_ipv4_cidr_block_association" "this" {
  count      = length(var.secondary_cidr_blocks)
  vpc_id     = aws_vpc.this[0].id
  cidr_block = element(var.secondary_cidr_blocks, count.index)
}
resource "aws_subnet" "private" {
  vpc_id            = local.vpc_id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_route_table" "private" {
  vpc_id = local.vpc_id
}
resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = local.vpc_id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.private.id]
}
`;

test('try() skips an index of a resource whose count is known to have no such instance', () => {
  const r = checkTf(vpc('[]')).trace('aws_subnet.private', 's3');
  assert.equal(r.verdict, 'private', r.summary);
});

test('an instance that exists is the value try() gives (no skipping past it)', () => {
  // With a secondary block the association's vpc_id is the one read: the same VPC here.
  const r = checkTf(vpc('["10.1.0.0/16"]')).trace('aws_subnet.private', 's3');
  assert.equal(r.verdict, 'private', r.summary);
});

test('a count not known statically leaves try() undecided: unknown', () => {
  const text = vpc('[]').replace('count      = length(var.secondary_cidr_blocks)', 'count      = var.n').replace('locals {', 'variable "n" {\n  type = number\n}\nlocals {');
  // prop() gives no value for an unknown one.
  assert.equal(checkTf(text).prop('aws_subnet.private', 'VpcId'), undefined);
});
