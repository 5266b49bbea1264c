// Shapes that public Terraform configurations use and the adapter got wrong, each found by checking
// real modules and examples (the facts are carried here in minimal fixtures of our own): a value the
// configuration makes certain must be known, and a finding must hold by Terraform's and AWS's rules.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { lowerTerraform } from '../../../server/src/core/tf/lower.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { toPlain, type MapNode, type Node } from '../../../server/src/core/document/tree.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

function props(text: string, address: string): Record<string, unknown> {
  const m = lowerTerraform([{ path: 'main.tf', text }]);
  const resources = (m.root.pairs.find((p) => p.key.value === 'Resources')!.value as MapNode).pairs;
  const r = resources.find((p) => p.key.value === address);
  assert.ok(r, `${address} is lowered (have ${resources.map((p) => String(p.key.value)).join(', ')})`);
  const p = (r.value as MapNode).pairs.find((x) => x.key.value === 'Properties')!.value as Node;
  return JSON.parse(JSON.stringify(toPlain(p))) as Record<string, unknown>;
}

const REGION = { Ref: 'AWS::Region' };

test('a data source with count, read by its index: the instance\'s arguments decide it, as for one without count', () => {
  // The shape of a widely used VPC module's endpoints: a data "aws_vpc_endpoint_service" per service,
  // created under the same flag as the endpoint and read as [0].
  const text = `
variable "enable_ssm" { default = true }
data "aws_vpc_endpoint_service" "ssm" {
  count   = var.enable_ssm ? 1 : 0
  service = "ssm"
}
data "aws_vpc_endpoint_service" "each" {
  for_each = toset(["logs", "sqs"])
  service  = each.key
}
resource "aws_vpc_endpoint" "ssm" {
  count             = var.enable_ssm ? 1 : 0
  vpc_id            = "vpc-1"
  vpc_endpoint_type = "Interface"
  service_name      = data.aws_vpc_endpoint_service.ssm[0].service_name
}
resource "aws_vpc_endpoint" "logs" {
  vpc_id            = "vpc-1"
  vpc_endpoint_type = "Interface"
  service_name      = data.aws_vpc_endpoint_service.each["logs"].service_name
}
resource "aws_vpc_endpoint" "gone" {
  vpc_id            = "vpc-1"
  vpc_endpoint_type = "Interface"
  service_name      = data.aws_vpc_endpoint_service.each["kms"].service_name
}
`;
  assert.deepEqual(props(text, 'aws_vpc_endpoint.ssm[0]').ServiceName, { 'Fn::Join': ['', ['com.amazonaws.', REGION, '.', 'ssm']] });
  assert.deepEqual(props(text, 'aws_vpc_endpoint.logs').ServiceName, { 'Fn::Join': ['', ['com.amazonaws.', REGION, '.', 'logs']] });
  // An instance the for_each does not make is no value (Terraform's error), never a guess.
  assert.ok('Fn::Unknown' in (props(text, 'aws_vpc_endpoint.gone').ServiceName as object));
  // A count not known: whether instance 0 exists is not known, so neither is its value.
  const unset = props(text.replace('variable "enable_ssm" { default = true }', 'variable "enable_ssm" {}').replace(/resource "aws_vpc_endpoint" "ssm" \{\n  count[^\n]*\n/, 'resource "aws_vpc_endpoint" "ssm" {\n'), 'aws_vpc_endpoint.ssm').ServiceName as Record<string, string[]>;
  assert.ok(unset['Fn::Unknown'], JSON.stringify(unset));
  assert.match(unset['Fn::Unknown']![0]!, /count/);
});

test('a policy document per for_each instance is read with that instance\'s each.value', () => {
  const text = `
data "aws_iam_policy_document" "ep" {
  for_each = { s3 = "arn:aws:s3:::bucket-a/*" }
  statement {
    actions   = ["s3:GetObject"]
    resources = [each.value]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = "vpc-1"
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = ["rtb-1"]
  policy          = data.aws_iam_policy_document.ep["s3"].json
}
`;
  const policy = props(text, 'aws_vpc_endpoint.s3').PolicyDocument as { Statement: { Resource: unknown }[] };
  assert.deepEqual(policy.Statement[0]!.Resource, ['arn:aws:s3:::bucket-a/*']);
});

function serviceName(prelude: string, expr: string): unknown {
  return props(`${prelude}\nresource "aws_vpc_endpoint" "x" {\n  service_name = ${expr}\n}\n`, 'aws_vpc_endpoint.x').ServiceName;
}

test('max, min and coalescelist by their documented semantics: a count made of them is known', () => {
  const prelude = `
variable "private_subnets" { default = ["10.0.1.0/24", "10.0.2.0/24"] }
variable "database_subnets" { default = [] }
variable "ids" { default = [] }
variable "unset" {}
resource "aws_subnet" "private" {
  count      = max(length(var.private_subnets), length(var.database_subnets))
  vpc_id     = "vpc-1"
  cidr_block = var.private_subnets[count.index]
}`;
  assert.equal(serviceName(prelude, 'max(1, "3", 2)'), 3);
  assert.equal(serviceName(prelude, 'min(4, 2, 7)'), 2);
  // The first list that is not empty (the module's own subnets when no ids are given).
  assert.deepEqual(serviceName(prelude, 'coalescelist(var.ids, aws_subnet.private.*.id)'), [{ Ref: 'aws_subnet.private[0]' }, { Ref: 'aws_subnet.private[1]' }]);
  assert.deepEqual(serviceName(prelude, 'coalescelist(["a"], var.unset)'), ['a']);
  // A list not known may be empty: what follows it is not certain.
  const u = serviceName(prelude, 'coalescelist(var.unset, ["a"])') as Record<string, string[]>;
  assert.equal(u['Fn::Unknown']![1], 'var.unset');
  const m = serviceName(prelude, 'max(1, var.unset)') as Record<string, string[]>;
  assert.equal(m['Fn::Unknown']![1], 'var.unset');
});

test('a route table association whose subnet is not known may be any subnet\'s: never "no association, main table, blocked"', () => {
  // Subnets and their associations counted by a list variable with no value: the association of
  // subnet[count.index] is there whenever the subnet is, but which instance it names is not known.
  const text = `
variable "cidrs" { type = list(string) }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_subnet" "pub" {
  count      = length(var.cidrs)
  vpc_id     = aws_vpc.v.id
  cidr_block = var.cidrs[count.index]
}
resource "aws_route_table" "pub" { vpc_id = aws_vpc.v.id }
resource "aws_route" "out" {
  route_table_id         = aws_route_table.pub.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}
resource "aws_route_table_association" "pub" {
  count          = length(var.cidrs)
  route_table_id = aws_route_table.pub.id
  subnet_id      = aws_subnet.pub[count.index].id
}
`;
  const r = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } });
  const a = traceNetwork(r.analysis.network()!, 'aws_subnet.pub', 'internet');
  assert.ok(a.ok);
  assert.notEqual(a.result.verdict, 'blocked', a.result.summary);
  assert.equal(a.result.verdict, 'unknown');
  // A subnet of the same VPC that the configuration never associates still uses the main table (whose routes
  // beyond the local one the configuration does not manage: unknown, naming it, not the association).
  const known = analyzeTerraform([{ path: 'main.tf', text: text.replace('count          = length(var.cidrs)\n  route_table_id', 'route_table_id').replace('aws_subnet.pub[count.index].id', '"subnet-0abc"') + 'resource "aws_subnet" "lone" {\n  vpc_id     = aws_vpc.v.id\n  cidr_block = "10.0.9.0/24"\n}\n' }], { settings: { regions: ['eu-west-1'] } });
  const lone = traceNetwork(known.analysis.network()!, 'aws_subnet.lone', 'internet');
  assert.ok(lone.ok);
  assert.equal(lone.result.verdict, 'unknown');
  assert.match(lone.result.summary, /aws_subnet\.lone uses the main route table of VPC aws_vpc\.v, whose routes beyond the local one/);
});

