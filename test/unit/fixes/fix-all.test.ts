// Fix-all: preferred verified fixes applied until none is left; the result compared as whole text;
// and the registry only names rules that exist.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { lintDocument } from '../../../server/src/core/engine.js';
import { fixAllText, fixesFor } from '../../../server/src/core/fixes/index.js';
import { fixRegistry } from '../../../server/src/core/fixes/registry.js';
import { ruleById } from '../../../server/src/core/rules/index.js';
import { findingsOf, lines } from './helpers.js';

test('the example template: every preferred fix applies at once and its findings are gone', () => {
  const text = readFileSync(new URL('../../../examples/endpoints-with-mistakes.yaml', import.meta.url), 'utf8');
  const settings = { regions: ['eu-west-1'] };
  const before = findingsOf(text, settings);
  const out = fixAllText(text, (t) => findingsOf(t, settings)).text;
  const fixable = new Set(before.filter((f) => fixesFor(text, f).some((x) => x.isPreferred)).map((f) => f.ruleId));
  for (const id of ['VPCE1002', 'VPCE2001', 'VPCE2002', 'VPCE3001', 'VPCE5001']) assert.ok(fixable.has(id), `${id} has a preferred fix`);
  const after = findingsOf(out, settings).map((f) => f.ruleId);
  for (const id of fixable) assert.ok(!after.includes(id), `${id} still found`);
  // What has no preferred fix remains (the unknown service is a guess), and every comment is still there.
  assert.ok(after.includes('VPCE2003'));
  // Every comment is still there (one that would contradict its fixed line is kept as '# was: ...').
  const comments = (s: string) => s.split('\n').filter((l) => l.includes('#')).map((l) => l.slice(l.indexOf('#') + 1).trim());
  const removedLines = ['RouteTableIds: [!Ref PrivateRouteTable]        # interface endpoints take no route tables'];
  assert.deepEqual(comments(text).filter((c) => !out.includes(c) && !removedLines.some((l) => l.endsWith(c))), []);
});

test('two findings asking for the same repair get it once', () => {
  // Two findings for one VPC (two endpoints) would add the same attribute twice: it is added once.
  const endpoint = (id: string) => lines(`  ${id}:`, '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      VpcId: !Ref Vpc', `      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${id.toLowerCase()}`, '      VpcEndpointType: Interface', '      PrivateDnsEnabled: true', '      SubnetIds: [subnet-1]');
  const text = lines('Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties:', '      CidrBlock: 10.0.0.0/16') + endpoint('Ssm') + endpoint('Sqs');
  const findings = findingsOf(text).filter((f) => f.ruleId === 'VPCE5001');
  assert.equal(findings.length, 2);
  const out = fixAllText(text, (t) => findingsOf(t)).text;
  assert.equal(out, text.replace('10.0.0.0/16\n', '10.0.0.0/16\n      EnableDnsHostnames: true\n'));
});

test('a misspelt key and the type it should set become one key, and fix all twice is fix all once', () => {
  const text = lines(
    'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}',
    '  Subnet:',
    '    Type: AWS::EC2::Subnet',
    '    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}',
    '  Kms:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: !Ref Vpc',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.kms',
    '      VpcEndpointTyp: Interface',
    '      SubnetIds: [!Ref Subnet]',
  );
  const relint = (t: string) => findingsOf(t);
  const once = fixAllText(text, relint);
  assert.equal(once.text, text.replace('VpcEndpointTyp:', 'VpcEndpointType:'));
  assert.deepEqual(fixAllText(once.text, relint), { text: once.text, passes: 0 });
});

test('every registry entry names a registered rule', () => {
  for (const id of Object.keys(fixRegistry)) assert.ok(ruleById(id), `${id} is not a rule`);
});

test('a finding whose data does not fit the text gets no fix, and nothing throws', () => {
  const text = 'Resources: {}\n';
  for (const id of Object.keys(fixRegistry)) {
    for (const data of [undefined, {}, { suggestion: 1 }, { remove: 'X' }, { member: 'X', value: {}, exists: false }, { admitHttpsIn: 'Nope', vpc: null, vpcCidr: null }, { vpc: 'Nope', attributes: ['A'] }, { region: 'x', replacement: 'y' }]) {
      assert.deepEqual(fixesFor(text, { ruleId: id, severity: 'error', message: '', start: 0, end: 5, data }), []);
      assert.deepEqual(fixesFor(text, { ruleId: id, severity: 'error', message: '', start: 99, end: 120, resource: 'Nope', data }), []);
    }
  }
});

// What Fix All may leave: findings whose repair is a human choice (the README's table says why).
const HUMAN_CHOICE = new Set(['VPCE6001', 'VPCE6003', 'VPCE2003', 'VPCE9005', 'VPCE9007', 'VPCE9008', 'VPCE5003', 'VPCE8002', 'VPCE7003', 'VPCE9004', 'VPCE9006', 'VPCE9010']);

test('on each example, Fix All then a fresh lint leaves only findings that need a human choice', () => {
  const dir = new URL('../../../examples/', import.meta.url);
  // Templates only: examples/terraform is a Terraform module (its fixes: test/unit/tf).
  for (const name of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name)) {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const relint = (t: string) => lintDocument(t, { fileName: name, settings: { regions: ['eu-west-1'] } }).findings;
    const out = fixAllText(text, relint).text;
    const left = relint(out).filter((f) => f.severity !== 'info').map((f) => f.ruleId);
    assert.deepEqual(left.filter((id) => !HUMAN_CHOICE.has(id)), [], `${name}: left ${left.join(', ')}`);
    if (name === 'endpoints-with-mistakes.yaml') assert.deepEqual([...new Set(left)].sort(), ['VPCE2003', 'VPCE6001', 'VPCE6003']);
  }
});
