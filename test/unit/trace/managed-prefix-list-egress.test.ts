// Security-group egress to a service's AWS-managed prefix list: where the configuration names the list by
// the service (Terraform's aws_vpc_endpoint.s3.prefix_list_id, or data "aws_prefix_list" looked up by
// com.amazonaws.<region>.s3), the model knows the egress towards that service is allowed, and the
// trace, the matrix and the rules read it from the one admission fact. A literal pl-… stays unknown,
// and the answer names it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { traceNetwork, traceMatrix, networkOf } from '../../../server/src/core/trace/api.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { networkFactsOf } from '../../../server/src/lsp/complete/assist-view.js';

before(() => ensureTerraformParser());

// An instance whose only egress rule names `peer`, in a subnet routed to an S3 gateway endpoint.
const tf = (peer: string, extra = '') => `
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
data "aws_region" "current" {}
data "aws_prefix_list" "s3" {
  name = "com.amazonaws.\${data.aws_region.current.name}.s3"
}
data "aws_prefix_list" "dynamodb" {
  name = "com.amazonaws.eu-west-1.dynamodb"
}
${extra}
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
  egress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = [${peer}]
  }
}
resource "aws_instance" "app" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.app.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
`;

const network = (text: string) => analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } }).analysis.network()!;

function egressHop(text: string, to = 's3') {
  const t = traceNetwork(network(text), 'aws_instance.app', to);
  assert.ok(t.ok, t.ok ? '' : t.error);
  const hop = t.result.hops.find((h) => h.kind === 'security group egress');
  assert.ok(hop, t.result.summary);
  return { verdict: t.result.verdict, hop, summary: t.result.summary };
}

test('egress to the data source that looks up S3\'s list by its name admits the flow to S3', () => {
  const r = egressHop(tf('data.aws_prefix_list.s3.id'));
  assert.equal(r.hop.decision, 'pass', r.hop.reason);
  assert.equal(r.verdict, 'private', r.summary);
});

test('the gateway endpoint\'s own prefix_list_id admits it as before', () => {
  assert.equal(egressHop(tf('aws_vpc_endpoint.s3.prefix_list_id')).hop.decision, 'pass');
});

test('the matrix reads the same fact', () => {
  const net = network(tf('data.aws_prefix_list.s3.id'));
  const m = traceMatrix(net);
  const row = m.sources.findIndex((s) => s.id === 'aws_instance.app');
  const col = m.targets.indexOf('s3');
  assert.ok(row >= 0 && col >= 0, `${m.sources.map((s) => s.id)} / ${m.targets}`);
  assert.equal(m.cells[row]![col]!.verdict, 'private', m.cells[row]![col]!.summary);
});

test('another service\'s list does not admit the flow to S3', () => {
  const r = egressHop(tf('data.aws_prefix_list.dynamodb.id'));
  assert.notEqual(r.hop.decision, 'pass', r.hop.reason);
});

test('a list looked up by anything but a service\'s name stays unknown', () => {
  const extra = 'data "aws_prefix_list" "mine" {\n  name = "corporate-proxies"\n}';
  const r = egressHop(tf('data.aws_prefix_list.mine.id', extra));
  assert.equal(r.hop.decision, 'unknown', r.hop.reason);
});

test('a literal pl-… stays unknown, and the answer names it', () => {
  const r = egressHop(tf('"pl-6da54004"'));
  assert.equal(r.hop.decision, 'unknown');
  assert.match(r.hop.reason, /prefix list pl-6da54004/);
  assert.equal(r.verdict, 'unknown');
});

test('CloudFormation: a literal DestinationPrefixListId stays unknown, named', () => {
  const cfn = `
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
  Routes: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
  Assoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Routes}}
  S3: {Type: AWS::EC2::VPCEndpoint, Properties: {VpcId: !Ref Vpc, ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.s3', RouteTableIds: [!Ref Routes]}}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, DestinationPrefixListId: pl-6da54004}]
  App: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-12345678, SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref Sg]}}
`;
  const t = traceNetwork(networkOf(cfn, ['eu-west-1'])!, 'App', 's3');
  assert.ok(t.ok, t.ok ? '' : t.error);
  const hop = t.result.hops.find((h) => h.kind === 'security group egress')!;
  assert.equal(hop.decision, 'unknown');
  assert.match(hop.reason, /prefix list pl-6da54004/);
});

test('hover names the list the rule goes to', () => {
  const egress = (peer: string) => {
    const facts = networkFactsOf(analyzeTerraform([{ path: 'main.tf', text: tf(peer) }], { settings: { regions: ['eu-west-1'] } }).analysis)!;
    return facts.groups.find((g) => g.id === 'aws_security_group.app')!.egress.map((r) => r.text);
  };
  assert.deepEqual(egress('data.aws_prefix_list.s3.id'), ['tcp 443 to the AWS-managed prefix list of s3 (data.aws_prefix_list.s3.id)']);
  assert.deepEqual(egress('"pl-6da54004"'), ['tcp 443 to prefix list pl-6da54004']);
});
