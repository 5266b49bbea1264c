// for_each over a set of service names built with the deploy Region
// (`toset([for s in var.services : "com.amazonaws.${data.aws_region.current.name}.${s}"])`, a Korean
// endpoints module of the session-18 sweep): toset() of texts known but for the Region, and so the
// resource's instances, were unknown, and every trace in the VPC was unknown ("each.value is not evaluated
// statically"). In every Region the names are distinct and sort the same way: one instance each.
// https://developer.hashicorp.com/terraform/language/functions/toset

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const NET = (services: string, extra = '') => `
data "aws_region" "current" {}
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_route_table" "r" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.r.id
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.v.cidr_block]
  }
}
locals {
  names = [for s in ${services} : "com.amazonaws.\${data.aws_region.current.name}.\${s}"]
}
resource "aws_vpc_endpoint" "i" {
  for_each            = toset(local.names)
  vpc_id              = aws_vpc.v.id
  service_name        = each.value
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
  tags = {
    Name = each.key
  }
}
${extra}`;

test('one instance per Region-dependent name, each traced', () => {
  const c = checkTf(NET('["ssm", "logs", "ssm"]'));
  const t = c.trace('aws_subnet.a', 'ssm');
  assert.equal(t.verdict, 'private');
  assert.match(JSON.stringify(t), /aws_vpc_endpoint\.i\[\\"com\.amazonaws\.\$\{AWS::Region\}\.ssm\\"\]/);
  assert.equal(c.trace('aws_subnet.a', 'logs').verdict, 'private');
  assert.deepEqual(c.rules, []);
});

test('names that one Region may make equal keep the set unknown; a key written with a Region name is not known, not an error', () => {
  const c = checkTf(NET('["ssm"]', `
locals {
  mixed = toset(["com.amazonaws.\${data.aws_region.current.name}.ssm", "com.amazonaws.eu-west-1.ssm"])
}
resource "aws_vpc_endpoint" "mixed" {
  for_each          = local.mixed
  vpc_id            = aws_vpc.v.id
  service_name        = each.value
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
output "one" {
  value = aws_vpc_endpoint.i["com.amazonaws.eu-west-1.ssm"].id
}
`));
  // In eu-west-1 the two names are one: the set's size is not known, the resource is one block of unknown instances.
  const resources = c.r.module.root.pairs.find((p) => p.key.value === 'Resources')!.value!;
  const addresses = resources.kind === 'map' ? resources.pairs.map((p) => String(p.key.value)) : [];
  assert.ok(addresses.includes('aws_vpc_endpoint.mixed'), addresses.join(' '));
  assert.ok(!addresses.some((a) => a.startsWith('aws_vpc_endpoint.mixed[')), addresses.join(' '));
  assert.ok(!c.rules.includes('VPCE0005') && !c.rules.includes('VPCE0001'), c.rules.join(','));
});
