// When the CLI checks a Terraform tree's folders in worker threads (server/src/cli/tf-pool.ts): only
// for a tree big enough to pay for the workers' start, never more workers than free cores or folders
// to share. That the pooled output is the serial one is in terraform.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerCount } from '../../server/src/cli/tf-pool.js';

test('worker threads only for two folders or more and 256 KB of .tf, one per core the load leaves free, at most three', () => {
  const saved = process.env.VPCE_LENS_TF_WORKERS;
  delete process.env.VPCE_LENS_TF_WORKERS;
  try {
    const MB = 1024 * 1024;
    assert.equal(workerCount(1, 50 * MB, 8, 0), 0, 'one folder: nothing to share');
    assert.equal(workerCount(40, 255 * 1024, 8, 0), 0, 'too little .tf to pay for a start');
    assert.equal(workerCount(2, 256 * 1024, 8, 0), 1, 'never more workers than folders to share');
    assert.equal(workerCount(10, MB, 2, 0.3), 1, 'an idle 2-core machine: the main thread and one worker');
    assert.equal(workerCount(10, MB, 2, 1.2), 0, 'the other core is busy');
    assert.equal(workerCount(10, MB, 2, 17), 0);
    assert.equal(workerCount(10, MB, 8, 2.5), 3, 'at most three');
    assert.equal(workerCount(10, MB, 4, 1.5), 2);
    assert.equal(workerCount(10, MB, 1, 0), 0);
    process.env.VPCE_LENS_TF_WORKERS = '2';
    assert.equal(workerCount(1, 10, 2, 17), 1, 'forced: as many as asked whatever the load, never more than the folders');
    assert.equal(workerCount(5, 10, 2, 17), 2);
    process.env.VPCE_LENS_TF_WORKERS = '0';
    assert.equal(workerCount(10, MB, 8, 0), 0);
  } finally {
    if (saved === undefined) delete process.env.VPCE_LENS_TF_WORKERS;
    else process.env.VPCE_LENS_TF_WORKERS = saved;
  }
});
