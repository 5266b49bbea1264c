// Whether a VPC has a gateway endpoint for a service is known only for a VPC the template (or
// configuration) creates: one it is given (a parameter, a literal id, an import, Terraform's data
// "aws_vpc") may hold endpoints other stacks made, as a shared network's VPC usually does. Found in the
// real-sweep (igorlg/demo-tf-vpc-endpoint-toggle: an S3 interface endpoint with private DNS in the
// default VPC, data.aws_vpc.default): VPCE5004 said "there is none: AWS rejects the endpoint", an error
// the configuration cannot know. AWS refuses inbound-only private DNS only without a gateway endpoint:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { checkTf } from '../../helpers/tf-check.js';

before(() => ensureTerraformParser());

const cfn = (vpcId: string, ownVpc = '') => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
  SubnetId:
    Type: AWS::EC2::Subnet::Id
Resources:${ownVpc}
  S3Interface:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      VpcId: ${vpcId}
      SubnetIds: [!Ref SubnetId]
      PrivateDnsEnabled: true
`;
const OWN_VPC = `
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true`;

const rules = (text: string) => analyze(text, { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } }).findings.map((f) => f.ruleId);

test('VPCE5004 says nothing of a VPC the template is given: its gateway endpoints may be another stack\'s', () => {
  assert.ok(!rules(cfn('!Ref VpcId')).includes('VPCE5004'));
  assert.ok(!rules(cfn('vpc-0123456789abcdef0')).includes('VPCE5004'));
  assert.ok(!rules(cfn('!ImportValue network-VpcId')).includes('VPCE5004'));
  // The template's own VPC without a gateway endpoint for s3: AWS rejects the endpoint.
  assert.ok(rules(cfn('!Ref Vpc', OWN_VPC)).includes('VPCE5004'));
});

test('Terraform: an S3 interface endpoint with private DNS in a VPC looked up by data "aws_vpc"', () => {
  const tf = (vpc: string) => `
data "aws_vpc" "default" {
  default = true
}
resource "aws_vpc" "own" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id              = ${vpc}
  service_name        = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  private_dns_enabled = true
}
`;
  assert.ok(!checkTf(tf('data.aws_vpc.default.id')).rules.includes('VPCE5004'));
  assert.ok(checkTf(tf('aws_vpc.own.id')).rules.includes('VPCE5004'));
});
