// A matrix with no rows (a template that creates no subnet and no workload: its endpoints sit in subnets it is
// given) says why, instead of printing a header alone that reads as a broken answer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const FILE = 'test/fixtures/trace/subnets-as-parameters.yaml';

function run(args: string[]) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('a matrix without sources says there is nothing to trace from, and why', () => {
  const r = run(['trace', FILE, '--matrix', '--region', 'eu-west-1']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.length, 2, r.out);
  assert.match(lines[0]!, /^\s+ssm\s/);
  assert.equal(lines[1], 'no rows: this template has no subnet and no workload with a network configuration to trace from (subnets it is only given, as parameters or variables, are not traced: their route tables are not here)');
  const json = JSON.parse(run(['trace', FILE, '--matrix', '--region', 'eu-west-1', '--format', 'json']).out);
  assert.deepEqual(json.sources, []);
});

test('a matrix with sources has no such line', () => {
  const r = run(['trace', 'examples/endpoints-with-mistakes.yaml', '--matrix', '--region', 'eu-west-1']);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /no rows/);
});
