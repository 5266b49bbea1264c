// `import` blocks: the resource exists before the configuration, and an Optional+Computed argument
// the configuration does not write keeps the existing resource's value (Terraform neither sets nor
// clears it). Each test fails where an imported resource was judged as if it were created fresh.
// https://developer.hashicorp.com/terraform/language/import

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
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.rt.id
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.v.id
}
`;

test('an imported endpoint keeps the route tables, subnets, groups and private DNS it has where the configuration writes none', () => {
  // aws_vpc_endpoint's route_table_ids, subnet_ids, security_group_ids, private_dns_enabled and policy
  // are Optional+Computed in the provider's schema (internal/service/ec2/vpc_endpoint.go).
  const text = (imp: string) => `${NET}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.v.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.a.id]
}
${imp}`;
  const fresh = checkTf(text(''));
  assert.ok(fresh.rules.includes('VPCE2002'), 'a created Gateway endpoint without route tables is still found');
  const imported = checkTf(text(`
import {
  to = aws_vpc_endpoint.s3
  id = "vpce-0123456789abcdef0"
}
import {
  to = aws_vpc_endpoint.ssm
  id = "vpce-0123456789abcdef1"
}
`));
  // Not "a Gateway endpoint without route tables", nor "private DNS is off".
  assert.deepEqual(imported.rules.filter((r) => r !== 'VPCE3002'), []);
  const t = imported.trace('aws_subnet.a', 'ssm');
  assert.equal(t.verdict, 'unknown');
  assert.match(JSON.stringify(t), /imported/);
  // An import with for_each (Terraform 1.7) may name any instance.
  const each = checkTf(text('variable "ids" {}\nimport {\n  for_each = var.ids\n  to       = aws_vpc_endpoint.s3[each.key]\n  id       = each.value\n}\n').replace('resource "aws_vpc_endpoint" "s3" {\n', 'resource "aws_vpc_endpoint" "s3" {\n  for_each     = toset(["a"])\n'));
  assert.ok(!each.rules.includes('VPCE2002'), each.rules.join());
  assert.ok(checkTf(text('').replace('resource "aws_vpc_endpoint" "s3" {\n', 'resource "aws_vpc_endpoint" "s3" {\n  for_each     = toset(["a"])\n')).rules.includes('VPCE2002'));
  // JSON syntax writes the address as a string.
  const json = checkTf(text(''), [{ path: 'imports.tf.json', text: '{"import": [{"to": "aws_vpc_endpoint.s3", "id": "vpce-1"}]}' }]);
  assert.ok(!json.rules.includes('VPCE2002'));
});

test('an imported route table, security group and network ACL keep the rules they have where none are written', () => {
  const text = (imp: string) => `${NET}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
${imp}`;
  // A created group with no rules admits nothing.
  assert.equal(checkTf(text('')).trace('aws_subnet.a', 'ssm').verdict, 'blocked');
  assert.equal(checkTf(text('import {\n  to = aws_security_group.ep\n  id = "sg-0123"\n}\n')).trace('aws_subnet.a', 'ssm').verdict, 'unknown');
  // A created route table holds the local route only; an imported one what it has.
  assert.equal(checkTf(text('')).trace('aws_subnet.a', 'internet').verdict, 'blocked');
  assert.equal(checkTf(text('import {\n  to = aws_route_table.rt\n  id = "rtb-0123"\n}\n')).trace('aws_subnet.a', 'internet').verdict, 'unknown');
  // Written rules are the rules: `ingress = []` removes every one, imported or not.
  const cleared = checkTf(text('import {\n  to = aws_security_group.ep\n  id = "sg-0123"\n}\n').replace('resource "aws_security_group" "ep" {\n  vpc_id = aws_vpc.v.id\n', 'resource "aws_security_group" "ep" {\n  vpc_id = aws_vpc.v.id\n  ingress = []\n'));
  assert.equal(cleared.trace('aws_subnet.a', 'ssm').verdict, 'blocked');
});

test('an imported VPC is not a fresh one: its DNS hostnames, main route table and default ACL are what it has', () => {
  // aws_vpc's enable_dns_hostnames is Optional+Computed (AWS's default false applies only on create).
  const text = (imp: string) => `
resource "aws_vpc" "v" {
  count      = 1
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v[0].id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.v[0].id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
}
${imp}`;
  const rules = (c: ReturnType<typeof checkTf>) => c.rules.filter((r) => r !== 'VPCE3002');
  assert.deepEqual(rules(checkTf(text(''))), ['VPCE5001']);
  const imported = checkTf(text('import {\n  to = aws_vpc.v[0]\n  id = "vpc-0123"\n}\n'));
  assert.deepEqual(rules(imported), []);
  const t = imported.trace('aws_subnet.a', 'internet');
  assert.equal(t.verdict, 'unknown');
  assert.doesNotMatch(t.summary, /local route only/);
  // An imported subnet of a created VPC may already be associated with another route table and ACL.
  // A created VPC's main route table: AWS made it with the local route only, and the configuration does not manage it.
  const fresh = checkTf(text('')).trace('aws_subnet.a', 'internet');
  assert.equal(fresh.verdict, 'unknown');
  assert.match(fresh.summary, /AWS creates it with the local route only/);
  assert.doesNotMatch(t.summary, /AWS creates it with the local route only/);
  const subnet = checkTf(text('import {\n  to = aws_subnet.a\n  id = "subnet-0123"\n}\n')).trace('aws_subnet.a', 'internet');
  assert.equal(subnet.verdict, 'unknown');
  assert.match(subnet.summary, /aws_subnet\.a's route table associations/);
});
