// A private hosted zone associated with the VPC whose name is known only at deploy time (Terraform
// `name = var.zone_name`, CloudFormation `Name: !Ref ZoneName`) may be the service's default name or a
// domain above it; its records, not public DNS, would then answer the name (Route 53 Resolver answers
// from a private zone first: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html).
// The zone was taken for none: the trace said the name resolves to public addresses, BLOCKED or PUBLIC
// as a fact (met in the session-18 sweep: a centralised endpoint whose zone name was not evaluated).
// A name whose written tail rules the service out (`${var.env}.example.com`) changes nothing.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { traceNetwork } from '../../../server/src/core/trace/api.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const tf = (zoneName: string) => `
variable "zone_name" {
  type = string
}
resource "aws_vpc" "hub" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.hub.id
  cidr_block = "10.20.1.0/24"
}
resource "aws_route_table" "a" {
  vpc_id = aws_vpc.hub.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.a.id
}
resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = false
  subnet_ids          = [aws_subnet.a.id]
}
resource "aws_route53_zone" "z" {
  name = ${zoneName}
  vpc {
    vpc_id = aws_vpc.hub.id
  }
}
`;

test('Terraform: a zone named by a variable may answer the name: unknown, naming the zone', () => {
  const t = checkTf(tf('var.zone_name')).trace('aws_subnet.a', 'sts');
  assert.equal(t.verdict, 'unknown');
  assert.match(JSON.stringify(t), /aws_route53_zone\.z[^"]*its name is known only at deploy time[^"]*var\.zone_name/);
});

test('Terraform: a name whose written tail is another domain does not', () => {
  assert.equal(checkTf(tf('"${var.zone_name}.example.com"')).trace('aws_subnet.a', 'sts').verdict, 'blocked');
  // A tail that may be the service's domain still may.
  assert.equal(checkTf(tf('"${var.zone_name}.amazonaws.com"')).trace('aws_subnet.a', 'sts').verdict, 'unknown');
});

const cfn = (name: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ZoneName:
    Type: String
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.20.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.20.1.0/24
  Table:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Subnet
      RouteTableId: !Ref Table
  Sts:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcEndpointType: Interface
      ServiceName: com.amazonaws.eu-west-1.sts
      VpcId: !Ref Vpc
      SubnetIds: [!Ref Subnet]
      PrivateDnsEnabled: false
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: ${name}
      VPCs:
        - VPCId: !Ref Vpc
          VPCRegion: !Ref AWS::Region
`;

test('CloudFormation: the same zone, the same answers', () => {
  const verdict = (name: string) => {
    const a = traceNetwork(analyze(cfn(name), { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } }).network()!, 'Subnet', 'sts');
    assert.ok(a.ok);
    return a.result;
  };
  const t = verdict('!Ref ZoneName');
  assert.equal(t.verdict, 'unknown');
  assert.match(JSON.stringify(t), /Zone[^"]*its name is known only at deploy time/);
  assert.equal(verdict('!Sub "${ZoneName}.example.com"').verdict, 'blocked');
});
