// A cross-Region interface endpoint (ServiceRegion us-east-1) traced where the Region the stack deploys to is
// known: it answers us-east-1's names, the VPC's own Region's only where the VPC is in us-east-1
// (model/cross-region.ts answersRegion, the one fact the DNS answer, the trace and the rules read). One Region:
// decided. Several: each Region's verdict, the Region deciding. None: unknown, the Region named. CloudFormation
// (settings' regions) and Terraform (the provider's region, else the settings').

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';
import { traceMatrix } from '../../../server/src/core/trace/api.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import type { Network } from '../../../server/src/core/model/network.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';

before(() => ensureTerraformParser());

const CFN = (service = 'ecr.api') => `AWSTemplateFormatVersion: '2010-09-09'
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
  Rt:
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
      ServiceName: com.amazonaws.us-east-1.${service}
      ServiceRegion: us-east-1
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref SubnetA]
      SecurityGroupIds: [!Ref EndpointSg]
`;

const TF = (provider: string) => `${provider}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
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

const cfnNet = (regions: string[], service?: string): Network => analyze(CFN(service), { fileName: 't.yaml', settings: { regions } }).network()!;
const tfNet = (provider: string, regions: string[] = []): Network => analyzeTerraform([{ path: '/m/main.tf', text: TF(provider) }], { settings: { regions } }).analysis.network()!;
const go = (net: Network, from: string, to: string): TraceResult => trace(net, from, parseTarget(to)!);
const through = (r: TraceResult, id: string) => r.hops.some((h) => h.kind === 'DNS' && h.resource === id && h.decision === 'pass');
const deciding = (r: TraceResult) => r.hops[r.decidingHop ?? -1];

test('CloudFormation, one Region (eu-west-1): the VPC\'s own ecr.api name is not the cross-Region endpoint\'s; us-east-1\'s is', () => {
  const net = cfnNet(['eu-west-1']);
  for (const to of ['ecr.api', 'com.amazonaws.eu-west-1.ecr.api']) {
    const own = go(net, 'SubnetA', to);
    assert.equal(own.verdict, 'blocked', `${to}: ${own.summary}`);
    assert.ok(!through(own, 'Cross'), to);
  }
  const there = go(net, 'SubnetA', 'com.amazonaws.us-east-1.ecr.api');
  assert.equal(there.verdict, 'private', there.summary);
  assert.equal(there.to, 'ecr.api in us-east-1');
  assert.ok(through(there, 'Cross'), there.summary);
});

test('CloudFormation, one Region that is the service Region (us-east-1): the endpoint answers the default name', () => {
  const net = cfnNet(['us-east-1']);
  for (const to of ['ecr.api', 'com.amazonaws.us-east-1.ecr.api']) {
    const r = go(net, 'SubnetA', to);
    assert.equal(r.verdict, 'private', `${to}: ${r.summary}`);
    assert.ok(through(r, 'Cross'), to);
  }
  // Another Region's name from a VPC in us-east-1: no endpoint answers it, and the trace does not claim a path.
  const other = go(net, 'SubnetA', 'com.amazonaws.eu-west-1.ecr.api');
  assert.equal(other.verdict, 'unknown', other.summary);
  assert.match(other.summary, /Vpc is in us-east-1, and no interface endpoint in it answers the eu-west-1 ecr\.api names/);
});

test('CloudFormation, several Regions: each Region\'s verdict, the Region deciding; agreeing Regions give one answer', () => {
  const net = cfnNet(['eu-west-1', 'us-east-1']);
  const r = go(net, 'SubnetA', 'ecr.api');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /^the Region the stack deploys to decides: in eu-west-1, blocked \(.*\); in us-east-1, private \(stays on the AWS network through interface endpoint Cross\)$/);
  assert.deepEqual([deciding(r)?.kind, deciding(r)?.decision], ['region', 'unknown']);
  assert.deepEqual(r.suggestions, []);
  // us-east-1's name is the endpoint's wherever the VPC is.
  const there = go(net, 'SubnetA', 'com.amazonaws.us-east-1.ecr.api');
  assert.equal(there.verdict, 'private', there.summary);
});

test('CloudFormation, no Region: unknown, the Region the stack deploys to named', () => {
  const net = cfnNet([]);
  const r = go(net, 'SubnetA', 'ecr.api');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /Cross is a cross-Region endpoint for us-east-1.*decided by the Region the stack deploys to/);
  assert.equal(deciding(r)?.resource, 'Cross');
  const there = go(net, 'SubnetA', 'com.amazonaws.us-east-1.ecr.api');
  assert.equal(there.verdict, 'unknown', there.summary);
  assert.match(there.summary, /^the VPC's region decides: where it is in us-east-1, private/);
});

test('Terraform: the provider\'s region decides, over the settings\'; without one, the settings\' Regions; with none, unknown', () => {
  const west = tfNet('provider "aws" {\n  region = "eu-west-1"\n}\n', ['us-east-1']);
  const own = go(west, 'aws_subnet.a', 'ecr.api');
  assert.equal(own.verdict, 'blocked', own.summary);
  assert.ok(!through(own, 'aws_vpc_endpoint.cross'));
  const there = go(west, 'aws_subnet.a', 'com.amazonaws.us-east-1.ecr.api');
  assert.equal(there.verdict, 'private', there.summary);
  assert.ok(through(there, 'aws_vpc_endpoint.cross'));

  const east = go(tfNet('provider "aws" {\n  region = "us-east-1"\n}\n'), 'aws_subnet.a', 'ecr.api');
  assert.equal(east.verdict, 'private', east.summary);

  const several = go(tfNet('', ['eu-west-1', 'us-east-1']), 'aws_subnet.a', 'ecr.api');
  assert.equal(several.verdict, 'unknown', several.summary);
  assert.match(several.summary, /^the Region the configuration deploys to decides: in eu-west-1, blocked .*; in us-east-1, private/);

  const none = go(tfNet(''), 'aws_subnet.a', 'ecr.api');
  assert.equal(none.verdict, 'unknown', none.summary);
  assert.match(none.summary, /decided by the Region the configuration deploys to/);

  // A provider region a variable without a value decides: that variable is named.
  const open = go(tfNet('variable "region" {}\nprovider "aws" {\n  region = var.region\n}\n'), 'aws_subnet.a', 'ecr.api');
  assert.equal(open.verdict, 'unknown', open.summary);
  assert.match(open.summary, /decided by var\.region/);
});

test('check and trace agree: VPCE3005 on a cross-Region endpoint of a service not on AWS\'s list, and the trace to that Region\'s name is unknown by it', () => {
  const rules = (regions: string[]) => analyze(CFN('sqs'), { fileName: 't.yaml', settings: { regions } }).findings.map((f) => f.ruleId);
  const west = cfnNet(['eu-west-1'], 'sqs');
  assert.ok(rules(['eu-west-1']).includes('VPCE3005'));
  const there = go(west, 'SubnetA', 'com.amazonaws.us-east-1.sqs');
  assert.equal(there.verdict, 'unknown', there.summary);
  assert.equal(deciding(there)?.resource, 'Cross');
  // The VPC's own sqs name is not the endpoint's: its doubt does not decide that path.
  const own = go(west, 'SubnetA', 'sqs');
  assert.equal(own.verdict, 'blocked', own.summary);
  // In us-east-1 it is no cross-Region endpoint: no finding, and it carries the traffic.
  assert.ok(!rules(['us-east-1']).includes('VPCE3005'));
  assert.equal(go(cfnNet(['us-east-1'], 'sqs'), 'SubnetA', 'sqs').verdict, 'private');
});

test('the matrix traces a cross-Region endpoint\'s service Region\'s service beside the VPC\'s own', () => {
  const m = traceMatrix(cfnNet(['eu-west-1']));
  const row = m.sources.findIndex((s) => s.id === 'SubnetA');
  const cell = (to: string) => m.cells[row]![m.targets.indexOf(to)]!;
  assert.ok(m.targets.includes('ecr.api in us-east-1'), m.targets.join(', '));
  assert.equal(cell('ecr.api in us-east-1').verdict, 'private');
  assert.equal(cell('ecr.api').verdict, 'blocked');
  // Created in us-east-1 it is the VPC's own service: no second column.
  assert.ok(!traceMatrix(cfnNet(['us-east-1'])).targets.includes('ecr.api in us-east-1'));
});

// A same-Region ecr.api endpoint beside the cross-Region one, in one VPC.
const withSameRegion = (privateDns: boolean) => CFN() + `  SameRegion:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ecr.api
      VpcEndpointType: Interface
