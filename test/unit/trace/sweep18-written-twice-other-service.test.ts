// A logical id written twice leaves the trace open where the copy CloudFormation keeps may decide the path.
// Two copies that are both interface endpoints for named services (a public runner stack writes
// VpcEndpointForRds for rds and again for rds-data) add network interfaces for their own services' names
// only, and no route, group or ACL: a path to any other service is decided without them. Every cell of that
// stack's matrix was unknown because of the one duplicate.
// https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis.js';
import { trace } from '../../../server/src/core/trace/trace.js';
import { parseTarget } from '../../../server/src/core/trace/targets.js';

const endpoint = (service: string, type = 'Interface') => `
  Twin:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Net
      VpcEndpointType: ${type}
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${service}
      ${type === 'Interface' ? 'SubnetIds: [!Ref Inner]' : 'RouteTableIds: [!Ref Table]'}`;

const text = (second: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Net:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.9.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
  Inner:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Net, CidrBlock: 10.9.1.0/24}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Net}
  InnerTable:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Inner, RouteTableId: !Ref Table}
  Bucketway:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Net
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [!Ref Table]
${endpoint('sqs')}
${second}
`;

const verdict = (t: string, to: string) => trace(analyze(t, { fileName: 't.yaml' }).network()!, 'Inner', parseTarget(to)!);

test('two interface-endpoint copies for other services: the path to s3 is decided', () => {
  const r = verdict(text(endpoint('sns')), 's3');
  assert.equal(r.verdict, 'private', r.summary);
});

test('a copy for the service traced to still leaves it open, named', () => {
  for (const to of ['sqs', 'sns']) {
    const r = verdict(text(endpoint('sns')), to);
    assert.equal(r.verdict, 'unknown', r.summary);
    assert.match(r.summary, /Twin is written twice/);
  }
});

test('a copy that is a gateway endpoint (a route) leaves every path open', () => {
  const r = verdict(text(endpoint('dynamodb', 'Gateway')), 's3');
  assert.equal(r.verdict, 'unknown', r.summary);
  assert.match(r.summary, /Twin is written twice/);
});
