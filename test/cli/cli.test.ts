// The CLI as CI meets it: the `vpce-lens` command (bin/vpce-lens.js over the built bundle), run as a process.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules } from '../../server/src/core/rules/index.js';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'cli.js');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const BAD = 'examples/endpoints-with-mistakes.yaml';
const GOOD = 'examples/endpoints-fixed.yaml';
// Where the example's misspelt property sits (0-based line, column), read from the file itself.
const TYPO = (() => {
  const lines = readFileSync(join(ROOT, BAD), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('VpcEndpointTyp:'));
  return { line, character: lines[line]!.indexOf('VpcEndpointTyp') };
})();

function run(args: string[], cwd = ROOT) {
  assert.ok(existsSync(BUNDLE), 'dist/cli.js is missing: npm test builds it first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('text: file:line:col: severity RULE message, exit 1 with errors', () => {
  const r = run(['check', '--region', 'eu-west-1', BAD]);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  const findings = lines.slice(0, -1);
  assert.ok(findings.length >= 8);
  for (const l of findings) assert.match(l, /^examples\/endpoints-with-mistakes\.yaml:\d+:\d+: (error|warning|info) VPCE\d{4} \S.*$/);
  assert.ok(findings.includes(`examples/endpoints-with-mistakes.yaml:${TYPO.line + 1}:${TYPO.character + 1}: error VPCE1002 S3Endpoint: VpcEndpointTyp is not a property of AWS::EC2::VPCEndpoint; did you mean VpcEndpointType?`));
  assert.match(lines.at(-1)!, /^1 file checked: \d+ errors, \d+ warnings?, \d+ info$/);
});

test('exit 0 when no error is found', () => {
  const r = run(['check', '--region', 'eu-west-1', GOOD]);
  assert.equal(r.err, '');
  assert.equal(r.code, 0, r.out);
});

test('a file named on the command line that is not a template or a policy is said, not passed over; one found in a folder is not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-notours-'));
  writeFileSync(join(dir, 'settings.yaml'), 'foo: bar\n');
  const named = run(['check', join(dir, 'settings.yaml')]);
  assert.equal(named.code, 0, named.out);
  assert.match(named.err, /settings\.yaml: not a CloudFormation template .*; not checked/);
  const found = run(['check', dir]);
  assert.equal(found.code, 0, found.out);
  assert.equal(found.err, '');
});

test('json: version 1, 0-based LSP positions', () => {
  const r = run(['check', '--format', 'json', '--region', 'eu-west-1', BAD]);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.out);
  assert.equal(doc.version, 1);
  const f = doc.results[0].findings.find((x: { ruleId: string }) => x.ruleId === 'VPCE1002');
  assert.deepEqual(f.range, { start: TYPO, end: { line: TYPO.line, character: TYPO.character + 'VpcEndpointTyp'.length } });
  assert.equal(f.severity, 'error');
  assert.equal(doc.results[0].file, BAD);
});

test('sarif: 2.1.0 with rules, help links and 1-based regions', () => {
  const r = run(['check', '--format', 'sarif', '--region', 'eu-west-1', BAD]);
  const sarif = JSON.parse(r.out);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'vpce-lens');
  assert.equal(run0.tool.driver.rules.length, rules.length);
  for (const rule of run0.tool.driver.rules) {
    assert.match(rule.id, /^VPCE\d{4}$/);
    // A Terraform-only rule (VPCE0005) states a Terraform fact: its page is Terraform's.
    assert.match(rule.helpUri, /^https:\/\/(docs\.aws\.amazon\.com|developer\.hashicorp\.com\/terraform)\//);
    assert.ok(rule.help.text && rule.shortDescription.text && rule.fullDescription.text);
  }
  const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'VPCE1002');
  assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'VPCE1002');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: TYPO.line + 1, startColumn: TYPO.character + 1, endLine: TYPO.line + 1, endColumn: TYPO.character + 15 });
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, BAD);
  for (const res of run0.results) assert.ok(['error', 'warning', 'note'].includes(res.level));
});

test('usage errors and unreadable input: exit 2, one clear line, no stack trace', () => {
  for (const args of [['check', '--format', 'xml', GOOD], ['check', '--bogus', GOOD], ['check'], ['check', 'no/such/file.yaml'], ['check', '--region']]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^vpce-lens: /);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});

test('folders are walked; non-templates are skipped silently, binary files with a one-line warning', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-cli-'));
  mkdirSync(join(dir, 'sub'));
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{"name": "x"}');
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web: {image: nginx}\n');
  writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0, 1, 2, 3, 255]));
  writeFileSync(join(dir, 'sub', 'stack.yaml'), 'Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.us-east-1.sqs\n');
  writeFileSync(join(dir, 'node_modules', 'dep.yaml'), 'Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n');
  const r = run(['check', '--format', 'json', dir]);
  const doc = JSON.parse(r.out);
  assert.deepEqual(doc.results.map((x: { file: string }) => x.file.replace(/\\/g, '/').split('/').slice(-2).join('/')), ['sub/stack.yaml']);
  assert.equal(r.code, 1);
  assert.match(r.err, /^vpce-lens: warning: \S*binary\.yaml: binary, not text: a NUL byte at offset 0[^\n]*; skipped\n$/);
});

