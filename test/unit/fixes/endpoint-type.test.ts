// VPCE2001: a missing VpcEndpointType is added to the endpoint's Properties; a wrong one is replaced.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixesFor, fixSource } from '../../../server/src/core/fixes/index.js';
import { setEndpointType } from '../../../server/src/core/fixes/families/endpoint-type.js';
import { fixed, lines, onlyFinding } from './helpers.js';

/**
 * The type-only fix itself. (VPCE2001 offers the whole conversion first where there is more to do,
 * such as private DNS for SQS: see convert.test.ts.)
 */
function typeFixed(text: string): { text: string; fix: { title: string; isPreferred: boolean } } {
  const finding = onlyFinding(text, 'VPCE2001');
  const [fix] = setEndpointType({ ...fixSource(text), finding, data: finding.data as { type: string; defaulted: boolean } });
  assert.ok(fix);
  return { text: applyEdits(text, fix.edits), fix: { title: fix.title, isPreferred: true } };
}

test('YAML block: VpcEndpointType is added after the last property, at its indentation, comments kept', () => {
  const before = lines(
    'Resources:',
    '  Queue:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-1234',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs',
    '      SubnetIds: [subnet-1]   # one zone for now',
    '      # SecurityGroupIds: later',
    '  Other:',
    '    Type: AWS::SQS::Queue',
  );
  const { text, fix } = typeFixed(before);
  assert.equal(fix.title, 'Set VpcEndpointType to Interface');
  assert.equal(fix.isPreferred, true);
  assert.equal(
    text,
    lines(
      'Resources:',
      '  Queue:',
      '    Type: AWS::EC2::VPCEndpoint',
      '    Properties:',
      '      VpcId: vpc-1234',
      '      ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs',
      '      SubnetIds: [subnet-1]   # one zone for now',
      '      VpcEndpointType: Interface',
      '      # SecurityGroupIds: later',
      '  Other:',
      '    Type: AWS::SQS::Queue',
    ),
  );
});

test('YAML block: the last property is a nested list at the end of the file without a newline', () => {
  const before = 'Resources:\n  Q:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.ssm\n      SubnetIds:\n        - subnet-1';
  const { text } = typeFixed(before);
  assert.equal(text, before + '\n      VpcEndpointType: Interface\n');
});

test('YAML flow: the member goes first, followed by a comma', () => {
  const before = lines(
    'Resources:',
    '  Queue:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties: { VpcId: vpc-1234, ServiceName: !Sub "com.amazonaws.${AWS::Region}.sqs", SubnetIds: [subnet-1] }',
  );
  const { text } = typeFixed(before);
  assert.equal(
    text,
    lines(
      'Resources:',
      '  Queue:',
      '    Type: AWS::EC2::VPCEndpoint',
      '    Properties: { VpcEndpointType: Interface, VpcId: vpc-1234, ServiceName: !Sub "com.amazonaws.${AWS::Region}.sqs", SubnetIds: [subnet-1] }',
    ),
  );
});

test('JSON: "VpcEndpointType": "Interface", goes first at the members\' indentation', () => {
  const before = lines(
    '{',
    '  "Resources": {',
    '    "Queue": {',
    '      "Type": "AWS::EC2::VPCEndpoint",',
    '      "Properties": {',
    '        "VpcId": "vpc-1234",',
    '        "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.sqs"},',
    '        "SubnetIds": ["subnet-1"]',
    '      }',
    '    }',
    '  }',
    '}',
  );
  const { text } = typeFixed(before);
  assert.equal(
    text,
    lines(
      '{',
      '  "Resources": {',
      '    "Queue": {',
      '      "Type": "AWS::EC2::VPCEndpoint",',
      '      "Properties": {',
      '        "VpcEndpointType": "Interface",',
      '        "VpcId": "vpc-1234",',
      '        "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.sqs"},',
      '        "SubnetIds": ["subnet-1"]',
      '      }',
      '    }',
      '  }',
      '}',
    ),
  );
});

test('a written type the service does not offer is replaced in place, and the route tables go with it', () => {
  const before = lines(
    'Resources:',
    '  Ssm:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-1234',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm',
    "      VpcEndpointType: 'Gateway'  # wrong",
    '      RouteTableIds: [rtb-1]',
  );
  const { text, fix } = fixed(before, 'VPCE2001');
  // The VPC is not in the template: its subnets are the author's to name, and the title says so.
  assert.equal(fix.title, 'Make Ssm an Interface endpoint, then choose subnets');
  assert.equal(text, before.replace("'Gateway'  # wrong", "'Interface'  # wrong").replace('      RouteTableIds: [rtb-1]\n', '      PrivateDnsEnabled: true\n'));
});

test('a type computed by !If is not overwritten', () => {
  const text = lines(
    'Conditions: { Gw: !Equals [a, a] }',
    'Resources:',
    '  Ssm:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-1234',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm',
    '      VpcEndpointType: !If [Gw, Gateway, Interface]',
  );
  assert.deepEqual(fixesFor(text, onlyFinding(text, 'VPCE2001')), []);
});
