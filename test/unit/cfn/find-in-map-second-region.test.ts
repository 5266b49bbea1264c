// Fn::FindInMap whose second-level key is !Ref AWS::Region (alone, or with the top-level key AWS::Region too):
// each Region the stack deploys to reads its own key, and a Region whose key the entry lacks fails the deploy
// there (VPCE0010), as a top-level Region key does. The value read is the Region's own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTemplate, lintTemplate } from '../../../server/src/core/engine.js';

const template = (lookup: string) => `AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  Zones:
    us-east-1: {us-east-1: us-east-1a, eu-west-1: eu-west-1a}
    eu-west-1: {eu-central-1: eu-central-1a}
  Subnets:
    Cidrs: {us-east-1: 10.0.1.0/24}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: ${lookup}
`;

const found = (text: string, regions: string[]) =>
  lintTemplate(text, { regions }).findings.filter((f) => f.ruleId === 'VPCE0010').map((f) => f.message);

test('[Zones, !Ref AWS::Region, !Ref AWS::Region]: the entry of a named Region without its own key fails there', () => {
  const text = template('!FindInMap [Zones, !Ref AWS::Region, !Ref AWS::Region]');
  assert.deepEqual(found(text, ['us-east-1']), []);
  assert.deepEqual(found(text, ['us-east-1', 'eu-west-1']), [
    "Subnet: Fn::FindInMap [Zones, eu-west-1, eu-west-1] finds nothing: mapping Zones's entry eu-west-1 has no eu-west-1, so CloudFormation fails the deploy in eu-west-1",
  ]);
});

test('[Subnets, Cidrs, !Ref AWS::Region]: a named Region the entry has no key for fails there', () => {
  const text = template('!FindInMap [Subnets, Cidrs, !Ref AWS::Region]');
  assert.deepEqual(found(text, ['us-east-1']), []);
  assert.deepEqual(found(text, ['eu-west-1']), [
    "Subnet: Fn::FindInMap [Subnets, Cidrs, eu-west-1] finds nothing: mapping Subnets's entry Cidrs has no eu-west-1, so CloudFormation fails the deploy in eu-west-1",
  ]);
});

test('the second-level Region key is read per Region: one Region named, its own value', () => {
  const text = template('!FindInMap [Zones, !Ref AWS::Region, !Ref AWS::Region]');
  const zone = analyzeTemplate(text, { regions: ['us-east-1'] })!.network()!.defaults.subnets.get('Subnet')!.zone;
  assert.ok(zone.known, JSON.stringify(zone));
  assert.equal(zone.value, 'us-east-1a');
});
