// `__proto__`, `constructor` and `toString` are keys like any other: in a template, in an endpoint
// policy and in the project configuration. Each document is linted once with the three names and
// once with ordinary names of the same length; the findings must fall on the same places.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintDocument } from '../../server/src/core/engine.js';
import { readConfig, policyServiceFor } from '../../server/src/project-config.js';

const SPECIAL = ['__proto__', 'constructor', 'toString'];
const PLAIN = ['Qq_protoQ', 'Qonstructor', 'QoStrinX'];

function rename(text: string, from: string[], to: string[]): string {
  return from.reduce((t, name, i) => t.split(name).join(to[i]!), text);
}

function places(text: string, fileName: string): string[] {
  return lintDocument(text, { fileName, settings: { regions: ['eu-west-1'] } }).findings.map((f) => `${f.ruleId}@${f.start}-${f.end}`);
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  __proto__:
    Type: String
    Default: com.amazonaws.eu-west-1.s3
  constructor:
    Type: String
Conditions:
  toString: !Equals [!Ref constructor, x]
Mappings:
  __proto__:
    constructor:
      toString: vpc-1
Resources:
  __proto__:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      __proto__:
        EnableDnsSupport: true
  constructor:
    Type: AWS::EC2::VPCEndpoint
    Condition: toString
    Properties:
      VpcId: !Ref __proto__
      ServiceName: !Ref __proto__
      VpcEndpointType: toString
      toString: 1
      __proto__:
        VpcId: vpc-2
  toString:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !FindInMap [__proto__, constructor, toString]
      ServiceName: com.amazonaws.eu-west-1.ssm
      VpcEndpointType: constructor
      SubnetIds: [!Ref constructor]
      SecurityGroupIds: [!GetAtt __proto__.DefaultSecurityGroup]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: '*'
            Resource: '*'
            Condition:
              toString:
                __proto__: x
              constructor:
                aws:SourceVpc: vpc-1
`;

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  __proto__: { Statement: [] },
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', constructor: 1, Condition: { toString: { 'aws:SourceVpc': 'vpc-1' }, __proto__: { x: 'y' }, StringEquals: { constructor: 'a' } } },
  ],
}, null, 2).replace('"Version"', '"__proto__": {"Version": "2012-10-17"},\n  "Version"');

test('a template with __proto__, constructor and toString as ids, properties, operators and values lints as one with ordinary names', () => {
  const special = places(TEMPLATE, 't.yaml');
  assert.deepEqual(special, places(rename(TEMPLATE, SPECIAL, PLAIN), 't.yaml'));
  assert.ok(special.filter((p) => p.startsWith('VPCE1002')).length >= 3, 'the unknown properties are found');
});

test('an endpoint policy with the three keys lints as one with ordinary names', () => {
  assert.ok(POLICY.includes('"__proto__"') && POLICY.includes('"constructor"') && POLICY.includes('"toString"'));
  const special = places(POLICY, 's3-endpoint-policy.json');
  assert.deepEqual(special, places(rename(POLICY, SPECIAL, PLAIN), 's3-endpoint-policy.json'));
  assert.ok(special.length > 0);
});

test('the three keys in .vpce-lens.yaml are unknown rule ids and ordinary globs, never inherited values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-keys-'));
  const file = join(dir, '.vpce-lens.yaml');
  writeFileSync(file, 'rules:\n  __proto__: off\n  constructor: off\n  toString: off\n  VPCE1002: off\npolicyServices:\n  __proto__: s3\n  constructor: ssm\n');
  const config = readConfig(file);
  assert.deepEqual(Object.keys(config.settings.rules!), ['VPCE1002']);
  assert.equal(config.settings.rules!.constructor, undefined);
  assert.equal(config.warnings!.length, 3);
  for (const w of config.warnings!) assert.match(w, /rules\.(__proto__|constructor|toString): unknown rule id/);
  assert.equal(policyServiceFor('x/__proto__', config), 's3');
  assert.equal(policyServiceFor('x/constructor', config), 'ssm');
  assert.equal(policyServiceFor('x/toString', config), undefined);
});
