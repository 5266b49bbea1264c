// `count = test ? 1 : 0` (or `? 0 : 1`) with a test not known: the resource exists exactly when the test is true
// (false), one condition with every other value the test chooses (tf/module.ts existsWhen), so that a rule does not
// take a resource and a value chosen the other way for two things that exist together.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

before(() => ensureTerraformParser());

const config = (count: string, tables: string) => `
variable "legacy" {
  type = bool
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table" "data" {
  vpc_id = aws_vpc.main.id
}
resource "aws_vpc_endpoint" "legacy" {
  count           = ${count}
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.app.id]
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = ${tables}
}
`;

const clashes = (count: string, tables: string) =>
  analyzeTerraform([{ path: 'main.tf', text: config(count, tables) }], { settings: { regions: ['eu-west-1'] } })
    .analysis.findings.filter((f) => f.ruleId === 'VPCE7001')
    .map((f) => f.message);

test('an endpoint made only when var.legacy is true never meets the route table chosen when it is false', () => {
  assert.deepEqual(clashes('var.legacy ? 1 : 0', 'var.legacy ? [aws_route_table.data.id] : [aws_route_table.app.id]'), []);
  assert.deepEqual(clashes('var.legacy ? 0 : 1', 'var.legacy ? [aws_route_table.app.id] : [aws_route_table.data.id]'), []);
});

test('chosen the same way, they meet: the finding names the value that decides both', () => {
  assert.deepEqual(clashes('var.legacy ? 1 : 0', 'var.legacy ? [aws_route_table.app.id] : [aws_route_table.data.id]'), [
    'aws_vpc_endpoint.s3: route table aws_route_table.app already routes s3 through gateway endpoint aws_vpc_endpoint.legacy (only when aws_vpc_endpoint.legacy exists, which var.legacy decides and var.legacy is true)',
  ]);
  // One instance or two: it exists whatever var.legacy is.
  assert.deepEqual(clashes('var.legacy ? 2 : 1', '[aws_route_table.app.id]'), ['aws_vpc_endpoint.s3: route table aws_route_table.app already routes s3 through gateway endpoint aws_vpc_endpoint.legacy']);
  // A count no choice of the test relates (a number not known) leaves its existence to the plan.
  assert.deepEqual(clashes('var.legacy ? length(var.unset) : 0', '[aws_route_table.app.id]'), [
    'aws_vpc_endpoint.s3: route table aws_route_table.app already routes s3 through gateway endpoint aws_vpc_endpoint.legacy (only when aws_vpc_endpoint.legacy exists, which var.legacy decides)',
  ]);
});
