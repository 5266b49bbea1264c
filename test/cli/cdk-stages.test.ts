// `vpce-lens check cdk.out` on an app with stages (one within another) and nested stacks (one within
// another): real `cdk synth` output (test/fixtures/cdk/README.md). The manifests say which templates
// are the app's: each is checked once, stale ones left by an earlier synth are named and not checked,
// and a stack bound to an environment is judged in its region.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iam } from '../../server/src/core/policy/iam.js';

const IAM_DATE = iam().date;

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'cdk');

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The app and its cdk.out in a fresh folder, its recorded paths pointing there. */
function appCopy(): string {
  const app = join(mkdtempSync(join(tmpdir(), 'vpce-cdk-')), 'staged-app');
  cpSync(join(FIXTURES, 'staged-app'), app, { recursive: true });
  const rewrite = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) rewrite(p);
      else if (name.endsWith('.json')) writeFileSync(p, readFileSync(p, 'utf8').split('/home/dev/staged-app/').join(`${app}/`));
    }
  };
  rewrite(join(app, 'cdk.out'));
  return app;
}

// The parent's STS endpoint shares the nested stack's EndpointGroup (an output), which admits nothing: found
// with the nested template (the check reads a parent with its nested stacks, cli/nested-check.ts).
const TEXT = [
  `cdk.out/assembly-Prod/ProdPlatformE645C080.template.json:145:19: error VPCE9005 VpcS3Endpoint4A3DE4B5 policy: s3:GetObjects is not in the IAM reference of ${IAM_DATE}; did you mean s3:GetObject? (construct Prod/Platform/Vpc/S3Endpoint/Resource, defined at lib/platform-stack.ts:19:20)`,
  "cdk.out/assembly-Prod/ProdPlatformE645C080.template.json:235:25: warning VPCE6003 StsEndpoint8BA743A3: no security group of the endpoint (EndpointGroupFCFEDB84) admits TCP 443 from the VPC; clients' calls through it time out (construct Prod/Platform/StsEndpoint/Resource, defined at lib/platform-stack.ts:29:5)",
  "cdk.out/assembly-Prod/ProdPlatformEndpointsCADA6AA4.nested.template.json:99:25: warning VPCE6003 EcrApiEndpointB01DFFD7: no security group of the endpoint (EndpointGroupFCFEDB84) admits TCP 443 from the VPC; clients' calls through it time out (construct Prod/Platform/Endpoints/EcrApiEndpoint/Resource, defined at lib/endpoints-stack.ts:25:5)",
  `cdk.out/assembly-Prod/ProdPlatformEndpointsLogsF35A4AFC.nested.template.json:52:10: error VPCE9005 LogsEndpointF332AD3D policy: logs:PutLogEvent is not in the IAM reference of ${IAM_DATE}; did you mean logs:PutLogEvents? (construct Prod/Platform/Endpoints/Logs/LogsEndpoint/Resource, defined at lib/logs-stack.ts:15:18)`,
  `cdk.out/assembly-Prod/assembly-Prod-Canary/ProdCanaryEdge80C3E176.template.json:86:19: error VPCE9005 VpcDynamoDbEndpoint564903D1 policy: dynamodb:GetItems is not in the IAM reference of ${IAM_DATE}; did you mean dynamodb:GetItem? (construct Prod/Canary/Edge/Vpc/DynamoDbEndpoint/Resource, defined at lib/edge-stack.ts:15:21)`,
  '5 files checked: 3 errors, 2 warnings, 0 info',
];

test('stages and nested stacks: every template once, each finding on its construct; the stage region is where they deploy', () => {
  const app = appCopy();
  // Prod is bound to eu-west-1: its service names say so by CDK's doing, not a portability mistake
  // (no VPCE3002), and a --region for the app's environment-agnostic stacks does not move it (no VPCE3001).
  for (const args of [['cdk.out'], ['--region', 'us-east-1', 'cdk.out'], ['--region', 'eu-west-1', '.']]) {
    const r = run(['check', ...args], app);
    assert.equal(r.err, '', args.join(' '));
    assert.equal(r.code, 1);
    assert.deepEqual(r.out.trimEnd().split('\n'), TEXT, args.join(' '));
  }
  const json = JSON.parse(run(['check', '--format', 'json', 'cdk.out'], app).out) as { results: { file: string }[] };
  assert.deepEqual(json.results.map((x) => x.file), [
    'cdk.out/Tools.template.json',
    'cdk.out/assembly-Prod/ProdPlatformE645C080.template.json',
    'cdk.out/assembly-Prod/ProdPlatformEndpointsCADA6AA4.nested.template.json',
    'cdk.out/assembly-Prod/ProdPlatformEndpointsLogsF35A4AFC.nested.template.json',
    'cdk.out/assembly-Prod/assembly-Prod-Canary/ProdCanaryEdge80C3E176.template.json',
  ]);
});

