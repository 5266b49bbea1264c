// `vpce-lens check plan.json` (the output of `terraform show -json plan.out`): findings on the planned
// values, each named by its resource's address and, with the configuration beside the plan, the .tf
// file and line of its block, in text, JSON and SARIF. The fixture is hand-written in the documented
// format (test/fixtures/tf-plan/README.md).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'tf-plan');

function run(args: string[], cwd = FIXTURE) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Where each resource block starts, read from the .tf files themselves.
function blockAt(file: string, header: string): { line: number; column: number } {
  const lines = readFileSync(join(FIXTURE, file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.startsWith(header));
  assert.ok(line >= 0, `${header} in ${file}`);
  return { line: line + 1, column: 1 };
}
const S3 = { file: 'main.tf', ...blockAt('main.tf', 'resource "aws_vpc_endpoint" "s3" {') };
const THIS = { file: 'modules/endpoints/main.tf', ...blockAt('modules/endpoints/main.tf', 'resource "aws_vpc_endpoint" "this" {') };
const SSM = 'module.endpoints.aws_vpc_endpoint.this["ssm"]';
const MESSAGES = 'module.endpoints.aws_vpc_endpoint.this["ssmmessages"]';

test('text: each finding on the plan names its address and the .tf block (region from the provider configuration)', () => {
  const r = run(['check', 'plan.json']);
  assert.equal(r.err, '');
  assert.equal(r.code, 1);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, new RegExp(`^plan\\.json:\\d+:\\d+: error VPCE9005 aws_vpc_endpoint\\.s3 policy: s3:GetObjects is not in the IAM reference of \\d{4}-\\d{2}-\\d{2}; did you mean s3:GetObject\\? \\(resource aws_vpc_endpoint\\.s3, defined at main\\.tf:${S3.line}:1\\)$`));
  assert.ok(lines[1]!.endsWith(`error VPCE3001 ${SSM}: the service name hard-codes us-east-1 but the configuration deploys to eu-west-1; use \${data.aws_region.current.name} (resource ${SSM}, defined at modules/endpoints/main.tf:${THIS.line}:1)`), lines[1]);
  assert.ok(lines[2]!.endsWith(`(resource ${MESSAGES}, defined at modules/endpoints/main.tf:${THIS.line}:1)`), lines[2]);
  assert.equal(lines[3], '1 file checked: 3 errors, 0 warnings, 0 info');
  // Each finding points into the plan at the value that is wrong.
  const plan = readFileSync(join(FIXTURE, 'plan.json'), 'utf8').split('\n');
  const at = (l: string) => l.match(/^plan\.json:(\d+):(\d+):/)!.slice(1).map(Number) as [number, number];
  const [l0, c0] = at(lines[0]!);
  assert.ok(plan[l0 - 1]!.slice(c0 - 1).startsWith('s3:GetObjects'));
  const [l1, c1] = at(lines[1]!);
  assert.ok(plan[l1 - 1]!.slice(c1 - 1).startsWith('us-east-1.ssm"'));
});

test('json and sarif: the address as origin / logical location, the block as definedAt / related location', () => {
  const doc = JSON.parse(run(['check', '--format', 'json', 'plan.json']).out);
  assert.deepEqual(
    doc.results[0].findings.map((f: { resource: string; origin: unknown }) => [f.resource, f.origin]),
    [
      ['aws_vpc_endpoint.s3', { kind: 'terraform-resource', name: 'aws_vpc_endpoint.s3', definedAt: { file: 'main.tf', position: { line: S3.line - 1, character: 0 } } }],
      [SSM, { kind: 'terraform-resource', name: SSM, definedAt: { file: THIS.file, position: { line: THIS.line - 1, character: 0 } } }],
      [MESSAGES, { kind: 'terraform-resource', name: MESSAGES, definedAt: { file: THIS.file, position: { line: THIS.line - 1, character: 0 } } }],
    ],
  );
  const results = JSON.parse(run(['check', '--format', 'sarif', 'plan.json']).out).runs[0].results;
  const ssm = results[1];
  assert.deepEqual(ssm.locations[0].logicalLocations, [{ name: SSM, fullyQualifiedName: SSM, kind: 'resource' }]);
  assert.deepEqual(ssm.properties, { terraformAddress: SSM, terraformDefinedAt: `${THIS.file}:${THIS.line}:1` });
  assert.deepEqual(ssm.relatedLocations, [
    { id: 1, message: { text: `resource ${SSM} is defined here` }, physicalLocation: { artifactLocation: { uri: THIS.file, uriBaseId: '%SRCROOT%' }, region: { startLine: THIS.line, startColumn: 1 } } },
  ]);
});

