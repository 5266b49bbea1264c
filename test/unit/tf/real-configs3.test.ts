// Third round of public Terraform configurations checked by hand (the facts carried here in minimal
// fixtures of our own, never the third-party text): each test fails without the fix it names.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { networkOf, traceNetwork } from '../../../server/src/core/trace/api.js';

before(() => ensureTerraformParser());

function analyze(text: string, regions = ['us-east-1']) {
  return analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions } }).analysis;
}

function trace(text: string, from: string, to: string) {
  const a = traceNetwork(analyze(text).network()!, from, to);
  assert.ok(a.ok);
  return a.result;
}

// A VPC, a workload in it whose group reaches only the VPC, and an ssm endpoint with private DNS off.
const NETWORK = `
data "aws_region" "current" {}
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.v.id
  egress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_instance" "app" {
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  PRIVATE_DNS
}
`;

test('a private hosted zone for the service\'s default name, associated with the VPC, answers that name there: the path is not "public" nor "blocked"', () => {
  // The centralised-endpoint pattern (an AWS landing-zone module): private DNS off on the endpoint, a
  // private zone per service (ssm.<region>.amazonaws.com) in the VPC with an alias to the endpoint.
  const zone = `
resource "aws_route53_zone" "ssm" {
  name = "ssm.\${data.aws_region.current.name}.amazonaws.com"
  vpc {
    vpc_id = aws_vpc.v.id
  }
}
resource "aws_route53_record" "ssm" {
  zone_id = aws_route53_zone.ssm.zone_id
  name    = "ssm.\${data.aws_region.current.name}.amazonaws.com"
  type    = "A"
  alias {
    name                   = aws_vpc_endpoint.ssm.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.ssm.dns_entry[0].hosted_zone_id
    evaluate_target_health = true
  }
}
`;
  const off = NETWORK.replace('PRIVATE_DNS', 'private_dns_enabled = false');
  // Without the zone the default name is public: blocked (the group reaches only the VPC).
  assert.equal(trace(off, 'aws_instance.app', 'ssm').verdict, 'blocked');
  const r = trace(off + zone, 'aws_instance.app', 'ssm');
  // The zone's alias record gives the endpoint's DNS name (lower-records.ts): the path goes through it;
  // unknown only for the endpoint's group (the VPC's default one, whose rules are not shown).
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.hops.map((h) => h.reason).join('\n'), /private hosted zone aws_route53_zone\.ssm \(ssm\.<region>\.amazonaws\.com\), associated with aws_vpc\.v, answers ssm\.\{region\}\.amazonaws\.com with the DNS name of aws_vpc_endpoint\.ssm/);
  assert.match(r.summary, /through interface endpoint aws_vpc_endpoint\.ssm, if endpoint security group in/);
  // Without the record the zone's answer is not known: unknown, naming the zone.
  const recordless = zone.slice(0, zone.indexOf('resource "aws_route53_record"'));
  assert.match(trace(off + recordless, 'aws_instance.app', 'ssm').summary, /private hosted zone aws_route53_zone\.ssm \(ssm\.<region>\.amazonaws\.com\) is associated with aws_vpc\.v/);
  // No "turn on private DNS": AWS refuses it beside a zone of the same name.
  assert.deepEqual(r.suggestions ?? [], []);
  // Another service's name is not under that zone.
  assert.equal(trace(off + zone, 'aws_instance.app', 'sts').verdict, 'blocked');
  // A zone of another VPC (the hub's) answers nothing here, unless an aws_route53_zone_association adds this one.
  const hub = off + zone.replace('aws_vpc.v.id\n  }', '"vpc-hub"\n  }');
  assert.equal(trace(hub, 'aws_instance.app', 'ssm').verdict, 'blocked');
  const assoc = (vpc: string) => `variable "spoke" {}\nresource "aws_route53_zone_association" "spoke" {\n  zone_id = aws_route53_zone.ssm.zone_id\n  vpc_id  = ${vpc}\n}\n`;
  assert.match(trace(hub + assoc('aws_vpc.v.id'), 'aws_instance.app', 'ssm').hops.map((h) => h.reason).join('\n'), /zone aws_route53_zone\.ssm .*, associated with aws_vpc\.v, answers/);
  // An input variable names a VPC outside the configuration, never aws_vpc.v.
  assert.equal(trace(hub + assoc('var.spoke'), 'aws_instance.app', 'ssm').verdict, 'blocked');
  // Private DNS left to the provider's default (off): no VPCE5003 "clients do not use this endpoint".
  const defaulted = NETWORK.replace('PRIVATE_DNS', '');
  assert.ok(analyze(defaulted).findings.some((f) => f.ruleId === 'VPCE5003'));
  assert.ok(!analyze(defaulted + zone).findings.some((f) => f.ruleId === 'VPCE5003'));
});

