// trace and map read the settings as check reads them (server/src/cli/run-settings.ts): --region, the
// project's .vpce-lens.yaml (or .cfnlintrc), --config, maxFileSize, a CDK stack's environment. The
// example's SsmEndpoint hard-codes us-east-1: deployed to eu-west-1 it cannot be created, which check
// reports (VPCE3001) and the editor's trace says (UNKNOWN); the CLI's trace must say it too.
// Each test spawns the built CLI, as CI meets it, in a scratch repository (a .git folder ends the
// configuration lookup there).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const EXAMPLE = readFileSync(join(ROOT, 'examples', 'endpoints-with-mistakes.yaml'), 'utf8');
const CANNOT = /cannot be created as written \(its service name is for us-east-1 but the stack deploys to eu-west-1\)/;

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A scratch repository holding the example template and the given files. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-trace-settings-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'template.yaml'), EXAMPLE);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const TRACE = ['trace', 'template.yaml', '--from', 'PrivateSubnetA', '--to', 'ssm'];

test('trace --region: the endpoint hard-coding another region cannot be created; the JSON names the regions', () => {
  const dir = repo({});
  const without = run(TRACE, dir);
  assert.equal(without.code, 0, without.err);
  assert.match(without.out, /^PrivateSubnetA → ssm: BLOCKED/, 'no region said: the hard-coded one is not judged');
  const text = run([...TRACE, '--region', 'eu-west-1'], dir);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^PrivateSubnetA → ssm: UNKNOWN/);
  assert.match(text.out, CANNOT);
  const json = JSON.parse(run([...TRACE, '--region=eu-west-1,eu-central-1', '--format', 'json'], dir).out);
  assert.equal(json.verdict, 'unknown');
  assert.deepEqual(json.regions, ['eu-west-1', 'eu-central-1']);
  assert.equal(JSON.parse(run([...TRACE, '--format', 'json'], dir).out).regions, undefined, 'none said, none claimed');
  const matrix = JSON.parse(run(['trace', 'template.yaml', '--matrix', '--format', 'json', '-r', 'eu-west-1'], dir).out);
  assert.deepEqual(matrix.regions, ['eu-west-1']);
  assert.equal(matrix.verdicts[matrix.sources.findIndex((s: { id: string }) => s.id === 'PrivateSubnetA')][matrix.targets.indexOf('ssm')], 'unknown');
});

