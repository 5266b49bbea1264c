// A data source argument set to null is not set, as for a resource: boicotaz/modules' vpc-endpoints
// module looks each service up with `service = lookup(each.value, "service", null)` and `service_name =
// lookup(each.value, "service_name", null)`, so an entry that gives `service` alone has service_name
// null. That null was read as the name written, and every endpoint's service was "not a value the
// template fixes": every trace unknown.
// https://developer.hashicorp.com/terraform/language/expressions/types#null

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const TEXT = (serviceName: string) => `
variable "endpoints" {
  default = {
    s3  = { service = "s3", service_type = "Gateway" }
    ssm = { service = "ssm", private_dns_enabled = true }
  }
}
resource "aws_vpc" "v" {
  cidr_block           = "10.80.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.80.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_route_table" "r" { vpc_id = aws_vpc.v.id }
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.r.id
}
resource "aws_security_group" "e" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.v.cidr_block]
  }
}
data "aws_vpc_endpoint_service" "this" {
  for_each     = var.endpoints
  service      = lookup(each.value, "service", null)
  service_name = ${serviceName}
  filter {
    name   = "service-type"
    values = [lookup(each.value, "service_type", "Interface")]
  }
}
resource "aws_vpc_endpoint" "this" {
  for_each            = var.endpoints
  vpc_id              = aws_vpc.v.id
  service_name        = data.aws_vpc_endpoint_service.this[each.key].service_name
  vpc_endpoint_type   = lookup(each.value, "service_type", "Interface")
  subnet_ids          = lookup(each.value, "service_type", "Interface") == "Interface" ? [aws_subnet.a.id] : null
  security_group_ids  = lookup(each.value, "service_type", "Interface") == "Interface" ? [aws_security_group.e.id] : null
  private_dns_enabled = lookup(each.value, "service_type", "Interface") == "Interface" ? lookup(each.value, "private_dns_enabled", false) : null
  route_table_ids     = lookup(each.value, "service_type", "Interface") == "Gateway" ? [aws_route_table.r.id] : null
}
`;

test('service_name = null beside service: the lookup is by service, and the endpoints are judged and traced', () => {
  const c = checkTf(TEXT('lookup(each.value, "service_name", null)'));
  assert.deepEqual(c.rules, []);
  for (const service of ['s3', 'ssm']) {
    const t = c.trace('aws_subnet.a', service);
    assert.equal(t.verdict, 'private', t.summary);
  }
});

test('a service_name that is written still decides the name', () => {
  const c = checkTf(TEXT('"com.amazonaws.eu-west-1.\${each.value.service}"'));
  assert.equal(c.trace('aws_subnet.a', 'ssm').verdict, 'private');
  // Not known: the name stays unknown, naming it.
  const u = checkTf(`${TEXT('var.name')}\nvariable "name" { type = string }\n`);
  const t = u.trace('aws_subnet.a', 'ssm');
  assert.equal(t.verdict, 'unknown', t.summary);
});
