// A subnet's address families are facts of the network model: known (with the source range that fixes
// them), unknown (with the deciding value) or conditional, from CloudFormation and Terraform alike.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { knownValue, type Fact } from '../../../server/src/core/model/types.js';

before(() => ensureTerraformParser());

const TEMPLATE = `Parameters:
  Native:
    Type: String
Conditions:
  WithIpv6: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Block:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}
  Plain:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Native6:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, Ipv6Native: true, Ipv6CidrBlock: !Select [1, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]]}
  Dual:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, Ipv6CidrBlock: !Select [2, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]]}
  Attached:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24}
  AttachedBlock:
    Type: AWS::EC2::SubnetCidrBlock
    Properties: {SubnetId: !Ref Attached, Ipv6CidrBlock: 2001:db8:1:3::/64}
  Chosen:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.4.0/24, Ipv6CidrBlock: !If [WithIpv6, 2001:db8:1:4::/64, !Ref AWS::NoValue]}
  Deployed:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, Ipv6Native: !Ref Native, Ipv6CidrBlock: 2001:db8:1:5::/64}
`;

const text = (t: string, f: Fact<boolean>) => (f.at ? t.slice(f.at.start, f.at.end) : undefined);

test('CloudFormation: each family known with its source, unknown with its deciding value, or conditional', () => {
  const subnets = analyze(TEMPLATE, { fileName: 't.yaml' }).network()!.judged().subnets;
  const get = (id: string) => subnets.get(id)!;
  // No IPv6 property: IPv4 only, pointing at the subnet.
  assert.deepEqual([knownValue(get('Plain').hasIpv4), knownValue(get('Plain').hasIpv6)], [true, false]);
  assert.equal(text(TEMPLATE, get('Plain').hasIpv6), 'Plain');
  // Ipv6Native: true: no IPv4, IPv6, both resting on the Ipv6Native value.
  const n = get('Native6');
  assert.deepEqual([knownValue(n.hasIpv4), knownValue(n.hasIpv6)], [false, true]);
  assert.equal(text(TEMPLATE, n.hasIpv4), 'true');
  const d = get('Dual');
  assert.deepEqual([knownValue(d.hasIpv4), knownValue(d.hasIpv6)], [true, true]);
  assert.match(text(TEMPLATE, d.hasIpv6)!, /^!Select \[2/);
  // A separate AWS::EC2::SubnetCidrBlock gives the IPv6 range: the fact points at it.
  assert.equal(text(TEMPLATE, get('Attached').hasIpv6), 'AttachedBlock');
  // Under Fn::If: conditional, a value per branch.
  const c = get('Chosen').hasIpv6;
  assert.equal(c.known, false);
  assert.equal(c.known ? '' : c.decides, 'condition WithIpv6');
  // Ipv6Native from a parameter without a default: IPv4 is unknown, named by the parameter.
  const p = get('Deployed').hasIpv4;
  assert.equal(p.known, false);
  assert.equal(p.known ? '' : p.decides, 'parameter Native');
  assert.equal(knownValue(get('Deployed').hasIpv6), true);
});

test('Terraform: ipv6_native and ipv6_cidr_block are the same facts, pointing at the HCL', () => {
  const tf = `resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_subnet" "v6" {
  vpc_id          = aws_vpc.main.id
  ipv6_native     = true
  ipv6_cidr_block = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 1)
}
resource "aws_subnet" "v4" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
variable "native" { type = bool }
resource "aws_subnet" "var" {
  vpc_id          = aws_vpc.main.id
  ipv6_native     = var.native
  ipv6_cidr_block = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 2)
}
`;
  const subnets = analyzeTerraform([{ path: 'main.tf', text: tf }], { settings: { regions: ['eu-west-1'] } }).analysis.network()!.judged().subnets;
  const v6 = subnets.get('aws_subnet.v6')!;
  assert.deepEqual([knownValue(v6.hasIpv4), knownValue(v6.hasIpv6)], [false, true]);
  assert.equal(text(tf, v6.hasIpv4), 'true');
  const v4 = subnets.get('aws_subnet.v4')!;
  assert.deepEqual([knownValue(v4.hasIpv4), knownValue(v4.hasIpv6)], [true, false]);
  const unknown = subnets.get('aws_subnet.var')!.hasIpv4;
  assert.equal(unknown.known, false);
  assert.match(unknown.known ? '' : unknown.why, /ipv6_native/);
});
