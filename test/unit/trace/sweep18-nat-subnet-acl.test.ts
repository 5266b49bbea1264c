// A private subnet's traffic to a NAT gateway enters the NAT gateway's subnet, and that subnet's network
// ACL judges it there, as it judges the traffic out to the destination and both replies (the NAT gateway's
// own ports are 1024-65535). The trace judged only the client's subnet's ACL: a public subnet whose ACL lets
// in only SSH and ephemeral ports (a real ECS configuration of the session-18 sweep, with 443 taken out)
// still gave PUBLIC for the private subnet's traffic through its NAT gateway.
// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html
// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const tf = (natIngressPort: number) => `
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_eip" "nat" {
  domain = "vpc"
}
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public.id
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
}
resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}
resource "aws_network_acl" "public" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.public.id]
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = ${natIngressPort}
    to_port    = ${natIngressPort}
  }
  ingress {
    protocol   = "tcp"
    rule_no    = 110
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 1024
    to_port    = 65535
  }
  egress {
    protocol   = "-1"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}
`;

test('Terraform: the ACL of the NAT subnet drops what it does not let in', () => {
  const blocked = checkTf(tf(22)).trace('aws_subnet.private', 'ecr.dkr');
  assert.equal(blocked.verdict, 'blocked');
  assert.match(JSON.stringify(blocked), /NAT subnet network ACL in/);
  assert.equal(checkTf(tf(443)).trace('aws_subnet.private', 'ecr.dkr').verdict, 'public');
  // The NAT gateway's own subnet: its ACL is the client's, judged once.
  assert.equal(checkTf(tf(443)).trace('aws_subnet.public', 'internet').verdict, 'unknown');
});

const cfn = (port: number) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  Public:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Private:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
  PublicTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PublicDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PublicTable
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  PublicAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Public
      RouteTableId: !Ref PublicTable
  Eip:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt Eip.AllocationId
      SubnetId: !Ref Public
  PrivateTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PrivateDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateTable
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref Nat
  PrivateAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Private
      RouteTableId: !Ref PrivateTable
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: !Ref Vpc
  AclIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {From: ${port}, To: ${port}}
  AclInEphemeral:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 110
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 1024, To: 65535}
  AclOut:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: -1
      Egress: true
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
  AclAssoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties:
      SubnetId: !Ref Public
      NetworkAclId: !Ref Acl
`;

test('CloudFormation: the same network, the same answers', () => {
  const verdict = (port: number) => {
    const a = traceNetwork(analyze(cfn(port), { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } }).network()!, 'Private', 'ecr.dkr');
    assert.ok(a.ok);
    return a.result.verdict;
  };
  assert.equal(verdict(22), 'blocked');
  assert.equal(verdict(443), 'public');
});
