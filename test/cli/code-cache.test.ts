// bin/vpce-lens.js loads the bundle through the V8 code cache the build leaves beside it. The cache
// must be one V8 takes, and a cache that does not fit (another build, damaged bytes) must change
// nothing but the speed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'cli.js');
const CACHE = `${BUNDLE}.cache`;
const ARGS = ['check', '--region', 'eu-west-1', join(ROOT, 'examples')];

function firstLine(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text.slice(0, text.indexOf('\n') + 1);
}

test('the build leaves a code cache for its own bundle, and V8 accepts it', () => {
  const header = firstLine(BUNDLE);
  assert.match(header, /^\/\/ vpce-lens build [0-9a-f-]{36}\n$/);
  const cache = readFileSync(CACHE);
  assert.equal(cache.toString('latin1', 0, header.length), header);
  // The launcher compiles the bundle as it is read, with no Module.wrap around it (which made V8 copy the
  // whole source into a flat string), under the V8 flags it sets first: the cache is for that text under
  // those flags. Asked in a process of its own, since the flags are the whole process's.
  const asked = `const { Script } = require('node:vm'); const Module = require('node:module'); const fs = require('node:fs');
require('node:v8').setFlagsFromString('--interrupt-budget=540672'); require('node:v8').setFlagsFromString('--wasm-tiering-budget=200000000');
const cache = fs.readFileSync(${JSON.stringify(CACHE)}).subarray(${header.length}); const text = fs.readFileSync(${JSON.stringify(BUNDLE)}, 'latin1');
console.log(JSON.stringify([new Script(text, { filename: ${JSON.stringify(BUNDLE)}, cachedData: cache }).cachedDataRejected, new Script(Module.wrap(text), { filename: ${JSON.stringify(BUNDLE)}, cachedData: cache }).cachedDataRejected]));`;
  const r = spawnSync(process.execPath, ['-e', asked], { encoding: 'utf8' });
  const [plain, wrapped] = JSON.parse(r.stdout) as boolean[];
  assert.equal(plain, false);
  assert.equal(wrapped, true, 'a cache for the wrapped text would mean the launcher still wraps it');
});

test('the bundle is its own module wrapper: compiled as a script it is the function the launcher calls', () => {
  const bundle = new Script(readFileSync(BUNDLE, 'latin1'), { filename: BUNDLE }).runInThisContext();
  assert.equal(typeof bundle, 'function');
  assert.equal(bundle.length, 5, '(exports, require, module, __filename, __dirname)');
});

test('a cache from another build, or a damaged one, is passed over: same findings, same exit code', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'vpce-cache-'));
  try {
    mkdirSync(join(tmp, 'bin'));
    mkdirSync(join(tmp, 'dist'));
    copyFileSync(join(ROOT, 'bin', 'vpce-lens.js'), join(tmp, 'bin', 'vpce-lens.js'));
    copyFileSync(BUNDLE, join(tmp, 'dist', 'cli.js'));
    // The Terraform parser's WebAssembly ships beside the bundle (the examples hold a Terraform module).
    for (const wasm of ['hcl-parse.wasm', 'tree-sitter.wasm', 'tree-sitter-terraform.wasm', 'tree-sitter-terraform-fast.wasm', 'hcl-walk.wasm']) copyFileSync(join(ROOT, 'dist', wasm), join(tmp, 'dist', wasm));
    const run = () => spawnSync(process.execPath, [join(tmp, 'bin', 'vpce-lens.js'), ...ARGS], { cwd: ROOT, encoding: 'utf8' });
    const expected = spawnSync(process.execPath, [BUNDLE, ...ARGS], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(expected.status, 1, 'the examples hold mistakes');
    const header = firstLine(BUNDLE);
    const cache = readFileSync(CACHE);
    const variants: Record<string, Buffer> = {
      'no cache': Buffer.alloc(0),
      'the real cache': cache,
      'another build': Buffer.concat([Buffer.from(header.replace(/[0-9a-f]/, (d) => (d === '0' ? '1' : '0')), 'latin1'), cache.subarray(header.length)]),
      'damaged bytes': Buffer.concat([Buffer.from(header, 'latin1'), Buffer.alloc(4096, 0xab)]),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      if (bytes.length) writeFileSync(join(tmp, 'dist', 'cli.js.cache'), bytes);
      else rmSync(join(tmp, 'dist', 'cli.js.cache'), { force: true });
      const r = run();
      assert.equal(r.status, expected.status, `${name}: ${r.stderr}`);
      assert.equal(r.stdout, expected.stdout, name);
      assert.equal(r.stderr, '', name);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

// The flags are the whole process's: set only after the main thread's load, a Terraform pool worker (cli/tf-pool.ts)
// compiled the bundle under other flags than the cache's, and V8 refused the cache there.
test('the launcher raises V8\'s interrupt budget and WebAssembly tiering budget before the bundle is read through its cache, so V8 takes the cache in the main thread and in a Terraform pool worker', () => {
  // A preload that records, in order, each Script the launcher makes (and whether V8 took its cache) and each V8 flag it sets.
  const dir = mkdtempSync(join(tmpdir(), 'vpce-budget-'));
  try {
    const log = join(dir, 'log.json');
    const preload = join(dir, 'record.cjs');
    writeFileSync(
      preload,
      `const vm = require('node:vm'); const v8 = require('node:v8'); const fs = require('node:fs'); const events = [];
const Script = vm.Script;
const main = require('node:worker_threads').isMainThread;
// Each thread (the preload runs in the pool worker too) keeps its own log, written at each event: the worker is ended, not left to exit.
const push = (e) => { events.push(e); fs.writeFileSync(${JSON.stringify(log)} + (main ? '' : '.worker'), JSON.stringify(events)); };
vm.Script = class extends Script { constructor(src, o) { super(src, o); if (o && o.cachedData) push({ script: this.cachedDataRejected }); } };
const set = v8.setFlagsFromString; v8.setFlagsFromString = (f) => { push({ flag: f }); return set(f); };`,
    );
    // One worker, left every folder (the examples' Terraform module): it loads the bundle after the main thread has set the flags.
    const r = spawnSync(process.execPath, ['-r', preload, join(ROOT, 'bin', 'vpce-lens.js'), ...ARGS], { encoding: 'utf8', env: { ...process.env, VPCE_LENS_TF_WORKERS: '1', VPCE_LENS_TF_WORKERS_ALONE: '1' } });
    assert.equal(r.status, 1, r.stderr);
    const expected = [{ flag: '--interrupt-budget=540672' }, { flag: '--wasm-tiering-budget=200000000' }, { script: false }];
    assert.deepEqual(JSON.parse(readFileSync(log, 'utf8')), expected);
    assert.deepEqual(JSON.parse(readFileSync(`${log}.worker`, 'utf8')), expected, 'the pool worker takes the cache too');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
