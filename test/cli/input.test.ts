// Hostile and odd input on the command line: FIFOs, devices, folders named as files, huge files,
// UTF-16, binary, symbolic links, configuration files that are any of these, and file names that
// would break the text output. Each case ends (a spawn timeout guards the ones that used to hang)
// with one line on stderr and the documented exit code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'vpce-lens.js');
const EXAMPLE = readFileSync(join(ROOT, 'examples/endpoints-with-mistakes.yaml'), 'utf8');
const POSIX = process.platform !== 'win32';

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.signal, null, `vpce-lens ${args.join(' ')} did not finish in 10 s`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const oneLine = (s: string) => assert.match(s, /^vpce-lens: [^\n]*\n$/, `one line on stderr, got ${JSON.stringify(s)}`);
const rules = (out: string) => (JSON.parse(out) as { results: { findings: { ruleId: string }[] }[] }).results.flatMap((r) => r.findings.map((f) => f.ruleId)).sort();

test('a FIFO, a device or a folder named as a file: one line, exit 2, no hang', { skip: !POSIX }, () => {
  const dir = tmp('vpce-in-');
  const fifo = join(dir, 'template.yaml');
  execFileSync('mkfifo', [fifo]);
  for (const args of [['check', fifo], ['check', '/dev/zero'], ['check', '--config', fifo, 'examples/endpoints-fixed.yaml'], ['check', '--config', '/dev/zero', 'examples/endpoints-fixed.yaml'], ['check', '--config', dir, 'examples/endpoints-fixed.yaml'], ['trace', fifo, '--matrix'], ['trace', dir, '--matrix']]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    oneLine(r.err);
    assert.match(r.err, /not a regular file|a folder/, args.join(' '));
  }
});

test('.vpce-lens.yaml or .cfnlintrc that is a FIFO or a link to /dev/zero: one line, exit 2, no hang', { skip: !POSIX }, () => {
  for (const name of ['.vpce-lens.yaml', '.cfnlintrc']) {
    const dir = tmp('vpce-cfgdev-');
    writeFileSync(join(dir, 't.yaml'), EXAMPLE);
    symlinkSync('/dev/zero', join(dir, name));
    const r = run(['check', 't.yaml'], dir);
    assert.equal(r.code, 2, name);
    oneLine(r.err);
    assert.match(r.err, new RegExp(`${name.replace('.', '\\.')}: cannot read configuration: not a regular file \\(a device\\)`));
    const fifoDir = tmp('vpce-cfgfifo-');
    writeFileSync(join(fifoDir, 't.yaml'), EXAMPLE);
    execFileSync('mkfifo', [join(fifoDir, name)]);
    const f = run(['check', 't.yaml'], fifoDir);
    assert.equal(f.code, 2, name);
    assert.match(f.err, /not a regular file \(a FIFO\)/);
  }
});

test('a file over the size limit gets a VPCE0004 finding instead of a check; --max-size and maxFileSize set the limit', () => {
  const dir = tmp('vpce-size-');
  writeFileSync(join(dir, 't.yaml'), EXAMPLE);
  const r = run(['check', '--format', 'json', '--max-size', '0.001', 't.yaml'], dir);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.out);
  assert.deepEqual(doc.results[0].findings.map((f: { ruleId: string }) => f.ruleId), ['VPCE0004']);
  // 0.001 MB is 1,048 bytes: said in units that tell the size from the limit, never "0.0 MB over the 0.0 MB limit".
  const said = /^([\d,]+ (?:bytes|KB)) is over the ([\d,]+ (?:bytes|KB)) limit: not checked \(raise it with --max-size\)$/.exec(doc.results[0].findings[0].message);
  assert.ok(said, doc.results[0].findings[0].message);
  assert.notEqual(said[1], said[2]);
  writeFileSync(join(dir, '.vpce-lens.yaml'), 'maxFileSize: 0.001\n');
  const viaConfig = JSON.parse(run(['check', '--format', 'json', 't.yaml'], dir).out);
  assert.match(viaConfig.results[0].findings[0].message, /maxFileSize in \.vpce-lens\.yaml/);
  // The flag wins over the file, and the default limit reads the example.
  assert.notDeepEqual(rules(run(['check', '--format', 'json', '--max-size', '20', 't.yaml'], dir).out), ['VPCE0004']);
  for (const bad of ['0', 'x', '-1']) assert.equal(run(['check', '--max-size', bad, 't.yaml'], dir).code, 2, bad);
  // In a walked folder, a large file that is plainly not a template (a lock file) is a warning, not a finding.
  const walked = tmp('vpce-size-walk-');
  writeFileSync(join(walked, 't.yaml'), EXAMPLE);
  writeFileSync(join(walked, 'package-lock.json'), JSON.stringify({ name: 'x', packages: { a: 'b'.repeat(5000) } }));
  const w = run(['check', '--format', 'json', '--max-size', '0.001', '.'], walked);
  assert.deepEqual(JSON.parse(w.out).results.map((x: { file: string }) => x.file), ['t.yaml']);
  assert.match(w.err, /^vpce-lens: warning: package-lock\.json: \d+ KB, over the 2 KB limit and not a template by its start; skipped\n$/);
});

