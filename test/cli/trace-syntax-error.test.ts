// A template with a syntax error is not traced, matrixed or mapped: the tree recovered after the error is
// a guess (the rules do not judge it either), and the answer says what is wrong and where, as `check` does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const FILE = 'test/fixtures/real-cfn7/syntax-error.yaml';

function run(args: string[]) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('trace, matrix and map of a template that does not parse name the syntax error and its line:col', () => {
  const check = run(['check', FILE]);
  assert.match(check.out, /syntax-error\.yaml:6:18: error VPCE0001 Missing closing "quote/);
  for (const args of [
    ['trace', FILE, '--from', 'Subnet', '--to', 'ssm'],
    ['trace', FILE, '--from', 'Subnet', '--to', 'ssm', '--format', 'json'],
    ['trace', FILE, '--matrix'],
    ['trace', FILE, '--from', 'Subnet', '--to', 'ssm', '--format', 'svg'],
    ['map', FILE],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.out, '', args.join(' '));
    assert.equal(r.err, `vpce-lens: ${FILE}:6:18: the template does not parse: Missing closing "quote: the string opened here never ends\n`, args.join(' '));
  }
});
