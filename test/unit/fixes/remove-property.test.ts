// VPCE2002 `{remove}`: the property goes, key and value, and nothing else. (The conversions a VPCE2002
// finding may also offer are tested in convert.test.ts.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed, lines } from './helpers.js';

test('YAML block: whole lines go (a multi-line value and its trailing comment too); the next comment stays', () => {
  const before = lines(
    'Resources:',
    '  Ssm:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-1234',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm',
    '      VpcEndpointType: Interface',
    '      RouteTableIds:   # interface endpoints take none',
    '        - rtb-1',
    '        - rtb-2',
    '      # subnets in two zones',
    '      SubnetIds: [subnet-1, subnet-2]',
  );
  const { text, fix } = fixed(before, 'VPCE2002', {}, /^Remove /);
  assert.equal(fix.title, 'Remove RouteTableIds');
  assert.equal(
    text,
    lines(
      'Resources:',
      '  Ssm:',
      '    Type: AWS::EC2::VPCEndpoint',
      '    Properties:',
      '      VpcId: vpc-1234',
      '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm',
      '      VpcEndpointType: Interface',
      '      # subnets in two zones',
      '      SubnetIds: [subnet-1, subnet-2]',
    ),
  );
});

test('YAML flow: the member and the comma after it go', () => {
  const before = lines(
    'Resources:',
    '  S3:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties: {VpcId: vpc-1, ServiceName: !Sub "com.amazonaws.${AWS::Region}.s3", VpcEndpointType: Gateway, SubnetIds: [subnet-1], RouteTableIds: [rtb-1]}',
  );
  const { text } = fixed(before, 'VPCE2002', {}, /^Remove /);
  assert.equal(text, before.replace('SubnetIds: [subnet-1], ', ''));
});

test('JSON: the last member goes with the comma before it', () => {
  const before = lines(
    '{"Resources": {',
    '  "S3": {',
    '    "Type": "AWS::EC2::VPCEndpoint",',
    '    "Properties": {',
    '      "VpcId": "vpc-1",',
    '      "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"},',
    '      "RouteTableIds": ["rtb-1"],',
    '      "PrivateDnsEnabled": true',
    '    }',
    '  }',
    '}}',
  );
  const { text } = fixed(before, 'VPCE2002', {}, /^Remove /);
  assert.equal(text, before.replace(',\n      "PrivateDnsEnabled": true', ''));
});

test('JSON: a middle member goes with its line', () => {
  const before = lines(
    '{"Resources": {',
    '  "S3": {',
    '    "Type": "AWS::EC2::VPCEndpoint",',
    '    "Properties": {',
    '      "VpcId": "vpc-1",',
    '      "SubnetIds": ["subnet-1"],',
    '      "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"},',
    '      "RouteTableIds": ["rtb-1"]',
    '    }',
    '  }',
    '}}',
  );
  const { text } = fixed(before, 'VPCE2002', {}, /^Remove /);
  assert.equal(text, before.replace('      "SubnetIds": ["subnet-1"],\n', ''));
});