test('a counted resource read whole (length(aws_nat_gateway.x), [for s in aws_subnet.x : s.id]) has one element per instance', () => {
  const prelude = `
variable "cidrs" { default = ["10.0.1.0/24", "10.0.2.0/24"] }
variable "one_nat" { default = true }
resource "aws_subnet" "x" {
  count      = length(var.cidrs)
  vpc_id     = "vpc-1"
  cidr_block = var.cidrs[count.index]
}
resource "aws_nat_gateway" "n" {
  count     = var.one_nat ? 1 : length(var.cidrs)
  subnet_id = aws_subnet.x[count.index].id
}
resource "aws_subnet" "m" {
  for_each   = { a = "10.0.3.0/24" }
  vpc_id     = "vpc-1"
  cidr_block = each.value
}`;
  assert.equal(serviceName(prelude, 'length(aws_nat_gateway.n)'), 1);
  assert.deepEqual(serviceName(prelude, '[for s in aws_subnet.x : s.id]'), [{ Ref: 'aws_subnet.x[0]' }, { Ref: 'aws_subnet.x[1]' }]);
  assert.deepEqual(serviceName(prelude, '[for k, s in aws_subnet.m : s.id]'), [{ Ref: 'aws_subnet.m["a"]' }]);
  // Any other attribute of an instance read this way is not claimed.
  const other = serviceName(prelude, '[for s in aws_subnet.x : s.arn]') as Record<string, string[]>[];
  assert.deepEqual(other.map((o) => o['Fn::Unknown']?.[0]), ['s.arn is known only after apply', 's.arn is known only after apply']);
});

