// Endpoint associations made with for_each (aws_vpc_endpoint_route_table_association and its
// siblings), over a map of endpoints of both types: the lists they add to are each endpoint's own,
// never a false "route tables on an Interface endpoint" (VPCE2002). A filter Terraform evaluates is
// evaluated; keys the configuration does not know add a "maybe" only where the endpoint's type takes it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

// Modelled on the common "one map of endpoints" pattern (cloudposse, terraform-aws-modules examples).
const BASE = `
locals {
  endpoints = {
    s3  = { service = "s3", type = "Gateway" }
    ssm = { service = "ssm", type = "Interface" }
  }
}
data "aws_region" "current" {}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_route_table" "rt" { vpc_id = aws_vpc.main.id }
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.rt.id
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_vpc_endpoint" "this" {
  for_each            = local.endpoints
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.\${each.value.service}"
  vpc_endpoint_type   = each.value.type
  private_dns_enabled = each.value.type == "Interface" ? true : null
  security_group_ids  = each.value.type == "Interface" ? [aws_security_group.ep.id] : null
}
`;

const ASSOCIATIONS = (gateways: string, interfaces: string) => `
resource "aws_vpc_endpoint_route_table_association" "this" {
  for_each        = ${gateways}
  vpc_endpoint_id = aws_vpc_endpoint.this[each.key].id
  route_table_id  = aws_route_table.rt.id
}
resource "aws_vpc_endpoint_subnet_association" "this" {
  for_each        = ${interfaces}
  vpc_endpoint_id = aws_vpc_endpoint.this[each.key].id
  subnet_id       = aws_subnet.a.id
}
`;

function check(text: string) {
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } });
  return { r, findings: r.analysis.findings.map((f) => `${f.ruleId} ${f.resource} ${f.message}`), model: r.analysis.network()!.defaults };
}

test('associations filtered by type with for expressions: each endpoint gets its own, no finding, and s3 is reached through the gateway', () => {
  const { findings, model, r } = check(BASE + ASSOCIATIONS('{ for k, v in local.endpoints : k => v if v.type == "Gateway" }', '{ for k, v in local.endpoints : k => v if v.type == "Interface" }'));
  assert.deepEqual(findings, []);
  const s3 = model.endpoints.get('aws_vpc_endpoint.this["s3"]')!;
  const ssm = model.endpoints.get('aws_vpc_endpoint.this["ssm"]')!;
  assert.deepEqual([s3.routeTables.complete, s3.routeTables.items.map((i) => i.id)], [true, ['aws_route_table.rt']]);
  assert.deepEqual([ssm.routeTables.items.length, ssm.subnets.complete, ssm.subnets.items.map((i) => i.id)], [0, true, ['aws_subnet.a']]);
  // The conditional security groups: the gateway endpoint has none.
  assert.deepEqual([s3.securityGroups.items.length, ssm.securityGroups.items.map((i) => i.id)], [0, ['aws_security_group.ep']]);
  const trace = traceOf(r, 'aws_subnet.a', 's3');
  assert.equal(trace.verdict, 'private', trace.summary);
});

test('associations over keys the configuration does not know: no false VPCE2002; the gateway endpoint\'s route tables are unknown, not absent', () => {
  const { findings, model, r } = check(`${BASE}${ASSOCIATIONS('var.gateway_keys', 'var.interface_keys')}
variable "gateway_keys" { type = set(string) }
variable "interface_keys" { type = set(string) }
`);
  assert.deepEqual(findings, []);
  const s3 = model.endpoints.get('aws_vpc_endpoint.this["s3"]')!;
  const ssm = model.endpoints.get('aws_vpc_endpoint.this["ssm"]')!;
  assert.equal(s3.routeTables.complete, false);
  assert.equal(ssm.subnets.complete, false);
  // A route table cannot be associated with an Interface endpoint, nor a subnet with a Gateway one.
  assert.deepEqual([ssm.routeTables.items.length, ssm.routeTables.complete, s3.subnets.items.length], [0, true, 0]);
  // Whether the subnet's table sends s3 to the endpoint is not known: unknown, never blocked.
  const trace = traceOf(r, 'aws_subnet.a', 's3');
  assert.equal(trace.verdict, 'unknown', trace.summary);
});

test('an association that names an Interface endpoint for certain is still found (VPCE2002 on the association)', () => {
  const { findings } = check(BASE + ASSOCIATIONS('local.endpoints', '{ for k, v in local.endpoints : k => v if v.type == "Interface" }'));
  assert.deepEqual(findings, ['VPCE2002 aws_vpc_endpoint.this["ssm"] aws_vpc_endpoint.this["ssm"]: an Interface endpoint takes no route_table_ids']);
});

function traceOf(r: ReturnType<typeof analyzeTerraform>, from: string, to: string) {
  const a = traceNetwork(r.analysis.network()!, from, to);
  assert.ok(a.ok);
  return a.result;
}