test('a plan away from its configuration, or a module from the registry: the address without a line', () => {
  const away = mkdtempSync(join(tmpdir(), 'vpce-plan-'));
  cpSync(join(FIXTURE, 'plan.json'), join(away, 'plan.json'));
  const r = run(['check', 'plan.json'], away);
  assert.equal(r.err, '');
  assert.ok(r.out.split('\n')[1]!.endsWith(`(resource ${SSM})`), r.out);
  // The same module from the registry: its files are not beside the plan, so no line is guessed.
  const registry = mkdtempSync(join(tmpdir(), 'vpce-plan-'));
  cpSync(FIXTURE, registry, { recursive: true });
  const text = readFileSync(join(registry, 'plan.json'), 'utf8').replace('"source": "./modules/endpoints"', '"source": "example-corp/endpoints/aws"');
  writeFileSync(join(registry, 'plan.json'), text);
  const lines = run(['check', 'plan.json'], registry).out.split('\n');
  assert.ok(lines[0]!.endsWith(`(resource aws_vpc_endpoint.s3, defined at main.tf:${S3.line}:1)`));
  assert.ok(lines[1]!.endsWith(`(resource ${SSM})`), lines[1]);
});

test('--region overrides the provider region', () => {
  const r = run(['check', '--region', 'us-east-1', 'plan.json']);
  const mismatched = r.out.split('\n').filter((l) => l.includes(' VPCE3001 '));
  assert.equal(mismatched.length, 1, r.out);
  assert.ok(mismatched[0]!.includes(' VPCE3001 aws_vpc_endpoint.s3: the service name hard-codes eu-west-1 but the configuration deploys to us-east-1'), mismatched[0]);
});

test('terraform show -json of a state is checked (it was skipped, unsaid); a format version it does not read is said', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-plan-'));
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObjects', Resource: '*' }] });
  const s3 = { address: 'aws_vpc_endpoint.s3', mode: 'managed', type: 'aws_vpc_endpoint', name: 's3', values: { id: 'vpce-0123', vpc_id: 'vpc-0a1b2c3d', service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway', policy, route_table_ids: [] }, sensitive_values: {} };
  const state = { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: [s3] } } };
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
  const s = run(['check', 'state.json'], dir);
  assert.equal(s.err, '');
  assert.equal(s.code, 1);
  assert.match(s.out, /^state\.json:1:\d+: error VPCE9005 aws_vpc_endpoint\.s3 policy: s3:GetObjects is not in the IAM reference of \d{4}-\d{2}-\d{2}; did you mean s3:GetObject\? \(resource aws_vpc_endpoint\.s3\)\n1 file checked: 1 error, 0 warnings, 0 info\n$/);
  writeFileSync(join(dir, 'empty.json'), JSON.stringify({ format_version: '1.0', terraform_version: '1.11.4', values: { root_module: {} } }));
  assert.equal(run(['check', 'empty.json'], dir).out, '1 file checked: 0 errors, 0 warnings, 0 info\n');
  writeFileSync(join(dir, 'next.json'), JSON.stringify({ ...state, format_version: '2.0' }));
  const next = run(['check', 'next.json'], dir);
  assert.equal(next.code, 2);
  assert.equal(next.err, 'vpce-lens: next.json: Terraform JSON format_version 2.0: vpce-lens reads versions 0.x and 1.x; not checked\n');
  // Found in a folder: a warning, the rest checked.
  const folder = run(['check', '.'], dir);
  assert.equal(folder.code, 1);
  assert.match(folder.err, /^vpce-lens: warning: next\.json: Terraform JSON format_version 2\.0: vpce-lens reads versions 0\.x and 1\.x; not checked\n$/);
});

test('a raw terraform.tfstate named on the command line is said to be read in the form terraform show -json writes, not called "not a template"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tfstate-'));
  const state = { version: 4, terraform_version: '1.11.0', serial: 3, lineage: 'c0ffee', outputs: {}, resources: [{ mode: 'managed', type: 'aws_vpc_endpoint', name: 's3', instances: [{ schema_version: 0, attributes: { id: 'vpce-1', service_name: 'com.amazonaws.eu-west-1.s3' } }] }] };
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
  for (const name of ['terraform.tfstate', 'state.json']) {
    const r = run(['check', join(dir, name)], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, new RegExp(`${name.replace('.', '\\.')}: a Terraform state file, which is read in the form \`terraform show -json\` writes \\(terraform show -json > state\\.json, then vpce-lens check state\\.json\\); not checked`));
    assert.doesNotMatch(r.err, /not a CloudFormation template/);
  }
});