test('a .tf file over the size limit gets VPCE0004 as a template does; the rest of its module is checked, the trace says it was left out', () => {
  const dir = tmp('vpce-size-tf-');
  // The endpoint's file is small; the file declaring what it reads is over the limit (comments make it large).
  writeFileSync(join(dir, 'endpoint.tf'), 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type = "Interface"\n}\n');
  writeFileSync(join(dir, 'network.tf'), `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n${'# padding\n'.repeat(300)}`);
  const r = run(['check', '--format', 'json', '--max-size', '0.001', '.'], dir);
  assert.equal(r.code, 1, r.err);
  const byFile = new Map((JSON.parse(r.out).results as { file: string; findings: { ruleId: string; message: string }[] }[]).map((x) => [x.file, x.findings]));
  assert.deepEqual(byFile.get('network.tf')!.map((f) => f.ruleId), ['VPCE0004']);
  assert.match(byFile.get('network.tf')![0]!.message, /^[\d,]+ (?:bytes|KB) is over the [\d,]+ (?:bytes|KB) limit: not checked \(raise it with --max-size\)$/);
  // The endpoint's file is still checked (its private DNS finding), and a VPC the limit hid is no undeclared reference.
  assert.ok(byFile.get('endpoint.tf')!.some((f) => f.ruleId === 'VPCE5003'), JSON.stringify(byFile.get('endpoint.tf')));
  assert.ok(!byFile.get('endpoint.tf')!.some((f) => f.ruleId === 'VPCE0005'));
  assert.equal(r.err, '');
  // maxFileSize in the folder's configuration sets it too; the default limit reads the whole module.
  writeFileSync(join(dir, '.vpce-lens.yaml'), 'maxFileSize: 0.001\n');
  const viaConfig = JSON.parse(run(['check', '--format', 'json', 'network.tf'], dir).out);
  assert.match(viaConfig.results[0].findings[0].message, /maxFileSize in \.vpce-lens\.yaml/);
  writeFileSync(join(dir, '.vpce-lens.yaml'), '');
  assert.ok(!rules(run(['check', '--format', 'json', '.'], dir).out).includes('VPCE0004'));
  // The trace reads the module as check does: the large file left out, said once on stderr.
  const t = run(['trace', '.', '--matrix', '--max-size', '0.001'], dir);
  assert.match(t.err, /^vpce-lens: warning: network\.tf: [\d,]+ (?:bytes|KB), over the [\d,]+ (?:bytes|KB) limit; left out of its module\n$/);
});

