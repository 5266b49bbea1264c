// `vpce-lens check` judges a parent with the nested stacks it deploys (cli/nested-check.ts, core/cdk/nested-check.ts):
// the network rules read the network the trace reads, each finding once, in the file and at the node it names,
// with the parent (and stack resource) that deploys it. test/fixtures/nested-check: one nested template two
// parents deploy, one VPC without DNS hostnames (VPCE5001 for that parent only); the CDK nested-vpc-app and
// nested-local fixtures changed in a copy.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const FIXTURES = join(ROOT, 'test', 'fixtures');

function run(args: string[], cwd: string) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, 'check', '--region', 'eu-west-1', ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Pos { line: number; character: number }
interface JsonFinding {
  ruleId: string;
  message: string;
  range: { start: Pos; end: Pos };
  resource?: string;
  related?: { message: string; file?: string; range: { start: Pos; end: Pos } }[];
  deployedBy?: { parent: string; stack: string; at: { file: string; range: { start: Pos; end: Pos } } }[];
  origin?: { name: string };
}
const findingsOf = (out: string) => (JSON.parse(out) as { results: { file: string; findings: JsonFinding[] }[] }).results.flatMap((r) => r.findings.map((f) => ({ file: r.file, ...f })));
const lines = (out: string) => out.split('\n').filter((l) => /: (error|warning|info) VPCE/.test(l));

const DIR = join(FIXTURES, 'nested-check');

test('a nested template two parents deploy: its finding once, in its own file, saying which parent it holds for', () => {
  const text = run(['.'], DIR);
  assert.equal(text.code, 1, text.err);
  assert.deepEqual(lines(text.out), [
    'stacks/endpoint.yaml:28:26: error VPCE5001 SsmEndpoint: private DNS needs EnableDnsHostnames on Vpc (only as nested stack Endpoints of dns-off.yaml; not as nested stack Endpoints of dns-on.yaml)',
  ]);

  const json = run(['--format', 'json', '.'], DIR);
  const [f, ...rest] = findingsOf(json.out);
  assert.equal(rest.length, 0);
  assert.equal(f!.file, 'stacks/endpoint.yaml');
  assert.equal(f!.resource, 'SsmEndpoint');
  // PrivateDnsEnabled: true of the nested endpoint (line 28, 0-based 27).
  assert.deepEqual(f!.range, { start: { line: 27, character: 25 }, end: { line: 27, character: 29 } });
  // The VPC that decides it is the parent's: a related place in that file.
  assert.deepEqual(f!.related, [{ message: "Vpc does not set EnableDnsHostnames (CloudFormation's default is false)", file: 'dns-off.yaml', range: { start: { line: 5, character: 2 }, end: { line: 5, character: 5 } } }]);
  assert.deepEqual(f!.deployedBy, [{ parent: 'dns-off.yaml', stack: 'Endpoints', at: { file: 'dns-off.yaml', range: { start: { line: 16, character: 2 }, end: { line: 16, character: 11 } } } }]);

  const sarif = JSON.parse(run(['--format', 'sarif', '.'], DIR).out);
  const results = sarif.runs[0].results;
  assert.equal(results.length, 1);
  const r = results[0];
  assert.equal(r.ruleId, 'VPCE5001');
  assert.deepEqual(r.locations[0].physicalLocation, { artifactLocation: { uri: 'stacks/endpoint.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 28, startColumn: 26, endLine: 28, endColumn: 30 } });
  assert.deepEqual(r.relatedLocations.map((l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } }) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine, l.message.text]), [
    ['dns-off.yaml', 6, "Vpc does not set EnableDnsHostnames (CloudFormation's default is false)"],
    ['dns-off.yaml', 17, 'deployed as nested stack Endpoints of dns-off.yaml'],
  ]);
  assert.deepEqual(r.properties.deployedBy, [{ parent: 'dns-off.yaml', stack: 'Endpoints' }]);
});

test('with one parent the finding is plain; the nested template alone, or the parent without it, says nothing of it', () => {
  assert.deepEqual(lines(run(['dns-off.yaml', 'stacks/endpoint.yaml'], DIR).out), [
    'stacks/endpoint.yaml:28:26: error VPCE5001 SsmEndpoint: private DNS needs EnableDnsHostnames on Vpc',
  ]);
  assert.deepEqual(lines(run(['dns-on.yaml', 'stacks/endpoint.yaml'], DIR).out), []);
  // Alone, the VPC is a parameter: its DNS attributes are unknown.
  const alone = run(['stacks/endpoint.yaml'], DIR);
  assert.equal(alone.code, 0);
  assert.deepEqual(lines(alone.out), []);
  // The nested template is not among the files checked: its findings are not reported.
  const parent = run(['dns-off.yaml'], DIR);
  assert.deepEqual(lines(parent.out), []);
  assert.equal(parent.err, '');
});

