// AWS provider 6 deprecated data.aws_region's `name` for `region` (which 5.x does not have): VPCE3002's
// and VPCE3001's advice and the region fix write what the configuration's required_providers
// constraint allows — `.region` for 6 and later only, `.name` for earlier only, and both named where
// the constraint does not say (the lock file, not read, may hold any version).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { awsMajorOf } from '../../../server/src/core/tf/provider-version.js';
import { hclToJson } from './hcl-to-json.js';
import { analyzePlan, type PlanAnalysis } from '../../../server/src/core/tf/plan/analysis.js';

before(() => ensureTerraformParser());

test('the major version a constraint allows, by Terraform\'s constraint syntax', () => {
  const cases: [string | undefined, string | undefined][] = [
    ['~> 6.0', 'v6'], ['>= 6.0', 'v6'], ['6.2.1', 'v6'], ['= 6.0.0', 'v6'], ['>= 5.0, >= 6.1', 'v6'], ['~> 6.0.0-beta1', 'v6'],
    ['~> 5.0', 'before-v6'], ['~> 5.30', 'before-v6'], ['~> 5.30.1', 'before-v6'], ['< 6.0', 'before-v6'], ['>= 4.0, < 6.0.0', 'before-v6'], ['<= 5.99', 'before-v6'], ['5.1.0', 'before-v6'], ['~> 4', 'before-v6'],
    ['>= 4.0', undefined], ['> 5.9', undefined], ['<= 6.0', undefined], ['!= 6.0.0', undefined], ['~> 5.0.0, != 5.0.1', 'before-v6'], ['latest', undefined], [undefined, undefined], ['~> 6', 'v6'],
  ];
  for (const [c, want] of cases) assert.equal(awsMajorOf(c), want, String(c));
});

const BAD = readFileSync(join(__dirname, '..', '..', 'fixtures', 'tf', 'rules', 'VPCE3002', 'bad.tf'), 'utf8');
const pin = (constraint: string, legacy = false) =>
  legacy ? `terraform {\n  required_providers {\n    aws = "${constraint}"\n  }\n}\n` : `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${constraint}"\n    }\n  }\n}\n`;

function check(files: Record<string, string>) {
  const r = analyzeTerraform(Object.entries(files).map(([path, text]) => ({ path, text })), { settings: { regions: ['eu-west-1'] } });
  const f = r.analysis.findings.find((x) => x.ruleId === 'VPCE3002');
  assert.ok(f, 'VPCE3002');
  return { r, f, fixes: r.analysis.verifiedFixes(f) };
}

test('pinned to 6 or later: the advice and the fix write data.aws_region.current.region', () => {
  for (const files of [{ 'main.tf': BAD, 'versions.tf': pin('~> 6.0') }, { 'main.tf': BAD, 'versions.tf.json': hclToJson(pin('>= 6.1')) }] as Record<string, string>[]) {
    const { f, fixes } = check(files);
    assert.match(f.message, /use \$\{data\.aws_region\.current\.region\} so the configuration deploys in any region$/);
    assert.deepEqual(fixes.map((x) => x.title), ['Use ${data.aws_region.current.region} instead of eu-west-1']);
    assert.equal(fixes[0]!.edits[0]!.newText, '${data.aws_region.current.region}');
  }
});

test('pinned before 6: .name, as AWS provider 5 knows no region attribute', () => {
  for (const versions of [pin('~> 5.0'), pin('< 6.0', true)]) {
    const { f, fixes } = check({ 'main.tf': BAD, 'versions.tf': versions });
    assert.match(f.message, /use \$\{data\.aws_region\.current\.name\} so/);
    assert.deepEqual(fixes.map((x) => x.edits[0]!.newText), ['${data.aws_region.current.name}']);
  }
});

test('not pinned (no constraint, or one allowing both): both named; the fix valid with every version is the sure one', () => {
  for (const files of [{ 'main.tf': BAD }, { 'main.tf': BAD, 'versions.tf': pin('>= 5.0') }] as Record<string, string>[]) {
    const { f, fixes } = check(files);
    assert.match(f.message, /use \$\{data\.aws_region\.current\.region\} \(AWS provider 6 and later; \$\{data\.aws_region\.current\.name\} before 6\) so/);
    assert.deepEqual(fixes.map((x) => [x.edits[0]!.newText, x.isPreferred]), [['${data.aws_region.current.name}', true], ['${data.aws_region.current.region}', false]]);
  }
});

test('a plan: the provider configuration\'s version_constraint decides the advice the same way', () => {
  const plan = readFileSync(join(__dirname, '..', '..', 'fixtures', 'tf-plan', 'plan.json'), 'utf8');
  assert.ok(plan.includes('"version_constraint": "~> 5.0"'));
  const advice = (text: string) => {
    const r = analyzePlan(text) as PlanAnalysis;
    return [...new Set(r.analysis.findings.filter((f) => f.ruleId === 'VPCE3001').map((f) => /; use (.*)$/.exec(f.message)?.[1]))];
  };
  assert.deepEqual(advice(plan), ['${data.aws_region.current.name}']);
  assert.deepEqual(advice(plan.replace('"version_constraint": "~> 5.0"', '"version_constraint": "~> 6.0"')), ['${data.aws_region.current.region}']);
  assert.deepEqual(advice(plan.replace('"version_constraint": "~> 5.0",', '')), ['${data.aws_region.current.region} (AWS provider 6 and later; ${data.aws_region.current.name} before 6)']);
});
