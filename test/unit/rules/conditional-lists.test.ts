// A list a condition chooses (Fn::If around SubnetIds, or around its items; Terraform's `test ? [a, b] : [a]`):
// each branch is judged, a finding says the conditions it holds under, a branch no deployment takes gives none,
// and VPCE6001's fix takes the subnet out of the branch the finding is in, only.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintDocument } from '../../../server/src/core/engine.js';
import { applyEdits, fixSource, verifiedFixes } from '../../../server/src/core/fixes/index.js';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

const SETTINGS = { regions: ['eu-west-1'] };
const FIXTURE = readFileSync(join(__dirname, '..', '..', 'fixtures', 'rules', 'VPCE6001', 'bad-conditional-list.yaml'), 'utf8');
const LIST = 'SubnetIds: !If [WithB, [!Ref A, !Ref B], [!Ref A]]';

const lint = (text: string) => lintDocument(text, { settings: SETTINGS }).findings;
const own = (text: string, rule = 'VPCE6001') => lint(text).filter((f) => f.ruleId === rule);

function fixOf(text: string) {
  const [finding] = own(text);
  assert.ok(finding, 'VPCE6001 is raised');
  return verifiedFixes(fixSource(text), finding, lint(text), lint);
}

before(() => ensureTerraformParser());

test('the duplicate in one branch of SubnetIds is reported there, naming the condition', () => {
  assert.ok(FIXTURE.includes(LIST));
  const [f, ...rest] = own(FIXTURE);
  assert.deepEqual(rest, []);
  assert.match(f!.message, /subnets A and B are both in the same Availability Zone; .* \(only when WithB is true\)$/);
  assert.equal(FIXTURE.slice(f!.start, f!.end), '!Ref B');
  assert.ok(f!.start > FIXTURE.indexOf('[!Ref A, !Ref B]') && f!.end <= FIXTURE.indexOf('], [!Ref A]]'), 'on the branch WithB chooses');
});

test('the fix takes the subnet out of that branch only, and is verified', () => {
  const [fix, ...others] = fixOf(FIXTURE);
  assert.deepEqual(others, []);
  assert.equal(fix!.title, 'Remove B from SubnetIds');
  assert.equal(applyEdits(FIXTURE, fix!.edits), FIXTURE.replace(LIST, 'SubnetIds: !If [WithB, [!Ref A], [!Ref A]]'));
  // Block lists in a nested Fn::If: the line goes, the other branch stays.
  const block = FIXTURE.replace(LIST, 'SubnetIds: !If\n        - WithB\n        - !If\n          - Other\n          - - !Ref A\n            - !Ref B\n          - [!Ref A]\n        - [!Ref A]').replace('Conditions:\n', 'Conditions:\n  Other: !Equals [!Ref AWS::Region, eu-west-1]\n');
  // The Region named (eu-west-1) decides Other: only WithB is left to say.
  assert.match(own(block)[0]!.message, /\(only when WithB is true\)$/);
  const [nested] = fixOf(block);
  assert.equal(applyEdits(block, nested!.edits), block.replace('            - !Ref B\n', ''));
});

test('a subnet added by an Fn::If item is reported there; no fix, as removing it would change no branch alone', () => {
  const text = FIXTURE.replace(LIST, 'SubnetIds: [!Ref A, !If [WithB, !Ref B, !Ref AWS::NoValue]]');
  const [f] = own(text);
  assert.match(f!.message, /\(only when WithB is true\)$/);
  assert.equal(text.slice(f!.start, f!.end), '!Ref B');
  assert.deepEqual(fixOf(text), []);
  // Before the conditional item, the finding is still on it (the item the condition adds).
  const first = FIXTURE.replace(LIST, 'SubnetIds: [!If [WithB, !Ref A, !Ref AWS::NoValue], !Ref B]');
  const [g] = own(first);
  assert.equal(first.slice(g!.start, g!.end), '!Ref A');
  assert.match(g!.message, /subnets B and A .*\(only when WithB is true\)$/);
});

