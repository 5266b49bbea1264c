// Fourth round of public Terraform configurations checked by hand (test/fixtures/real-tf4 holds the
// configurations whose licence allows it; their reviewed findings are in real-tf4.test.ts). Each test
// here carries one fact in a minimal fixture of our own and fails without the fix it names.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

test('a service name built in a for expression\'s key from an input variable, read as each.key, does not hard-code the region', () => {
  // aws-samples/aws-network-hub-for-terraform: local.endpoints = { for e in var.vpc_endpoints :
  // "com.amazonaws.${var.aws_region}.${e}" => ... } handed to a module whose endpoints are
  // for_each = var.interface_endpoints, service_name = each.key. VPCE3002 said "hard-codes eu-west-2".
  const text = (region: string) => `
variable "aws_region" {
  default = "eu-west-1"
}
variable "vpc_endpoints" {
  default = ["ssm", "logs"]
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
locals {
  endpoints = { for e in var.vpc_endpoints : "com.amazonaws.${region}.\${e}" => "\${e}.${region}.amazonaws.com" }
}
resource "aws_vpc_endpoint" "interface" {
  for_each          = local.endpoints
  service_name      = each.key
  vpc_id            = aws_vpc.v.id
  vpc_endpoint_type = "Interface"
}
resource "aws_vpc_endpoint" "set" {
  for_each          = toset([for e in var.vpc_endpoints : "com.amazonaws.${region}.\${e}"])
  service_name      = each.key
  vpc_id            = aws_vpc.v.id
  vpc_endpoint_type = "Interface"
}
`;
  const fromInput = checkTf(text('${var.aws_region}'));
  assert.deepEqual(fromInput.findings.filter((f) => f.rule === 'VPCE3002'), []);
  // The value is still read: the key names the service.
  assert.equal(fromInput.prop('aws_vpc_endpoint.interface["com.amazonaws.eu-west-1.ssm"]', 'ServiceName'), 'com.amazonaws.eu-west-1.ssm');
  // The region written in the text is hard-coded, through the same for expression and each.key.
  const written = checkTf(text('eu-west-1'));
  assert.equal(written.findings.filter((f) => f.rule === 'VPCE3002').length, 4);
});

test('an endpoint and a security group whose VPCs are two different inputs (var.vpc_id, data.aws_vpc.x.id, module.net.vpc_id) are not "of another VPC"', () => {
  // asksac/SagemakerStudioVpcOnly: the endpoints' vpc_id = var.vpc_id, their group's vpc_id =
  // data.aws_vpc.given.id (a lookup of var.vpc_id). VPCE6002 reported six errors: two names of
  // VPCs outside the configuration were taken for two different VPCs.
  const text = (groupVpc: string, endpointVpc = 'var.vpc_id') => `
variable "vpc_id" {}
variable "other_vpc_id" {}
data "aws_vpc" "found" {
  tags = { Name = "main" }
}
module "net" {
  source = "git::https://example.com/net.git"
}
resource "aws_security_group" "ep" {
  vpc_id = ${groupVpc}
}
resource "aws_route_table" "rt" {
  vpc_id = ${groupVpc}
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = ${endpointVpc}
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.ep.id]
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = ${endpointVpc}
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.rt.id]
}
`;
  const another = (t: string) => checkTf(t).findings.filter((f) => f.rule === 'VPCE6002' || f.rule === 'VPCE7002').map((f) => f.rule);
  for (const vpc of ['var.other_vpc_id', 'data.aws_vpc.found.id', 'module.net.vpc_id', '"vpc-0a1b2c3d"']) assert.deepEqual(another(text(vpc)), [], vpc);
  // Two VPC ids written out, or a VPC of the configuration and an id written out, are two VPCs.
  assert.deepEqual(another(text('"vpc-0a1b2c3d"', '"vpc-0d4c3b2a"')), ['VPCE6002', 'VPCE7002']);
  assert.deepEqual(another(`resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n` + text('"vpc-0a1b2c3d"', 'aws_vpc.v.id')), ['VPCE6002', 'VPCE7002']);
});

