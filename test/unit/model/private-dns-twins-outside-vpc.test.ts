// Two interface endpoints for one service with private DNS in the VPC a parameter names: the same parameter
// is one VPC in any deployment, so the second cannot be created (EC2 gives the service's name to one private
// hosted zone per VPC; model/private-dns-twins.ts). VPCE5002 says so, naming the VPC as the trace does;
// two different parameters may be two VPCs, and get nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';

const template = (second: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Net:
    Type: AWS::EC2::VPC::Id
  OtherNet:
    Type: AWS::EC2::VPC::Id
  Lans:
    Type: List<AWS::EC2::Subnet::Id>
Resources:
  First:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Net
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      PrivateDnsEnabled: true
      SubnetIds: !Ref Lans
  Second:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref ${second}
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      PrivateDnsEnabled: true
      SubnetIds: !Ref Lans
`;

const found = (text: string) => lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE5002').map((f) => f.message);

test('the same VPC parameter twice: the second endpoint cannot have private DNS', () => {
  assert.deepEqual(found(template('Net')), [
    'Second: First already has private DNS for ssm in the VPC of parameter Net; only one endpoint per service and VPC can have private DNS',
  ]);
});

test('two VPC parameters: perhaps two VPCs, no finding', () => {
  assert.deepEqual(found(template('OtherNet')), []);
});
