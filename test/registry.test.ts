// The rule registry is explicit (esbuild bundles, nothing is discovered at run time); this keeps it honest.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../server/src/core/rules/index.js';
import { renderRulesDoc } from '../scripts/rules-doc.js';
import { TF_SILENT_RULES } from '../server/src/core/tf/analysis.js';

const RULES_DIR = join(__dirname, '..', 'server', 'src', 'core', 'rules');

test('every rule file is registered, in id order, with a unique id that matches its file name', () => {
  const files = readdirSync(RULES_DIR).filter((f) => /^vpce\d{4}-.*\.ts$/.test(f)).sort();
  const ids = files.map((f) => f.slice(0, 8).toUpperCase());
  assert.deepEqual(rules.map((r) => r.meta.id), ids);
  assert.equal(new Set(ids).size, ids.length);
});

test('every rule has complete metadata with an AWS documentation link', () => {
  for (const r of rules) {
    assert.match(r.meta.id, /^VPCE\d{4}$/);
    assert.ok(['error', 'warning', 'info'].includes(r.meta.severity));
    assert.ok(r.meta.title.length > 5 && r.meta.why.length > 40, r.meta.id);
    // A Terraform-only rule states a Terraform fact: its page is Terraform's.
    assert.match(r.meta.docs, /^https:\/\/(docs\.aws\.amazon\.com|developer\.hashicorp\.com\/terraform)\//, r.meta.id);
  }
});

// Rules with a Terraform meaning that carry no Terraform text, and why: their `why` holds in Terraform word
// for word (an endpoint policy's JSON is the same in both), or they never speak of a Terraform configuration.
const NO_TERRAFORM_TEXT: Record<string, string> = {
  VPCE0005: 'Terraform only: its why is already in Terraform\'s words',
  VPCE0004: 'the editor\'s size limit, which a .tf document over it meets as a template does (lsp/size-guard.ts); the finding\'s message names the limit',
  VPCE4002: 'names no property: the gateway endpoint\'s IPv4-only route and the IPv6 routes are the same facts in Terraform',
  VPCE9002: 'the policy grammar, the same JSON in a Terraform policy argument',
  VPCE9003: 'the policy language version, the same JSON in a Terraform policy argument',
  VPCE9004: 'the policy\'s Principal, the same JSON in a Terraform policy argument',
  VPCE9005: 'IAM action names, the same in a Terraform policy argument',
  VPCE9006: 'the policy\'s actions, the same JSON in a Terraform policy argument',
  VPCE9007: 'IAM condition keys, the same in a Terraform policy argument',
  VPCE9008: 'IAM condition operators, the same in a Terraform policy argument',
  VPCE9009: 'the policy\'s size, the same limit for a Terraform policy argument',
  VPCE9010: 'condition values, the same JSON in a Terraform policy argument',
  VPCE9011: 'ARN accounts, the same JSON in a Terraform policy argument',
  VPCE9012: 'a gateway endpoint\'s Principal, the same JSON in a Terraform policy argument',
  VPCE9013: 'resource ARNs, the same JSON in a Terraform policy argument',
  VPCE9014: 'the default full-access policy, which the AWS provider also leaves when policy is unset',
  VPCE9015: 'placeholders in the policy text, the same in a Terraform policy argument',
  VPCE9016: 'what the policy allows, the same JSON in a Terraform policy argument',
};

// Rules the engine never judges in Terraform (TF_SILENT_RULES) that a face still raises on a .tf document.
const FACE_RAISED_IN_TERRAFORM: Record<string, string> = {
  VPCE0004: 'the editor gives a .tf document over its size limit this finding instead of a check (lsp/size-guard.ts)',
};

test('every rule with a Terraform meaning has its Terraform text in Terraform\'s words, or is listed with the reason it has none', () => {
  for (const r of rules) {
    const tf = r.meta.terraform;
    if (r.meta.noTerraform) {
      assert.equal(tf, undefined, `${r.meta.id} is never raised in Terraform (meta.noTerraform) but has a Terraform text`);
      assert.ok(!Object.hasOwn(NO_TERRAFORM_TEXT, r.meta.id), `${r.meta.id} has no Terraform meaning: take it off NO_TERRAFORM_TEXT`);
      continue;
    }
    if (Object.hasOwn(NO_TERRAFORM_TEXT, r.meta.id)) {
      assert.equal(tf, undefined, `${r.meta.id} is listed as without a Terraform text but has one: take it off the list`);
      continue;
    }
    assert.ok(tf, `${r.meta.id} has a Terraform meaning: give its meta a terraform text, or list it in NO_TERRAFORM_TEXT with the reason`);
    assert.ok(tf.why.length > 40 && tf.why !== r.meta.why, r.meta.id);
    // CloudFormation's property names and intrinsics never reach a Terraform user (an AWS error message quoted is EC2's).
    assert.doesNotMatch(tf.why, /VpcEndpointType|RouteTableIds|SubnetIds|SecurityGroupIds|PrivateDnsEnabled[^O]|EnableDns|AcceptanceRequired|ServiceName|PolicyDocument|AWS::|Fn::|!Ref|CloudFormation|\btemplate\b|\bstack\b/, r.meta.id);
    // The AWS provider's registry page of the resource, or Terraform's own language page.
    assert.match(tf.docs, /^https:\/\/(registry\.terraform\.io\/providers\/hashicorp\/aws\/latest\/docs\/(resources|data-sources)\/\w+(#\w+)?|developer\.hashicorp\.com\/terraform\/\S+)$/, r.meta.id);
  }
});

test('a rule the Terraform check silences says it has no Terraform meaning, unless a face raises it on a .tf document', () => {
  for (const id of TF_SILENT_RULES) {
    const rule = rules.find((r) => r.meta.id === id);
    assert.ok(rule, `${id} in TF_SILENT_RULES is no rule`);
    if (Object.hasOwn(FACE_RAISED_IN_TERRAFORM, id)) assert.equal(rule.meta.noTerraform, undefined, `${id} is raised on a .tf document: no noTerraform`);
    else assert.ok(rule.meta.noTerraform && rule.meta.noTerraform.length > 30, `${id} is silent in Terraform: give its meta the noTerraform reason`);
  }
  // Every other rule that says so is one whose input a Terraform file never holds, or that returns nothing for
  // Terraform's words (test/unit/rules-no-terraform.test.ts checks those on a configuration).
  const others = rules.filter((r) => r.meta.noTerraform && !TF_SILENT_RULES.has(r.meta.id)).map((r) => r.meta.id);
  assert.deepEqual(others, ['VPCE0006', 'VPCE0007', 'VPCE1004']);
  for (const id of Object.keys(NO_TERRAFORM_TEXT)) assert.ok(rules.some((r) => r.meta.id === id && !r.meta.noTerraform), `${id} in NO_TERRAFORM_TEXT is no rule with a Terraform meaning`);
});

test('docs/rules.md: the Terraform column is "—" exactly for the rules no Terraform file raises, each with its reason', () => {
  const doc = renderRulesDoc(rules);
  for (const r of rules) {
    const row = doc.split('\n').find((l) => l.startsWith(`| [${r.meta.id}]`));
    assert.ok(row, r.meta.id);
    const cell = row.split('|').at(-2)!.trim();
    assert.equal(cell === '—', r.meta.noTerraform !== undefined, `${r.meta.id}: Terraform cell "${cell}"`);
    if (r.meta.noTerraform) assert.ok(doc.includes(`Not raised in Terraform: ${r.meta.noTerraform}`), r.meta.id);
  }
});

test('docs/rules.md is generated from the metadata and up to date', () => {
  const onDisk = readFileSync(join(__dirname, '..', 'docs', 'rules.md'), 'utf8');
  assert.equal(onDisk, renderRulesDoc(rules), 'docs/rules.md is stale: run npm run gen:rules-doc');
});

test('the engine imports no editor, LSP or file-system module', () => {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  for (const file of walk(join(__dirname, '..', 'server', 'src', 'core'))) {
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /from ['"](vscode|vscode-languageserver[^'"]*|node:fs|fs|node:child_process|child_process)['"]/, file);
  }
});
