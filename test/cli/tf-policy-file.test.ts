// A Terraform endpoint policy read with file("${path.module}/policy.json"): the trace said unknown while
// check judged the JSON file on its own. The faces now hand the module the .json files its file() calls
// name (tf-module-files.ts): the CLI's trace and the editor's analysis read the policy; check still
// reports the file once; a link that leaves the folder is not followed.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../server/src/tf-parser.js';
import { readModuleFiles } from '../../server/src/tf-module-files.js';
import { terraformAnalysis } from '../../server/src/lsp/terraform-doc.js';
import { traceNetwork } from '../../server/src/core/trace/api.js';
import { s3Network } from '../helpers/tf-endpoint-policy.js';

const ROOT = join(__dirname, '..', '..');

before(() => ensureTerraformParser());

function run(args: string[], cwd: string) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'vpce-lens.js'), ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:GetObjekt"], "Resource": "*" }
  ]
}
`;

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tf-policy-file-'));
  mkdirSync(join(dir, 'policies'));
  writeFileSync(join(dir, 'main.tf'), s3Network('file("${path.module}/policies/s3.json")'));
  writeFileSync(join(dir, 'policies', 's3.json'), POLICY);
  return dir;
}

test('the CLI traces through the file\'s policy, and check reports the file\'s finding once', () => {
  const dir = folder();
  try {
    const put = run(['trace', '.', '--from', 'aws_subnet.a', '--to', 's3', '--action', 's3:PutObject', '--region', 'eu-west-1'], dir);
    assert.match(put.out, /aws_subnet\.a → s3: BLOCKED/, put.out + put.err);
    assert.match(put.out, /no Allow statement matches s3:PutObject/);
    const get = run(['trace', '.', '--from', 'aws_subnet.a', '--to', 's3', '--action', 's3:GetObject', '--region', 'eu-west-1'], dir);
    assert.match(get.out, /aws_subnet\.a → s3: PRIVATE/, get.out + get.err);
    const check = run(['check', '--region', 'eu-west-1', '.', 'policies/s3.json'], dir);
    assert.equal(check.out.split('\n').filter((l) => l.includes('VPCE9005')).length, 1, check.out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the editor\'s analysis of main.tf reads the policy file too', () => {
  const dir = folder();
  try {
    const path = join(dir, 'main.tf');
    const a = terraformAnalysis(readFileSync(path, 'utf8'), { fileName: path, settings: { regions: ['eu-west-1'] } });
    assert.ok(a);
    const t = traceNetwork(a.network()!, 'aws_subnet.a', 's3', { action: 's3:PutObject' });
    assert.ok(t.ok);
    assert.equal(t.result.verdict, 'blocked');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('only the .json files a file() call names are read, never through a link out of the folder', () => {
  const dir = folder();
  const outside = mkdtempSync(join(tmpdir(), 'vpce-tf-outside-'));
  try {
    writeFileSync(join(dir, 'other.json'), '{}');
    assert.deepEqual(readModuleFiles(dir).files.map((f) => f.path).sort(), [join(dir, 'main.tf'), join(dir, 'policies', 's3.json')]);
    writeFileSync(join(outside, 's3.json'), POLICY);
    rmSync(join(dir, 'policies'), { recursive: true });
    symlinkSync(outside, join(dir, 'policies'));
    assert.deepEqual(readModuleFiles(dir).files.map((f) => f.path), [join(dir, 'main.tf')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});
