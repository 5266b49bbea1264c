// Fifth round of public Terraform configurations checked by hand (test/fixtures/real-tf5 holds the
// configurations whose licence allows it; their reviewed findings are in real-tf5.test.ts). Each test
// here carries one fact in a minimal fixture of our own and fails without the fix it names.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';
import { toPlain, type Node } from '../../../server/src/core/document/tree.js';

before(() => ensureTerraformParser());

test('an argument set to null is unset: policy = null is no policy, not an unparsable one', () => {
  // nanlabs/terraform-aws-starter: every entry of its vpc-endpoints module call writes policy = null
  // (the module reads lookup(each.value, "policy", null)); VPCE9001 said "Unexpected end of JSON" for
  // each. Terraform: "null ... represents absence or omission", the same on a resource's argument.
  const text = `
variable "policy" {
  default = null
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table" "other" {
  vpc_id = aws_vpc.v.id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.\${data.aws_region.current.region}.s3"
  route_table_ids   = [aws_route_table.rt.id]
  policy            = null
}
resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.\${data.aws_region.current.region}.dynamodb"
  route_table_ids = [aws_route_table.rt.id]
  policy          = var.policy
}
data "aws_region" "current" {}
module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "~> 3.0"
  vpc_id  = aws_vpc.v.id
  endpoints = {
    s3 = {
      service         = "s3"
      service_type    = "Gateway"
      route_table_ids = [aws_route_table.other.id]
      policy          = null
    }
  }
}
`;
  const c = checkTf(text);
  assert.deepEqual(c.rules, []);
  // Not lowered at all: no rule reads an empty policy.
  const keys = (address: string) => {
    const get = (n: Node | null | undefined, k: string) => (n?.kind === 'map' ? n.pairs.find((p) => p.key.value === k)?.value : undefined);
    const p = get(get(get(c.r.module.root, 'Resources'), address), 'Properties');
    assert.ok(p?.kind === 'map', `${address} is lowered`);
    return p.pairs.map((x) => String(x.key.value));
  };
  for (const a of ['aws_vpc_endpoint.s3', 'aws_vpc_endpoint.dynamodb', 'module.endpoints.aws_vpc_endpoint.this["s3"]']) {
    assert.ok(keys(a).includes('RouteTableIds'), a);
    assert.ok(!keys(a).includes('PolicyDocument'), a);
  }
  // A policy that is written is still read and judged.
  const bad = checkTf(text.replace('policy            = null', 'policy            = "{"'));
  assert.deepEqual(bad.rules, ['VPCE9001']);
});

test('try(each.value.x, default) over a variable\'s default without optional attributes: the missing key fails, the default is taken', () => {
  // The common shape of endpoint maps handed in as `type = any`: entries write only what differs
  // from the defaults. try() left private_dns_enabled unknown for every entry that did not write it
  // ("whether each.value.private_dns fails is not known statically"); Terraform takes the second
  // argument (https://developer.hashicorp.com/terraform/language/functions/try).
  const text = (type: string) => `
variable "endpoints" {
  type = ${type}
  default = {
    ssm  = {}
    logs = { private_dns = false }
  }
}
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
resource "aws_vpc_endpoint" "this" {
  for_each            = var.endpoints
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.\${data.aws_region.current.region}.\${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  private_dns_enabled = try(each.value.private_dns, true)
}
data "aws_region" "current" {}
`;
  const c = checkTf(text('any'));
  assert.equal(c.prop('aws_vpc_endpoint.this["ssm"]', 'PrivateDnsEnabled'), true);
  assert.equal(c.prop('aws_vpc_endpoint.this["logs"]', 'PrivateDnsEnabled'), false);
  // The trace no longer names the try() as what decides the way to ssm.
  assert.doesNotMatch(JSON.stringify(c.trace('aws_subnet.a', 'ssm')), /private_dns/);
  // A type with optional attributes gives ssm's entry private_dns = null (type-defaults.ts): try() does
  // not fail there and returns the null, so private DNS is unset (the provider's default, off).
  const typed = checkTf(text('map(object({ private_dns = optional(bool) }))'));
  assert.equal(typed.prop('aws_vpc_endpoint.this["ssm"]', 'PrivateDnsEnabled'), null);
  assert.deepEqual(typed.findings.map((f) => `${f.rule} ${f.resource}`), ['VPCE5003 aws_vpc_endpoint.this["ssm"]']);
});

