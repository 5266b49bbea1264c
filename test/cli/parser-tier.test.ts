// How the CLI has V8 compile the Terraform parser (server/src/cli/parser-tier.ts): Liftoff's code alone for a run
// that parses little .tf text, where TurboFan's compiles would cost more CPU than they save, V8's tier-up for a big
// tree, and always where worker threads start (they load the bundle through a code cache V8 takes only under the
// flags it was made with).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASELINE_BELOW_BYTES, parserTier } from '../../server/src/cli/parser-tier.js';

const MB = 1024 * 1024;

test('Liftoff alone below the measured threshold, tier-up from it on, and tier-up whenever worker threads start', () => {
  assert.equal(BASELINE_BELOW_BYTES, 1.5 * MB);
  assert.equal(parserTier(0), 'baseline');
  assert.equal(parserTier(2_000), 'baseline', 'one small module');
  assert.equal(parserTier(1.3 * MB), 'baseline', 'the 5,000-resource benchmark tree');
  assert.equal(parserTier(BASELINE_BELOW_BYTES - 1), 'baseline');
  assert.equal(parserTier(BASELINE_BELOW_BYTES), 'tiered');
  assert.equal(parserTier(2.6 * MB), 'tiered', 'the 10,000-resource tree');
  assert.equal(parserTier(5.3 * MB), 'tiered', 'the 20,000-resource tree');
  assert.equal(parserTier(2_000, 1), 'tiered', 'a worker thread: tier-up whatever the size');
  assert.equal(parserTier(1.3 * MB, 0), 'baseline');
});

test('the CLI compiles the parser for Liftoff alone on a small tree (no TurboFan compile), with tier-up where asked', () => {
  const ROOT = join(__dirname, '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tier-'));
  try {
    // 1,000 resources (~270 KB): enough parsing for V8 to send some of the parser's functions to TurboFan.
    assert.equal(spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench', 'gen-tf.mjs'), '1000', dir]).status, 0);
    const turbofan = (tier?: string) => {
      const env: NodeJS.ProcessEnv = { ...process.env, VPCE_LENS_TF_WORKERS: '0' };
      delete env.VPCE_LENS_TF_PARSER_TIER;
      if (tier) env.VPCE_LENS_TF_PARSER_TIER = tier;
      const r = spawnSync(process.execPath, ['--trace-wasm-compilation-times', join(ROOT, 'bin', 'vpce-lens.js'), 'check', '--region', 'eu-west-1', dir], { encoding: 'utf8', env });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /checked: 0 errors/);
      return (r.stdout.match(/using TurboFan/g) ?? []).length;
    };
    assert.equal(turbofan(), 0, 'chosen by size: Liftoff alone');
    assert.ok(turbofan('tiered') > 0, 'tier-up: the same parse sends functions to TurboFan (so the count above means something)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
