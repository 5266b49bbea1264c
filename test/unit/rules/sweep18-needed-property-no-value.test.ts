// A property set to nothing is not set: `RouteTableIds: !Ref AWS::NoValue` removes it, as the chosen branch
// of `!If [C, [...], !Ref AWS::NoValue]` does, and an empty list names no route table. VPCE2002 said a Gateway
// endpoint without RouteTableIds does nothing only when the key was missing; a public JSON endpoints stack
// writes `"RouteTableIds": { "Ref": "AWS::NoValue" }` on its S3 gateway endpoint and got no finding.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html#cfn-pseudo-param-novalue

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';


const template = (routes: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Net: {Type: "AWS::EC2::VPC::Id"}
  Tables: {Type: CommaDelimitedList}
  WithTables: {Type: String, AllowedValues: ["yes", "no"], Default: "yes"}
Conditions:
  Routed: !Equals [!Ref WithTables, "yes"]
Resources:
  Bucketway:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Net
      VpcEndpointType: Gateway
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
${routes}${extra}`;

const found = (text: string) => lintTemplate(text).findings.filter((f) => f.ruleId === 'VPCE2002');

test('RouteTableIds set to AWS::NoValue: the endpoint has no route table, said at the value', () => {
  const text = template('      RouteTableIds: !Ref AWS::NoValue\n');
  const [f, ...more] = found(text);
  assert.equal(more.length, 0);
  assert.ok(f, 'a finding');
  assert.match(f.message, /Bucketway: a Gateway endpoint whose RouteTableIds is set to no value does nothing/);
  assert.equal(text.slice(f.start, f.end), '!Ref AWS::NoValue');
});

test('an empty list names no route table either', () => {
  assert.match(found(template('      RouteTableIds: []\n'))[0]?.message ?? '', /is an empty list does nothing/);
});

test('a branch of Fn::If that removes it: the finding names the condition', () => {
  const [f, ...more] = found(template('      RouteTableIds: !If [Routed, !Ref Tables, !Ref AWS::NoValue]\n'));
  assert.equal(more.length, 0);
  assert.match(f?.message ?? '', /set to no value does nothing: .*Routed/);
});

test('route tables given, or known only at deploy time: no finding', () => {
  assert.deepEqual(found(template('      RouteTableIds: !Ref Tables\n')), []);
  assert.deepEqual(found(template('      RouteTableIds: [rtb-0123456789abcdef0]\n')), []);
});
