// Every rule against its own fixtures: test/fixtures/rules/<RULE>/bad*.{yaml,json} must raise that rule
// (exactly the findings in the reviewed .expected snapshot), good*.{yaml,json} must not raise it.
// Fixtures may carry a first-line comment `# regions: us-east-1,eu-west-1` to set the configured regions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../server/src/core/engine.js';
import { rules } from '../server/src/core/rules/index.js';
import { TF_ONLY_RULES } from '../server/src/core/tf/analysis.js';
import { matchSnapshot, renderFindings } from './helpers/snapshot.js';

const ROOT = join(__dirname, 'fixtures', 'rules');
const TF_ROOT = join(__dirname, 'fixtures', 'tf', 'rules');

function settingsOf(text: string) {
  const m = /^(?:#|\/\/) regions: (.+)$/m.exec(text);
  return { regions: m ? m[1]!.split(',').map((s) => s.trim()) : [] };
}

for (const rule of rules) {
  // A Terraform-only rule's fixtures are .tf files (test/fixtures/tf/rules, test/unit/tf/rule-fixtures.test.ts).
  const tfOnly = TF_ONLY_RULES.has(rule.meta.id);
  const dir = join(tfOnly ? TF_ROOT : ROOT, rule.meta.id);
  test(`${rule.meta.id} has good and bad fixtures`, () => {
    const files = readdirSync(dir);
    assert.ok(files.some((f) => f.startsWith('bad')), `${dir} has no bad fixture`);
    assert.ok(files.some((f) => f.startsWith('good')), `${dir} has no good fixture`);
  });
  const fixtures = (() => {
    try {
      return readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
    } catch {
      return [];
    }
  })();
  for (const file of fixtures) {
    test(`${rule.meta.id} ${file}`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const { findings, isTemplate } = lintTemplate(text, settingsOf(text));
      assert.ok(isTemplate, `${file} is not recognised as a template`);
      assert.ok(!findings.some((f) => f.ruleId === 'VPCE0000'), `internal error: ${findings.find((f) => f.ruleId === 'VPCE0000')?.message}`);
      const own = findings.filter((f) => f.ruleId === rule.meta.id);
      if (file.startsWith('good')) {
        assert.deepEqual(own.map((f) => f.message), [], `${file} must not raise ${rule.meta.id}`);
      } else {
        assert.ok(own.length > 0, `${file} must raise ${rule.meta.id}`);
        matchSnapshot(join(dir, file.replace(/\.(ya?ml|json)$/, '.expected')), renderFindings(text, own));
      }
    });
  }
}
