// An instance given no security group is in its VPC's default group. Where that VPC is one the template only
// names (a parameter), the group is still that VPC's default group: the trace says so, and never calls the
// VPC's name a group "not defined in this template" (it is a parameter the template does define). The group's
// rules are not the template's, so the answer stays unknown. (An interface endpoint in such a VPC is not
// reached by the trace: the VPC's DNS attributes decide first.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { traceText } from '../../../server/src/core/trace/api.js';

const TEXT = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  NetworkId:
    Type: AWS::EC2::VPC::Id
Resources:
  Lan:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref NetworkId, CidrBlock: 10.9.1.0/24}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref NetworkId}
  TableLan:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Lan, RouteTableId: !Ref Table}
  Box:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, SubnetId: !Ref Lan}
  Tables:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref NetworkId
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.dynamodb
      RouteTableIds: [!Ref Table]
`;

test('no group written, VPC a parameter: the default security group of the VPC of parameter NetworkId', () => {
  const answer = traceText(TEXT, 'Box', 'dynamodb');
  assert.ok(answer.ok);
  const r = answer.result;
  assert.equal(r.verdict, 'unknown', r.summary);
  const hop = r.hops.find((h) => h.kind === 'security group egress');
  assert.ok(hop, JSON.stringify(r.hops.map((h) => h.kind)));
  assert.equal(hop.decision, 'unknown');
  assert.doesNotMatch(hop.reason, /not defined in this template/, hop.reason);
  assert.match(hop.reason, /default security group of the VPC of parameter NetworkId/, hop.reason);
  // The rest of the path is the template's: the gateway endpoint's route.
  assert.equal(r.hops.find((h) => h.kind === 'route')?.resource, 'Tables');
});
