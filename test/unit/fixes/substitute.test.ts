// VPCE3001/3002/3003: a hard-coded region or partition becomes ${AWS::Region} / ${AWS::Partition};
// a string that is not a Fn::Sub yet becomes one, quoted as it was.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed, lines } from './helpers.js';

const endpoint = (serviceName: string, extra = '') =>
  lines(
    'Resources:',
    '  Ssm:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-1234',
    `      ServiceName: ${serviceName}   # the SSM API`,
    '      VpcEndpointType: Interface',
    `      SubnetIds: [subnet-1]${extra}`,
  );

test('YAML plain string: becomes !Sub, the comment stays', () => {
  const { text, fix } = fixed(endpoint('com.amazonaws.us-east-1.ssm'), 'VPCE3002');
  assert.equal(fix.title, 'Replace us-east-1 with ${AWS::Region}');
  assert.equal(text, endpoint('!Sub com.amazonaws.${AWS::Region}.ssm'));
});

test('YAML quoted strings keep their quotes', () => {
  assert.equal(fixed(endpoint('"com.amazonaws.us-east-1.ssm"'), 'VPCE3002').text, endpoint('!Sub "com.amazonaws.${AWS::Region}.ssm"'));
  assert.equal(fixed(endpoint("'com.amazonaws.us-east-1.ssm'"), 'VPCE3002').text, endpoint("!Sub 'com.amazonaws.${AWS::Region}.ssm'"));
});

test('already a !Sub: only the region is replaced', () => {
  assert.equal(fixed(endpoint("!Sub 'com.amazonaws.us-east-1.ssm'"), 'VPCE3002').text, endpoint("!Sub 'com.amazonaws.${AWS::Region}.ssm'"));
});

test('VPCE3001 (configured region differs) gets the same fix', () => {
  const { text } = fixed(endpoint('com.amazonaws.us-east-1.ssm'), 'VPCE3001', { regions: ['eu-west-1'] });
  assert.equal(text, endpoint('!Sub com.amazonaws.${AWS::Region}.ssm'));
});

test('YAML flow: a plain string that would hold braces is quoted', () => {
  const before = lines(
    'Resources:',
    '  Ssm:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties: { VpcId: vpc-1, ServiceName: com.amazonaws.us-east-1.ssm, VpcEndpointType: Interface, SubnetIds: [subnet-1] }',
  );
  const { text } = fixed(before, 'VPCE3002');
  assert.equal(text, before.replace('com.amazonaws.us-east-1.ssm', "!Sub 'com.amazonaws.${AWS::Region}.ssm'"));
});

test('JSON: a string becomes {"Fn::Sub": ...}; a Fn::Sub only has the region replaced', () => {
  const json = (service: string) =>
    lines(
      '{',
      '  "Resources": {',
      '    "Ssm": {',
      '      "Type": "AWS::EC2::VPCEndpoint",',
      `      "Properties": {"VpcId": "vpc-1", "ServiceName": ${service}, "VpcEndpointType": "Interface", "SubnetIds": ["subnet-1"]}`,
      '    }',
      '  }',
      '}',
    );
  assert.equal(fixed(json('"com.amazonaws.us-east-1.ssm"'), 'VPCE3002').text, json('{"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}'));
  assert.equal(fixed(json('{"Fn::Sub": "com.amazonaws.us-east-1.ssm"}'), 'VPCE3002').text, json('{"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}'));
});

test('VPCE3003: arn:aws: becomes arn:${AWS::Partition}: in a list item', () => {
  const before = lines(
    'Resources:',
    '  Perms:',
    '    Type: AWS::EC2::VPCEndpointServicePermissions',
    '    Properties:',
    '      ServiceId: vpce-svc-0123456789abcdef0',
    '      AllowedPrincipals:',
    "        - !Sub 'arn:${AWS::Partition}:iam::111111111111:root'",
    '        - arn:aws:iam::222222222222:root   # partner',
  );
  const { text } = fixed(before, 'VPCE3003');
  assert.equal(text, before.replace('- arn:aws:iam::222222222222:root', '- !Sub arn:${AWS::Partition}:iam::222222222222:root'));
});

test('a ${...} the string already held stays literal once it is a Fn::Sub', () => {
  const before = lines(
    'Resources:',
    '  Perms:',
    '    Type: AWS::EC2::VPCEndpointServicePermissions',
    '    Properties:',
    '      ServiceId: vpce-svc-0123456789abcdef0',
    "      AllowedPrincipals: ['arn:aws:iam::222222222222:role/${literal}', !Sub 'arn:${AWS::Partition}:iam::1:root']",
  );
  const { text } = fixed(before, 'VPCE3003');
  assert.equal(text, before.replace("'arn:aws:iam::222222222222:role/${literal}'", "!Sub 'arn:${AWS::Partition}:iam::222222222222:role/${!literal}'"));
});

// A mapping holds no ${AWS::Region} (no pseudo parameters or functions in Mappings): a Region's entry that names
// another Region takes its own key, the one Region whose stacks read it.
test("VPCE3001 on a Region's mapping entry: the entry gets its key's Region, its comment stays", () => {
  const template = (entry: string) =>
    lines(
      'Mappings:',
      '  Services:',
      '    eu-west-1: {Ssm: com.amazonaws.eu-west-1.ssm}',
      `    us-east-1: {Ssm: ${entry}}   # copied from Ireland`,
      'Resources:',
      '  Ssm:',
      '    Type: AWS::EC2::VPCEndpoint',
      '    Properties:',
      '      VpcId: vpc-1234',
      '      ServiceName: !FindInMap [Services, !Ref AWS::Region, Ssm]',
      '      VpcEndpointType: Interface',
      '      SubnetIds: [subnet-1]',
    );
  for (const regions of [[], ['us-east-1']]) {
    const { text, fix } = fixed(template('com.amazonaws.eu-west-1.ssm'), 'VPCE3001', { regions });
    assert.equal(fix.title, 'Replace eu-west-1 with us-east-1');
    assert.equal(text, template('com.amazonaws.us-east-1.ssm'));
  }
});