test('data "aws_vpc" / "aws_subnet" / "aws_security_group" / "aws_route_table" looked up by id: its id is that id', () => {
  // The lookup finds that one resource or fails the plan, so data.aws_vpc.given.id is var.vpc_id's VPC.
  const text = `
variable "vpc_id" {
  default = "vpc-0a1b2c3d"
}
data "aws_vpc" "given" {
  id = var.vpc_id
}
data "aws_subnet" "a" {
  id = "subnet-0a1b2c3d"
}
data "aws_security_group" "g" {
  id = "sg-0a1b2c3d"
}
data "aws_route_table" "rt" {
  route_table_id = "rtb-0a1b2c3d"
}
data "aws_vpc" "tagged" {
  tags = { Name = "main" }
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = data.aws_vpc.given.id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [data.aws_subnet.a.id]
  security_group_ids = [data.aws_security_group.g.id]
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = data.aws_vpc.tagged.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [data.aws_route_table.rt.id]
}
`;
  const c = checkTf(text);
  assert.equal(c.prop('aws_vpc_endpoint.ssm', 'VpcId'), 'vpc-0a1b2c3d');
  assert.deepEqual(c.prop('aws_vpc_endpoint.ssm', 'SubnetIds'), ['subnet-0a1b2c3d']);
  assert.deepEqual(c.prop('aws_vpc_endpoint.ssm', 'SecurityGroupIds'), ['sg-0a1b2c3d']);
  assert.deepEqual(c.prop('aws_vpc_endpoint.s3', 'RouteTableIds'), ['rtb-0a1b2c3d']);
  // A lookup by tags: which VPC is read at plan time (not known: no plain value).
  assert.equal(c.prop('aws_vpc_endpoint.s3', 'VpcId'), undefined);
});

test('a value picked by a key that is not known names what decides the key (var.env_config[var.environment])', () => {
  // aws-samples/aws-network-hub-for-terraform: local.config = var.env_config[var.environment], the
  // environment given on the command line. The trace said "var.env_config[var.environment] is not
  // evaluated statically", not which value decides.
  const c = checkTf(`
variable "environment" {
  type = string
}
variable "env_config" {
  default = { dev = { cidr = "10.0.0.0/10" } }
}
resource "aws_security_group" "ep" {
  vpc_id = "vpc-0a1b2c3d"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.env_config[var.environment].cidr]
  }
}
`);
  const [rule] = c.r.analysis.network()!.judged().securityGroups.get('aws_security_group.ep')!.ingress.rules;
  // The range is the value picked, not the key that picks it: its identity is its own (var.environment is another value).
  assert.deepEqual(rule?.peer, { kind: 'unknown', why: "the address range of aws_security_group.ep's ingress rule is known only at deploy time: var.env_config[var.environment].cidr: the key is not known: var.environment has no default and no value in a .tfvars file", identity: 'var.env_config[var.environment].cidr' });
});

