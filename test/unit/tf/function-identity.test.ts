// A function of a value known only after apply is another value than its argument: the call names it
// (tf/unknown-identity.ts). element(var.azs, 0) and element(var.azs, 1) were both "var.azs", so two subnets
// in different zones were one zone (a wrong VPCE6001 error); the same call written twice is still one value.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const ZONES = (a: string, b: string) => `
variable "azs" { type = list(string) }
data "aws_availability_zones" "available" { state = "available" }
data "aws_region" "current" {}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = ${a}
}
resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = ${b}
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.region}.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
}
`;

test('element(list, 0) and element(list, 1) of an unknown list are not one zone: no VPCE6001', () => {
  for (const list of ['var.azs', 'data.aws_availability_zones.available.names']) {
    const { rules } = checkTf(ZONES(`element(${list}, 0)`, `element(${list}, 1)`));
    assert.ok(!rules.includes('VPCE6001'), `${list}: ${rules.join(', ')}`);
  }
});

test('the same call written twice is one value: both subnets in one zone (VPCE6001)', () => {
  const { findings } = checkTf(ZONES('element(var.azs, 0)', 'element(var.azs, 0)'));
  assert.deepEqual(findings.filter((f) => f.rule === 'VPCE6001').map((f) => f.resource), ['aws_vpc_endpoint.ssm']);
});
