// Real `terraform show -json` output of Terraform 1.11 (test/fixtures/tf-plan/terraform-data, see the
// README there): the built-in terraform_data resource stands in for AWS resources, whose provider cannot
// be installed here. What it checks is the reader's reading of the format: modules and for_each/count
// instances, after_unknown, a deletion, sensitive values, a state, and terraform init's modules.json.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseText } from '../../../server/src/core/document/parse.js';
import { configOf, isPlanJson, readPlan, unsupportedFormat } from '../../../server/src/core/tf/plan/read.js';
import { BlockFinder } from '../../../server/src/cli/plan.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'tf-plan', 'terraform-data');
const read = (name: string, dir = DIR) => {
  const text = readFileSync(join(dir, name), 'utf8');
  const root = parseText(text, { json: true }).root;
  assert.ok(isPlanJson(root));
  assert.equal(unsupportedFormat(root), undefined);
  return { text, plan: readPlan(root) };
};

const INSTANCES = [
  'module.endpoints["logs"].terraform_data.this["a"]',
  'module.endpoints["logs"].terraform_data.this["b"]',
  'module.endpoints["logs"].module.policy[0].terraform_data.doc',
  'module.endpoints["ssm"].terraform_data.this["a"]',
  'module.endpoints["ssm"].terraform_data.this["b"]',
  'module.endpoints["ssm"].module.policy[0].terraform_data.doc',
];

test('a real plan: every planned instance in its module instance; the one being destroyed is not there', () => {
  const { plan } = read('plan.json');
  assert.equal(plan.kind, 'plan');
  assert.deepEqual(plan.resources.map((r) => r.address), ['terraform_data.vpc', ...INSTANCES]);
  assert.deepEqual(plan.resources.map((r) => r.module), ['', 'module.endpoints["logs"]', 'module.endpoints["logs"]', 'module.endpoints["logs"].module.policy[0]', 'module.endpoints["ssm"]', 'module.endpoints["ssm"]', 'module.endpoints["ssm"].module.policy[0]']);
  // terraform_data.vpc's input changes: its output is known only after apply (after_unknown), its input is not.
  assert.deepEqual(JSON.parse(JSON.stringify(plan.resources[0]!.unknown)), { input: {}, output: true });
  // The configuration of a module instance in a module instance: for_each and count keys dropped.
  const doc = configOf(plan, 'module.endpoints["ssm"].module.policy[0]');
  assert.deepEqual(doc?.sources, ['./modules/endpoints', './modules/policy']);
  assert.deepEqual(JSON.parse(JSON.stringify(doc?.module.resources.get('terraform_data.doc')?.expressions)), { input: { constant_value: 'policy' } });
});

test('a real plan: the sensitive variable is in clear in the values, and sensitive_values marks where', () => {
  const { text, plan } = read('plan.json');
  const r = plan.resources.find((x) => x.address === INSTANCES[0])!;
  assert.deepEqual(r.sensitive.map((s) => text.slice(s.start, s.end)), ['"s3cr3t"']);
});

test('a real state (terraform show -json after apply): the same instances and the one the plan destroys, all known', () => {
  const { plan } = read('state.json');
  assert.equal(plan.kind, 'state');
  assert.deepEqual(plan.resources.map((r) => r.address).sort(), ['terraform_data.old', 'terraform_data.vpc', ...INSTANCES].sort());
  assert.ok(plan.resources.every((r) => r.unknown === undefined));
});

test("each instance's block: in the folder terraform init recorded (modules.json), registry modules too", () => {
  const { plan } = read('plan.json');
  const at = (finder: BlockFinder, address: string) => finder.find(plan, plan.resources.find((r) => r.address === address)!);
  assert.deepEqual(at(new BlockFinder(DIR), INSTANCES[2]!), { file: join(DIR, 'modules', 'endpoints', 'modules', 'policy', 'main.tf'), line: 1, column: 1 });
  assert.deepEqual(at(new BlockFinder(DIR), 'terraform_data.vpc'), { file: join(DIR, 'main.tf'), line: 7, column: 1 });
  // The endpoints module from a registry, installed by terraform init under .terraform/modules.
  const copy = join(mkdtempSync(join(tmpdir(), 'vpce-plan-')), 'config');
  cpSync(DIR, copy, { recursive: true });
  mkdirSync(join(copy, '.terraform', 'modules', 'endpoints'), { recursive: true });
  cpSync(join(copy, 'modules', 'endpoints'), join(copy, '.terraform', 'modules', 'endpoints'), { recursive: true });
  rmSync(join(copy, 'modules'), { recursive: true });
  writeFileSync(join(copy, '.terraform', 'modules', 'modules.json'), JSON.stringify({ Modules: [
    { Key: '', Source: '', Dir: '.' },
    { Key: 'endpoints', Source: 'registry.terraform.io/example-corp/endpoints/aws', Version: '1.2.0', Dir: '.terraform/modules/endpoints' },
    { Key: 'endpoints.policy', Source: './modules/policy', Dir: '.terraform/modules/endpoints/modules/policy' },
  ] }));
  const registry = read('plan.json', DIR).plan;
  registry.configuration.calls.get('endpoints')!.source = 'example-corp/endpoints/aws';
  const found = new BlockFinder(copy).find(registry, registry.resources.find((r) => r.address === INSTANCES[0])!);
  assert.deepEqual(found, { file: join(copy, '.terraform', 'modules', 'endpoints', 'main.tf'), line: 8, column: 1 });
  // Without modules.json, a registry module's files are not looked for.
  rmSync(join(copy, '.terraform', 'modules', 'modules.json'));
  assert.equal(new BlockFinder(copy).find(registry, registry.resources.find((r) => r.address === INSTANCES[0])!), undefined);
});
