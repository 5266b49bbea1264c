// A logical id written twice: CloudFormation keeps one of the two (or rejects the template), so the
// duplicate-key error stands alone and no rule judges either resource.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';

const ENDPOINT = `  SqsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.sqs
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Subnet]
`;

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [0, !GetAZs ""]}
${ENDPOINT}${ENDPOINT}`;

test('a resource written twice gets the duplicate-key error and nothing else', () => {
  const { findings } = lintTemplate(TEMPLATE);
  assert.deepEqual(findings.map((f) => f.ruleId), ['VPCE0002']);
  assert.match(findings[0]!.message, /Duplicate key SqsEndpoint/);
});

test('the other resources are still judged', () => {
  const text = TEMPLATE.replace('AvailabilityZone: !Select [0, !GetAZs ""]}', 'AvailabilityZone: !Select [0, !GetAZs ""], Zone: a}');
  assert.deepEqual(lintTemplate(text).findings.map((f) => f.ruleId), ['VPCE1002', 'VPCE0002']);
});
