// A subnet's literal Availability Zone puts its VPC (a CloudFormation stack: all of it) in that zone's Region
// (model/zone-region.ts): with no Region configured the pinned Region answers, with several it narrows them, and
// the trace names the zone that decided. A zone the deployment chooses (Fn::GetAZs, a parameter's default, a
// Terraform variable) pins nothing, nor do subnets pinning two Regions; a Terraform provider's known region wins.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';
import { crossRegionText } from '../../../server/src/core/model/cross-region.js';
import { regionOfZone } from '../../../server/src/core/model/zone-region.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import type { Network } from '../../../server/src/core/model/network.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';

before(() => ensureTerraformParser());

// A cross-Region endpoint for us-east-1's ecr.api: it answers the VPC's own names only where the VPC is in us-east-1.
const CFN = (zone: string, more = '') => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ZoneParam:
    Type: String
    Default: eu-west-1a
Conditions:
  Never: !Equals [a, b]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      ${zone}
${more}  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  RtAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      RouteTableId: !Ref Rt
      SubnetId: !Ref SubnetA
  EndpointSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: HTTPS from the VPC
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/16
  Cross:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.us-east-1.ecr.api
      ServiceRegion: us-east-1
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref SubnetA]
      SecurityGroupIds: [!Ref EndpointSg]
`;

const SUBNET_B = (zone: string, condition = '') => `  SubnetB:
    Type: AWS::EC2::Subnet
    ${condition}Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: ${zone}
`;

const TF = (provider: string, zone: string) => `${provider}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
  ${zone}
}

resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.rt.id
}

