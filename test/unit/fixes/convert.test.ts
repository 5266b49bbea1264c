// Whole conversions: "Make X an Interface endpoint" / "Make X a Gateway endpoint", compared as whole
// texts, and each result lints without an error or warning on the endpoint.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixAllText, fixesFor, fixSource, verifiedFixes } from '../../../server/src/core/fixes/index.js';
import { findingsOf, lines } from './helpers.js';

const NETWORK = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Vpc:',
  '    Type: AWS::EC2::VPC',
  '    Properties:',
  '      CidrBlock: 10.0.0.0/16',
  '  SubnetA:',
  '    Type: AWS::EC2::Subnet',
  '    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [0, !GetAZs ""]}',
  '  SubnetB:',
  '    Type: AWS::EC2::Subnet',
  '    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: !Select [1, !GetAZs ""]}',
  '  SubnetC:',
  '    Type: AWS::EC2::Subnet',
  '    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24, AvailabilityZone: !Select [1, !GetAZs ""]}',
  '  RouteTable:',
  '    Type: AWS::EC2::RouteTable',
  '    Properties: {VpcId: !Ref Vpc}',
  '  AssocA:',
  '    Type: AWS::EC2::SubnetRouteTableAssociation',
  '    Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref RouteTable}',
  '  AssocB:',
  '    Type: AWS::EC2::SubnetRouteTableAssociation',
  '    Properties: {SubnetId: !Ref SubnetB, RouteTableId: !Ref RouteTable}',
  '  AssocC:',
  '    Type: AWS::EC2::SubnetRouteTableAssociation',
  '    Properties: {SubnetId: !Ref SubnetC, RouteTableId: !Ref RouteTable}',
];

const relint = (t: string) => findingsOf(t);

test('an SSM endpoint written as Gateway with RouteTableIds: Fix All makes it a whole Interface endpoint', () => {
  const text = lines(...NETWORK, '  SsmEndpoint:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      VpcId: !Ref Vpc', '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm', '      VpcEndpointType: Gateway   # chosen by mistake', '      RouteTableIds: [!Ref RouteTable]');
  const f = findingsOf(text).find((x) => x.ruleId === 'VPCE2001')!;
  const [fix] = verifiedFixes(fixSource(text), f, findingsOf(text), relint);
  assert.equal(fix?.title, 'Make SsmEndpoint an Interface endpoint');
  assert.equal(fix.isPreferred, true);
  const expected = lines(
    ...NETWORK,
    '  SsmEndpoint:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: !Ref Vpc',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm',
    '      VpcEndpointType: Interface   # chosen by mistake',
    // One subnet per zone: SubnetC shares SubnetB's.
    '      SubnetIds: [!Ref SubnetA, !Ref SubnetB]',
    '      SecurityGroupIds: [!Ref SsmEndpointSecurityGroup]',
    // SSM offers private DNS: on, and the VPC's DNS attributes with it.
    '      PrivateDnsEnabled: true',
    '  SsmEndpointSecurityGroup:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: HTTPS from the VPC to SsmEndpoint',
    '      VpcId: !Ref Vpc',
    '      SecurityGroupIngress:',
    '        - IpProtocol: tcp',
    '          FromPort: 443',
    '          ToPort: 443',
    '          CidrIp: !GetAtt Vpc.CidrBlock',
  );
  const out = fixAllText(text, relint).text;
  assert.equal(out, expected.replace('      CidrBlock: 10.0.0.0/16\n', '      CidrBlock: 10.0.0.0/16\n      EnableDnsHostnames: true\n'));
  assert.deepEqual(findingsOf(out).filter((x) => x.resource === 'SsmEndpoint' && x.severity !== 'info').map((x) => x.message), []);
});

test('an existing group that admits HTTPS from the VPC is used rather than a new one; JSON keeps its indentation', () => {
  const text = JSON.stringify(
    {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true } },
        Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' } },
        Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
        Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Rt' } } },
        Https: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'endpoints', VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } },
        Sqs: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: { Ref: 'Vpc' }, ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.sqs' }, RouteTableIds: [{ Ref: 'Rt' }] } },
      },
    },
    null,
    4,
  ) + '\n';
  const out = fixAllText(text, relint).text;
  const sqs = (JSON.parse(out) as { Resources: { Sqs: { Properties: Record<string, unknown> } } }).Resources.Sqs.Properties;
  assert.deepEqual(sqs, { VpcId: { Ref: 'Vpc' }, ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.sqs' }, VpcEndpointType: 'Interface', SubnetIds: [{ Ref: 'Subnet' }], SecurityGroupIds: [{ Ref: 'Https' }], PrivateDnsEnabled: true });
  // Written as the document writes: four spaces, functions one member per line.
  assert.ok(out.includes('                "VpcEndpointType": "Interface",\n                "SubnetIds": [\n                    {\n                        "Ref": "Subnet"\n                    }\n                ],'), out);
  assert.deepEqual(findingsOf(out).filter((x) => x.resource === 'Sqs' && x.severity !== 'info').map((x) => x.message), []);
});

test('an S3 Interface endpoint given route tables: make it an Interface endpoint (preferred) or a Gateway endpoint', () => {
  const text = lines(...NETWORK, '  S3:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      VpcId: !Ref Vpc', '      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3', '      VpcEndpointType: Interface', '      SubnetIds: [!Ref SubnetA]', '      RouteTableIds: [!Ref RouteTable]');
  const f = findingsOf(text).find((x) => x.ruleId === 'VPCE2002')!;
  const fixes = fixesFor(text, f);
  assert.deepEqual(fixes.map((x) => [x.title, x.isPreferred]), [['Make S3 an Interface endpoint', true], ['Make S3 a Gateway endpoint', false], ['Remove RouteTableIds', true]]);
  const gateway = applyEdits(text, fixes[1]!.edits);
  assert.equal(gateway, text.replace('VpcEndpointType: Interface', 'VpcEndpointType: Gateway').replace('      SubnetIds: [!Ref SubnetA]\n', ''));
  assert.deepEqual(findingsOf(gateway).filter((x) => x.resource === 'S3' && x.severity !== 'info').map((x) => x.message), []);
});

test('a Gateway endpoint written with subnets: the route tables of its subnets', () => {
  const text = lines(...NETWORK, '  Ddb:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      VpcId: !Ref Vpc', '      ServiceName: !Sub com.amazonaws.${AWS::Region}.dynamodb', '      VpcEndpointType: Gateway', '      SubnetIds:', '        - !Ref SubnetA', '        - !Ref SubnetB');
  const out = fixAllText(text, relint).text;
  assert.equal(out, text.replace('      SubnetIds:\n        - !Ref SubnetA\n        - !Ref SubnetB\n', '      RouteTableIds:\n        - !Ref RouteTable\n'));
});

// A literal zone and a GetAZs pick may be one zone (which zone GetAZs lists first is the account's): the
// converted endpoint takes one of them, never both, or its creation may fail with two subnets in one zone.
test('converting to Interface takes only subnets whose zones surely differ', () => {
  const mixed = NETWORK.map((l) => l.replace('AvailabilityZone: !Select [0, !GetAZs ""]', 'AvailabilityZone: eu-west-1a'));
  const text = lines(...mixed, '  SsmEndpoint:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      VpcId: !Ref Vpc', '      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm', '      VpcEndpointType: Gateway', '      RouteTableIds: [!Ref RouteTable]');
  const out = fixAllText(text, relint).text;
  assert.ok(out.includes('      SubnetIds: [!Ref SubnetA]\n'), out);
});
