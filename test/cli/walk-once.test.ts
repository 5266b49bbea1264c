// A check walks each named folder once: the walk that finds its files also says whether any is Terraform
// (the parser, WebAssembly, is loaded only then, after the walk) and reads the CDK assemblies' manifests. The
// walk's file system is the test's, counting each folder's reads; the answers are the built CLI's, byte for byte.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../../server/src/cli.js';
import type { WalkFs } from '../../server/src/cli/files.js';
import { ensureTerraformParser } from '../../server/src/tf-parser.js';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');

/** node:fs for the walk, with each folder's reads counted (by path relative to the working folder). */
function countingFs(): { fs: WalkFs; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const readdirSync = ((dir: fs.PathLike, options?: unknown) => {
    const key = relative(ROOT, String(dir)).split('\\').join('/');
    reads.set(key, (reads.get(key) ?? 0) + 1);
    return (fs.readdirSync as (d: fs.PathLike, o?: unknown) => unknown)(dir, options);
  }) as WalkFs['readdirSync'];
  return { fs: { existsSync: fs.existsSync, statSync: fs.statSync, realpathSync: fs.realpathSync, readdirSync }, reads };
}

/** A folder with a CloudFormation template, a Terraform module, and what the walk leaves out. */
function mixedFolder(): string {
  const dir = fs.mkdtempSync(join(tmpdir(), 'vpce-walk-once-'));
  fs.copyFileSync(join(ROOT, 'examples/endpoints-with-mistakes.yaml'), join(dir, 'template.yaml'));
  fs.mkdirSync(join(dir, 'network'));
  fs.copyFileSync(join(ROOT, 'test/fixtures/tf/vpc-endpoints-module.tf'), join(dir, 'network', 'main.tf'));
  for (const skipped of ['node_modules/pkg', '.terraform/modules/m']) {
    fs.mkdirSync(join(dir, skipped), { recursive: true });
    fs.writeFileSync(join(dir, skipped, 'main.tf'), 'resource "aws_vpc" "x" {}\n');
  }
  return dir;
}

async function run(args: string[], loadTerraformParser: () => Promise<void>, { fs: walkFs, reads } = countingFs()) {
  let out = '';
  let err = '';
  const code = await runCli(args, (s) => (out += s), (s) => (err += s), { walkFs, loadTerraformParser });
  return { code, out, err, reads };
}

function built(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('a folder with Terraform, CloudFormation and a CDK assembly: each folder walked once, the parser loaded once, after the walk', async () => {
  const dir = mixedFolder();
  try {
    const cdk = 'test/fixtures/cdk/nested-rule-app';
    const args = ['check', '--region', 'eu-west-1', '--format', 'json', dir, cdk];
    let loads = 0;
    let walkedBeforeLoad = 0;
    const counting = countingFs();
    const reads = counting.reads;
    const r = await run(args, async () => {
      loads++;
      walkedBeforeLoad = reads.size;
      await ensureTerraformParser();
    }, counting);
    assert.equal(loads, 1, 'the Terraform parser loaded once');
    assert.ok(walkedBeforeLoad > 0, 'loaded after the walk, which found the .tf');
    const walked = [...reads.keys()];
    assert.ok(walked.includes(relative(ROOT, join(dir, 'network'))), `the module's folder walked: ${walked.join(', ')}`);
    assert.ok(walked.includes(`${cdk}/cdk.out`), `the assembly walked: ${walked.join(', ')}`);
    assert.ok(!walked.some((d) => /node_modules|\.terraform/.test(d)), `skipped folders not walked: ${walked.join(', ')}`);
    for (const [folder, n] of reads) assert.equal(n, 1, `${folder} read ${n} times`);
    // What it found, read and reported as the built CLI reports it.
    const files = (JSON.parse(r.out) as { results: { file: string }[] }).results.map((f) => f.file);
    assert.ok(files.some((f) => f.endsWith('network/main.tf')) && files.some((f) => f.endsWith('template.yaml')) && files.some((f) => f.includes('cdk.out')), files.join(', '));
    assert.deepEqual(r, { ...built(args), reads });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a CloudFormation folder: walked once, no Terraform parser loaded', async () => {
  // The examples without their Terraform module.
  const args = ['check', '--region', 'eu-west-1', 'examples/endpoints-fixed.yaml', 'test/fixtures/cdk/nested-rule-app'];
  let loads = 0;
  const r = await run(args, async () => void loads++);
  assert.equal(loads, 0);
  assert.deepEqual([...r.reads.values()].filter((n) => n !== 1), [], JSON.stringify([...r.reads]));
  assert.equal(r.reads.get('test/fixtures/cdk/nested-rule-app/cdk.out'), 1);
  const { reads: _, ...answer } = r;
  assert.deepEqual(answer, built(args));
});
