// The CLI's trace (and matrix) of a Terraform folder whose HCL does not parse handed the module's joined
// text to the CloudFormation reader: "the template does not parse: Expected one key with its value here"
// at the folder's 1:1, or "not a CloudFormation template" — YAML words about HCL, nowhere near the error.
// Found cutting the session 17 sweep's files short. Now trace, matrix and map name the module's first
// syntax error at its file:line:col, as check reports it (VPCE0001), and exit 2.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');

function run(args: string[]) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GOOD = `resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
`;
// A file cut short inside a block's labels, as an editor's half-typed file is.
const CUT = `resource "aws_vpc_endpoint" "s3" {
  vpc_id = aws_vpc.v.id
}

resource "aws_vpc_endpoint_sub`;

test('trace, matrix and map of a Terraform folder that does not parse name its first syntax error at file:line:col', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sweep17-broken-'));
  try {
    writeFileSync(join(dir, 'main.tf'), GOOD);
    writeFileSync(join(dir, 'endpoints.tf'), CUT);
    const check = run(['check', dir]);
    const finding = /endpoints\.tf:(\d+):(\d+): error VPCE0001 (.*)/.exec(check.out);
    assert.ok(finding, check.out);
    for (const args of [
      ['trace', dir, '--matrix'],
      ['trace', dir, '--from', 'aws_subnet.a', '--to', 's3'],
      ['trace', dir, '--from', 'aws_subnet.a', '--to', 's3', '--format', 'json'],
      ['map', dir],
    ]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '', args.join(' '));
      assert.match(r.err, new RegExp(`endpoints\\.tf:${finding[1]}:${finding[2]}: the Terraform module does not parse: `), args.join(' '));
      assert.ok(r.err.includes(finding[3]!), `${args.join(' ')}: ${r.err}`);
      assert.doesNotMatch(r.err, /Expected one key|not a CloudFormation template/, args.join(' '));
    }
    // The folder whole again: traced.
    writeFileSync(join(dir, 'endpoints.tf'), CUT.replace(/\n\nresource "aws_vpc_endpoint_sub$/, '\n'));
    assert.equal(run(['trace', dir, '--matrix']).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