test('a template one parent deploys twice is judged as its first deployment, and says so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-check-'));
  try {
    cpSync(DIR, dir, { recursive: true });
    rmSync(join(dir, 'dns-on.yaml'));
    const off = readFileSync(join(dir, 'dns-off.yaml'), 'utf8');
    writeFileSync(join(dir, 'dns-off.yaml'), off + off.slice(off.indexOf('  Endpoints:')).replace('Endpoints:', 'Again:'));
    const r = run(['.'], dir);
    assert.deepEqual(lines(r.out), [
      'stacks/endpoint.yaml:28:26: error VPCE5001 SsmEndpoint: private DNS needs EnableDnsHostnames on Vpc (as nested stack Endpoints of dns-off.yaml; not judged as nested stack Again of dns-off.yaml, which deploys the same template again)',
    ]);
    assert.match(r.err, /note: stacks\/endpoint\.yaml: deployed again by dns-off\.yaml as nested stack Again; its network is judged only as the first deployment/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('aws cloudformation package input (nested-local): the parent and the nested template each hold their own finding once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-check-'));
  try {
    cpSync(join(FIXTURES, 'nested-local'), dir, { recursive: true });
    assert.deepEqual(lines(run(['.'], dir).out), []);
    const main = readFileSync(join(dir, 'main.yaml'), 'utf8');
    writeFileSync(join(dir, 'main.yaml'), main.replace('      EnableDnsHostnames: true\n', ''));
    const r = run(['.'], dir);
    // PrivateDnsEnabled of each (the parent's line 38 moved up one). The parent's STS endpoint was judged alone
    // before too; the nested SSM endpoint only with the parent's VPC.
    assert.deepEqual(lines(r.out), [
      'main.yaml:37:26: error VPCE5001 StsEndpoint: private DNS needs EnableDnsHostnames on Vpc',
      'stacks/endpoints.yaml:27:26: error VPCE5001 SsmEndpoint: private DNS needs EnableDnsHostnames on Vpc',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a CDK app (nested-vpc-app): a parent endpoint in the nested stack\'s VPC is judged with it, a nested finding is not doubled', () => {
  const app = join(FIXTURES, 'cdk', 'nested-vpc-app');
  const nested = 'cdk.out/AppStackNetwork96FAA7A1.nested.template.json';
  const stack = 'NetworkNestedStackNetworkNestedStackResource0124E108';
  const before = findingsOf(run(['--format', 'json', 'cdk.out'], app).out);
  assert.deepEqual(before.map((f) => [f.file, f.ruleId, f.resource]), [[nested, 'VPCE6003', 'VpcSecrets6D69DA67']]);
  assert.deepEqual(before[0]!.deployedBy?.map((d) => [d.parent, d.stack, d.at.file, d.at.range.start.line]), [['cdk.out/AppStack.template.json', stack, 'cdk.out/AppStack.template.json', 2]]);
  assert.equal(before[0]!.origin?.name, 'AppStack/Network/Vpc/Secrets/Resource');

  const dir = mkdtempSync(join(tmpdir(), 'vpce-nested-check-'));
  try {
    cpSync(app, dir, { recursive: true });
    const file = join(dir, nested);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"EnableDnsHostnames": true', '"EnableDnsHostnames": false'));
    const after = findingsOf(run(['--format', 'json', 'cdk.out'], dir).out);
    assert.deepEqual(after.map((f) => [f.file, f.ruleId, f.resource]), [
      // The parent's KMS endpoint is in the nested stack's VPC (its output): found only with the nested template.
      ['cdk.out/AppStack.template.json', 'VPCE5001', 'KmsF7F05A5D'],
      [nested, 'VPCE5001', 'VpcSsm0F56837D'],
      [nested, 'VPCE5001', 'VpcSecrets6D69DA67'],
      [nested, 'VPCE6003', 'VpcSecrets6D69DA67'],
    ]);
    const kms = after[0]!;
    assert.equal(kms.deployedBy, undefined);
    assert.deepEqual(kms.related?.map((r) => [r.file, r.range.start.line]), [[nested, 6]]);
    assert.equal(kms.origin?.name, 'AppStack/Kms/Resource');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
