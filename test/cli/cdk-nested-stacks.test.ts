// The trace and map of a CDK stack read the nested stacks it deploys (core/cdk/nested-inline.ts): real
// `cdk synth` output (test/fixtures/cdk/README.md). nested-vpc-app builds its VPC in a nested stack and
// runs a Lambda function and a KMS endpoint in the parent, on the nested stack's outputs; staged-app's
// Prod/Platform hands its VPC down to the nested stacks Endpoints and Endpoints/Logs, which hold most of
// its endpoints and the STS endpoint's security group (an output).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const APP = join(ROOT, 'test', 'fixtures', 'cdk', 'nested-vpc-app');
const NESTED = 'AppStackNetwork96FAA7A1.nested.template.json';

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function matrix(file: string, cwd: string): Record<string, Record<string, string>> {
  const r = run(['trace', file, '--matrix', '--format', 'json'], cwd);
  assert.equal(r.err, '');
  const m = JSON.parse(r.out) as { sources: { id: string }[]; targets: string[]; verdicts: string[][] };
  return Object.fromEntries(m.sources.map((s, i) => [s.id, Object.fromEntries(m.targets.map((t, j) => [t, m.verdicts[i]![j]!]))]));
}

test('check: the one true finding, in the nested template (the Secrets Manager endpoint built open: false)', () => {
  const r = run(['check', 'cdk.out'], APP);
  assert.equal(r.err, '');
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.length, 2, r.out);
  assert.match(lines[0]!, new RegExp(`^cdk\\.out/${NESTED.replace(/\./g, '\\.')}:\\d+:\\d+: warning VPCE6003 VpcSecrets6D69DA67: `));
});

test("a VPC in a nested stack: the parent's function is traced through the nested stack's subnets, groups and endpoints", () => {
  const m = matrix('cdk.out/AppStack.template.json', APP);
  // The subnets are isolated (no NAT, no internet gateway): what has no endpoint is blocked.
  const worker = m.Worker11F36D0F!;
  assert.deepEqual(
    { kms: worker.kms, s3: worker.s3, ssm: worker.ssm, secretsmanager: worker.secretsmanager, sts: worker.sts, internet: worker.internet },
    { kms: 'private', s3: 'private', ssm: 'private', secretsmanager: 'blocked', sts: 'blocked', internet: 'blocked' },
  );
  assert.deepEqual(Object.values(m).flatMap((row) => Object.values(row)).filter((v) => v === 'unknown'), []);
  // The nested stack's subnets are sources of the parent's matrix too.
  assert.ok(m.VpcAppSubnet1Subnet7D2CF347);
});

test("a hop in the nested template names the nested template's file and line", () => {
  const r = run(['trace', 'cdk.out/AppStack.template.json', '--from', 'Worker11F36D0F', '--to', 'secretsmanager'], APP);
  assert.equal(r.err, '');
  const lines = r.out.split('\n');
  assert.match(lines[0]!, /: BLOCKED — .*no rule of VpcSecretsSecurityGroupE85FECA2 allows inbound TCP 443 from Worker11F36D0F$/);
  assert.match(r.out, /✓ function +Worker11F36D0F .*\(cdk\.out\/AppStack\.template\.json:190:3\)/);
  assert.match(r.out, new RegExp(`✗ endpoint security group in +VpcSecretsSecurityGroupE85FECA2 .*\\(cdk\\.out/${NESTED.replace(/\./g, '\\.')}:266:3\\)`));
  const json = JSON.parse(run(['trace', 'cdk.out/AppStack.template.json', '--from', 'Worker11F36D0F', '--to', 'secretsmanager', '--format', 'json'], APP).out) as { hops: { resource: string; file?: string; range: { start: { line: number } } }[] };
  const group = json.hops.find((h) => h.resource === 'VpcSecretsSecurityGroupE85FECA2')!;
  assert.deepEqual({ file: group.file, line: group.range.start.line }, { file: `cdk.out/${NESTED}`, line: 265 });
  assert.equal(json.hops.find((h) => h.resource === 'Worker11F36D0F')!.file, undefined);
});

test('the nested template missing: its outputs are unknown, named, as the parent alone says', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-cdk-'));
  try {
    cpSync(APP, join(dir, 'app'), { recursive: true });
    rmSync(join(dir, 'app', 'cdk.out', NESTED));
    const r = run(['trace', 'cdk.out/AppStack.template.json', '--from', 'Worker11F36D0F', '--to', 'kms'], join(dir, 'app'));
    assert.match(r.out.split('\n')[0]!, /^Worker11F36D0F → kms: UNKNOWN — .*NetworkNestedStackNetworkNestedStackResource0124E108\.Outputs\.AppStackNetwork/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("staged-app: Prod/Platform's subnets to the endpoints of its nested stacks (two levels) are answered", () => {
  const dir = join(ROOT, 'test', 'fixtures', 'cdk', 'staged-app');
  for (const cdkOut of ['cdk.out', '../staged-app-2.100/cdk.out']) {
    const m = matrix(`${cdkOut}/assembly-Prod/ProdPlatformE645C080.template.json`, dir);
    for (const row of Object.values(m)) {
      // ssm (Endpoints, open to the VPC's range the parent passes), logs (Endpoints/Logs); sts's group is
      // Endpoints' output, the ECR endpoints' group, which admits nothing (VPCE6003 in the nested template).
      assert.deepEqual({ s3: row.s3, ssm: row.ssm, logs: row.logs, sts: row.sts, 'ecr.api': row['ecr.api'], kms: row.kms }, { s3: 'private', ssm: 'private', logs: 'private', sts: 'blocked', 'ecr.api': 'blocked', kms: 'blocked' });
      assert.deepEqual(Object.values(row).filter((v) => v === 'unknown'), []);
    }
  }
});
