// An endpoint made by an aliased provider (or with its own `region`) whose service name takes its
// region from the default provider's data "aws_region": the name is another region's service, so the
// endpoint cannot be created (an endpoint reaches its own region's services unless service_region).
// The trace already said so; VPCE3001 named only hard-coded regions.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const TEXT = (region: string) => `
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
data "aws_region" "current" {}
data "aws_region" "west" {
  provider = aws.west
}
resource "aws_vpc" "west" {
  provider   = aws.west
  cidr_block = "10.1.0.0/16"
}
resource "aws_route_table" "west" {
  provider = aws.west
  vpc_id   = aws_vpc.west.id
}
resource "aws_vpc_endpoint" "dynamodb" {
  provider        = aws.west
  vpc_id          = aws_vpc.west.id
  service_name    = "com.amazonaws.\${${region}}.dynamodb"
  route_table_ids = [aws_route_table.west.id]
}
`;

test('the default provider\'s region in an aliased endpoint\'s service name is VPCE3001', () => {
  const c = checkTf(TEXT('data.aws_region.current.name'));
  assert.deepEqual(c.rules, ['VPCE3001']);
  assert.match(c.findings[0]!.message, /us-west-2/);
  assert.match(c.findings[0]!.message, /eu-west-1/);
  // The aliased provider's own data source is right.
  assert.deepEqual(checkTf(TEXT('data.aws_region.west.name')).rules, []);
});
