// aws_vpc_endpoint_private_dns turns an Interface endpoint's private DNS on or off after it is created
// (the provider asks that the endpoint then leave private_dns_enabled out). The endpoint's private DNS is
// that resource's value: an endpoint it enables is not "private DNS off by default" (VPCE5003), and the
// trace from a subnet of the VPC takes the endpoint for the service's default name.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_private_dns

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const BASE = `
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_security_group" "e" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
data "aws_region" "current" {}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = aws_vpc.v.id
  service_name       = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.e.id]
}
`;

const PRIVATE_DNS = (value: string, endpoint = 'aws_vpc_endpoint.ssm.id') => `
resource "aws_vpc_endpoint_private_dns" "ssm" {
  vpc_endpoint_id     = ${endpoint}
  private_dns_enabled = ${value}
}
`;

function check(text: string) {
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } });
  const findings = r.analysis.findings.map((f) => `${f.ruleId} ${f.resource}`);
  const trace = traceNetwork(r.analysis.network()!, 'aws_subnet.a', 'ssm');
  assert.ok(trace.ok);
  return { findings, verdict: trace.result.verdict, summary: trace.result.summary };
}

test('without aws_vpc_endpoint_private_dns the endpoint keeps the default (off): VPCE5003, and the default name is not the endpoint', () => {
  const { findings, verdict } = check(BASE);
  assert.deepEqual(findings, ['VPCE5003 aws_vpc_endpoint.ssm']);
  assert.notEqual(verdict, 'private');
});

test('aws_vpc_endpoint_private_dns enabling it: no VPCE5003, and the trace reaches ssm through the endpoint', () => {
  const { findings, verdict, summary } = check(BASE + PRIVATE_DNS('true'));
  assert.deepEqual(findings, []);
  assert.equal(verdict, 'private', summary);
});

test('aws_vpc_endpoint_private_dns turning it off is written, not a default: no VPCE5003, and the default name stays public', () => {
  const { findings, verdict } = check(BASE + PRIVATE_DNS('false'));
  assert.deepEqual(findings, []);
  assert.notEqual(verdict, 'private');
});

test('aws_vpc_endpoint_private_dns with a value not known statically: the private DNS is unknown, naming it, never the default', () => {
  const { findings, verdict, summary } = check(`${BASE}${PRIVATE_DNS('var.private_dns')}\nvariable "private_dns" { type = bool }\n`);
  assert.deepEqual(findings, []);
  assert.equal(verdict, 'unknown', summary);
  assert.match(summary, /var\.private_dns/);
});
