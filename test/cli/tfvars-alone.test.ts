// A Terraform variables file with no .tf beside it: nothing to give values to. The CLI says so when it
// is named (a note, exit 0), and says where its findings are when a module is beside it; the engine
// given the file alone answers without a throw (a syntax error is still one finding, at its place).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../server/src/core/tf/analysis.js';

const ROOT = join(__dirname, '..', '..');

before(() => ensureTerraformParser());

function run(args: string[], cwd: string) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'vpce-lens.js'), ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('the CLI names a lone variables file as one, not as "not a CloudFormation template"; a folder of them checks nothing and fails nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tfvars-'));
  try {
    writeFileSync(join(dir, 'terraform.tfvars'), 'region = "eu-west-1"\n');
    writeFileSync(join(dir, 'dev.auto.tfvars.json'), '{ "region": ');
    for (const name of ['terraform.tfvars', 'dev.auto.tfvars.json']) {
      const r = run(['check', name], dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, `vpce-lens: note: ${name}: a Terraform variables file sets the variables of the .tf or .tf.json files beside it, and there are none; not checked alone\n`);
      assert.equal(r.out, '0 files checked: 0 errors, 0 warnings, 0 info\n');
    }
    const folder = run(['check', '.'], dir);
    assert.deepEqual([folder.code, folder.err, folder.out], [0, '', '0 files checked: 0 errors, 0 warnings, 0 info\n']);
    // With a module beside it, the note says where its findings are reported.
    writeFileSync(join(dir, 'main.tf'), 'variable "region" {}\n');
    const beside = run(['check', 'terraform.tfvars'], dir);
    assert.equal(beside.code, 0);
    assert.match(beside.err, /note: terraform\.tfvars: a Terraform variables file is read with the \.tf files beside it, whose variables it sets; check their folder \(vpce-lens check \.\) to see its findings; not checked alone/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the engine given a variables file alone: no throw, no finding for a good one, one syntax finding at its place for a broken one', () => {
  const ok = analyzeTerraform([{ path: 'terraform.tfvars', text: 'region = "eu-west-1"\nsubnets = ["a", "b"]\n' }]);
  assert.deepEqual(ok.analysis.findings, []);
  assert.deepEqual(ok.analysis.fixAll(), []);
  const broken = analyzeTerraform([{ path: 'terraform.tfvars', text: 'region = "eu-west-1"\nsubnets = \n' }]);
  assert.deepEqual(broken.analysis.findings.map((f) => [f.ruleId, f.severity]), [['VPCE0001', 'error']]);
  assert.equal(broken.fileOf(broken.analysis.findings[0]!.start)?.file.path, 'terraform.tfvars');
  const json = analyzeTerraform([{ path: 'dev.auto.tfvars.json', text: '[1]' }]);
  assert.deepEqual(json.analysis.findings.map((f) => f.message), ['Terraform variables file: not a JSON object']);
});
