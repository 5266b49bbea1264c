// A finding whose deciding value is written in a variables file (terraform.tfvars, *.auto.tfvars) is
// reported there by the CLI: the folder's check never drops it because no .tf file holds it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DNS_FROM_TFVARS, tfFolder, under } from '../helpers/tf-folder.js';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');

test('an error decided by a terraform.tfvars value is reported in that file, with exit status 1', () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const dir = tfFolder('tfvars', under('net', DNS_FROM_TFVARS));
  for (const args of [['check', 'net'], ['check', join('net', 'main.tf')]]) {
    const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const files = JSON.parse(r.stdout).results as { file: string; findings: { ruleId: string; range: { start: { line: number } } }[] }[];
    const tfvars = files.find((f) => f.file.endsWith('terraform.tfvars'));
    assert.ok(tfvars, `${args.join(' ')}: terraform.tfvars is reported (${r.stdout.slice(0, 400)})`);
    assert.deepEqual(tfvars.findings.map((f) => [f.ruleId, f.range.start.line]), [['VPCE5001', 1]]);
    assert.equal(r.status, 1);
  }
});

test('a Terraform JSON configuration (.tf.json) is checked, named or found in a folder: findings placed in it', () => {
  const text = JSON.stringify({ resource: { aws_vpc_endpoint: { s3: { vpc_id: 'vpc-1', service_name: 'com.amazonaws.us-east-1.s3', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObjekt","Resource":"*"}]}' } } } }, null, 2);
  const dir = tfFolder('tfjson', { 'cdk.tf.json': text });
  for (const arg of ['cdk.tf.json', '.']) {
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', arg], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    const results = JSON.parse(r.stdout).results as { file: string; findings: { ruleId: string; range: { start: { line: number; character: number } } }[] }[];
    assert.deepEqual(results.map((x) => x.file), ['cdk.tf.json']);
    const typo = results[0]!.findings.find((f) => f.ruleId === 'VPCE9005');
    assert.ok(typo, JSON.stringify(results));
    // The line and column of the action inside the JSON string (its escaped quotes counted).
    const lines = text.split('\n');
    assert.equal(lines[typo.range.start.line]!.slice(typo.range.start.character).startsWith('s3:GetObjekt'), true, JSON.stringify(typo));
  }
});

test('a local module written only in Terraform JSON is read, and a JSON file beside .tf files declares what they use', () => {
  const dir = tfFolder('tfjson-mod', {
    'mod/main.tf.json': '{"variable": {"region": {}}, "resource": {"aws_vpc_endpoint": {"e": {"vpc_id": "vpc-1", "service_name": "com.amazonaws.${var.region}.s3", "vpc_endpoint_type": "Gateway"}}}}',
    'root/main.tf': 'module "m" {\n  source = "../mod"\n  region = "eu-west-1"\n}\nlocals {\n  x = var.from_json\n}\n',
    'root/variables.tf.json': '{"variable": {"from_json": {}}}',
  });
  mkdirSync(join(dir, '.git'));
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', 'root'], { cwd: dir, encoding: 'utf8' });
  const findings = (JSON.parse(r.stdout).results as { findings: { ruleId: string; message: string }[] }[]).flatMap((f) => f.findings);
  // The module is read (no "not read" notice): its gateway endpoint has no route table (VPCE2002), and its
  // service name's region is the call's literal (VPCE3002), both shown on the call.
  assert.deepEqual(findings.map((f) => f.ruleId), ['VPCE2002', 'VPCE3002']);
});
