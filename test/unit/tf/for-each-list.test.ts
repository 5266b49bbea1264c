// `for_each` takes a map or a set of strings: Terraform rejects a list or tuple there ("Invalid for_each
// argument ... you have provided a value of type tuple"), so such a configuration never plans. Seen in
// public configurations (`for_each = var.vpc_endpoints` with a list, `for_each = ["ssm", "ec2messages"]`).
// Each test failed while a list was expanded as if it were a set: findings on endpoints Terraform never makes.
// https://developer.hashicorp.com/terraform/language/meta-arguments/for_each

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const NET = `
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
`;

const endpoint = (forEach: string) => `${NET}
resource "aws_vpc_endpoint" "e" {
  for_each            = ${forEach}
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  private_dns_enabled = true
}
`;

test('a for_each over a list is the error Terraform reports, and the resource is not judged as if it were made', () => {
  for (const [forEach, extra] of [
    ['["dynamodb", "ssm"]', ''],
    ['var.services', 'variable "services" {\n  type    = list(string)\n  default = ["dynamodb", "ssm"]\n}\n'],
    ['local.services', 'locals {\n  services = [for s in ["dynamodb", "ssm"] : s]\n}\n'],
    ['concat(["dynamodb"], ["ssm"])', ''],
  ] as const) {
    const { findings, rules } = checkTf(endpoint(forEach) + extra);
    const error = findings.find((f) => f.rule === 'VPCE0001');
    assert.ok(error, `${forEach}: the error is reported`);
    assert.equal(error.at, forEach, 'on the for_each value');
    assert.match(error.message, /Invalid for_each argument.*map, or set of strings/);
    assert.ok(!rules.includes('VPCE5005'), `${forEach}: no finding on an endpoint Terraform never makes (${rules.join(', ')})`);
  }
});

test('a set, a map, or a value that may be either (a variable without a type a caller passes) is expanded as before', () => {
  for (const forEach of ['toset(["dynamodb", "ssm"])', '{ a = "dynamodb", b = "ssm" }']) {
    const { rules } = checkTf(endpoint(forEach));
    assert.ok(!rules.includes('VPCE0001'), forEach);
    assert.ok(rules.includes('VPCE5005'), `${forEach}: the dynamodb endpoint is judged`);
  }
  // A variable with no type may be given a set by a caller (or a plan's -var): its default's form does not decide.
  const { rules } = checkTf(endpoint('var.services') + 'variable "services" {\n  default = ["dynamodb"]\n}\n');
  assert.ok(!rules.includes('VPCE0001'), 'an untyped variable is not called a list');
  // A `set(string)` variable is a set whatever its default is written as.
  const typed = checkTf(endpoint('var.services') + 'variable "services" {\n  type    = set(string)\n  default = ["dynamodb"]\n}\n');
  assert.ok(!typed.rules.includes('VPCE0001'));
  assert.ok(typed.rules.includes('VPCE5005'));
});

test('a module call or data source with a for_each over a list is the same error', () => {
  const { findings } = checkTf(`${NET}
data "aws_vpc_endpoint_service" "s" {
  for_each = ["ssm"]
  service  = each.value
}
`);
  assert.deepEqual(
    findings.filter((f) => f.rule === 'VPCE0001').map((f) => f.at),
    ['["ssm"]'],
  );
});