test('a route whose vpc_endpoint_id is a gateway (or interface) endpoint cannot be created: VPCE7004, and the trace does not call it a Gateway Load Balancer endpoint', () => {
  // A public configuration "enroutes all traffic through the VPC endpoint" with aws_route 0.0.0.0/0 →
  // vpc_endpoint_id = aws_vpc_endpoint.s3.id. EC2's CreateRoute takes VpcEndpointId "for Gateway Load
  // Balancer endpoints only"; the trace said "a Gateway Load Balancer endpoint inspects the traffic".
  const text = (type: string) => `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}
resource "aws_vpc_endpoint" "ep" {
  vpc_id            = aws_vpc.main.id
  service_name      = "${type === 'GatewayLoadBalancer' ? 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0' : 'com.amazonaws.eu-west-1.s3'}"
  vpc_endpoint_type = "${type}"
  ${type === 'Gateway' ? '' : 'subnet_ids = [aws_subnet.private.id]'}
}
resource "aws_route" "all" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  vpc_endpoint_id        = aws_vpc_endpoint.ep.id
}
`;
  const gateway = checkTf(text('Gateway'));
  assert.deepEqual(gateway.findings.filter((f) => f.rule === 'VPCE7004').map((f) => f.at), ['aws_vpc_endpoint.ep.id']);
  const r = gateway.trace('aws_subnet.private', 'internet');
  assert.equal(r.verdict, 'unknown');
  assert.match(r.summary, /route aws_route\.all cannot be created as written \(its target aws_vpc_endpoint\.ep is a Gateway endpoint\)/);
  assert.doesNotMatch(JSON.stringify(r), /Gateway Load Balancer endpoint (inspects|\(an inspection appliance)/);
  assert.equal(checkTf(text('Interface')).findings.filter((f) => f.rule === 'VPCE7004').length, 1);
  // A Gateway Load Balancer endpoint is what a route may target: no finding, the trace goes to it.
  const gwlb = checkTf(text('GatewayLoadBalancer'));
  assert.deepEqual(gwlb.findings.filter((f) => f.rule === 'VPCE7004'), []);
  assert.match(gwlb.trace('aws_subnet.private', 'internet').summary, /Gateway Load Balancer endpoint/);
});

test('aws_default_route_table.x.id is that route table, as aws_route_table.x.id is: a gateway endpoint listing it routes its subnets', () => {
  // The table is in the model (its subnets use it), but a reference to its id was "known only after
  // apply", so the S3 trace from a subnet using it was unknown ("may add its prefix-list route").
  const c = checkTf(`
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_default_route_table" "d" {
  default_route_table_id = aws_vpc.v.default_route_table_id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_default_route_table.d.id]
}
`);
  const e = c.r.analysis.network()!.judged().endpoints.get('aws_vpc_endpoint.s3')!;
  assert.deepEqual(e.routeTables.items.map((i) => i.id), ['aws_default_route_table.d']);
  const r = c.trace('aws_subnet.a', 's3');
  assert.equal(r.verdict, 'private', r.summary);
});

test('a vpc-endpoints module entry\'s service_endpoint is its service name (the module\'s 5.x try(each.value.service_endpoint, data...service_name))', () => {
  // A partner's PrivateLink service given as service_endpoint was "a service name the template does
  // not fix"; with service beside it, the module still takes service_endpoint.
  const c = checkTf(`
variable "vpc_id" {}
module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "5.21.0"

  vpc_id     = var.vpc_id
  subnet_ids = ["subnet-0a1b2c3d4e5f60718"]

  endpoints = {
    partner = {
      service_endpoint = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"
    }
    s3 = {
      service          = "s3"
      service_endpoint = "com.amazonaws.eu-west-1.s3"
      service_type     = "Gateway"
    }
  }
}
`);
  const m = c.r.analysis.network()!.judged();
  const service = (key: string) => {
    const f = m.endpoints.get(`module.endpoints.aws_vpc_endpoint.this["${key}"]`)!.service;
    return f.known ? f.value : undefined;
  };
  assert.deepEqual([service('partner'), service('s3')], ['com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0', 'com.amazonaws.{region}.s3']);
  // The region written in s3's service_endpoint is hard-coded (VPCE3002 there); a partner's service id
  // exists in one region only, so its name is no hard-coded region.
  assert.deepEqual(c.findings.filter((f) => f.rule === 'VPCE3002').map((f) => f.resource), ['module.endpoints.aws_vpc_endpoint.this["s3"]']);
});

test('resource.<type>.<name> is the resource (Terraform\'s escape prefix), not an undeclared "resource" root', () => {
  // aws-ia/terraform-aws-eks-blueprints privatelink-access: security_group_ids =
  // [resource.aws_security_group.client_vpc_endpoint.id] was "resource.aws_security_group is not declared".
  const c = checkTf(`
resource "aws_vpc" "client" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = resource.aws_vpc.client.id
  cidr_block = "10.1.1.0/24"
}
resource "aws_security_group" "client_vpc_endpoint" {
  vpc_id = aws_vpc.client.id
}
resource "aws_vpc_endpoint" "client" {
  vpc_id             = resource.aws_vpc.client.id
  service_name       = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [resource.aws_subnet.a.id]
  security_group_ids = [resource.aws_security_group.client_vpc_endpoint.id]
}
`);
  const e = c.r.analysis.network()!.judged().endpoints.get('aws_vpc_endpoint.client')!;
  assert.deepEqual([e.vpc, e.subnets.items.map((i) => i.id), e.securityGroups.items.map((i) => i.id)].map((x) => (Array.isArray(x) ? x : x.known && x.value)), ['aws_vpc.client', ['aws_subnet.a'], ['aws_security_group.client_vpc_endpoint']]);
  // The group admits nothing: VPCE6003 now judges it (it could not while the group was unknown).
  assert.ok(c.findings.some((f) => f.rule === 'VPCE6003'), JSON.stringify(c.findings));
});

test('a security group egress to a gateway endpoint\'s own prefix list (aws_vpc_endpoint.x.prefix_list_id) admits that service\'s traffic', () => {
  // asksac/SagemakerStudioVpcOnly's Studio group and a public Lambda/DynamoDB configuration open egress
  // only to the gateway endpoint's prefix_list_id, as AWS recommends; the trace to the service said
  // "admits it to a prefix list outside this template, whose addresses are not known".
  const c = checkTf(`
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.rt.id
}
resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.eu-west-1.dynamodb"
  route_table_ids = [aws_route_table.rt.id]
}
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.v.id
}
resource "aws_security_group_rule" "egress_dynamodb" {
  type              = "egress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  prefix_list_ids   = [aws_vpc_endpoint.dynamodb.prefix_list_id]
  security_group_id = aws_security_group.app.id
}
resource "aws_instance" "app" {
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
`);
  const r = c.trace('aws_instance.app', 'dynamodb');
  assert.equal(r.verdict, 'private', r.summary);
  // Another service's addresses are not in that list: not admitted on its strength.
  const s3 = c.trace('aws_instance.app', 's3');
  assert.ok(s3.hops.some((h) => h.kind === 'security group egress' && h.decision === 'unknown' && /prefix list of gateway endpoint aws_vpc_endpoint\.dynamodb/.test(h.reason)), JSON.stringify(s3.hops));
});

test('try() and can() over an object the configuration writes: a missing key fails (the next argument is taken); over a typed input variable\'s optional attribute, the null its type gives', () => {
  // A public VPC configuration: vpc_endpoint_type = try(each.value.endpoint_type, "Gateway") over a local
  // map whose s3 entry has no endpoint_type. try was never evaluated, so every endpoint's type was unknown.
  const text = (source: string) => `
variable "typed" {
  type = map(object({ service = string, endpoint_type = optional(string) }))
  default = {
    s3 = { service = "com.amazonaws.eu-west-1.s3" }
  }
}
locals {
  services = {
    s3  = { service = "com.amazonaws.eu-west-1.s3" }
    ssm = { service = "com.amazonaws.eu-west-1.ssm", endpoint_type = "Interface" }
  }
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "this" {
  for_each          = ${source}
  vpc_id            = aws_vpc.v.id
  service_name      = each.value.service
  vpc_endpoint_type = try(each.value.endpoint_type, "Gateway")
  auto_accept       = can(each.value.endpoint_type)
}
`;
  const local = checkTf(text('local.services'));
  assert.equal(local.prop('aws_vpc_endpoint.this["s3"]', 'VpcEndpointType'), 'Gateway');
  assert.equal(local.prop('aws_vpc_endpoint.this["ssm"]', 'VpcEndpointType'), 'Interface');
  // The variable's type gives s3's entry endpoint_type = null (an optional attribute it leaves out,
  // type-defaults.ts): try() returns that null, not "Gateway", and the argument is unset.
  const typed = checkTf(text('var.typed'));
  assert.equal(typed.prop('aws_vpc_endpoint.this["s3"]', 'VpcEndpointType'), null);
});
