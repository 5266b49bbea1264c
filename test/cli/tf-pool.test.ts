// When the CLI checks a Terraform tree's folders in worker threads (server/src/cli/tf-pool.ts): only
// for a tree big enough to pay for the workers' start, never more workers than cores to spare or
// folders to share. That the pooled output is the serial one is in terraform.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { workerCount } from '../../server/src/cli/tf-pool.js';

test('worker threads only for two folders or more and 256 KB of .tf, at most one per spare core and three in all', () => {
  const saved = process.env.VPCE_LENS_TF_WORKERS;
  delete process.env.VPCE_LENS_TF_WORKERS;
  try {
    assert.equal(workerCount(1, 50 * 1024 * 1024), 0);
    assert.equal(workerCount(40, 255 * 1024), 0);
    const spare = Math.min(availableParallelism() - 1, 3);
    assert.equal(workerCount(2, 256 * 1024), Math.min(spare, 1));
    assert.equal(workerCount(10, 1024 * 1024), spare);
    process.env.VPCE_LENS_TF_WORKERS = '2';
    assert.equal(workerCount(1, 10), 1, 'forced: as many as asked, never more than the folders');
    assert.equal(workerCount(5, 10), 2);
    process.env.VPCE_LENS_TF_WORKERS = '0';
    assert.equal(workerCount(10, 1024 * 1024), 0);
  } finally {
    if (saved === undefined) delete process.env.VPCE_LENS_TF_WORKERS;
    else process.env.VPCE_LENS_TF_WORKERS = saved;
  }
});
