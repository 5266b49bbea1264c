// The rule registry is explicit (esbuild bundles, nothing is discovered at run time); this keeps it honest.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../server/src/core/rules/index.js';
import { renderRulesDoc } from '../scripts/rules-doc.js';

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
