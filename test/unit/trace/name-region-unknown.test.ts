// The trace to a service whose endpoint's name has a Region only the deployment knows
// (`com.amazonaws.${Region}.sqs`): whether the endpoint can serve the VPC depends on that Region, so the
// answer is unknown, naming the value, and no hop that depends on the Region (DNS, the endpoint's
// interfaces, a route) is claimed to pass. Where the endpoint is created in the Region the same value
// names (a Terraform default provider's `region = var.aws_region`), the path is traced as for
// `${data.aws_region.current.name}`. The map draws the service and says its Region is unknown.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { buildPicture } from '../../../server/src/core/map/picture.js';

before(() => ensureTerraformParser());

const TEMPLATE = (name: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Region:
    Type: String
Resources:
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
  SqsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!Ref EndpointSg]
      ServiceName: ${name}
`;

const REGION_DEPENDENT = new Set(['DNS', 'route table', 'route', 'security group', 'network ACL', 'address family']);

test('CloudFormation: the trace through an endpoint whose Region is a parameter is unknown, naming it; no Region-dependent hop passes', () => {
  const r = trace(analyze(TEMPLATE('!Sub com.amazonaws.${Region}.sqs'), { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } }).network()!, 'Subnet', parseTarget('sqs')!);
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /decided by parameter Region/);
  const endpoint = r.hops.find((h) => h.kind === 'endpoint');
  assert.equal(endpoint?.decision, 'unknown');
  assert.match(endpoint!.reason, /whatever Region parameter Region names/);
  assert.deepEqual(r.hops.filter((h) => REGION_DEPENDENT.has(h.kind) && h.decision === 'pass').map((h) => `${h.kind} ${h.reason}`), []);
  // The control: the stack's own Region in the name is private all the way.
  assert.equal(trace(analyze(TEMPLATE('!Sub com.amazonaws.${AWS::Region}.sqs'), { fileName: 't.yaml', settings: { regions: ['eu-west-1'] } }).network()!, 'Subnet', parseTarget('sqs')!).verdict, 'private');
});

const TF = (providerRegion: string) => `
variable "aws_region" {
  type = string
}
variable "other_region" {
  type = string
}
provider "aws" {
  region = ${providerRegion}
}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.aws_region}.sqs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
}
`;

const tfTrace = (text: string) => trace(analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } }).analysis.network()!, 'aws_subnet.a', parseTarget('sqs')!);

test("Terraform: a name resting on another variable than the provider's region: unknown, naming the name's variable in Terraform words", () => {
  const r = tfTrace(TF('var.other_region'));
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /decided by var\.aws_region/);
  assert.match(r.hops.map((h) => h.reason).join('\n'), /whatever Region var\.aws_region names/);
  assert.doesNotMatch(r.hops.map((h) => h.reason).join('\n'), /AWS::Region|the stack/);
  assert.deepEqual(r.hops.filter((h) => REGION_DEPENDENT.has(h.kind) && h.decision === 'pass').map((h) => h.kind), []);
});

test("Terraform: a name resting on the default provider's region variable is for the Region the endpoint is created in: private", () => {
  assert.equal(tfTrace(TF('var.aws_region')).verdict, 'private');
});

test("the map draws the endpoint's service and says its Region, which decides whether it serves the VPC, is unknown", () => {
  const model = analyze(TEMPLATE('!Sub com.amazonaws.${Region}.sqs'), { fileName: 't.yaml' }).network()!.defaults;
  const node = buildPicture(model).nodes.find((n) => n.id === 'SqsEndpoint')!;
  assert.match(node.detail ?? '', /sqs/);
  assert.equal(node.unknown, "its service's Region known at deploy time (decided by parameter Region)");
  const control = analyze(TEMPLATE('!Sub com.amazonaws.${AWS::Region}.sqs'), { fileName: 't.yaml' }).network()!.defaults;
  assert.equal(buildPicture(control).nodes.find((n) => n.id === 'SqsEndpoint')!.unknown, undefined);
});

test("Terraform: egress to data \"aws_prefix_list\" looked up by a name whose one unknown is its Region admits the flow to that service, as a lookup by the provider's Region does", () => {
  const text = (name: string) => `
variable "aws_region" {
  type = string
}
provider "aws" {
  region = "eu-west-1"
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.app.id]
}
data "aws_prefix_list" "s3" {
  name = "${name}"
}
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
  egress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = [data.aws_prefix_list.s3.id]
  }
}
resource "aws_instance" "app" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.app.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
`;
  const run = (name: string) => trace(analyzeTerraform([{ path: 'main.tf', text: text(name) }], { settings: { regions: ['eu-west-1'] } }).analysis.network()!, 'aws_instance.app', parseTarget('s3')!);
  const open = run('com.amazonaws.${var.aws_region}.s3');
  assert.equal(open.hops.find((h) => h.kind === 'security group egress')?.decision, 'pass', open.summary);
  assert.equal(open.verdict, 'private', open.summary);
  // A name that is not a service's with an unknown Region stays unknown, naming the lookup.
  assert.notEqual(run('com.amazonaws.${var.aws_region}.nosuch').verdict, 'private');
});
