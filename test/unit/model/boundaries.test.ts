// The network model is format-neutral: the model and the trace read only the model, never the
// CloudFormation adapter (core/cfn) or the located tree, so a Terraform adapter can fill the same model
// without touching them. trace/api.ts is the one face entry that picks the adapter. Network rules read
// the model through ctx.network(); none follows CloudFormation references itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CORE = join(__dirname, '..', '..', '..', 'server', 'src', 'core');

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import [^;]*? from '([^']+)';/gms)].map((m) => m[1]!);
}

test('model/ and trace/ import nothing of the CloudFormation adapter', () => {
  for (const dir of ['model', 'trace']) {
    for (const f of readdirSync(join(CORE, dir)).filter((x) => x.endsWith('.ts') && x !== 'api.ts')) {
      const bad = imports(join(CORE, dir, f)).filter((i) => i.includes('/cfn/') || i.startsWith('../cfn') || i.includes('document/tree'));
      // The endpoint policy is evaluated on its located tree (policy/ is a format of its own).
      const allowed = f === 'policy-eval.ts' ? bad.filter((i) => !i.includes('document/tree')) : bad;
      assert.deepEqual(allowed, [], `${dir}/${f} imports ${allowed.join(', ')}`);
    }
  }
});

test('network rules do not follow CloudFormation references themselves', () => {
  const rulesDir = join(CORE, 'rules');
  for (const f of readdirSync(rulesDir).filter((x) => /^vpce[4-7]\d{3}-/.test(x))) {
    const text = readFileSync(join(rulesDir, f), 'utf8');
    for (const helper of ['refList', 'refResource', 'refOfType', 'subnetFacts', 'sgRules']) {
      assert.ok(!new RegExp(`\\b${helper}\\(`).test(text), `${f} calls ${helper}: network facts come from ctx.network()`);
    }
  }
});