test('UTF-16 LE and BE with a byte-order mark and UTF-8 with one read as the UTF-8 file does', () => {
  const dir = tmp('vpce-utf-');
  writeFileSync(join(dir, 'utf8.yaml'), EXAMPLE);
  writeFileSync(join(dir, 'bom8.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXAMPLE, 'utf8')]));
  writeFileSync(join(dir, 'le.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EXAMPLE, 'utf16le')]));
  writeFileSync(join(dir, 'be.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(EXAMPLE, 'utf16le').swap16()]));
  const expected = JSON.parse(run(['check', '--format', 'json', '--region', 'eu-west-1', 'utf8.yaml'], dir).out).results[0].findings;
  assert.ok(expected.length >= 8);
  for (const name of ['bom8.yaml', 'le.yaml', 'be.yaml']) {
    const r = run(['check', '--format', 'json', '--region', 'eu-west-1', name], dir);
    assert.equal(r.code, 1, name);
    assert.deepEqual(JSON.parse(r.out).results[0].findings, expected, name);
  }
});

test('a binary file named on the command line: one line, exit 2; the other files are still checked', () => {
  const dir = tmp('vpce-bin-');
  writeFileSync(join(dir, 'bin.yaml'), Buffer.from('a\u0000b'));
  writeFileSync(join(dir, 'noBom.yaml'), Buffer.from(EXAMPLE, 'utf16le'));
  writeFileSync(join(dir, 't.yaml'), EXAMPLE);
  const r = run(['check', '--format', 'json', 'bin.yaml', 'noBom.yaml', 't.yaml'], dir);
  assert.equal(r.code, 2);
  assert.deepEqual(r.err.split('\n').filter(Boolean), ['vpce-lens: bin.yaml: binary, not text: a NUL byte at offset 1', 'vpce-lens: noBom.yaml: binary, not text: a NUL byte at offset 1 (UTF-16 without a byte-order mark? save it as UTF-8)']);
  assert.equal(JSON.parse(r.out).results.length, 1);
});

test('symbolic links in a walked folder: followed inside it (each file once), reported when they point outside or nowhere', { skip: !POSIX }, () => {
  const outside = tmp('vpce-outside-');
  writeFileSync(join(outside, 'secret.yaml'), EXAMPLE);
  const dir = tmp('vpce-links-');
  mkdirSync(join(dir, 'real'));
  writeFileSync(join(dir, 'real', 'stack.yaml'), EXAMPLE);
  symlinkSync(join(dir, 'real', 'stack.yaml'), join(dir, 'alias.yaml'));
  symlinkSync(join(dir, 'real', 'stack.yaml'), join(dir, 'zz-linked.yaml'));
  symlinkSync(join(outside, 'secret.yaml'), join(dir, 'out.yaml'));
  symlinkSync(outside, join(dir, 'outdir'));
  symlinkSync(dir, join(dir, 'real', 'loop'));
  symlinkSync(join(dir, 'missing.yaml'), join(dir, 'dangling.yaml'));
  const r = run(['check', '--format', 'json', '.'], dir);
  const files = (JSON.parse(r.out).results as { file: string }[]).map((x) => x.file);
  assert.deepEqual(files, ['alias.yaml'], 'the linked file is read once, under the first name met');
  const warnings = r.err.split('\n').filter(Boolean);
  assert.equal(warnings.length, 3, r.err);
  assert.ok(warnings.some((w) => /^vpce-lens: warning: dangling\.yaml: symbolic link to nothing; skipped$/.test(w)));
  assert.ok(warnings.some((w) => /^vpce-lens: warning: out\.yaml: symbolic link to a file outside .*; not followed$/.test(w)));
  assert.ok(warnings.some((w) => /^vpce-lens: warning: outdir: symbolic link to a folder outside .*; not followed$/.test(w)));
  assert.equal(r.code, 1);
});

test('configuration lookup stops at the repository root and reads no symlink out of it', { skip: !POSIX }, () => {
  const top = tmp('vpce-repo-');
  writeFileSync(join(top, '.vpce-lens.yaml'), 'rules:\n  VPCE1002: off\n');
  const repo = join(top, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  writeFileSync(join(repo, 't.yaml'), EXAMPLE);
  assert.ok(rules(run(['check', '--format', 'json', 't.yaml'], repo).out).includes('VPCE1002'), 'the file above the repository is not read');
  symlinkSync(join(top, '.vpce-lens.yaml'), join(repo, '.vpce-lens.yaml'));
  const r = run(['check', 't.yaml'], repo);
  assert.equal(r.code, 2);
  oneLine(r.err);
  assert.match(r.err, /\.vpce-lens\.yaml: symbolic link to .*, outside .*; not read/);
});

test('rule ids in .vpce-lens.yaml are matched whatever their case; unknown ids and severities are one-line warnings', () => {
  const dir = tmp('vpce-ids-');
  writeFileSync(join(dir, 't.yaml'), EXAMPLE);
  const before = rules(run(['check', '--format', 'json', 't.yaml'], dir).out);
  assert.ok(before.includes('VPCE1002') && before.includes('VPCE2001'));
  writeFileSync(join(dir, '.vpce-lens.yaml'), 'rules:\n  vpce1002: off\n  Vpce9999: off\n  VPCE2001: Off\nignore: [vpce9998]\n');
  const r = run(['check', '--format', 'json', 't.yaml'], dir);
  const after = rules(r.out);
  assert.ok(!after.includes('VPCE1002') && !after.includes('VPCE2001'));
  assert.deepEqual(r.err.split('\n').filter(Boolean).map((l) => l.replace(/^vpce-lens: warning: \S*\.vpce-lens\.yaml: /, '')), [
    'rules.Vpce9999: unknown rule id Vpce9999 (rule ids look like VPCE1002: vpce-lens --rules lists them); ignored',
    'ignore: unknown rule id vpce9998 (rule ids look like VPCE1002: vpce-lens --rules lists them); ignored',
  ]);
});

test('a configuration with unknown YAML tags or a syntax error says so in one line', () => {
  const dir = tmp('vpce-tags-');
  writeFileSync(join(dir, 't.yaml'), EXAMPLE);
  writeFileSync(join(dir, '.vpce-lens.yaml'), 'regions: !Weird [eu-west-1]\nrules: !Other\n  VPCE1002: off\n');
  const r = run(['check', 't.yaml'], dir);
  for (const line of r.err.split('\n').filter(Boolean)) assert.match(line, /^vpce-lens: warning: \S*\.vpce-lens\.yaml: .*tag/i);
  assert.ok(r.err.length > 0);
  writeFileSync(join(dir, '.vpce-lens.yaml'), 'rules: [\n  a: b\n');
  const broken = run(['check', 't.yaml'], dir);
  assert.equal(broken.code, 2);
  oneLine(broken.err);
});

test('a pathological policyFiles glob in .vpce-lens.yaml does not hang the CLI', () => {
  const dir = tmp('vpce-glob-');
  writeFileSync(join(dir, `${'a'.repeat(60)}.json`), '{"Statement": []}');
  writeFileSync(join(dir, '.vpce-lens.yaml'), `policyFiles: ["${'*a'.repeat(40)}*b.json"]\npolicyServices:\n  "${'*a'.repeat(40)}*c.json": s3\n`);
  const r = run(['check', '.'], dir);
  assert.equal(r.code, 0, r.err);
});

test('file names with control characters, newlines or file:line:col look-alikes stay one finding per line', { skip: !POSIX }, () => {
  const dir = tmp('vpce-names-');
  const names = ['a:1:2: error X.yaml', 'new\nline.yaml', 'esc\u001b[31mred.yaml', 'back\\slash.yaml'];
  for (const n of names) writeFileSync(join(dir, n), EXAMPLE);
  const r = run(['check', '--region', 'eu-west-1', '.'], dir);
  const lines = r.out.trimEnd().split('\n');
  const findings = lines.slice(0, -1);
  assert.match(lines.at(-1)!, /^4 files checked/);
  // What a problem matcher reads: the shortest file name before `:line:col: severity RULE`.
  const matcher = /^(.*?):(\d+):(\d+): (error|warning|info) (VPCE\d{4}) /;
  const files = new Set(findings.map((l) => matcher.exec(l)?.[1]));
  assert.deepEqual([...files].sort(), ['a\\:1\\:2: error X.yaml', 'back\\\\slash.yaml', 'esc\\x1b[31mred.yaml', 'new\\nline.yaml']);
  assert.ok(!r.out.includes('\u001b'));
});

test('SARIF artifact URIs are percent-encoded', () => {
  const dir = tmp('vpce-uri-');
  mkdirSync(join(dir, 'a #1?'));
  writeFileSync(join(dir, 'a #1?', 't 100%.yaml'), EXAMPLE);
  const sarif = JSON.parse(run(['check', '--format', 'sarif', '.'], dir).out);
  const uris = new Set(sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri));
  assert.deepEqual([...uris], ['a%20%231%3F/t%20100%25.yaml']);
});
