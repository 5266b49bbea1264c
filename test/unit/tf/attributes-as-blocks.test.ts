// Terraform's "attributes as blocks" mode: `ingress = [{ ... }]` / `egress = var.rules` on
// aws_security_group and `route = [...]` on aws_route_table are read as that many blocks when the value
// is certain (a literal list of objects, a variable's default or tfvars value, a local); `[]` is none
// (Terraform removes every rule); a value not known keeps the rules unknown, naming it.
// https://developer.hashicorp.com/terraform/language/attr-as-blocks

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf, ENDPOINT_WITH_GROUP } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const check = checkTf;
const NET = ENDPOINT_WITH_GROUP;

const RULE = (port: number) => `{
      description      = "rule"
      from_port        = ${port}
      to_port          = ${port}
      protocol         = "tcp"
      cidr_blocks      = ["10.0.0.0/16"]
      ipv6_cidr_blocks = null
      prefix_list_ids  = []
      security_groups  = []
      self             = false
    }`;

const group = (ingress: string) => `${NET}
resource "aws_security_group" "ep" {
  vpc_id  = aws_vpc.main.id
  ingress = ${ingress}
}`;

test('ingress = var.rules with a default: read as the blocks it makes (443: admitted, private; 22 only: VPCE6003); before, unknown', () => {
  const vars = (port: number) => `variable "rules" {
  default = [${RULE(port)}]
}
`;
  const https = check(vars(443) + group('var.rules'));
  assert.ok(!https.rules.includes('VPCE6003'), https.rules.join());
  assert.equal(https.trace('aws_subnet.a', 'ssm').verdict, 'private');
  const ssh = check(vars(22) + group('var.rules'));
  assert.deepEqual(ssh.findings.filter((f) => f.rule === 'VPCE6003').map((f) => f.resource), ['aws_vpc_endpoint.ssm']);
  // The tfvars value, not the default, is what Terraform reads.
  const fromTfvars = check(vars(443) + group('var.rules'), [{ path: 'terraform.tfvars', text: `rules = [${RULE(22)}]\n` }]);
  assert.ok(fromTfvars.rules.includes('VPCE6003'), fromTfvars.rules.join());
});

test('ingress = local.rules and a literal list: read; a literal null argument is unset, not a rule', () => {
  const local = check(`locals {
  rules = [${RULE(22)}]
}
${group('local.rules')}`);
  assert.ok(local.rules.includes('VPCE6003'), local.rules.join());
  const literal = check(group(`[${RULE(443)}]`));
  assert.ok(!literal.rules.includes('VPCE6003'), literal.rules.join());
  assert.equal(literal.trace('aws_subnet.a', 'ssm').verdict, 'private');
});

test('ingress = [] / egress = [] is no rule at all (Terraform removes them): VPCE6003 on the endpoint; the blocked trace says why', () => {
  const { findings } = check(group('[]'));
  assert.deepEqual(findings.filter((f) => f.rule === 'VPCE6003').map((f) => f.resource), ['aws_vpc_endpoint.ssm']);
  const app = check(`${group(`[${RULE(443)}]`)}
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
  egress = []
}
resource "aws_instance" "app" {
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.app.id]
}`);
  const t = app.trace('aws_instance.app', 'ssm');
  assert.equal(t.verdict, 'blocked');
  assert.match(t.summary, /no rule of aws_security_group\.app allows outbound TCP 443 .*: egress = \[\] removes every egress rule$/);
});

test('ingress = var.rules without a value: unknown, naming var.rules (no VPCE6003, trace unknown)', () => {
  const { rules, trace } = check(`variable "rules" {}
${group('var.rules')}`);
  assert.ok(!rules.includes('VPCE6003'), rules.join());
  const t = trace('aws_subnet.a', 'ssm');
  assert.equal(t.verdict, 'unknown');
  assert.match(JSON.stringify(t), /var\.rules/);
});

test('an element of the list not known (a rule from a resource attribute list) keeps the rules unknown, naming the list', () => {
  const { rules, trace } = check(`variable "extra" {}
${group('concat([var.extra], [])')}`);
  assert.ok(!rules.includes('VPCE6003'), rules.join());
  assert.match(JSON.stringify(trace('aws_subnet.a', 'ssm')), /var\.extra|concat/);
});

const TABLE = (route: string) => `${NET.replace(/resource "aws_vpc_endpoint"[\s\S]*$/, '')}
resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.main.id
  route  = ${route}
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.rt.id
}
# A group of its own that lets everything out (given none, the instance is in the VPC's default group).
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "app" {
  subnet_id                   = aws_subnet.a.id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.app.id]
}`;

const ROUTE = `{
      cidr_block                 = "0.0.0.0/0"
      gateway_id                 = aws_internet_gateway.gw.id
      ipv6_cidr_block            = null
      nat_gateway_id             = null
      transit_gateway_id         = null
      vpc_endpoint_id            = null
      vpc_peering_connection_id  = null
      egress_only_gateway_id     = null
      network_interface_id       = null
      local_gateway_id           = null
      carrier_gateway_id         = null
      core_network_arn           = null
      destination_prefix_list_id = null
    }`;

test('route = local.routes / a literal list on aws_route_table: the default route to the internet gateway is read; [] is none', () => {
  const verdict = (route: string, pre = '') => check(pre + TABLE(route)).trace('aws_instance.app', 'internet').verdict;
  assert.equal(verdict(`[${ROUTE}]`), 'public');
  assert.equal(verdict('local.routes', `locals {\n  routes = [${ROUTE}]\n}\n`), 'public');
  assert.notEqual(verdict('[]'), 'public');
  assert.equal(verdict('var.routes', 'variable "routes" {}\n'), 'unknown');
});
