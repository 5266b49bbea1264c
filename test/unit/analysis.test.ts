// The Analysis of one text: what every face reads. Its fixes are the fixes module's own for the same
// text (read from the analysis's tree, not a second parse), its network model is built once and only
// for templates, and a value the template cannot know keeps the rules that need it silent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analysisStats, analyze, lintDocument } from '../../server/src/core/engine.js';
import { diffEdits, fixAllText, fixesFor } from '../../server/src/core/fixes/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
const SETTINGS = { regions: ['eu-west-1'] };

test('one parse gives the findings, every finding\'s fixes, fix-all and the network model', () => {
  const before = analysisStats.parses;
  const a = analyze(EXAMPLE, { fileName: 'x.yaml', settings: SETTINGS });
  assert.deepEqual({ kind: a.kind, findings: [...a.findings] }, lintDocument(EXAMPLE, { fileName: 'x.yaml', settings: SETTINGS }));
  assert.equal(analysisStats.parses, before + 2, 'the one analysis and the one lintDocument');
  const relints = analysisStats.relints;
  const fixable = a.findings.filter((f) => fixesFor(EXAMPLE, f).length > 0);
  assert.ok(fixable.length > 3, 'the example has fixable findings');
  for (const f of a.findings) assert.deepEqual(a.fixes(f), fixesFor(EXAMPLE, f), f.ruleId);
  assert.deepEqual(a.fixAll(), diffEdits(EXAMPLE, fixAllText(EXAMPLE, (t) => lintDocument(t, { fileName: 'x.yaml', settings: SETTINGS }).findings).text));
  const net = a.network();
  assert.ok(net && net.judged().subnets.size > 0);
  assert.equal(a.network(), net, 'built once');
  assert.ok(analysisStats.relints > relints, 'fix-all verifies by linting the fixed texts');
});

test('no network model for what is not a template that parses', () => {
  assert.equal(analyze('a: 1\n', { fileName: 'a.yaml' }).network(), undefined);
  assert.equal(analyze('{"Version": "2012-10-17", "Statement": []}', { fileName: 's3_endpoint_policy.json', policyFile: true }).network(), undefined);
  const broken = analyze('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [\n', { fileName: 'b.yaml' });
  assert.equal(broken.kind, 'template');
  assert.equal(broken.network(), undefined);
});

const UNKNOWN_GROUPS = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Groups:
    Type: List<AWS::EC2::SecurityGroup::Id>
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: true
  SsmEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SecurityGroupIds: GROUPS
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: no 443
      VpcId: !Ref Vpc
`;

test('unknown is not absent: groups the template cannot know keep the 443 rule silent; a known group without 443 does not', () => {
  const ids = (text: string) => analyze(text, { fileName: 't.yaml', settings: SETTINGS }).findings.map((f) => f.ruleId);
  assert.ok(ids(UNKNOWN_GROUPS.replace('GROUPS', '[!Ref Sg]')).includes('VPCE6003'));
  for (const unknown of ['!Ref Groups', '[!ImportValue endpoint-sg]', '[!Ref Sg, !ImportValue other-sg]']) {
    assert.ok(!ids(UNKNOWN_GROUPS.replace('GROUPS', unknown)).includes('VPCE6003'), unknown);
  }
});