${privateDns ? '      PrivateDnsEnabled: true\n' : ''}      SubnetIds: [!Ref SubnetA]
      SecurityGroupIds: [!Ref EndpointSg]
`;

test('check and trace agree on private DNS names per Region: VPCE5002 only where both endpoints answer one Region\'s names, VPCE5003 where the cross-Region one does not answer the VPC\'s', () => {
  const run = (text: string, regions: string[]) => {
    const a = analyze(text, { fileName: 't.yaml', settings: { regions } });
    return { rules: a.findings.map((f) => `${f.ruleId} ${f.resource ?? ''}`.trim()), r: go(a.network()!, 'SubnetA', 'ecr.api') };
  };
  // Both with private DNS: in eu-west-1 the names differ (api.ecr.eu-west-1 / api.ecr.us-east-1), both are created.
  const west = run(withSameRegion(true), ['eu-west-1']);
  assert.ok(!west.rules.some((r) => r.startsWith('VPCE5002')), west.rules.join(', '));
  assert.equal(west.r.verdict, 'private', west.r.summary);
  assert.ok(through(west.r, 'SameRegion'));
  // In us-east-1 both take api.ecr.us-east-1: the second cannot be created, and the trace says so.
  const east = run(withSameRegion(true), ['us-east-1']);
  assert.ok(east.rules.includes('VPCE5002 SameRegion'), east.rules.join(', '));
  assert.equal(east.r.verdict, 'unknown', east.r.summary);
  assert.match(east.r.summary, /SameRegion cannot be created as written/);
  // The same-Region one without private DNS: in eu-west-1 nothing answers the VPC's name (VPCE5003, public);
  // in us-east-1 the cross-Region one is the VPC's own and answers it (no finding, private).
  const off = run(withSameRegion(false), ['eu-west-1']);
  assert.ok(off.rules.includes('VPCE5003 SameRegion'), off.rules.join(', '));
  assert.equal(off.r.verdict, 'blocked', off.r.summary);
  assert.match(off.r.summary, /does not resolve to the endpoint/);
  const offEast = run(withSameRegion(false), ['us-east-1']);
  assert.ok(!offEast.rules.includes('VPCE5003 SameRegion'), offEast.rules.join(', '));
  assert.equal(offEast.r.verdict, 'private', offEast.r.summary);
  assert.ok(through(offEast.r, 'Cross'));
});
