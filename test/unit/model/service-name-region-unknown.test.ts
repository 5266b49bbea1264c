// A service name whose only unknown is its Region (`!Sub com.amazonaws.${Region}.sqs` with a parameter
// without default, `"com.amazonaws.${var.aws_region}.sqs"` with a variable without one) names a known
// service: what depends on the service alone is answered (SQS has no Gateway endpoint in any Region:
// VPCE2001), what depends on the Region stays unknown, naming the value; two names resting on the same
// value are in one Region, two different values are not assumed equal.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

before(() => ensureTerraformParser());

const VPC = `
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: true
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc`;

/** A template with Region and OtherRegion parameters (no defaults), the VPC above and these resources. */
const template = (resources: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Region:
    Type: String
  OtherRegion:
    Type: String
  Svc:
    Type: String
Resources:${VPC}
${resources}`;

const interfaceEndpoint = (id: string, name: string) => `  ${id}:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Subnet]
      ServiceName: ${name}`;

const gatewayEndpoint = (id: string, name: string) => `  ${id}:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      RouteTableIds: [!Ref Rt]
      ServiceName: ${name}`;

const findings = (text: string, rule: string) => lintTemplate(text, { regions: ['eu-west-1'] }).findings.filter((f) => f.ruleId === rule).map((f) => f.message);
const endpointOf = (text: string, id: string) => analyze(text, { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } }).network()!.defaults.endpoints.get(id)!;

test('CloudFormation: the service is known, its Region unknown and named by the parameter', () => {
  const e = endpointOf(template(gatewayEndpoint('Sqs', '!Sub com.amazonaws.${Region}.sqs')), 'Sqs');
  assert.deepEqual(e.service.known && e.service.value, 'com.amazonaws.{region}.sqs');
  assert.equal(e.nameRegion?.decides, 'parameter Region');
  assert.equal(e.regionDoubt?.decides, 'parameter Region');
  assert.match(e.regionDoubt!.why, /whatever Region parameter Region names/);
  // SQS has Interface endpoints only: the defaulted Gateway cannot be created in any Region.
  assert.equal(e.brokenBy, 'type');
});

test('CloudFormation: a defaulted Gateway SQS endpoint whose Region is a parameter gets VPCE2001', () => {
  assert.deepEqual(findings(template(gatewayEndpoint('Sqs', '!Sub com.amazonaws.${Region}.sqs')), 'VPCE2001'), [
    'Sqs: VpcEndpointType is not set, so CloudFormation creates a Gateway endpoint, but sqs has Interface endpoints only; set VpcEndpointType: Interface',
  ]);
  // The same through Fn::Join.
  assert.equal(findings(template(gatewayEndpoint('Sqs', "!Join ['.', [com, amazonaws, !Ref Region, sqs]]")), 'VPCE2001').length, 1);
});

test('a name whose unknown is not only its Region stays unknown: no finding about its service', () => {
  for (const name of ['!Sub com.amazonaws.us-east-1.${Svc}', '!Sub com.amazonaws.${Region}.nosuchservice', '!Sub com.amazonaws.${Region}.${Svc}', '!Sub com.amazonaws.vpce.${Region}.vpce-svc-0123456789abcdef0', '!Sub com.amazonaws.${Region}x.sqs']) {
    const text = template(gatewayEndpoint('Sqs', name));
    const e = endpointOf(text, 'Sqs');
    assert.equal(e.service.known, false, name);
    assert.equal(e.nameRegion, undefined, name);
    assert.deepEqual([...findings(text, 'VPCE2001'), ...findings(text, 'VPCE2003')], [], name);
  }
});

test('VPCE5002: two names resting on the same parameter are in one Region; different unknowns, or one with the stack Region, are not assumed one', () => {
  const same = findings(template([interfaceEndpoint('A', '!Sub com.amazonaws.${Region}.sqs'), interfaceEndpoint('B', '!Sub com.amazonaws.${Region}.sqs')].join('\n')), 'VPCE5002');
  assert.deepEqual(same, ['B: A already has private DNS for sqs (both named for whatever Region parameter Region names) in VPC Vpc; only one endpoint per service and VPC can have private DNS']);
  assert.deepEqual(findings(template([interfaceEndpoint('A', '!Sub com.amazonaws.${Region}.sqs'), interfaceEndpoint('B', '!Sub com.amazonaws.${OtherRegion}.sqs')].join('\n')), 'VPCE5002'), []);
  assert.deepEqual(findings(template([interfaceEndpoint('A', '!Sub com.amazonaws.${Region}.sqs'), interfaceEndpoint('B', '!Sub com.amazonaws.${AWS::Region}.sqs')].join('\n')), 'VPCE5002'), []);
});

test('VPCE7001: two S3 gateway endpoints on one route table collide only when their names rest on the same value', () => {
  assert.equal(findings(template([gatewayEndpoint('A', '!Sub com.amazonaws.${Region}.s3'), gatewayEndpoint('B', '!Sub com.amazonaws.${Region}.s3')].join('\n')), 'VPCE7001').length, 1);
  assert.deepEqual(findings(template([gatewayEndpoint('A', '!Sub com.amazonaws.${Region}.s3'), gatewayEndpoint('B', '!Sub com.amazonaws.${OtherRegion}.s3')].join('\n')), 'VPCE7001'), []);
  assert.deepEqual(findings(template([gatewayEndpoint('A', '!Sub com.amazonaws.${Region}.s3'), gatewayEndpoint('B', '!Sub com.amazonaws.${AWS::Region}.s3')].join('\n')), 'VPCE7001'), []);
});

test("the endpoint policy's service is the name's, its Region only being a parameter: VPCE9006 judges its actions", () => {
  const policy = `
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: dynamodb:GetItem
            Resource: '*'`;
  const text = template(interfaceEndpoint('Sqs', '!Sub com.amazonaws.${Region}.sqs') + policy);
  assert.equal(findings(text, 'VPCE9006').length, 1, lintTemplate(text, { regions: ['eu-west-1'] }).findings.map((f) => f.message).join('\n'));
});

test('a cross-Region endpoint: a name resting on its ServiceRegion value is for that Region; on another, in doubt', () => {
  const cross = (serviceRegion: string) => template(interfaceEndpoint('Sqs', '!Sub com.amazonaws.${Region}.s3') + `\n      ServiceRegion: ${serviceRegion}`);
  assert.equal(endpointOf(cross('!Ref Region'), 'Sqs').regionDoubt, undefined);
  assert.match(endpointOf(cross('us-east-1'), 'Sqs').regionDoubt?.why ?? '', /whatever Region parameter Region names, and whether that is its ServiceRegion \(us-east-1\) is not known/);
});

const tf = (body: string) => analyzeTerraform([{ path: 'main.tf', text: body }], { settings: { regions: ['eu-west-1'] } }).analysis;
const TF_VARS = `
variable "aws_region" {
  type = string
}
variable "other_region" {
  type = string
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`;
const TF_SQS = `
resource "aws_vpc_endpoint" "sqs" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.\${var.aws_region}.sqs"
}
`;

test('Terraform: a defaulted Gateway SQS endpoint whose Region is a variable gets VPCE2001 in Terraform words, naming nothing of CloudFormation', () => {
  const a = tf(TF_VARS + TF_SQS);
  const e = a.network()!.defaults.endpoints.get('aws_vpc_endpoint.sqs')!;
  assert.deepEqual(e.service.known && e.service.value, 'com.amazonaws.{region}.sqs');
  assert.equal(e.nameRegion?.decides, 'var.aws_region');
  assert.equal(e.regionDoubt?.decides, 'var.aws_region');
  assert.deepEqual(a.findings.filter((f) => f.ruleId === 'VPCE2001').map((f) => f.message), [
    'aws_vpc_endpoint.sqs: vpc_endpoint_type is not set, so the AWS provider creates a Gateway endpoint, but sqs has Interface endpoints only; set vpc_endpoint_type = "Interface"',
  ]);
});

test("Terraform: the default provider's region from the same variable is the name's Region (no doubt); from another, in doubt naming the name's", () => {
  const provider = (v: string) => `provider "aws" {\n  region = var.${v}\n}\n`;
  const same = tf(provider('aws_region') + TF_VARS + TF_SQS).network()!.defaults.endpoints.get('aws_vpc_endpoint.sqs')!;
  assert.equal(same.nameRegion?.decides, 'var.aws_region');
  assert.equal(same.regionDoubt, undefined);
  const other = tf(provider('other_region') + TF_VARS + TF_SQS).network()!.defaults.endpoints.get('aws_vpc_endpoint.sqs')!;
  assert.equal(other.regionDoubt?.decides, 'var.aws_region');
});

test("Terraform: created in the Region the name's variable names, the name is the endpoint's own Region: a duplicate of one named by data.aws_region (VPCE5002)", () => {
  const endpoint = (id: string, name: string) => `
resource "aws_vpc_endpoint" "${id}" {
  vpc_id              = aws_vpc.main.id
  service_name        = "${name}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
`;
  const text = (region: string) => `provider "aws" {\n  region = var.${region}\n}\ndata "aws_region" "current" {}\n` + TF_VARS.replace('cidr_block = "10.0.0.0/16"', 'cidr_block = "10.0.0.0/16"\n  enable_dns_hostnames = true') + endpoint('a', 'com.amazonaws.${var.aws_region}.sqs') + endpoint('b', 'com.amazonaws.${data.aws_region.current.name}.sqs');
  const found = (region: string) => tf(text(region)).findings.filter((f) => f.ruleId === 'VPCE5002').map((f) => f.message);
  assert.deepEqual(found('aws_region'), ['aws_vpc_endpoint.b: aws_vpc_endpoint.a already has private DNS for sqs in VPC aws_vpc.main; only one endpoint per service and VPC can have private DNS']);
  // The provider's region from another variable: the two names may be for two Regions.
  assert.deepEqual(found('other_region'), []);
});