test('the same fact in CloudFormation: an AWS::Route53::HostedZone with VPCs is a private zone of the model', () => {
  const template = (zoneName: string) => `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ecr.api
      SubnetIds: [!Ref Subnet]
      PrivateDnsEnabled: false
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: ${zoneName}
      VPCs: [{ VPCId: !Ref Vpc, VPCRegion: !Ref AWS::Region }]
`;
  const verdict = (zoneName: string) => {
    const a = traceNetwork(networkOf(template(zoneName))!, 'Subnet', 'ecr.api');
    assert.ok(a.ok);
    return a.result.verdict;
  };
  // ECR's API name is api.ecr.<region>.amazonaws.com: the zone's labels are the service's, in its order.
  assert.equal(verdict('!Sub api.ecr.${AWS::Region}.amazonaws.com'), 'unknown');
  assert.equal(verdict('amazonaws.com.'), 'unknown');
  // A zone of the company's own domain does not touch AWS names: what decides is the subnet's main route table.
  const corp = traceNetwork(networkOf(template('corp.example.com'))!, 'Subnet', 'ecr.api');
  assert.ok(corp.ok);
  assert.doesNotMatch(corp.result.summary, /hosted zone|Zone/);
  assert.match(corp.result.summary, /^Subnet uses the main route table of VPC Vpc/);
});

test('data "aws_vpc_endpoint_service" for s3 or dynamodb without service_type matches two services: Terraform fails, so its name is no fact', () => {
  // A module's lookup of s3 by service alone (written before S3 had an Interface service): since then
  // the provider's lookup finds the Gateway and the Interface service and stops with an error.
  const text = (lookup: string) => `
data "aws_vpc_endpoint_service" "s3" {
  service = "s3"
  ${lookup}
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = "vpc-1"
  service_name    = data.aws_vpc_endpoint_service.s3.service_name
  route_table_ids = ["rtb-1"]
}
`;
  const service = (lookup: string) => analyze(text(lookup)).network()!.defaults.endpoints.get('aws_vpc_endpoint.s3')!.service;
  const alone = service('');
  assert.ok(!alone.known);
  assert.match(alone.why, /matches two and Terraform fails/);
  assert.equal(alone.decides, "data.aws_vpc_endpoint_service.s3's service_type");
  // With the type chosen (argument or filter), the name is known.
  for (const lookup of ['service_type = "Gateway"', 'filter {\n    name   = "service-type"\n    values = ["Gateway"]\n  }']) {
    const s = service(lookup);
    assert.ok(s.known && s.value === 'com.amazonaws.{region}.s3', lookup);
  }
  // A service with one type (ssm) has one match: still known.
  assert.ok(analyze(text('').replace(/"s3"\n/, '"ssm"\n').replace('route_table_ids = ["rtb-1"]', 'vpc_endpoint_type = "Interface"')).network()!.defaults.endpoints.get('aws_vpc_endpoint.s3')!.service.known);
});

test('a route whose gateway_id is a NAT gateway\'s id goes to that NAT gateway, as EC2 makes it (not a target "known only at deploy time")', () => {
  // Two public configurations route their private tables with gateway_id = aws_nat_gateway.x.id.
  const text = (target: string) => `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.v.id
}
resource "aws_subnet" "pub" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "priv" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.2.0/24"
}
resource "aws_eip" "nat" {}
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.pub.id
}
resource "aws_route_table" "pub" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "pub" {
  subnet_id      = aws_subnet.pub.id
  route_table_id = aws_route_table.pub.id
}
resource "aws_route_table" "priv" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    ${target}
  }
}
resource "aws_route_table_association" "priv" {
  subnet_id      = aws_subnet.priv.id
  route_table_id = aws_route_table.priv.id
}
`;
  const written = trace(text('nat_gateway_id = aws_nat_gateway.nat.id'), 'aws_subnet.priv', 'internet');
  const asGateway = trace(text('gateway_id = aws_nat_gateway.nat.id'), 'aws_subnet.priv', 'internet');
  assert.equal(written.verdict, 'public');
  assert.equal(asGateway.verdict, 'public', asGateway.summary);
  assert.deepEqual(asGateway.hops.map((h) => h.decision), written.hops.map((h) => h.decision));
  // An id written out: nat- is a NAT gateway's.
  assert.doesNotMatch(trace(text('gateway_id = "nat-0abc"'), 'aws_subnet.priv', 'internet').summary, /known only at deploy time/);
});

