// "Create a gateway endpoint for s3 here" / "Create an interface endpoint for ssm here" from a blocked
// trace: a whole resource in the template's style, after which the same trace is private.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { traceText } from '../../../server/src/core/trace/api.js';
import { applyEdits, fixSource, suggestionFix } from '../../../server/src/core/fixes/index.js';
import { findingsOf, lines } from './helpers.js';

const YAML = [
  'Resources:',
  '  Vpc:',
  '    Type: AWS::EC2::VPC',
  '    Properties:',
  '      CidrBlock: 10.0.0.0/16',
  '      EnableDnsSupport: true',
  '      EnableDnsHostnames: true',
  '',
  '  Subnet:',
  '    Type: AWS::EC2::Subnet',
  '    Properties:',
  '      VpcId: !Ref Vpc',
  '      CidrBlock: 10.0.1.0/24',
  '      AvailabilityZone: eu-west-1a',
  '',
  '  Rt:',
  '    Type: AWS::EC2::RouteTable',
  '    Properties:',
  '      VpcId: !Ref Vpc',
  '',
  '  Assoc:',
  '    Type: AWS::EC2::SubnetRouteTableAssociation',
  '    Properties:',
  '      SubnetId: !Ref Subnet',
  '      RouteTableId: !Ref Rt',
];

function applySuggestion(text: string, from: string, to: string): { text: string; title: string } {
  const r = traceText(text, from, to);
  assert.ok(r.ok);
  assert.equal(r.result.verdict, 'blocked');
  const s = r.result.suggestions.find((x) => x.kind === 'create-endpoint');
  assert.ok(s, 'a create-endpoint suggestion');
  const fix = suggestionFix(fixSource(text), s, from);
  assert.ok(fix);
  const out = applyEdits(text, fix.edits);
  const again = traceText(out, from, to);
  assert.ok(again.ok);
  assert.equal(again.result.verdict, 'private', again.result.summary);
  assert.deepEqual(findingsOf(out).filter((f) => f.severity !== 'info').map((f) => f.message), []);
  return { text: out, title: fix.title };
}

test('YAML, short tags, blank lines between resources: a gateway endpoint for s3 on the source\'s route table', () => {
  const text = lines(...YAML);
  const out = applySuggestion(text, 'Subnet', 's3');
  assert.equal(out.title, 'Create a gateway endpoint for s3 here');
  assert.equal(out.text, text + lines('', '  S3GatewayEndpoint:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      VpcEndpointType: Gateway', '      VpcId: !Ref Vpc', '      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3', '      RouteTableIds:', '        - !Ref Rt'));
});

test('YAML in long form (Ref: X): the new resource uses the long form too', () => {
  const text = lines(...YAML).replace(/!Ref (\w+)/g, (_m, id: string) => `{Ref: ${id}}`);
  const out = applySuggestion(text, 'Subnet', 's3');
  assert.ok(out.text.endsWith(lines('      VpcId:', '        Ref: Vpc', '      ServiceName:', '        Fn::Sub: com.amazonaws.${AWS::Region}.s3', '      RouteTableIds:', '        - {Ref: Rt}')), out.text);
});

test('JSON: an interface endpoint for ssm with a security group, at the document\'s indentation', () => {
  const text = JSON.stringify(
    {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true } },
        Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' } },
        Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
        Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Rt' } } },
      },
    },
    null,
    2,
  ) + '\n';
  const out = applySuggestion(text, 'Subnet', 'ssm');
  assert.equal(out.title, 'Create an interface endpoint for ssm here');
  const resources = (JSON.parse(out.text) as { Resources: Record<string, { Properties: Record<string, unknown> }> }).Resources;
  assert.deepEqual(Object.keys(resources), ['Vpc', 'Subnet', 'Rt', 'Assoc', 'SsmEndpoint', 'SsmEndpointSecurityGroup']);
  assert.deepEqual(resources.SsmEndpoint!.Properties.SubnetIds, [{ Ref: 'Subnet' }]);
  assert.deepEqual(resources.SsmEndpoint!.Properties.SecurityGroupIds, [{ Ref: 'SsmEndpointSecurityGroup' }]);
  assert.ok(out.text.includes('\n    "SsmEndpoint": {\n      "Type": "AWS::EC2::VPCEndpoint",\n      "Properties": {\n        "VpcEndpointType": "Interface",'), out.text);
});