test('a region taken from an input variable (its default or a tfvars value) is not "hard-coded" in the service name', () => {
  const rules = (text: string, tfvars?: string) =>
    analyzeTerraform([{ path: 'main.tf', text }, ...(tfvars ? [{ path: 'terraform.tfvars', text: tfvars }] : [])], { settings: { regions: [] } }).analysis.findings.map((f) => f.ruleId);
  const endpoint = (name: string) => `
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-1"
  service_name = ${name}
  route_table_ids = ["rtb-1"]
}`;
  // The provider and the service name read one variable: the endpoint is always in the region it names.
  assert.deepEqual(rules(`variable "region" { type = string }\nprovider "aws" {\n  region = var.region\n}${endpoint('"com.amazonaws.${var.region}.s3"')}`, 'region = "us-east-1"\n').filter((r) => r.startsWith('VPCE300')), []);
  assert.deepEqual(rules(`variable "region" { default = "eu-west-2" }${endpoint('"com.amazonaws.${var.region}.s3"')}`).filter((r) => r.startsWith('VPCE300')), []);
  assert.deepEqual(rules(`variable "name" { default = "com.amazonaws.eu-west-2.s3" }\nlocals {\n  n = var.name\n}${endpoint('local.n')}`).filter((r) => r.startsWith('VPCE300')), []);
  // Through a function of the variable (format, join, lower), the region is still the input's.
  assert.deepEqual(rules(`variable "region" { default = "eu-west-2" }${endpoint('format("com.amazonaws.%s.s3", var.region)')}`).filter((r) => r.startsWith('VPCE300')), []);
  assert.deepEqual(rules(`variable "region" { default = "EU-WEST-2" }${endpoint('join(".", ["com.amazonaws", lower(var.region), "s3"])')}`).filter((r) => r.startsWith('VPCE300')), []);
  // Written in the configuration's text, it is hard-coded, whatever else a variable gives.
  assert.deepEqual(rules(`variable "svc" { default = "s3" }${endpoint('"com.amazonaws.eu-west-2.${var.svc}"')}`).filter((r) => r.startsWith('VPCE300')), ['VPCE3002']);
  assert.deepEqual(rules(`variable "svc" { default = "s3" }${endpoint('format("com.amazonaws.eu-west-2.%s", var.svc)')}`).filter((r) => r.startsWith('VPCE300')), ['VPCE3002']);
  assert.deepEqual(rules(`variable "r" { default = "eu-west-2" }${endpoint('coalesce("com.amazonaws.eu-west-2.s3", var.r)')}`).filter((r) => r.startsWith('VPCE300')), ['VPCE3002']);
});

