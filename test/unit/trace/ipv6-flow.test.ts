// The address family of a client's flow to a dualstack interface endpoint decides which security-group
// rules admit it, in the trace as in the network ACL hops: IPv4 from a subnet without IPv6, IPv6 from an
// IPv6-only subnet (Ipv6Native / ipv6_native: no IPv4 address), either from a dual-stack subnet.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html (CidrIp vs CidrIpv6)

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceNetwork, traceText } from '../../../server/src/core/trace/api.js';
import type { TraceResult } from '../../../server/src/core/trace/types.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

const TEXT = readFileSync(join(__dirname, '..', '..', 'fixtures', 'trace', 'ipv6-families.yaml'), 'utf8');

before(() => ensureTerraformParser());

function run(from: string, to: string): TraceResult {
  const a = traceText(TEXT, from, to);
  assert.ok(a.ok, a.ok ? '' : a.error);
  return a.result;
}

const sgIn = (r: TraceResult) => r.hops.find((h) => h.kind === 'endpoint security group in')!;

test('an IPv6-only subnet reaches a dualstack endpoint over IPv6: a group admitting only the VPC\'s IPv4 range blocks it', () => {
  const r = run('Ipv6Only', 'ssm');
  assert.equal(r.verdict, 'blocked', r.summary);
  assert.equal(sgIn(r).decision, 'block');
  // The same group admits the IPv4-only subnet, whose flow is IPv4.
  assert.equal(run('Ipv4Only', 'ssm').verdict, 'private');
});

test('a group admitting only ::/0 admits the IPv6-only subnet and blocks the IPv4-only one', () => {
  assert.equal(run('Ipv6Only', 'sqs').verdict, 'private');
  const v4 = run('Ipv4Only', 'sqs');
  assert.equal(v4.verdict, 'blocked', v4.summary);
  assert.match(sgIn(v4).reason, /only over IPv6; the traffic is IPv4/);
});

test('a dual-stack subnet may use either family: an IPv6-only rule does not decide it', () => {
  assert.equal(sgIn(run('DualStack', 'sqs')).decision, 'unknown');
});

const TF = `
resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  enable_dns_support               = true
  enable_dns_hostnames             = true
  assign_generated_ipv6_cidr_block = true
}

resource "aws_subnet" "v6" {
  vpc_id                          = aws_vpc.main.id
  availability_zone               = "eu-west-1a"
  ipv6_native                     = true
  assign_ipv6_address_on_creation = true
  ipv6_cidr_block                 = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 1)
}

resource "aws_subnet" "v4" {
  vpc_id            = aws_vpc.main.id
  availability_zone = "eu-west-1a"
  cidr_block        = "10.0.1.0/24"
}

resource "aws_subnet" "dual" {
  vpc_id            = aws_vpc.main.id
  availability_zone = "eu-west-1a"
  cidr_block        = "10.0.2.0/24"
  ipv6_cidr_block   = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 2)
}

resource "aws_security_group" "v6" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  ip_address_type     = "dualstack"
  subnet_ids          = [aws_subnet.dual.id]
  security_group_ids  = [aws_security_group.v6.id]
}
`;

test('Terraform: ipv6_native and ipv6_cidr_blocks give the same answers', () => {
  const { analysis } = analyzeTerraform([{ path: 'main.tf', text: TF }], { settings: { regions: ['eu-west-1'] } });
  const net = analysis.network()!;
  const trace = (from: string) => {
    const a = traceNetwork(net, from, 'sqs');
    assert.ok(a.ok, a.ok ? '' : a.error);
    return a.result;
  };
  assert.equal(trace('aws_subnet.v6').verdict, 'private');
  const v4 = trace('aws_subnet.v4');
  assert.equal(v4.verdict, 'blocked', v4.summary);
  assert.match(sgIn(v4).reason, /only over IPv6/);
});

test('an IPv6-only subnet on a routed path takes no IPv4 route: without IPv6 routes, DNS64 or NAT64 it is blocked', () => {
  const text = TEXT + `  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Public:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Default4:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Public, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  V6Routes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Ipv6Only, RouteTableId: !Ref Public}
  V4Routes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Ipv4Only, RouteTableId: !Ref Public}
`;
  const a = traceText(text, 'Ipv6Only', 'internet');
  assert.ok(a.ok);
  // The IPv4 0.0.0.0/0 route to the internet gateway carries none of its traffic.
  assert.equal(a.result.verdict, 'blocked', a.result.summary);
  assert.match(a.result.summary, /over IPv6 .*no route from Ipv6Only to the internet; through DNS64 and NAT64 .*without DNS64/);
  assert.ok(!a.result.hops.some((h) => h.resource === 'Default4' || h.kind === 'internet gateway'));
  const b = traceText(text, 'Ipv4Only', 'internet');
  assert.ok(b.ok);
  // The IPv4-only subnet is traced through its IPv4 routes to the internet gateway.
  assert.match(b.result.summary, /leaves through internet gateway Igw/);
});
