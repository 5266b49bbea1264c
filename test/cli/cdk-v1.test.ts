// CDK v1 (@aws-cdk/core 1.204, cloud assembly schema 21): real `cdk synth` output of test/fixtures/cdk/v1-app
// (README.md). The legacy synthesizer writes no asset manifests: the nested stacks' templates are known
// from `aws:cdk:asset` metadata; stack traces are the `trace` of each logical-id entry, recorded by default.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iam } from '../../server/src/core/policy/iam.js';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const APP = join(ROOT, 'test', 'fixtures', 'cdk', 'v1-app');
const IAM_DATE = iam().date;

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('v1: every stack, nested stack and stage template once, each finding on its construct and line', () => {
  const r = run(['check', '--region', 'us-east-1', 'cdk.out'], APP);
  assert.equal(r.err, '');
  // Synthesised in /home/dev/v1-app: the recorded file is shown where it is in this checkout, the app's bin/app.js.
  const at = (line: number, column: number) => `defined at bin/app.js:${line}:${column})`;
  assert.deepEqual(r.out.trimEnd().split('\n'), [
    `cdk.out/NetworkStack.template.json:174:19: error VPCE9005 VpcS3Endpoint4A3DE4B5 policy: s3:GetObjects is not in the IAM reference of ${IAM_DATE}; did you mean s3:GetObject? (construct NetworkStack/Vpc/S3Endpoint/Resource, ${at(20, 20)}`,
    `cdk.out/NetworkStack.template.json:242:25: warning VPCE6003 VpcSsmEndpointC46DB833: no security group of the endpoint (VpcSsmEndpointSecurityGroup579ACE06) admits TCP 443 from the VPC; clients' calls through it time out (construct NetworkStack/Vpc/SsmEndpoint/Resource, ${at(22, 9)}`,
    `cdk.out/NetworkStackObservability5187F713.nested.template.json:65:19: error VPCE9005 LogsEndpointF332AD3D policy: logs:PutLogEvent is not in the IAM reference of ${IAM_DATE}; did you mean logs:PutLogEvents? (construct NetworkStack/Observability/LogsEndpoint/Resource, ${at(10, 18)}`,
    // The stage is bound to eu-west-1: its service names say so, and --region us-east-1 does not judge them.
    `cdk.out/assembly-Prod/Prod-Network.template.json:160:19: error VPCE9005 VpcS3Endpoint4A3DE4B5 policy: s3:GetObjects is not in the IAM reference of ${IAM_DATE}; did you mean s3:GetObject? (construct Prod/Network/Vpc/S3Endpoint/Resource, ${at(20, 20)}`,
    `cdk.out/assembly-Prod/Prod-Network.template.json:217:25: warning VPCE6003 VpcSsmEndpointC46DB833: no security group of the endpoint (VpcSsmEndpointSecurityGroup579ACE06) admits TCP 443 from the VPC; clients' calls through it time out (construct Prod/Network/Vpc/SsmEndpoint/Resource, ${at(22, 9)}`,
    `cdk.out/assembly-Prod/ProdNetworkObservability70287CAC.nested.template.json:54:19: error VPCE9005 LogsEndpointF332AD3D policy: logs:PutLogEvent is not in the IAM reference of ${IAM_DATE}; did you mean logs:PutLogEvents? (construct Prod/Network/Observability/LogsEndpoint/Resource, ${at(10, 18)}`,
    '4 files checked: 4 errors, 2 warnings, 0 info',
  ]);
});

test('synthesised on Windows, checked on Linux CI: the defining line is the checkout\'s file, or a file URI code scanning can open', () => {
  const app = join(mkdtempSync(join(tmpdir(), 'vpce-cdk-')), 'v1-app');
  cpSync(APP, app, { recursive: true });
  // The manifest as the same app synthesised in D:\dev\v1-app records it (JSON-escaped backslashes).
  const manifest = join(app, 'cdk.out', 'manifest.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/\/home\/dev\/v1-app\/([^":)]*)/g, (_m, rest: string) => `D:\\\\dev\\\\v1-app\\\\${rest.split('/').join('\\\\')}`));
  assert.ok(readFileSync(manifest, 'utf8').includes('(D:\\\\dev\\\\v1-app\\\\bin\\\\app.js:20:20)'));
  // The app's source is in the checkout: D:\dev\v1-app is its folder, bin/app.js the file there.
  const text = run(['check', '--region', 'us-east-1', 'cdk.out/NetworkStack.template.json'], app).out;
  assert.ok(text.split('\n')[0]!.endsWith('(construct NetworkStack/Vpc/S3Endpoint/Resource, defined at bin/app.js:20:20)'), text);
  const sarif = JSON.parse(run(['check', '--region', 'us-east-1', '--format', 'sarif', 'cdk.out/NetworkStack.template.json'], app).out);
  assert.deepEqual(sarif.runs[0].results[0].relatedLocations.at(-1).physicalLocation, { artifactLocation: { uri: 'bin/app.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 20, startColumn: 20 } });
  // Only the cloud assembly checked (its source elsewhere): the recorded path, a file URI.
  rmSync(join(app, 'bin'), { recursive: true });
  const alone = run(['check', '--region', 'us-east-1', 'cdk.out/NetworkStack.template.json'], app).out;
  assert.ok(alone.split('\n')[0]!.endsWith('(construct NetworkStack/Vpc/S3Endpoint/Resource, defined at D:/dev/v1-app/bin/app.js:20:20)'), alone);
  const recorded = JSON.parse(run(['check', '--region', 'us-east-1', '--format', 'sarif', 'cdk.out/NetworkStack.template.json'], app).out);
  assert.deepEqual(recorded.runs[0].results[0].relatedLocations.at(-1).physicalLocation, { artifactLocation: { uri: 'file:///D:/dev/v1-app/bin/app.js' }, region: { startLine: 20, startColumn: 20 } });
});
