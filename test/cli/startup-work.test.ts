// A CLI run pays for everything its modules do when they load, before it reads a byte of the template.
// Two costly things crept into module load once (a grapheme Intl.Segmenter for Terraform's length(),
// ~18 ms, and node:worker_threads for the Terraform pool, ~4 ms): a CloudFormation check needs neither,
// so neither may happen on its path. A preload records both; the first test shows the record works.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vpce-lens.js');

const HOOK = `
const Module = require('node:module');
const seen = [];
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'node:worker_threads' || request === 'worker_threads') seen.push('worker_threads');
  return load.call(this, request, ...rest);
};
const Segmenter = Intl.Segmenter;
Intl.Segmenter = function (...args) { seen.push('Segmenter'); return new Segmenter(...args); };
process.on('exit', () => process.stderr.write('startup-work: ' + JSON.stringify(seen) + '\\n'));
`;

function recorded(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-startup-'));
  try {
    const hook = join(dir, 'hook.cjs');
    writeFileSync(hook, HOOK);
    const run = spawnSync(process.execPath, ['--require', hook, ...args], { cwd: dir, encoding: 'utf8' });
    const line = run.stderr.split('\n').find((l) => l.startsWith('startup-work: '));
    assert.ok(line, `no record on stderr: ${run.stderr}`);
    return JSON.parse(line.slice('startup-work: '.length)) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the record sees a Segmenter made and worker_threads loaded', () => {
  assert.deepEqual(recorded(['-e', "require('node:worker_threads'); new Intl.Segmenter('en')"]).sort(), ['Segmenter', 'worker_threads']);
});

test('a CloudFormation check, JSON or YAML, makes no Segmenter and loads no worker_threads', () => {
  for (const file of ['scripts/bench/inputs/cfn-lint-quickstart-vpc.json', 'examples/endpoints-with-mistakes.yaml']) {
    assert.deepEqual(recorded([BIN, 'check', '--region', 'us-east-1', join(ROOT, file)]), [], file);
  }
});
