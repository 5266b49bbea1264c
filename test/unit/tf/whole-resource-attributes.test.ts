// A resource with count or for_each read whole (`[for s in aws_subnet.private : s.cidr_block]`,
// `values(aws_subnet.private)[*].cidr_block`): each instance's arguments are its own, known when the block
// writes them, as `aws_subnet.private["a"].cidr_block` is. Only the id was given, every other attribute
// "known only after apply": an endpoint group admitting the subnets' ranges was unknown for every client.
// https://developer.hashicorp.com/terraform/language/meta-arguments/for_each#referring-to-instances

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const config = (cidrs: string) => `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "private" {
  for_each          = { a = "10.0.1.0/24", b = "10.0.2.0/24" }
  vpc_id            = aws_vpc.main.id
  cidr_block        = each.value
  availability_zone = "eu-west-1\${each.key}"
}
resource "aws_subnet" "other" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.200.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ${cidrs}
  }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [for s in aws_subnet.private : s.id]
  security_group_ids  = [aws_security_group.ep.id]
}
`;

test('an argument an instance writes is read through its whole resource', () => {
  for (const cidrs of ['[for s in aws_subnet.private : s.cidr_block]', 'values(aws_subnet.private)[*].cidr_block']) {
    const c = checkTf(config(cidrs));
    assert.equal(c.trace('aws_subnet.private["a"]', 'ssm').verdict, 'private', cidrs);
    const other = c.trace('aws_subnet.other', 'ssm');
    assert.equal(other.verdict, 'blocked', `${cidrs}: ${other.summary}`);
  }
});

test('an attribute the block does not write stays known only after apply', () => {
  const r = checkTf(config('[for s in aws_subnet.private : s.ipv6_cidr_block]')).trace('aws_subnet.private["a"]', 'ssm');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /known only after apply/);
});
