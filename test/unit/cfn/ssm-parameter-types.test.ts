// A parameter of a Systems Manager parameter type (AWS::SSM::Parameter::Value<...>) holds the name of an
// SSM parameter, its default too: CloudFormation reads the value from Parameter Store at deploy time
// (the stack's ResolvedValue). CDK writes one for every ssm.StringParameter.valueForStringParameter and for
// BootstrapVersion. The name is never the value, whatever it looks like.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/engine.js';

const template = (type: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  NetVpc:
    Type: ${type}
    Default: vpc-0aaaaaaaaaaaaaaaa
  SharedVpc:
    Type: ${type}
    Default: vpc-0bbbbbbbbbbbbbbbb
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoint
      VpcId: !Ref SharedVpc
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      VpcId: !Ref NetVpc
      SubnetIds: [subnet-0123456789abcdef0]
      PrivateDnsEnabled: true
      SecurityGroupIds: [!Ref Sg]
`;

test('SSM parameter types: the default is a parameter name, never judged as the value', () => {
  const ids = (type: string) => analyze(template(type), { settings: { regions: ['us-east-1'] } }).findings.map((f) => f.ruleId);
  // Plain VPC id parameters: the defaults are two VPCs, and the group is in the other one.
  assert.ok(ids('AWS::EC2::VPC::Id').includes('VPCE6002'));
  // Read from Parameter Store: the two names may hold one VPC id.
  assert.ok(!ids('AWS::SSM::Parameter::Value<AWS::EC2::VPC::Id>').includes('VPCE6002'));
  assert.ok(!ids('AWS::SSM::Parameter::Value<String>').includes('VPCE6002'));
});

test('a range read from Parameter Store: not the default, and the trace names the parameter', () => {
  const text = (type: string) => `Parameters:
  ClientCidr:
    Type: ${type}
    Default: 192.168.0.0/16
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoint
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref ClientCidr }]
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      VpcId: !Ref Vpc
      SubnetIds: [!Ref Subnet]
      PrivateDnsEnabled: true
      SecurityGroupIds: [!Ref Sg]
`;
  const rules = (type: string) => analyze(text(type), { settings: { regions: ['us-east-1'] } }).findings.map((f) => f.ruleId);
  assert.ok(rules('String').includes('VPCE6003'));
  const ssm = analyze(text('AWS::SSM::Parameter::Value<String>'), { settings: { regions: ['us-east-1'] } });
  assert.ok(!ssm.findings.some((f) => f.ruleId === 'VPCE6003'));
  const sg = ssm.network()!.judged().securityGroups.get('Sg')!;
  const peer = sg.ingress.rules[0]!.peer;
  assert.equal(peer.kind, 'unknown');
  assert.match(peer.kind === 'unknown' ? peer.why : '', /parameter ClientCidr is read from Systems Manager at deploy time \(the value of the SSM parameter 192\.168\.0\.0\/16\)/);
});
