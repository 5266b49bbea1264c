// A cdk.out as a failed or interrupted `cdk synth` leaves it: a clear line on stderr, never a crash, and
// no answer that a missing part could contradict (test/fixtures/cdk/cross-stack-app: WorkloadStack adds a
// rule to NetworkStack's SSM endpoint group).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const APP = join(ROOT, 'test', 'fixtures', 'cdk', 'cross-stack-app');

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function appCopy(): string {
  const app = join(mkdtempSync(join(tmpdir(), 'vpce-cdk-')), 'cross-stack-app');
  cpSync(APP, app, { recursive: true });
  return app;
}

// "file rule resource" (a syntax error names no resource).
const findingsOf = (out: string) => out.trimEnd().split('\n').slice(0, -1).map((l) => /^(\S+?):\d+:\d+: \w+ (VPCE\d+)(?: (\w+):)?/.exec(l)!.slice(1).filter(Boolean).join(' '));

test('a sibling template cut short: its syntax error, and the groups it may add rules to are not judged', () => {
  const app = appCopy();
  const work = join(app, 'cdk.out', 'WorkloadStack.template.json');
  writeFileSync(work, readFileSync(work, 'utf8').slice(0, 3000));
  const r = run(['check', '--region', 'us-east-1', 'cdk.out'], app);
  assert.equal(r.err, '');
  assert.deepEqual(findingsOf(r.out), ['cdk.out/NetworkStack.template.json VPCE6003 VpcSecretsEndpointFBE119FA', 'cdk.out/WorkloadStack.template.json VPCE0001']);
});

test('no manifest.json in cdk.out: every template checked, the stacks still read together', () => {
  const app = appCopy();
  rmSync(join(app, 'cdk.out', 'manifest.json'));
  const r = run(['check', '--region', 'us-east-1', 'cdk.out'], app);
  assert.deepEqual(findingsOf(r.out), ['cdk.out/NetworkStack.template.json VPCE6003 VpcSecretsEndpointFBE119FA', 'cdk.out/WorkloadStack.template.json VPCE6003 OwnVpcStsEndpointD9487ECD']);
});

test('a template the manifest names is a folder: said, not checked', () => {
  const app = appCopy();
  rmSync(join(app, 'cdk.out', 'WorkloadStack.template.json'));
  mkdirSync(join(app, 'cdk.out', 'WorkloadStack.template.json'));
  const r = run(['check', '--region', 'us-east-1', 'cdk.out'], app);
  assert.equal(r.err, 'vpce-lens: warning: cdk.out/WorkloadStack.template.json: named by cdk.out/manifest.json as a template, but a folder; not checked\n');
  // What that stack adds to the SSM group cannot be known: no VPCE6003 on it.
  assert.deepEqual(findingsOf(r.out), ['cdk.out/NetworkStack.template.json VPCE6003 VpcSecretsEndpointFBE119FA']);
});

test('an empty cdk.out (synth failed or never ran): said', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-cdk-'));
  mkdirSync(join(dir, 'cdk.out'));
  const r = run(['check', 'cdk.out'], dir);
  assert.equal(r.err, 'vpce-lens: warning: cdk.out: a CDK cloud assembly folder with no manifest.json and no templates (did cdk synth run?); nothing to check\n');
  assert.equal(r.out, '0 files checked: 0 errors, 0 warnings, 0 info\n');
  assert.equal(r.code, 0);
});

// test/fixtures/cdk/lookup-app: Lookup's VPC is Vpc.fromLookup, synthesised without the lookup made (the
// manifest's `missing`), as `cdk synth` leaves cdk.out when it cannot reach AWS; Local looks nothing up.
test('a stack synthesised before its context lookups: CDK placeholders (vpc-12345) are not judged, said once', () => {
  const app = join(ROOT, 'test', 'fixtures', 'cdk', 'lookup-app');
  const why = "synthesised before CDK looked up vpc-provider: CDK's placeholders (such as vpc-12345) stand in for what it finds until cdk synth runs with credentials and records it in cdk.context.json; not checked";
  const r = run(['check', 'cdk.out'], app);
  assert.equal(r.err, `vpce-lens: warning: cdk.out/Lookup.template.json: ${why}\n`);
  assert.deepEqual(findingsOf(r.out), ['cdk.out/Local.template.json VPCE6003 VpcSsmEndpointC46DB833']);
  // Named on the command line: the same.
  const named = run(['check', 'cdk.out/Lookup.template.json'], app);
  assert.equal(named.err, `vpce-lens: warning: cdk.out/Lookup.template.json: ${why}\n`);
  assert.equal(named.out, '0 files checked: 0 errors, 0 warnings, 0 info\n');
});