test('a duplicate every branch has is a finding without condition; one in each branch is one per branch', () => {
  const every = FIXTURE.replace(LIST, 'SubnetIds: [!Ref A, !Ref B, !If [WithB, !Ref A, !Ref AWS::NoValue]]');
  assert.deepEqual(own(every).map((f) => / \(only when/.test(f.message)), [false]);
  const both = FIXTURE.replace(LIST, 'SubnetIds: !If [WithB, [!Ref A, !Ref B], [!Ref B, !Ref A]]');
  assert.deepEqual(own(both).map((f) => f.message.replace(/.*\(only when /, '')), ['WithB is true)', 'WithB is false)']);
});

test('a branch no deployment takes gives nothing: AllowedValues, a resource Condition, a condition and its negation', () => {
  assert.deepEqual(own(FIXTURE.replace('AllowedValues: ["yes", "no"]', 'AllowedValues: ["no"]')), []);
  // The endpoint exists only when WithB is false: the branch with two subnets never deploys.
  const onlyWithout = FIXTURE.replace('  SsmEndpoint:\n    Type: AWS::EC2::VPCEndpoint\n', '  SsmEndpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Condition: WithoutB\n').replace('Conditions:\n', 'Conditions:\n  WithoutB: !Not [!Condition WithB]\n');
  assert.deepEqual(own(onlyWithout), []);
  const contradiction = FIXTURE.replace(LIST, 'SubnetIds: !If [WithB, [!Ref A, !If [WithB, !Ref AWS::NoValue, !Ref B]], [!Ref A]]');
  assert.deepEqual(own(contradiction), []);
  // The default true: the finding still names the condition (as VPCE6003 and VPCE5001 do for the defaults).
  assert.match(own(FIXTURE.replace('Default: "no"', 'Default: "yes"'))[0]!.message, /\(only when WithB is true\)$/);
});

test('VPCE2002: route tables on an interface endpoint in a branch no deployment takes are no finding', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'rules', 'VPCE2002', 'good-conditional-never.yaml'), 'utf8');
  assert.deepEqual(own(text, 'VPCE2002'), []);
  assert.equal(own(text.replace('AllowedValues: ["no"]', 'AllowedValues: ["yes", "no"]'), 'VPCE2002').length, 1, 'with the value allowed it is one');
});

const TF = readFileSync(join(__dirname, '..', '..', 'fixtures', 'tf', 'fixes', 'VPCE6001-conditional-list', 'before', 'main.tf'), 'utf8');
const tfFindings = (text: string) => analyzeTerraform([{ path: 'main.tf', text }], { settings: SETTINGS }).analysis.findings.filter((f) => f.ruleId === 'VPCE6001');

test('Terraform: `var.ha ? [a, a2] : [a]` with var.ha unknown is a finding only when var.ha is true, on the branch', () => {
  const [f, ...rest] = tfFindings(TF);
  assert.deepEqual(rest, []);
  assert.match(f!.message, /subnets aws_subnet\.a and aws_subnet\.a2 are both in eu-west-1a; .* \(only when var\.ha is true\)$/);
  assert.equal(TF.slice(f!.start, f!.end), 'aws_subnet.a2.id');
});

test('Terraform: with a default the branch it deploys decides, as a fact; the other branch is not judged', () => {
  const withDefault = (v: string) => TF.replace('  type = bool\n', `  type    = bool\n  default = ${v}\n`);
  assert.deepEqual(tfFindings(withDefault('true')).map((f) => / \(only when/.test(f.message)), [false]);
  assert.deepEqual(tfFindings(withDefault('false')), []);
  // Inside a function the choice stays unknown: nothing is judged.
  assert.deepEqual(tfFindings(TF.replace('var.ha ? [aws_subnet.a.id, aws_subnet.a2.id] : [aws_subnet.a.id]', 'concat([], var.ha ? [aws_subnet.a.id, aws_subnet.a2.id] : [aws_subnet.a.id])')), []);
});
