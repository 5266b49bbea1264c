// A variable typed with optional object attributes: Terraform gives an object that leaves one out (or
// sets it to null) the attribute's default, or null where there is none, before the module reads it.
// An endpoint map's `private_dns_enabled = optional(bool, true)` is then true for the entries that do
// not write it, not a key the value "has no such" of (which made every trace through them unknown).
// https://developer.hashicorp.com/terraform/language/expressions/type-constraints#optional-object-type-attributes

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

const NETWORK = `
resource "aws_vpc" "v" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
  enable_dns_support               = true
  enable_dns_hostnames             = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_route_table" "r" { vpc_id = aws_vpc.v.id }
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.r.id
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
`;

const ENDPOINTS = (privateDns: string) => `
variable "endpoints" {
  type = map(object({
    service             = string
    private_dns_enabled = ${privateDns}
    type                = optional(string, "Interface")
  }))
  default = {
    ssm  = { service = "ssm" }
    logs = { service = "logs", private_dns_enabled = false }
    kms  = { service = "kms", private_dns_enabled = null }
    s3   = { service = "s3", type = "Gateway" }
  }
}
resource "aws_vpc_endpoint" "this" {
  for_each            = var.endpoints
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.\${each.value.service}"
  vpc_endpoint_type   = each.value.type
  private_dns_enabled = each.value.type == "Interface" ? each.value.private_dns_enabled : null
  subnet_ids          = each.value.type == "Interface" ? [aws_subnet.a.id] : null
  security_group_ids  = each.value.type == "Interface" ? [aws_security_group.e.id] : null
  route_table_ids     = each.value.type == "Gateway" ? [aws_route_table.r.id] : null
}
`;

function analyze(text: string) {
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } });
  const findings = r.analysis.findings.map((f) => `${f.ruleId} ${f.resource}`);
  const trace = (to: string) => {
    const t = traceNetwork(r.analysis.network()!, 'aws_subnet.a', to);
    assert.ok(t.ok);
    return t.result;
  };
  return { findings, trace };
}

test('optional(bool, true) left out, or null: private DNS on; written false stays off; optional(string, "Interface") is the type', () => {
  const { findings, trace } = analyze(NETWORK + ENDPOINTS('optional(bool, true)'));
  assert.deepEqual(findings, []);
  for (const service of ['ssm', 'kms']) {
    const t = trace(service);
    assert.equal(t.verdict, 'private', t.summary);
  }
  assert.notEqual(trace('logs').verdict, 'private');
  assert.equal(trace('s3').verdict, 'private', trace('s3').summary);
});

test('optional(bool) with no default left out is null, which leaves the provider default (off): VPCE5003 on those entries alone', () => {
  const { findings, trace } = analyze(NETWORK + ENDPOINTS('optional(bool)'));
  assert.deepEqual(findings.sort(), ['VPCE5003 aws_vpc_endpoint.this["kms"]', 'VPCE5003 aws_vpc_endpoint.this["ssm"]']);
  assert.doesNotMatch(trace('ssm').summary, /no such key/);
});

test('a dynamic block over objects whose optional attribute is left out: the argument is null (not written), not unknown', () => {
  const { findings, trace } = analyze(`${NETWORK}
variable "dns_options" {
  type    = list(object({ dns_record_ip_type = string, private_dns_only_for_inbound_resolver_endpoint = optional(bool) }))
  default = [{ dns_record_ip_type = "ipv4" }]
}
resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.e.id]
  dynamic "dns_options" {
    for_each = var.dns_options
    content {
      dns_record_ip_type                             = dns_options.value.dns_record_ip_type
      private_dns_only_for_inbound_resolver_endpoint = dns_options.value.private_dns_only_for_inbound_resolver_endpoint
    }
  }
}
`);
  assert.deepEqual(findings, []);
  const t = trace('sts');
  assert.equal(t.verdict, 'private', t.summary);
});

test('a tfvars value is given the defaults too; a value not known stays unknown, naming the variable', () => {
  const text = NETWORK + ENDPOINTS('optional(bool, true)').replace(/default = \{[\s\S]*?\n  \}\n/, '');
  const withTfvars = analyzeTerraform([{ path: 'main.tf', text }, { path: 'terraform.tfvars', text: 'endpoints = { ssm = { service = "ssm" } }\n' }], { settings: { regions: ['eu-west-1'] } });
  const t = traceNetwork(withTfvars.analysis.network()!, 'aws_subnet.a', 'ssm');
  assert.ok(t.ok);
  assert.equal(t.result.verdict, 'private', t.result.summary);
  const { findings } = analyze(text);
  assert.deepEqual(findings, []);
});