test('trace and map read the project\'s .vpce-lens.yaml as check does, and agree with check', () => {
  const dir = repo({ '.vpce-lens.yaml': 'regions: [eu-west-1]\n' });
  const check = JSON.parse(run(['check', '--format', 'json', 'template.yaml'], dir).out);
  assert.deepEqual(check.results[0].regions, ['eu-west-1']);
  assert.ok(check.results[0].findings.some((f: { ruleId: string }) => f.ruleId === 'VPCE3001'), 'check judges the hard-coded region');
  const trace = run(TRACE, dir);
  assert.equal(trace.code, 0, trace.err);
  assert.match(trace.out, CANNOT);
  // The map's path (trace --format mermaid, and map --from/--to) is the same answer.
  for (const args of [[...TRACE, '--format', 'mermaid'], ['map', 'template.yaml', '--from', 'PrivateSubnetA', '--to', 'ssm', '--format', 'mermaid']]) {
    const drawn = run(args, dir);
    assert.equal(drawn.code, 0, drawn.err);
    assert.match(drawn.out.split('\n')[1]!, /^title: "PrivateSubnetA → ssm: UNKNOWN/, args.join(' '));
  }
  // --region overrides the file's regions, as for check.
  assert.match(run([...TRACE, '--region', 'us-east-1'], dir).out, /^PrivateSubnetA → ssm: BLOCKED/);
});

test('trace reads .cfnlintrc\'s regions and --config, and says a broken configuration as check says it', () => {
  assert.match(run(TRACE, repo({ '.cfnlintrc': 'regions:\n  - eu-west-1\n' })).out, CANNOT);
  const dir = repo({ 'conf/lens.yaml': 'regions: [eu-west-1]\nrules: {VPCE9999: off}\n' });
  const r = run([...TRACE, '--config', 'conf/lens.yaml'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, CANNOT);
  assert.match(r.err, /^vpce-lens: warning: conf\/lens\.yaml: rules\.VPCE9999: unknown rule id VPCE9999/, 'the configuration\'s warnings, as check says them');
  const broken = run(['map', 'template.yaml'], repo({ '.vpce-lens.yaml': 'regionz: [eu-west-1]\n' }));
  assert.equal(broken.code, 2);
  assert.match(broken.err, /^vpce-lens: .*\.vpce-lens\.yaml: unknown setting regionz/);
  assert.doesNotMatch(broken.err, /\n\s+at /, 'no stack trace');
});

test('trace and map honour maxFileSize from .vpce-lens.yaml as check does', () => {
  const dir = repo({ '.vpce-lens.yaml': 'maxFileSize: 0.001\n' });
  for (const args of [TRACE, ['map', 'template.yaml']]) {
    const r = run(args, dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /template\.yaml: ([\d,]+ (?:bytes|KB)), over the (?!\1 )([\d,]+ (?:bytes|KB)) limit \(maxFileSize in \.vpce-lens\.yaml\)/);
  }
  assert.equal(run([...TRACE, '--max-size', '1'], dir).code, 0, '--max-size overrides it');
});

test('a Terraform module: trace takes the project\'s regions (and --region) into its provider, as check does', () => {
  const dir = repo({
    '.vpce-lens.yaml': 'regions: [eu-west-1]\n',
    'net/main.tf': [
      'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}',
      'resource "aws_subnet" "app" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.0.1.0/24"\n}',
      'resource "aws_route_table" "app" {\n  vpc_id = aws_vpc.main.id\n}',
      'resource "aws_route_table_association" "app" {\n  subnet_id      = aws_subnet.app.id\n  route_table_id = aws_route_table.app.id\n}',
      'resource "aws_vpc_endpoint" "s3" {\n  vpc_id          = aws_vpc.main.id\n  service_name    = "com.amazonaws.us-east-1.s3"\n  route_table_ids = [aws_route_table.app.id]\n}\n',
    ].join('\n\n'),
  });
  const args = ['trace', 'net', '--from', 'aws_subnet.app', '--to', 's3', '--format', 'json'];
  const json = JSON.parse(run(args, dir).out);
  assert.equal(json.verdict, 'unknown');
  assert.match(json.summary, /its service name is for us-east-1 but the stack deploys to eu-west-1/);
  assert.deepEqual(json.regions, ['eu-west-1']);
  assert.equal(JSON.parse(run([...args, '--region', 'us-east-1'], dir).out).verdict, 'private');
  const check = JSON.parse(run(['check', '--format', 'json', 'net'], dir).out);
  assert.deepEqual(check.results[0].regions, ['eu-west-1']);
});

test('a CDK stack bound to an environment is traced in its region, whatever --region says, as check judges it', () => {
  const template = 'test/fixtures/cdk/staged-app-2.100/cdk.out/assembly-Prod/assembly-Prod-Canary/ProdCanaryEdge80C3E176.template.json';
  const trace = JSON.parse(run(['trace', template, '--matrix', '--format', 'json', '--region', 'us-east-1']).out);
  assert.deepEqual(trace.regions, ['eu-west-1']);
  const check = JSON.parse(run(['check', '--format', 'json', '--region', 'us-east-1', template]).out);
  assert.deepEqual(check.results[0].regions, ['eu-west-1']);
});

test('check\'s SARIF names the regions of the run; each result its own when the files differ', () => {
  const dir = repo({ '.vpce-lens.yaml': 'regions: [eu-west-1]\n', 'other/.vpce-lens.yaml': 'regions: [us-east-1]\n', 'other/t.yaml': EXAMPLE });
  const one = JSON.parse(run(['check', '--format', 'sarif', 'template.yaml'], dir).out);
  assert.deepEqual(one.runs[0].properties, { regions: ['eu-west-1'] });
  const two = JSON.parse(run(['check', '--format', 'sarif', 'template.yaml', 'other/t.yaml'], dir).out);
  assert.equal(two.runs[0].properties, undefined);
  const byFile = new Map<string, string[]>(two.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties: { regions: string[] } }) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.properties.regions]));
  assert.deepEqual(Object.fromEntries(byFile), { 'template.yaml': ['eu-west-1'], 'other/t.yaml': ['us-east-1'] });
  assert.equal(JSON.parse(run(['check', '--format', 'sarif', 'template.yaml'], repo({})).out).runs[0].properties, undefined, 'no region said, none claimed');
});

test('a Terraform plan in JSON, which check reads, is not traced or mapped: one line saying what to trace instead', () => {
  for (const command of ['trace', 'map']) {
    const r = run([command, 'test/fixtures/tf-plan/plan.json', ...(command === 'trace' ? ['--matrix'] : [])]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `vpce-lens: test/fixtures/tf-plan/plan.json: a Terraform plan is checked (vpce-lens check), not traced or mapped; ${command} its configuration's folder instead\n`);
  }
});