test('a template or stage folder no manifest names (left by an earlier synth) is named and not checked; a missing one is named', () => {
  const app = appCopy();
  const out = join(app, 'cdk.out');
  cpSync(join(out, 'assembly-Prod', 'assembly-Prod-Canary', 'ProdCanaryEdge80C3E176.template.json'), join(out, 'OldStack.template.json'));
  cpSync(join(out, 'assembly-Prod', 'assembly-Prod-Canary'), join(out, 'assembly-Old'), { recursive: true });
  rmSync(join(out, 'assembly-Prod', 'ProdPlatformEndpointsLogsF35A4AFC.nested.template.json'));
  const r = run(['check', 'cdk.out'], app);
  assert.deepEqual(r.err.trimEnd().split('\n').sort(), [
    'vpce-lens: warning: cdk.out/OldStack.template.json: not named by cdk.out/manifest.json (left by an earlier synth?); not checked',
    'vpce-lens: warning: cdk.out/assembly-Old: a stage folder cdk.out/manifest.json does not name (left by an earlier synth?); not checked',
    'vpce-lens: warning: cdk.out/assembly-Prod/ProdPlatformEndpointsLogsF35A4AFC.nested.template.json: named by cdk.out/assembly-Prod/manifest.json but missing; not checked',
  ]);
  assert.deepEqual(r.out.trimEnd().split('\n'), [TEXT[0], TEXT[1], TEXT[2], TEXT[4], '4 files checked: 2 errors, 2 warnings, 0 info']);
});

test('a manifest that is not one, or of a newer schema it cannot read: a clear warning, and every template is checked', () => {
  const app = appCopy();
  writeFileSync(join(app, 'cdk.out', 'manifest.json'), '{ "version": "55.0.0", ');
  const r = run(['check', 'cdk.out'], app);
  assert.match(r.err, /^vpce-lens: warning: cdk\.out\/manifest\.json: not JSON \([^\n]*\); every template in its folder is checked, construct source lines are not shown\n$/);
  // The stage's own manifest still reads: its findings keep their lines and its region.
  assert.deepEqual(r.out.trimEnd().split('\n'), TEXT);
  writeFileSync(join(app, 'cdk.out', 'manifest.json'), JSON.stringify({ version: '99.0.0', artifacts: { Tools: { type: 'aws:cloudformation:stack', properties: { template: 'Tools.template.json' } } } }));
  const newer = run(['check', 'cdk.out'], app);
  assert.match(newer.err, /cdk\.out\/manifest\.json: stack Tools names no template \(properties\.templateFile\)/);
  assert.match(newer.err, /cloud assembly schema 99\.0\.0 is newer than this version of vpce-lens reads \(up to 55\.x\)/);
  assert.match(newer.err, /cdk\.out\/manifest\.json: not fully understood; every template in its folder is checked\n/);
  assert.deepEqual(newer.out.trimEnd().split('\n').at(-1), TEXT.at(-1));
  assert.equal(newer.code, 1);
});

test('CDK 2.100 --debug, checked from elsewhere: the same findings, the recorded absolute paths', () => {
  const r = run(['check', 'test/fixtures/cdk/staged-app-2.100/cdk.out']);
  assert.equal(r.err, '');
  const lines = r.out.trimEnd().split('\n');
  const base = 'test/fixtures/cdk/staged-app-2.100/';
  assert.deepEqual(
    lines,
    // 2.100 writes the parent's STS endpoint six lines higher.
    TEXT.map((l) => (l.startsWith('cdk.out/') ? base + l.replace(/defined at lib\//, 'defined at /home/dev/staged-app-2.100/lib/').replace('ProdPlatformE645C080.template.json:235:25', 'ProdPlatformE645C080.template.json:229:25') : l)),
  );
});

test('a template named twice (a folder and a template in it, or a stage folder too) is checked once', () => {
  const app = appCopy();
  const r = run(['check', 'cdk.out/assembly-Prod/ProdPlatformE645C080.template.json', 'cdk.out', 'cdk.out/assembly-Prod', '.'], app);
  assert.equal(r.err, '');
  const lines = r.out.trimEnd().split('\n');
  assert.deepEqual([...lines].sort(), [...TEXT].sort());
});

test('a manifest.json beside a template outside a cloud assembly (no cdk.out version file) is not read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-cdk-'));
  cpSync(join(FIXTURES, 'staged-app', 'cdk.out', 'Tools.template.json'), join(dir, 'network.template.json'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'a browser extension' }));
  const r = run(['check', 'network.template.json'], dir);
  assert.equal(r.err, '');
  assert.equal(r.out, '1 file checked: 0 errors, 0 warnings, 0 info\n');
});
