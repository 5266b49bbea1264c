// Terraform semantics the adapter must not get wrong, each modelled on real configurations: a false
// "blocked" or "private" answer, or a false finding, found by an adversarial fixture, with its fix.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

function analyze(text: string, extra: { path: string; text: string }[] = []) {
  const r = analyzeTerraform([{ path: 'main.tf', text }, ...extra], { settings: { regions: ['eu-west-1'] } });
  const trace = (from: string, to: string) => {
    const a = traceNetwork(r.analysis.network()!, from, to);
    assert.ok(a.ok);
    return a.result;
  };
  return { r, trace, rules: r.analysis.findings.map((f) => f.ruleId) };
}

const VPC = `
data "aws_region" "current" {}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.main.id }
`;

test('routes and endpoints added to aws_vpc.main.main_route_table_id reach the subnets without an association: never "local route only"', () => {
  const { trace } = analyze(`${VPC}
resource "aws_route" "default" {
  route_table_id         = aws_vpc.main.main_route_table_id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.\${data.aws_region.current.name}.s3"
  route_table_ids = [aws_vpc.main.default_route_table_id]
}`);
  assert.equal(trace('aws_subnet.a', 's3').verdict, 'private');
  // Out through the internet gateway (if the workload has a public address): not blocked.
  assert.notEqual(trace('aws_subnet.a', 'internet').verdict, 'blocked');
  assert.match(trace('aws_subnet.a', 'internet').summary, /internet gateway aws_internet_gateway\.igw/);
});

test('an aws_default_route_table is the table default_route_table_id names: one table, its routes', () => {
  const { trace } = analyze(`${VPC}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.\${data.aws_region.current.name}.s3"
  route_table_ids = [aws_vpc.main.default_route_table_id]
}`);
  const t = trace('aws_subnet.a', 's3');
  assert.equal(t.verdict, 'private', t.summary);
  assert.ok(t.hops.some((h) => h.resource === 'aws_default_route_table.main'), JSON.stringify(t.hops.map((h) => h.resource)));
});

test('*.auto.tfvars apply in lexical (byte) order of their names, a later file winning: "Z" sorts before "a"', () => {
  const text = `${VPC}
variable "type" { default = "Interface" }
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.s3"
  vpc_endpoint_type = var.type
}`;
  const { r } = analyze(text, [
    { path: 'a.auto.tfvars', text: 'type = "Gateway"\n' },
    { path: 'Z.auto.tfvars', text: 'type = "Interface"\n' },
  ]);
  const type = r.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.s3')!.type;
  assert.equal(type.known && type.value, 'Gateway');
});

test('a separate aws_route to a table with in-line routes: Terraform removes it on each apply of the table, so the path it makes is unknown, not open', () => {
  const { trace } = analyze(`${VPC}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block                = "10.9.0.0/16"
    vpc_peering_connection_id = "pcx-0123456789abcdef0"
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.public.id
}
resource "aws_route" "internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}`);
  const t = trace('aws_subnet.a', 'internet');
  // Before: "public" through the internet gateway. The model's route target carries no reason (yet): the hop names the route.
  assert.equal(t.verdict, 'unknown', t.summary);
  assert.ok(t.hops.some((h) => h.resource === 'aws_route.internet' && h.decision === 'unknown'));
});

test('a separate ingress rule on a group with in-line ingress blocks: whether it is there is unknown, never a pass', () => {
  const { trace } = analyze(`${VPC}
resource "aws_route_table" "private" { vpc_id = aws_vpc.main.id }
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.private.id
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.ep.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}`);
  const t = trace('aws_subnet.a', 'ssm');
  // Before: "private", the 443 rule taken as there.
  assert.equal(t.verdict, 'unknown', t.summary);
  assert.ok(t.hops.some((h) => h.resource === 'aws_security_group.ep' && h.decision === 'unknown'));
});

test('terraform.tfvars.json and *.auto.tfvars.json give values too, in Terraform\'s order: never the default they override', () => {
  const text = `${VPC}
variable "type" { default = "Interface" }
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.s3"
  vpc_endpoint_type = var.type
}`;
  const typeOf = (extra: { path: string; text: string }[]) => {
    const t = analyze(text, extra).r.analysis.network()!.defaults.endpoints.get('aws_vpc_endpoint.s3')!.type;
    return t.known ? t.value : `unknown: ${t.why}`;
  };
  assert.equal(typeOf([{ path: 'terraform.tfvars.json', text: '{ "type": "Gateway" }' }]), 'Gateway');
  // terraform.tfvars, then terraform.tfvars.json, then the auto files (HCL and JSON) by name.
  assert.equal(typeOf([{ path: 'terraform.tfvars.json', text: '{ "type": "Gateway" }' }, { path: 'terraform.tfvars', text: 'type = "Interface"\n' }]), 'Gateway');
  assert.equal(typeOf([{ path: 'b.auto.tfvars', text: 'type = "Gateway"\n' }, { path: 'c.auto.tfvars.json', text: '{ "type": "Interface" }' }, { path: 'terraform.tfvars.json', text: '{ "type": "Gateway" }' }]), 'Interface');
  // A file that is not a JSON object is a syntax error at the file, and gives no value.
  const bad = analyze(text, [{ path: 'terraform.tfvars.json', text: '{ "type": ' }]);
  assert.ok(bad.rules.includes('VPCE0001'));
});

test('an Interface endpoint with no security group has the VPC\'s default group: as aws_default_security_group configures it, not "its own members only"', () => {
  const endpoint = `
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
}`;
  const group = (port: number) => `
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = ${port}
    to_port     = ${port}
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}`;
  const open = analyze(VPC + endpoint + group(443)).trace('aws_subnet.a', 'ssm');
  assert.equal(open.verdict, 'private', open.summary);
  const shut = analyze(VPC + endpoint + group(22)).trace('aws_subnet.a', 'ssm');
  assert.equal(shut.verdict, 'blocked', shut.summary);
  assert.match(shut.summary, /aws_default_security_group\.default/);
  // Without it, the default group AWS made: its own members only, which a subnet's traffic is not known to be.
  const untouched = analyze(VPC + endpoint).trace('aws_subnet.a', 'ssm');
  assert.match(untouched.summary, /default security group/);
});

test('`test ? value : null` with a test not known: the argument may be unset (null is absent), so a finding on it holds only when the test is true', () => {
  const { r } = analyze(`
variable "create_sg" { type = bool }
data "aws_region" "current" {}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_route_table" "rt" { vpc_id = aws_vpc.main.id }
resource "aws_security_group" "ep" { vpc_id = aws_vpc.main.id }
resource "aws_vpc_endpoint" "s3" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.\${data.aws_region.current.name}.s3"
  route_table_ids    = [aws_route_table.rt.id]
  security_group_ids = var.create_sg ? [aws_security_group.ep.id] : null
}`);
  const messages = r.analysis.findings.map((f) => `${f.ruleId} ${f.message}`);
  assert.deepEqual(messages, ['VPCE2002 aws_vpc_endpoint.s3: a Gateway endpoint takes no security_group_ids (vpc_endpoint_type is not set, so it is a Gateway endpoint) (only when var.create_sg is true)']);
});
