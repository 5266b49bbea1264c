// Truth audit 2026-12-01 (docs/audit.md): Terraform configurations real users write, each once
// answered falsely. Every test fails on the code before its fix.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

before(() => ensureTerraformParser());

function check(text: string) {
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } });
  return r.analysis.findings.map((f) => ({ rule: f.ruleId, resource: f.resource, message: f.message }));
}

test('a route-table association for an instance of a for_each gateway endpoint adds to that resource only, never to an Interface endpoint beside it', () => {
  // cloudposse/terraform-aws-vpc modules/vpc-endpoints: the association's key is unknown, its resource is not.
  const findings = check(`
variable "gateway_vpc_endpoints" { type = map(any) }
variable "route_table_ids" { type = list(string) }
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
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
resource "aws_vpc_endpoint" "gateway_endpoint" {
  for_each          = var.gateway_vpc_endpoints
  vpc_id            = aws_vpc.main.id
  service_name      = each.value.name
  vpc_endpoint_type = "Gateway"
}
resource "aws_vpc_endpoint_route_table_association" "gateway" {
  for_each        = var.gateway_vpc_endpoints
  route_table_id  = var.route_table_ids[0]
  vpc_endpoint_id = aws_vpc_endpoint.gateway_endpoint[each.key].id
}
resource "aws_vpc_endpoint" "execute_api" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.execute-api"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
`);
  assert.deepEqual(findings.filter((f) => f.rule === "VPCE2002").map((f) => `${f.rule} ${f.message}`), []);
});

test('a module call given the VPC and its route table may create endpoints and routes there: the trace answers unknown naming the module, not blocked', async () => {
  const { traceNetwork } = await import('../../../server/src/core/trace/api.js');
  const r = analyzeTerraform([{ path: 'main.tf', text: `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.rt.id
}
module "endpoints" {
  source          = "cloudposse/vpc/aws//modules/vpc-endpoints"
  vpc_id          = aws_vpc.main.id
  route_table_ids = [aws_route_table.rt.id]
}
module "unrelated" {
  source = "./alarms"
}
` }], { settings: { regions: ['eu-west-1'] } });
  for (const to of ['ssm', 's3', 'internet']) {
    const answer = traceNetwork(r.analysis.network()!, 'aws_subnet.a', to);
    assert.ok(answer.ok);
    assert.equal(answer.result.verdict, 'unknown', `${to}: ${answer.result.summary}`);
    assert.match(answer.result.summary, /module\.endpoints/);
  }
  assert.deepEqual(r.analysis.findings.map((f) => `${f.ruleId} ${f.message}`), []);
});

test('service_region (a cross-Region endpoint) makes the region in service_name the point: no hard-coded-region warning, no region mismatch', () => {
  const text = `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
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
resource "aws_vpc_endpoint" "xr" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.us-east-1.ssm"
  service_region     = "us-east-1"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.ep.id]
}
`;
  // The region rules say nothing; SSM not being on AWS's cross-Region list is VPCE3005's to say.
  const found = check(text).filter((f) => f.rule.startsWith('VPCE300')).map((f) => `${f.rule} ${f.message}`);
  assert.deepEqual(found.filter((f) => !f.startsWith('VPCE3005 ')), []);
  assert.equal(found.length, 1, found.join('\n'));
});

test('an endpoint of an aliased provider (provider = aws.use1) is in that provider\'s region: no region mismatch against the configured region', () => {
  const findings = check(`
provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}
resource "aws_vpc" "east" {
  provider   = aws.use1
  cidr_block = "10.9.0.0/16"
}
resource "aws_route_table" "east" {
  provider = aws.use1
  vpc_id   = aws_vpc.east.id
}
resource "aws_vpc_endpoint" "east_s3" {
  provider        = aws.use1
  vpc_id          = aws_vpc.east.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_route_table.east.id]
}
`);
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.message}`), []);
});

test('a local module that cannot be read (its folder is missing) and is given the VPC is an unknown box to the trace, as an unread registry module is', async () => {
  const { traceNetwork } = await import('../../../server/src/core/trace/api.js');
  const missing = { root: '.', read: () => ({ error: 'module.endpoints (./endpoints) is not read: no such folder' }) };
  const r = analyzeTerraform([{ path: 'main.tf', text: `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.rt.id
}
module "endpoints" {
  source          = "./endpoints"
  vpc_id          = aws_vpc.main.id
  route_table_ids = [aws_route_table.rt.id]
}
` }], { settings: { regions: ['eu-west-1'] } }, missing);
  for (const to of ['ssm', 's3']) {
    const answer = traceNetwork(r.analysis.network()!, 'aws_subnet.a', to);
    assert.ok(answer.ok);
    assert.equal(answer.result.verdict, 'unknown', `${to}: ${answer.result.summary}`);
    assert.match(answer.result.summary, /module\.endpoints/);
  }
});