test('"${expr}" alone is the expression\'s value, not a string made of it (HCL template unwrapping): a 0.11-style "${aws_vpc.main.id}" is the VPC', () => {
  const prelude = `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
variable "ids" { default = ["a", "b"] }`;
  assert.deepEqual(serviceName(prelude, '"${aws_vpc.main.id}"'), { Ref: 'aws_vpc.main' });
  assert.deepEqual(serviceName(prelude, '"${var.ids}"'), ['a', 'b']);
  // With text around it, it is a string.
  assert.deepEqual(serviceName(prelude, '"x-${aws_vpc.main.id}"'), { 'Fn::Join': ['', ['x-', { Ref: 'aws_vpc.main' }]] });
});

test('cidrsubnet by its documented semantics (IPv4); an impossible one is unknown, as Terraform fails it', () => {
  const prelude = 'variable "cidr" { default = "10.20.0.0/16" }';
  assert.equal(serviceName(prelude, 'cidrsubnet(var.cidr, 3, 5)'), '10.20.160.0/19');
  assert.equal(serviceName(prelude, 'cidrsubnet("10.1.2.3/16", 8, 255)'), '10.1.255.0/24');
  assert.equal(serviceName(prelude, 'cidrsubnet("172.16.0.0/12", 4, 2)'), '172.18.0.0/16');
  for (const bad of ['cidrsubnet(var.cidr, 3, 8)', 'cidrsubnet(var.cidr, 17, 0)', 'cidrsubnet("fd00::/56", 8, 1)']) {
    assert.ok('Fn::Unknown' in (serviceName(prelude, bad) as object), bad);
  }
});

test('a vpc-endpoints module entry\'s dns_options and ip_address_type reach the endpoint, as the module\'s main.tf passes them', () => {
  const call = (entry: string) => `
module "endpoints" {
  source = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  vpc_id = "vpc-1"
  endpoints = {
    s3 = {
      service             = "s3"
      private_dns_enabled = true
      subnet_ids          = ["subnet-1"]
      ${entry}
    }
  }
}`;
  const rules = (text: string) => analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-2'] } }).analysis.findings.map((f) => f.ruleId);
  // The entry turns "inbound resolver only" off: no gateway endpoint is needed.
  assert.ok(!rules(call('dns_options = { private_dns_only_for_inbound_resolver_endpoint = false }')).includes('VPCE5004'));
  const address = 'module.endpoints.aws_vpc_endpoint.this["s3"]';
  const p = props(call('ip_address_type = "dualstack"\n      dns_options = { private_dns_only_for_inbound_resolver_endpoint = true }'), address);
  assert.equal(p.IpAddressType, 'dualstack');
  assert.deepEqual(p.DnsOptions, { PrivateDnsOnlyForInboundResolverEndpoint: true });
  // Without dns_options the endpoint has none, as before (AWS's default applies).
  assert.equal(props(call(''), address).DnsOptions, undefined);
});

test('a subnet whose range is not known lies inside its VPC\'s one CIDR: a group admitting the VPC CIDR admits it', () => {
  const text = (admitted: string, extra = '') => `
variable "subnet_cidr" { type = string }
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = var.subnet_cidr
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["${admitted}"]
  }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
${extra}`;
  const verdict = (t: string) => {
    const r = analyzeTerraform([{ path: 'main.tf', text: t }], { settings: { regions: ['eu-west-1'] } });
    const a = traceNetwork(r.analysis.network()!, 'aws_subnet.a', 'ssm');
    assert.ok(a.ok);
    return a.result.verdict;
  };
  assert.equal(verdict(text('10.0.0.0/16')), 'private');
  // A range apart from the VPC's cannot hold the subnet.
  assert.equal(verdict(text('192.168.0.0/16')), 'blocked');
  // Part of the VPC: the subnet may or may not be in it.
  assert.equal(verdict(text('10.0.1.0/24')), 'unknown');
  // A VPC with a second CIDR may hold the subnet there.
  assert.equal(verdict(text('10.0.0.0/16', 'resource "aws_vpc_ipv4_cidr_block_association" "more" {\n  vpc_id     = aws_vpc.v.id\n  cidr_block = "100.64.0.0/16"\n}')), 'unknown');
});