test('a resource\'s own region argument (AWS provider 6) is where it is created, not its provider\'s', () => {
  // Enhanced region support: every regional resource takes `region`, which overrides the provider's
  // (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/enhanced-region-support).
  // VPCE3001 called an endpoint with region = "us-west-2" and a us-west-2 service name "created in
  // us-east-1" (an error that was false), and missed the one whose service is in us-east-1: it cannot be created.
  const text = `
provider "aws" {
  region = "us-east-1"
}
resource "aws_vpc" "west" {
  region     = "us-west-2"
  cidr_block = "10.1.0.0/16"
}
resource "aws_route_table" "west" {
  region = "us-west-2"
  vpc_id = aws_vpc.west.id
}
resource "aws_vpc_endpoint" "s3" {
  region          = "us-west-2"
  vpc_id          = aws_vpc.west.id
  service_name    = "com.amazonaws.us-west-2.s3"
  route_table_ids = [aws_route_table.west.id]
}
resource "aws_vpc_endpoint" "dynamodb" {
  region          = "us-west-2"
  vpc_id          = aws_vpc.west.id
  service_name    = "com.amazonaws.us-east-1.dynamodb"
  route_table_ids = [aws_route_table.west.id]
}
`;
  const c = checkTf(text);
  assert.deepEqual(c.findings.map((f) => `${f.rule} ${f.resource}`), ['VPCE3001 aws_vpc_endpoint.dynamodb']);
  assert.match(c.findings[0]!.message, /hard-codes us-east-1 but the endpoint is created in us-west-2 \(its region argument\)/);
  // A region pinned on the resource is deliberate, as with an aliased provider: no "use data.aws_region" advice.
  assert.deepEqual(checkTf(text.replace('com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-west-2.dynamodb')).rules, []);
});

test('associations made for_each over setproduct(endpoints, route tables) are read, one per pair', () => {
  // A common shape for gateway endpoints in several route tables: setproduct() was not evaluated, so
  // the for_each was not known and neither was any association: the tables' s3 route went unseen.
  const text = `
locals {
  gateway_endpoints = ["s3", "dynamodb"]
  route_tables      = ["a", "b"]
}
data "aws_region" "current" {}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_route_table" "rt" {
  for_each = toset(local.route_tables)
  vpc_id   = aws_vpc.v.id
}
resource "aws_vpc_endpoint" "gw" {
  for_each     = toset(local.gateway_endpoints)
  vpc_id       = aws_vpc.v.id
  service_name = "com.amazonaws.\${data.aws_region.current.region}.\${each.key}"
}
resource "aws_vpc_endpoint_route_table_association" "gw" {
  for_each        = { for p in setproduct(local.gateway_endpoints, local.route_tables) : "\${p[0]}-\${p[1]}" => { endpoint = p[0], table = p[1] } }
  vpc_endpoint_id = aws_vpc_endpoint.gw[each.value.endpoint].id
  route_table_id  = aws_route_table.rt[each.value.table].id
}
`;
  const c = checkTf(text);
  // Without the associations both endpoints were "a Gateway endpoint without route_table_ids" (VPCE2002).
  assert.deepEqual(c.rules, []);
  const resources = c.r.module.root.kind === 'map' ? c.r.module.root.pairs.find((p) => p.key.value === 'Resources')?.value : undefined;
  const s3 = resources?.kind === 'map' ? resources.pairs.find((p) => p.key.value === 'aws_vpc_endpoint.gw["s3"]')?.value : undefined;
  assert.deepEqual(JSON.parse(JSON.stringify((toPlain(s3!) as { Properties: { RouteTableIds: unknown } }).Properties.RouteTableIds)), [{ Ref: 'aws_route_table.rt["a"]' }, { Ref: 'aws_route_table.rt["b"]' }]);
});

test('a route to a Network Firewall endpoint of the configuration is not said to leave it', () => {
  // aws-samples/hub-and-spoke-with-inspection-vpc-terraform routes 0.0.0.0/0 to the firewall's endpoint
  // (vpc_endpoint_id from its sync_states). The trace said "its path beyond is outside this
  // configuration", though the firewall and its subnet's routes are in it: what the firewall lets
  // through, and where its subnet sends it, is what is not traced.
  const text = `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "app" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_subnet" "fw" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_networkfirewall_firewall" "fw" {
  name                = "fw"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:123456789012:firewall-policy/p"
  vpc_id              = aws_vpc.v.id
  subnet_mapping {
    subnet_id = aws_subnet.fw.id
  }
}
resource "aws_route_table" "app" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block      = "0.0.0.0/0"
    vpc_endpoint_id = tolist(aws_networkfirewall_firewall.fw.firewall_status[0].sync_states)[0].attachment[0].endpoint_id
  }
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
`;
  const t = checkTf(text).trace('aws_subnet.app', 'internet');
  assert.equal(t.verdict, 'unknown');
  const hop = t.hops.find((h) => h.kind === 'vpc endpoint');
  assert.ok(hop, JSON.stringify(t.hops));
  assert.doesNotMatch(hop.reason, /outside this configuration/);
  assert.match(hop.reason, /Network Firewall's\) takes the traffic; what it lets through and where it goes next are not traced/);
});