test('regions come from .vpce-lens.yaml, else .cfnlintrc; --region overrides both', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-cfg-'));
  const template = 'Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      VpcEndpointType: Interface\n      ServiceName: com.amazonaws.us-east-1.sqs\n';
  writeFileSync(join(dir, 't.yaml'), template);
  writeFileSync(join(dir, '.cfnlintrc'), 'regions:\n  - eu-west-1\n');
  const viaCfnLint = JSON.parse(run(['check', '--format', 'json', 't.yaml'], dir).out);
  assert.ok(viaCfnLint.results[0].findings.some((f: { ruleId: string }) => f.ruleId === 'VPCE3001'));
  writeFileSync(join(dir, '.vpce-lens.yaml'), 'regions: [us-east-1]\nrules:\n  VPCE3002: off\n');
  const viaOurs = JSON.parse(run(['check', '--format', 'json', 't.yaml'], dir).out);
  assert.deepEqual(viaOurs.results[0].findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('VPCE300')), []);
  const overridden = JSON.parse(run(['check', '--format', 'json', '--region', 'ap-south-1', 't.yaml'], dir).out);
  assert.ok(overridden.results[0].findings.some((f: { ruleId: string }) => f.ruleId === 'VPCE3001'));
  writeFileSync(join(dir, '.vpce-lens.yaml'), 'rules:\n  VPCE3002: loud\n');
  const bad = run(['check', 't.yaml'], dir);
  assert.equal(bad.code, 1, 'the rule keeps its own level; the other findings stand');
  assert.match(bad.err, /^vpce-lens: warning: \S*\.vpce-lens\.yaml: rules\.VPCE3002: unknown severity loud \(error, warning, info or off\); ignored\n$/);
});

test('--rules prints the catalogue', () => {
  const r = run(['--rules']);
  assert.equal(r.code, 0);
  for (const rule of rules) assert.ok(r.out.includes(rule.meta.id));
  // A rule no Terraform file raises says so under its entry, and only such a rule.
  const entries = r.out.split(/\n(?=VPCE\d{4} )/);
  for (const rule of rules) {
    const entry = entries.find((e) => e.startsWith(`${rule.meta.id} `))!;
    assert.equal(entry.includes('not raised in Terraform: '), rule.meta.noTerraform !== undefined, entry);
  }
  assert.match(r.out, /VPCE0006 .*\n.*\n {10}not raised in Terraform: YAML aliases/);
});

test('trace: text and the JSON contract, and --matrix', () => {
  const text = run(['trace', 'test/fixtures/trace/classic.yaml', '--from', 'PrivateSubnetB', '--to', 's3']);
  assert.equal(text.code, 0);
  assert.match(text.out.split('\n')[0]!, /^PrivateSubnetB → s3: PUBLIC — /);
  assert.match(text.out, /suggestion: add route table PrivateRtB to S3Endpoint's RouteTableIds/);
  const json = JSON.parse(run(['trace', 'test/fixtures/trace/classic.yaml', '--from', 'PrivateSubnetA', '--to', 's3', '--action', 's3:GetObject', '--format', 'json']).out);
  assert.equal(json.verdict, 'private');
  for (const h of json.hops) {
    assert.deepEqual(Object.keys(h).sort(), ['decision', 'kind', 'range', 'reason', 'resource']);
    assert.ok(Number.isInteger(h.range.start.line) && Number.isInteger(h.range.start.character));
  }
  const matrix = JSON.parse(run(['trace', 'test/fixtures/trace/classic.yaml', '--matrix', '--format', 'json']).out);
  assert.equal(matrix.verdicts.length, matrix.sources.length);
  assert.ok(matrix.verdicts.every((row: string[]) => row.length === matrix.targets.length));
  const bad = run(['trace', 'test/fixtures/trace/classic.yaml', '--from', 'Nope', '--to', 's3']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^vpce-lens: test\/fixtures\/trace\/classic.yaml: Nope is not a resource of this template/);
});

test('policy files are checked; corpus policies come out clean but for their placeholders', () => {
  const corpus = join(ROOT, '..', 'shared', 'corpus');
  if (!existsSync(corpus)) return;
  const r = run(['check', '--format', 'json', corpus]);
  const policies = JSON.parse(r.out).results.filter((x: { file: string }) => x.file.endsWith('_endpoint_policy.json'));
  assert.equal(policies.length, 4);
  for (const p of policies) for (const f of p.findings) assert.equal(f.ruleId, 'VPCE9015', `${p.file}: ${f.message}`);
});

test('a reader that is slow to drain the pipe still gets the whole report', async () => {
  // Larger than a pipe's buffer, so the CLI's write has to wait for the reader.
  const args = ['check', '--format', 'json', '--region', 'us-east-1', 'test/fixtures'];
  const whole = run(args);
  assert.ok(Buffer.byteLength(whole.out) > 64 * 1024, 'the report should not fit in a pipe buffer');
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stdout.pause();
  setTimeout(() => child.stdout.resume(), 300);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, whole.code);
  assert.equal(Buffer.concat(chunks).toString('utf8'), whole.out);
  JSON.parse(whole.out);
});
