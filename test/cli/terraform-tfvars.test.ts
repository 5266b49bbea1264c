// A finding whose deciding value is written in a variables file (terraform.tfvars, *.auto.tfvars) is
// reported there by the CLI: the folder's check never drops it because no .tf file holds it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');

test('an error decided by a terraform.tfvars value is reported in that file, with exit status 1', () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tfvars-'));
  mkdirSync(join(dir, 'net'));
  writeFileSync(join(dir, 'net', 'variables.tf'), 'variable "dns" {\n  default = false\n}\n');
  writeFileSync(join(dir, 'net', 'terraform.tfvars'), '# private DNS on\ndns = true\n');
  writeFileSync(
    join(dir, 'net', 'main.tf'),
    `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = var.dns
}
data "aws_region" "current" {}
`,
  );
  for (const args of [['check', 'net'], ['check', join('net', 'main.tf')]]) {
    const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const files = JSON.parse(r.stdout).results as { file: string; findings: { ruleId: string; range: { start: { line: number } } }[] }[];
    const tfvars = files.find((f) => f.file.endsWith('terraform.tfvars'));
    assert.ok(tfvars, `${args.join(' ')}: terraform.tfvars is reported (${r.stdout.slice(0, 400)})`);
    assert.deepEqual(tfvars.findings.map((f) => [f.ruleId, f.range.start.line]), [['VPCE5001', 1]]);
    assert.equal(r.status, 1);
  }
});

test('a Terraform JSON configuration (.tf.json) is said not to be checked: never "0 files checked" with exit 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tfjson-'));
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ resource: { aws_vpc_endpoint: { s3: { vpc_id: 'vpc-1', service_name: 'com.amazonaws.us-east-1.s3' } } } }));
  const named = spawnSync(process.execPath, [CLI, 'check', 'cdk.tf.json'], { cwd: dir, encoding: 'utf8' });
  assert.match(named.stderr, /cdk\.tf\.json: Terraform JSON configuration \(\.tf\.json\) is not read yet.*not checked/);
  assert.equal(named.status, 2);
  const found = spawnSync(process.execPath, [CLI, 'check', '.'], { cwd: dir, encoding: 'utf8' });
  assert.match(found.stderr, /warning: .*cdk\.tf\.json: Terraform JSON configuration/);
  assert.equal(found.status, 0);
});

test('a local module written only in Terraform JSON is named as not read, and a JSON file beside .tf files hides no declaration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tfjson-mod-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'root'));
  mkdirSync(join(dir, 'mod'));
  writeFileSync(join(dir, 'mod', 'main.tf.json'), '{"resource": {}}');
  writeFileSync(join(dir, 'root', 'main.tf'), 'module "m" {\n  source = "../mod"\n}\nlocals {\n  x = var.from_json\n}\n');
  writeFileSync(join(dir, 'root', 'variables.tf.json'), '{"variable": {"from_json": {}}}');
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', 'root'], { cwd: dir, encoding: 'utf8' });
  const findings = (JSON.parse(r.stdout).results as { findings: { ruleId: string; message: string }[] }[]).flatMap((f) => f.findings);
  assert.deepEqual(findings.map((f) => f.ruleId), ['VPCE0000']);
  assert.match(findings[0]!.message, /Terraform JSON \(\.tf\.json\), which is not read yet/);
});
