// Bad Terraform gets findings or silence, never a crash, a hang or a guess: cycles, huge counts,
// broken syntax, odd blocks. Each input is checked whole (findings in range) within the test's time.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

before(() => ensureTerraformParser());

const run = (text: string) => {
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } });
  for (const f of r.analysis.findings) assert.ok(f.start >= 0 && f.end <= r.module.text.length && f.start <= f.end, `${f.ruleId} out of range`);
  assert.ok(!r.analysis.findings.some((f) => f.ruleId === 'VPCE0000'), r.analysis.findings.map((f) => f.message).join('\n'));
  r.analysis.network();
  return r;
};

test('arguments that refer to each other are unknown, not a stack overflow', () => {
  const r = run(`
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  availability_zone = aws_subnet.b.availability_zone
}
resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  availability_zone = aws_subnet.a.availability_zone
}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
locals {
  x = local.y
  y = local.x
}
resource "aws_vpc_endpoint" "e" {
  vpc_id       = aws_vpc.main.id
  service_name = local.x
}`);
  const zone = r.analysis.network()!.defaults.subnets.get('aws_subnet.a')!.zone;
  assert.match(JSON.stringify(zone), /refers to itself|aws_subnet/);
});

test('a huge count is not expanded: the resource is one that may exist', () => {
  const r = run('resource "aws_subnet" "a" {\n  count  = 100000000\n  vpc_id = "vpc-1"\n}\n');
  assert.deepEqual(r.analysis.template.resources.map((x) => x.id), ['aws_subnet.a']);
});

test('broken and odd inputs: no crash', () => {
  for (const text of [
    '',
    '\u0000\u0001\u0002',
    'resource "aws_vpc_endpoint" {\n}\n',
    'resource "aws_vpc_endpoint" "x" "y" "z" {\n  vpc_id = \n',
    'resource "aws_vpc_endpoint" "x" {\n  policy = <<EOT\n{"Statement": [\nEOT\n}\n',
    'resource "aws_vpc_endpoint" "x" {\n  service_name = "${"${"${var.a}"}"}"\n  route_table_ids = [for t in var.t : t.id]\n  dynamic "dns_options" {\n    for_each = [1]\n    content {}\n  }\n}\n',
    'locals { a = [' + '['.repeat(2000) + ']'.repeat(2000) + '] }\nresource "aws_vpc" "v" { cidr_block = local.a[0] }\n',
    'resource "aws_security_group" "g" {\n  ingress = "not a list"\n  egress = [1, 2]\n}\n',
    'data "aws_iam_policy_document" "p" {\n  statement {\n    principals {\n      type = var.t\n    }\n  }\n}\nresource "aws_vpc_endpoint" "e" {\n  vpc_id = "vpc-1"\n  service_name = "com.amazonaws.eu-west-1.s3"\n  policy = data.aws_iam_policy_document.p.json\n}\n',
  ]) run(text);
});

test('deep unclosed nesting is a syntax finding, not a crash', () => {
  const r = analyzeTerraform([{ path: 'main.tf', text: 'locals { a = ' + '['.repeat(3000) + '\n' }]);
  assert.ok(r.analysis.findings.length > 0 && r.analysis.findings.every((f) => f.ruleId === 'VPCE0001'));
});
