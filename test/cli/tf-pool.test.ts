// When the CLI checks a Terraform tree's folders in worker threads (server/src/cli/tf-pool.ts): only
// for a tree big enough to pay for each worker's start, never more workers than free cores or folders
// to share. That the pooled output is the serial one is in terraform.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BYTES_PER_WORKER, workerCount } from '../../server/src/cli/tf-pool.js';

test('worker threads only for two folders or more, one per 5 MB of .tf and per core the load leaves free, at most three', () => {
  const saved = process.env.VPCE_LENS_TF_WORKERS;
  delete process.env.VPCE_LENS_TF_WORKERS;
  try {
    const MB = 1024 * 1024;
    assert.equal(BYTES_PER_WORKER, 5 * MB);
    assert.equal(workerCount(1, 50 * MB, 8, 0), 0, 'one folder: nothing to share');
    assert.equal(workerCount(11, 1.3 * MB, 2, 0), 0, 'the 5,000-resource tree: a worker costs more than it saves');
    assert.equal(workerCount(40, 5 * MB - 1, 8, 0), 0, 'too little .tf to pay for a start');
    assert.equal(workerCount(2, 5 * MB, 8, 0), 1, 'never more workers than folders to share');
    assert.equal(workerCount(42, 5.3 * MB, 2, 0.3), 1, 'the 20,000-resource tree on an idle 2-core machine: the main thread and one worker');
    assert.equal(workerCount(42, 5.3 * MB, 8, 0), 1, 'free cores, but the tree pays for one start only');
    assert.equal(workerCount(42, 10 * MB, 8, 0), 2, 'each further worker needs as much .tf again');
    assert.equal(workerCount(42, 10 * MB, 2, 1.2), 0, 'the other core is busy');
    assert.equal(workerCount(42, 10 * MB, 2, 17), 0);
    assert.equal(workerCount(42, 50 * MB, 8, 2.5), 3, 'at most three');
    assert.equal(workerCount(42, 50 * MB, 4, 1.5), 2, 'one per free core');
    assert.equal(workerCount(42, 50 * MB, 1, 0), 0);
    process.env.VPCE_LENS_TF_WORKERS = '2';
    assert.equal(workerCount(1, 10, 2, 17), 1, 'forced: as many as asked whatever the load and size, never more than the folders');
    assert.equal(workerCount(5, 10, 2, 17), 2);
    process.env.VPCE_LENS_TF_WORKERS = '0';
    assert.equal(workerCount(10, 50 * MB, 8, 0), 0);
  } finally {
    if (saved === undefined) delete process.env.VPCE_LENS_TF_WORKERS;
    else process.env.VPCE_LENS_TF_WORKERS = saved;
  }
});

test('a pool worker runs the Terraform parser module the main thread compiled: it is posted to the worker, not compiled there again', () => {
  // A preload (it runs in the worker too) records, per thread, each WebAssembly.Module compiled from the parser
  // module's bytes (by their size: no other module of the parser has it).
  const ROOT = join(__dirname, '..', '..');
  const size = statSync(join(ROOT, 'dist', 'hcl-parse.wasm')).size;
  const dir = mkdtempSync(join(tmpdir(), 'vpce-pool-wasm-'));
  try {
    const log = join(dir, 'log');
    const preload = join(dir, 'record.cjs');
    writeFileSync(
      preload,
      `const fs = require('node:fs'); const { isMainThread } = require('node:worker_threads'); const Compiled = WebAssembly.Module;
WebAssembly.Module = function (bytes) { if ((bytes.byteLength ?? bytes.length) === ${size}) fs.appendFileSync(${JSON.stringify(log)}, (isMainThread ? 'main' : 'worker') + '\\n'); return new Compiled(bytes); };
WebAssembly.Module.prototype = Compiled.prototype; Object.setPrototypeOf(WebAssembly.Module, Compiled);
const { workerData } = require('node:worker_threads'); if (!isMainThread && workerData) fs.appendFileSync(${JSON.stringify(log)}, 'worker got ' + (workerData.vpceLensTfWorker.shared instanceof Compiled) + '\\n');`,
    );
    const r = spawnSync(process.execPath, ['-r', preload, join(ROOT, 'bin', 'vpce-lens.js'), 'check', '--region', 'eu-west-1', join(ROOT, 'examples', 'terraform')], {
      encoding: 'utf8',
      env: { ...process.env, VPCE_LENS_TF_WORKERS: '1', VPCE_LENS_TF_WORKERS_ALONE: '1', VPCE_LENS_TF_POOL_LOG: '1' },
    });
    assert.match(r.stderr, /1 workers checked 1 of 1 folders/, r.stderr);
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n').sort(), ['main', 'worker got true']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