resource "aws_security_group" "endpoint" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_vpc_endpoint" "cross" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.ecr.api"
  service_region      = "us-east-1"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.endpoint.id]
}
`;

const OPEN_PROVIDER = 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\n';
const cfnNet = (zone: string, regions: string[] = [], more = ''): Network => analyze(CFN(zone, more), { fileName: 't.yaml', settings: { regions } }).network()!;
const tfNet = (provider: string, zone: string, regions: string[] = []): Network => analyzeTerraform([{ path: '/m/main.tf', text: TF(provider, zone) }], { settings: { regions } }).analysis.network()!;
const go = (net: Network, from: string, to: string): TraceResult => trace(net, from, parseTarget(to)!);
const through = (r: TraceResult, id: string) => r.hops.some((h) => h.kind === 'DNS' && h.resource === id && h.decision === 'pass');
const note = (r: TraceResult) => r.hops.find((h) => h.kind === 'region' && h.decision === 'note');

test('zone names and IDs: the Region each is in; a zone of no known shape is in none', () => {
  const cases: [string, string | undefined][] = [
    ['eu-west-1a', 'eu-west-1'], ['us-gov-west-1b', 'us-gov-west-1'], ['cn-northwest-1a', 'cn-northwest-1'],
    ['us-west-2-lax-1a', 'us-west-2'], ['us-east-1-wl1-bos-wlz-1', 'us-east-1'],
    ['euw1-az1', 'eu-west-1'], ['apne1-az4', 'ap-northeast-1'], ['use1-qro1-az1', 'us-east-1'], ['use1-wl1-bos-wlz1', 'us-east-1'],
    ['eu-west-1', undefined], ['${AWS::Region}a', undefined], ['zzz9-az1', undefined], ['my-zone', undefined], ['azs()[0]', undefined],
  ];
  for (const [zone, region] of cases) assert.equal(regionOfZone(zone), region, zone);
});

test('CloudFormation, no Region configured: the zone eu-west-1a puts the VPC in eu-west-1, named by the trace', () => {
  const net = cfnNet('AvailabilityZone: eu-west-1a');
  const own = go(net, 'SubnetA', 'ecr.api');
  assert.equal(own.verdict, 'blocked', own.summary);
  assert.ok(!through(own, 'Cross'));
  // eu-west-1's own name, named: decided, not "the VPC's region decides".
  const named = go(net, 'SubnetA', 'com.amazonaws.eu-west-1.ecr.api');
  assert.equal(named.verdict, 'blocked', named.summary);
  assert.equal(note(named)?.reason, "Vpc is in eu-west-1, the Region of the zone eu-west-1a of subnet SubnetA: a subnet is created in its VPC's Region only");
  assert.equal(note(named)?.resource, 'SubnetA');
  const there = go(net, 'SubnetA', 'com.amazonaws.us-east-1.ecr.api');
  assert.equal(there.verdict, 'private', there.summary);
  assert.ok(through(there, 'Cross'));
  // The endpoint's home is the same fact: hover says where it is created.
  const e = net.defaults.endpoints.get('Cross')!;
  assert.deepEqual([e.home.regions, e.home.decides], [['eu-west-1'], 'the zone eu-west-1a of subnet SubnetA']);
  assert.match(crossRegionText(e)!, /^Cross-Region endpoint, created in eu-west-1 for the service in us-east-1/);
});

test('CloudFormation, two Regions configured: the pin narrows them to its own', () => {
  const r = go(cfnNet('AvailabilityZone: eu-west-1a', ['eu-west-1', 'us-east-1']), 'SubnetA', 'ecr.api');
  assert.equal(r.verdict, 'blocked', r.summary);
  const east = go(cfnNet('AvailabilityZoneId: use1-az4', ['eu-west-1', 'us-east-1']), 'SubnetA', 'ecr.api');
  assert.equal(east.verdict, 'private', east.summary);
  assert.match(note(east)?.reason ?? '', /the zone use1-az4 of subnet SubnetA/);
});

test('CloudFormation: a zone ID or a Local Zone pins; another subnet\'s zone pins the whole stack', () => {
  assert.equal(go(cfnNet('AvailabilityZoneId: use1-az4'), 'SubnetA', 'ecr.api').verdict, 'private');
  assert.equal(go(cfnNet('AvailabilityZone: us-west-2-lax-1a'), 'SubnetA', 'ecr.api').verdict, 'blocked');
  // SubnetA's zone is the deployment's; SubnetB's literal zone puts the stack (and so SubnetA's VPC) in us-east-1.
  const r = go(cfnNet("AvailabilityZone: !Select [0, !GetAZs '']", [], SUBNET_B('us-east-1b')), 'SubnetA', 'ecr.api');
  assert.equal(r.verdict, 'private', r.summary);
  assert.match(note(r)?.reason ?? '', /the zone us-east-1b of subnet SubnetB/);
});

test('CloudFormation: zones the deployment chooses, two Regions, or a subnet under a condition pin nothing', () => {
  for (const [zone, more] of [
    ["AvailabilityZone: !Select [0, !GetAZs '']", ''],
    ['AvailabilityZone: !Ref ZoneParam', ''],
    ['AvailabilityZone: eu-west-1a', SUBNET_B('us-east-1b')],
    ["AvailabilityZone: !Select [0, !GetAZs '']", SUBNET_B('us-east-1b', 'Condition: Never\n    ')],
  ]) {
    const net = cfnNet(zone!, [], more);
    const r = go(net, 'SubnetA', 'ecr.api');
    assert.equal(r.verdict, 'unknown', `${zone} ${more}: ${r.summary}`);
    assert.match(r.summary, /decided by the Region the stack deploys to/);
    assert.equal(note(r), undefined);
    assert.deepEqual(net.defaults.endpoints.get('Cross')!.home.regions, []);
  }
});

test('CloudFormation: a zone written as the stack\'s Region and a letter is no pin, even where one Region is configured', () => {
  const r = go(cfnNet("AvailabilityZone: !Sub '${AWS::Region}a'", ['eu-west-1']), 'SubnetA', 'com.amazonaws.us-east-1.ecr.api');
  assert.equal(r.verdict, 'private', r.summary);
  assert.equal(note(r), undefined);
  assert.equal(cfnNet("AvailabilityZone: !Sub '${AWS::Region}a'", ['eu-west-1']).defaults.endpoints.get('Cross')!.home.decides, 'the Region the stack deploys to');
});

test('CloudFormation: VPCE3005 judges the pinned Region as the trace does (sqs is not reached across Regions)', () => {
  const template = (zone: string) => CFN(zone).replace('ecr.api', 'sqs');
  const found = (t: string) => analyze(t, { fileName: 't.yaml', settings: { regions: [] } }).findings.filter((f) => f.ruleId === 'VPCE3005').map((f) => f.message);
  assert.deepEqual(found(template('AvailabilityZone: eu-west-1a')), ["Cross: Amazon SQS is not on AWS's list of services an interface endpoint reaches from another Region, and ServiceRegion is us-east-1 while the zone eu-west-1a of subnet SubnetA puts it in eu-west-1"]);
  assert.deepEqual(found(template('AvailabilityZone: us-east-1a')), []);
  assert.deepEqual(found(template("AvailabilityZone: !Select [0, !GetAZs '']")), []);
});

test('Terraform: a provider region only known at apply time is the pinned one; a variable\'s zone pins nothing; a known provider region wins', () => {
  const pinned = tfNet(OPEN_PROVIDER, 'availability_zone = "us-east-1b"');
  const r = go(pinned, 'aws_subnet.a', 'ecr.api');
  assert.equal(r.verdict, 'private', r.summary);
  assert.match(note(r)?.reason ?? '', /^aws_vpc\.main is in us-east-1, the Region of the zone us-east-1b of subnet aws_subnet\.a/);
  assert.equal(go(tfNet(OPEN_PROVIDER, 'availability_zone_id = "euw1-az2"'), 'aws_subnet.a', 'ecr.api').verdict, 'blocked');
  assert.equal(go(tfNet('', 'availability_zone_id = "euw1-az2"', ['us-east-1', 'eu-west-1']), 'aws_subnet.a', 'ecr.api').verdict, 'blocked');

  const variable = go(tfNet(`${OPEN_PROVIDER}variable "az" {\n  default = "us-east-1b"\n}\n`, 'availability_zone = var.az'), 'aws_subnet.a', 'ecr.api');
  assert.equal(variable.verdict, 'unknown', variable.summary);
  assert.match(variable.summary, /decided by var\.region/);
  const data = go(tfNet(`${OPEN_PROVIDER}data "aws_availability_zones" "all" {}\n`, 'availability_zone = data.aws_availability_zones.all.names[0]'), 'aws_subnet.a', 'ecr.api');
  assert.equal(data.verdict, 'unknown', data.summary);

  // The provider says eu-west-1: that is where the endpoint is created (the subnet's us-east-1b cannot be).
  const known = go(tfNet('provider "aws" {\n  region = "eu-west-1"\n}\n', 'availability_zone = "us-east-1b"'), 'aws_subnet.a', 'ecr.api');
  assert.equal(known.verdict, 'blocked', known.summary);
  assert.equal(note(known), undefined);
});

test('VPCE3006: subnets of one VPC in two Regions\' zones (Terraform, no provider region), the later one reported; the trace stays unknown', () => {
  const two = TF(OPEN_PROVIDER, 'availability_zone = "us-east-1b"') + '\nresource "aws_subnet" "b" {\n  vpc_id            = aws_vpc.main.id\n  cidr_block        = "10.0.2.0/24"\n  availability_zone = "eu-west-1a"\n}\n';
  const a = analyzeTerraform([{ path: '/m/main.tf', text: two }], { settings: { regions: [] } }).analysis;
  assert.deepEqual(a.findings.filter((f) => f.ruleId === 'VPCE3006').map((f) => f.message), [
    "aws_subnet.b: its zone eu-west-1a is in eu-west-1, but subnet aws_subnet.a's zone us-east-1b is in us-east-1: a VPC's subnets are all in its region, so one of them cannot be created",
  ]);
  const r = go(a.network()!, 'aws_subnet.a', 'ecr.api');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.equal(note(r), undefined);
});

test('VPCE3006: a subnet under a condition, or a zone the deployment picks, is not judged against another Region', () => {
  const ids = (more: string) => analyze(CFN('AvailabilityZone: eu-west-1a', more), { fileName: 't.yaml', settings: { regions: ['us-east-1'] } }).findings.filter((f) => f.ruleId === 'VPCE3006');
  assert.deepEqual(ids(SUBNET_B('us-east-1b', 'Condition: Never\n    ')), []);
  assert.deepEqual(ids(SUBNET_B("!Select [1, !GetAZs '']")), []);
  assert.equal(ids(SUBNET_B('us-east-1b')).length, 1);
});