test('a splat after a function call or an index (values(aws_route_table.x).*.id, values(m)[*].id) is the list Terraform makes, not "not evaluated statically"', () => {
  // A gateway endpoint's route_table_ids written as values(aws_route_table.project).*.id over a for_each of tables.
  const text = (ids: string) => `
variable "tables" {
  default = [{ id = "rtb-1" }, { id = "rtb-2" }]
}
resource "aws_vpc" "p" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_route_table" "project" {
  for_each = { a = 1, b = 2 }
  vpc_id   = aws_vpc.p.id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.p.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = ${ids}
}
`;
  const tables = (ids: string) => {
    const list = analyze(text(ids), ['eu-west-1']).network()!.defaults.endpoints.get('aws_vpc_endpoint.s3')!.routeTables;
    return list.complete ? list.items.map((i) => i.id) : list.why;
  };
  const both = ['aws_route_table.project["a"]', 'aws_route_table.project["b"]'];
  assert.deepEqual(tables('values(aws_route_table.project).*.id'), both);
  assert.deepEqual(tables('values(aws_route_table.project)[*].id'), both);
  assert.deepEqual(tables('values(aws_route_table.project)[*]["id"]'), both);
  assert.deepEqual(tables('tolist(values(aws_route_table.project))[0][*].id'), ['aws_route_table.project["a"]']);
  // On a variable's value too; a value that is not a list is a list of itself.
  assert.deepEqual(tables('var.tables[*].id'), ['rtb-1', 'rtb-2']);
  assert.deepEqual(tables('aws_route_table.project["b"][*].id'), ['aws_route_table.project["b"]']);
  // What the steps cannot reach stays unknown.
  assert.equal(typeof tables('values(aws_route_table.project)[*].route_table_id'), 'string');
});

test('a gateway endpoint whose id is handed to a module not read (a route-table module from git) may get its route tables there: no "does nothing"', () => {
  // A university's enterprise-VPC example: the endpoints are made bare, their ids passed to its rtb module,
  // which associates them with its route tables (aws_vpc_endpoint_route_table_association).
  const text = (call: string) => `
resource "aws_vpc" "vpc" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "gateway" {
  count             = 2
  vpc_id            = aws_vpc.vpc.id
  vpc_endpoint_type = "Gateway"
  service_name      = ["com.amazonaws.us-east-2.dynamodb", "com.amazonaws.us-east-2.s3"][count.index]
}
${call}
`;
  const vpce2002 = (call: string) => analyze(text(call), ['us-east-2']).findings.filter((f) => f.ruleId === 'VPCE2002').length;
  assert.equal(vpce2002(''), 2);
  assert.equal(vpce2002('module "rtb" {\n  source           = "git::https://example.com/rtb"\n  vpc_endpoint_ids = aws_vpc_endpoint.gateway[*].id\n}'), 0);
  // A module handed only the VPC says nothing about these endpoints' route tables.
  assert.equal(vpce2002('module "rtb" {\n  source = "git::https://example.com/rtb"\n  vpc_id = aws_vpc.vpc.id\n}'), 2);
});

test('an interface endpoint handed to a module not read may get its security groups there: no VPCE6003 on the groups the configuration gives it', () => {
  const text = (call: string) => `
resource "aws_vpc" "vpc" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.vpc.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_security_group" "bare" {
  vpc_id = aws_vpc.vpc.id
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = aws_vpc.vpc.id
  vpc_endpoint_type  = "Interface"
  service_name       = "com.amazonaws.us-east-2.ssm"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.bare.id]
}
${call}
`;
  const rules = (call: string) => analyze(text(call), ['us-east-2']).findings.map((f) => f.ruleId);
  assert.ok(rules('').includes('VPCE6003'));
  const handed = analyze(text('module "sg" {\n  source      = "git::https://example.com/sg"\n  endpoint_id = aws_vpc_endpoint.ssm.id\n}'), ['us-east-2']);
  assert.ok(!handed.findings.some((f) => f.ruleId === 'VPCE6003'));
  const groups = handed.network()!.defaults.endpoints.get('aws_vpc_endpoint.ssm')!.securityGroups;
  assert.equal(groups.complete, false);
  assert.equal(groups.decides, 'module.sg');
});