test('a folder with a Terraform JSON file (.tf.json) declares there what its .tf files use: no "undeclared" error, and one it does not declare still is', () => {
  const text = 'variable "a" { default = 1 }\nlocals {\n  n = var.generated + local.also_generated\n}\n';
  const rules = (files: { path: string; text: string }[]) => analyzeTerraform(files, { settings: { regions: [] } }).analysis.findings.map((f) => f.ruleId);
  assert.deepEqual(rules([{ path: 'm/main.tf', text }]), ['VPCE0005', 'VPCE0005']);
  const json = '{\n  "variable": { "generated": {} },\n  "locals": { "also_generated": "${var.a}" }\n}\n';
  assert.deepEqual(rules([{ path: 'm/main.tf', text }, { path: 'm/generated.tf.json', text: json }]), []);
  assert.deepEqual(rules([{ path: 'm/main.tf', text }, { path: 'm/generated.tf.json', text: json.replace('"generated"', '"other"') }]), ['VPCE0005']);
});

test('an endpoint service looked up by service with only a service-type filter (a vendored copy of the vpc-endpoints module) has its name; its service_type is the filter\'s', () => {
  const text = `
variable "endpoints" {
  default = { s3 = { service = "s3", service_type = "Gateway" }, logs = { service = "logs" } }
}
data "aws_vpc_endpoint_service" "this" {
  for_each = var.endpoints
  service  = lookup(each.value, "service", null)
  filter {
    name   = "service-type"
    values = [lookup(each.value, "service_type", "Interface")]
  }
}
resource "aws_vpc_endpoint" "this" {
  for_each          = var.endpoints
  vpc_id            = "vpc-1"
  service_name      = data.aws_vpc_endpoint_service.this[each.key].service_name
  vpc_endpoint_type = data.aws_vpc_endpoint_service.this[each.key].service_type
}
data "aws_vpc_endpoint_service" "tagged" {
  service = "ssm"
  filter {
    name   = "tag:team"
    values = ["a"]
  }
}
resource "aws_vpc_endpoint" "tagged" {
  vpc_id       = "vpc-1"
  service_name = data.aws_vpc_endpoint_service.tagged.service_name
}
`;
  const s3 = props(text, 'aws_vpc_endpoint.this["s3"]');
  assert.deepEqual(s3.ServiceName, { 'Fn::Join': ['', ['com.amazonaws.', REGION, '.', 's3']] });
  assert.equal(s3.VpcEndpointType, 'Gateway');
  assert.equal(props(text, 'aws_vpc_endpoint.this["logs"]').VpcEndpointType, 'Interface');
  // Another filter may match another service (or none): not known.
  assert.ok('Fn::Unknown' in (props(text, 'aws_vpc_endpoint.tagged').ServiceName as object));
});

test('a data source with for_each read whole is the map of its instances (for_each = data.aws_vpc_endpoint_service.x)', () => {
  const text = `
variable "gateways" {
  default = { s3 = { name = "s3" } }
}
data "aws_vpc_endpoint_service" "gw" {
  for_each     = var.gateways
  service      = var.gateways[each.key].name
  service_type = "Gateway"
}
resource "aws_vpc_endpoint" "gw" {
  for_each          = data.aws_vpc_endpoint_service.gw
  vpc_id            = "vpc-1"
  service_name      = data.aws_vpc_endpoint_service.gw[each.key].service_name
  vpc_endpoint_type = data.aws_vpc_endpoint_service.gw[each.key].service_type
  route_table_ids   = ["rtb-1"]
}
`;
  const p = props(text, 'aws_vpc_endpoint.gw["s3"]');
  assert.deepEqual(p.ServiceName, { 'Fn::Join': ['', ['com.amazonaws.', REGION, '.', 's3']] });
  assert.equal(p.VpcEndpointType, 'Gateway');
});
