// VPCE5001 `{vpc, attributes}`: the VPC's DNS attributes are turned on, replaced or added.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed, lines } from './helpers.js';

const endpoint = lines(
  '  Ssm:',
  '    Type: AWS::EC2::VPCEndpoint',
  '    Properties:',
  '      VpcId: !Ref Vpc',
  '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm',
  '      VpcEndpointType: Interface',
  '      PrivateDnsEnabled: true',
  '      SubnetIds: [subnet-1]',
);

test('YAML block: a missing attribute is added, a false one set to true, comments kept', () => {
  const before = lines(
    'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties:',
    '      CidrBlock: 10.0.0.0/16',
    '      EnableDnsSupport: false   # was off',
    '      # EnableDnsHostnames is not set',
  ) + endpoint;
  const { text, fix } = fixed(before, 'VPCE5001');
  assert.equal(fix.title, 'Turn on EnableDnsSupport and EnableDnsHostnames on VPC Vpc');
  assert.equal(
    text,
    lines(
      'Resources:',
      '  Vpc:',
      '    Type: AWS::EC2::VPC',
      '    Properties:',
      '      CidrBlock: 10.0.0.0/16',
      '      EnableDnsSupport: true   # was off',
      // The comment would now say the opposite of the line above it: it stays, as what was.
      '      EnableDnsHostnames: true  # was: EnableDnsHostnames is not set',
    ) + endpoint,
  );
});

test('YAML flow VPC properties', () => {
  const before = lines('Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties: {CidrBlock: 10.0.0.0/16}') + endpoint;
  const { text } = fixed(before, 'VPCE5001');
  assert.equal(text, before.replace('{CidrBlock: 10.0.0.0/16}', '{EnableDnsHostnames: true, CidrBlock: 10.0.0.0/16}'));
});

test('JSON: "false" strings stay strings, plain false becomes true', () => {
  const json = (props: string) =>
    lines(
      '{"Resources": {',
      `  "Vpc": {"Type": "AWS::EC2::VPC", "Properties": ${props}},`,
      '  "Ssm": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"},',
      '          "VpcEndpointType": "Interface", "PrivateDnsEnabled": true, "SubnetIds": ["subnet-1"]}}',
      '}}',
    );
  const { text } = fixed(json('{"CidrBlock": "10.0.0.0/16", "EnableDnsSupport": "false", "EnableDnsHostnames": false}'), 'VPCE5001');
  assert.equal(text, json('{"CidrBlock": "10.0.0.0/16", "EnableDnsSupport": "true", "EnableDnsHostnames": true}'));
});
