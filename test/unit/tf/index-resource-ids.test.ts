// A route table and NAT gateway per subnet, paired by position: `element(values(x)[*].id,
// index(values(aws_subnet.private)[*].id, each.value.id))` (seen in Element84's filmdrop-aws-tf-modules
// vpc_infra). index() over the ids of the configuration's own instances is their position (each
// instance has its own id), so each subnet's route table is known and the trace follows it; before,
// every subnet's route table was "known only at deploy time".
// https://developer.hashicorp.com/terraform/language/functions/index_function

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const TEXT = `
variable "public" { default = { "eu-west-1a" = "10.26.0.0/22", "eu-west-1b" = "10.26.4.0/22" } }
variable "private" { default = { "eu-west-1a" = "10.26.8.0/22", "eu-west-1b" = "10.26.12.0/22" } }
resource "aws_vpc" "v" {
  cidr_block           = "10.26.0.0/18"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "public" {
  for_each          = var.public
  vpc_id            = aws_vpc.v.id
  cidr_block        = each.value
  availability_zone = each.key
}
resource "aws_subnet" "private" {
  for_each          = var.private
  vpc_id            = aws_vpc.v.id
  cidr_block        = each.value
  availability_zone = each.key
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_route_table" "public" { vpc_id = aws_vpc.v.id }
resource "aws_route" "public_default" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}
resource "aws_route_table_association" "public" {
  for_each       = aws_subnet.public
  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}
resource "aws_eip" "eips" {
  for_each = var.public
  domain   = "vpc"
}
resource "aws_nat_gateway" "ngws" {
  for_each      = aws_subnet.public
  allocation_id = element(values(aws_eip.eips)[*].id, index(values(aws_subnet.public)[*].id, each.value.id))
  subnet_id     = each.value.id
}
resource "aws_route_table" "private" {
  for_each = aws_subnet.private
  vpc_id   = aws_vpc.v.id
}
resource "aws_route_table_association" "private" {
  for_each       = aws_subnet.private
  subnet_id      = each.value.id
  route_table_id = element(values(aws_route_table.private)[*].id, index(values(aws_subnet.private)[*].id, each.value.id))
}
resource "aws_route" "private_default" {
  for_each               = aws_subnet.private
  route_table_id         = element(values(aws_route_table.private)[*].id, index(values(aws_subnet.private)[*].id, each.value.id))
  nat_gateway_id         = element(values(aws_nat_gateway.ngws)[*].id, index(values(aws_subnet.private)[*].id, each.value.id) % length(values(aws_subnet.public)[*].id))
  destination_cidr_block = "0.0.0.0/0"
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = values(aws_route_table.private)[*].id
}
`;

test("each private subnet takes its own route table: s3 through the gateway endpoint, the internet through its own zone's NAT gateway", () => {
  const r = analyzeTerraform([{ path: 'main.tf', text: TEXT }], { settings: { regions: ['eu-west-1'] } });
  const model = r.analysis.network()!;
  for (const zone of ['eu-west-1a', 'eu-west-1b']) {
    const from = `aws_subnet.private["${zone}"]`;
    const s3 = traceNetwork(model, from, 's3');
    assert.ok(s3.ok);
    assert.equal(s3.result.verdict, 'private', s3.result.summary);
    const out = traceNetwork(model, from, 'internet');
    assert.ok(out.ok);
    assert.equal(out.result.verdict, 'public', out.result.summary);
    assert.match(out.result.summary, new RegExp(`aws_nat_gateway\\.ngws\\["${zone}"\\]`));
  }
});
