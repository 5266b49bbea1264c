// Terraform's JSON syntax (*.tf.json) is read as Terraform reads it, into the same syntax tree as .tf:
// the same configuration in either syntax gives the same findings, each at the exact characters of the
// JSON text; broken JSON is a syntax finding at its place.
// https://developer.hashicorp.com/terraform/language/syntax/json

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { parseTfJson } from '../../../server/src/core/tf/json-syntax.js';
import { hclToJson } from './hcl-to-json.js';
import { applyEdits } from '../../../server/src/core/fixes/edits.js';

before(() => ensureTerraformParser());

const SETTINGS = { settings: { regions: ['eu-west-1'] } };
const RULES = join(__dirname, '..', '..', 'fixtures', 'tf', 'rules');

const lint = (path: string, text: string) => analyzeTerraform([{ path, text }], SETTINGS).analysis;

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'tf');

/** Every folder of Terraform fixtures read as one module (the rules' pairs one file at a time): its .tf files. */
function fixtureModules(): { label: string; files: string[] }[] {
  const out: { label: string; files: string[] }[] = [];
  for (const rule of readdirSync(RULES).sort()) for (const name of ['bad.tf', 'good.tf']) if (existsSync(join(RULES, rule, name))) out.push({ label: `rules/${rule}/${name}`, files: [join(RULES, rule, name)] });
  const fixes = join(FIXTURES, 'fixes');
  for (const c of readdirSync(fixes).sort()) for (const side of ['before', 'after']) {
    const dir = join(fixes, c, side);
    if (existsSync(dir)) out.push({ label: `fixes/${c}/${side}`, files: readdirSync(dir).filter((n) => n.endsWith('.tf')).sort().map((n) => join(dir, n)) });
  }
  out.push({ label: 'vpc-endpoints-module.tf', files: [join(FIXTURES, 'vpc-endpoints-module.tf')] });
  return out;
}

for (const { label, files } of fixtureModules()) {
  test(`${label} written in JSON syntax gives the same findings, each on the same words`, () => {
    const tf = files.map((f) => ({ path: f.slice(FIXTURES.length + 1), text: readFileSync(f, 'utf8') }));
    const json = tf.map((f) => ({ path: `${f.path}.json`, text: hclToJson(f.text) }));
    const a = analyzeTerraform(tf, SETTINGS);
    const b = analyzeTerraform(json, SETTINGS);
    assert.deepEqual(b.analysis.findings.filter((f) => f.ruleId === 'VPCE0001').map((f) => f.message), [], 'no syntax problem in the JSON twin');
    assert.deepEqual(b.analysis.findings.map((f) => `${f.ruleId} ${f.severity}`), a.analysis.findings.map((f) => `${f.ruleId} ${f.severity}`));
    // The words a finding underlines: the same name or value (a JSON string's quotes and "${...}" aside).
    const words = (r: typeof a, f: { start: number; end: number }) => r.module.text.slice(f.start, f.end).replace(/\$\{|[}"\s]/g, '').slice(0, 40);
    for (const [i, f] of b.analysis.findings.entries()) {
      const where = b.fileOf(f.start)!;
      assert.ok(where.file.path.endsWith('.tf.json') && f.end <= where.file.end && f.end > f.start, `${f.ruleId} inside its file`);
      assert.equal(where.file.path, `${a.fileOf(a.analysis.findings[i]!.start)!.file.path}.json`, `${f.ruleId} in the twin of its file`);
      const mine = words(b, f);
      const theirs = words(a, a.analysis.findings[i]!);
      // A block's header: `resource "aws_x" "name"` in .tf, its name's key in JSON.
      if (/^(resource|data|module)/.test(theirs)) assert.ok(mine && (f.resource ?? '').includes(mine), `${f.ruleId}: ${mine} for ${theirs}`);
      else assert.equal(mine, theirs, `${f.ruleId}: ${f.message}`);
      // The message names the same values (an expression's text is written inside "${...}" in JSON).
      const plain = (m: string) => m.replace(/\$\{|[}"\s]/g, '');
      assert.equal(plain(f.message), plain(a.analysis.findings[i]!.message));
    }
  });
}

const at = (text: string, e: { start: number; end: number }) => text.slice(e.start, e.end);

test('a template in a JSON string: its expressions point at their characters in the JSON text, through escapes', () => {
  const text = '{"locals": {"x": "\\u0063om.\\"${lookup(var.m, \\"k\\\\n\\")}\\".${var.region}"}}';
  const { body, problems } = parseTfJson(text, 100);
  assert.deepEqual(problems, []);
  const e = body.blocks[0]!.body.attributes[0]!.value;
  assert.equal(e.k, 'template');
  if (e.k !== 'template') return;
  const shifted = (x: { start: number; end: number }) => at(text, { start: x.start - 100, end: x.end - 100 });
  assert.deepEqual(e.parts.map((p) => ('lit' in p ? p.lit : shifted(p.expr))), ['com."', 'lookup(var.m, \\"k\\\\n\\")', '".', 'var.region']);
  const call = e.parts[1]!;
  assert.ok('expr' in call && call.expr.k === 'call');
  if (!('expr' in call) || call.expr.k !== 'call') return;
  // The string argument: its JSON characters; its value: JSON's escapes undone, then HCL's (`\n` a line break).
  assert.equal(shifted(call.expr.args[1]!), '\\"k\\\\n\\"');
  assert.deepEqual(call.expr.args[1], { k: 'literal', value: 'k\n', quoted: true, start: call.expr.args[1]!.start, end: call.expr.args[1]!.end });
  assert.equal(shifted(e), text.slice(text.indexOf('"\\u0063'), text.lastIndexOf('}') - 1));
});

test('"${expr}" alone is the expression (not a string); "$${" is a literal "${"; plain strings are literals', () => {
  const text = '{"resource": {"aws_vpc_endpoint": {"e": {"vpc_id": "${aws_vpc.main.id}", "a": "$${not}", "b": "plain", "count": 2}}}}';
  const b = parseTfJson(text).body.blocks[0]!;
  const [vpc, a, plain, count] = b.body.attributes.map((x) => x.value);
  assert.equal(vpc!.k, 'traversal');
  assert.equal(at(text, vpc!), 'aws_vpc.main.id');
  const escaped = text.indexOf('$${');
  assert.deepEqual(a?.k === 'template' && a.parts, [{ lit: '${not}', start: escaped, end: escaped + 7 }]);
  assert.deepEqual(plain, { k: 'literal', value: 'plain', quoted: true, start: text.indexOf('"plain"'), end: text.indexOf('"plain"') + 7 });
  assert.deepEqual(count, { k: 'literal', value: 2, quoted: false, start: text.indexOf('2}'), end: text.indexOf('2}') + 1 });
});

test('labels nest per block type, arrays of objects at any level, "//" comments skipped in bodies but kept in expression objects', () => {
  const text = JSON.stringify({
    '//': 'generated',
    provider: { aws: [{ region: 'eu-west-1' }, { alias: 'west', region: 'us-west-2' }] },
    resource: [{ aws_vpc: { a: { '//': 'c', cidr_block: '10.0.0.0/16', tags: { '//': 'kept' }, lifecycle: { ignore_changes: 'all' } } } }, { aws_vpc: { b: {} } }],
    variable: { v: { type: 'list(string)', default: ['${x}'] } },
    module: { m: { source: './m', providers: { aws: 'aws.west' } } },
    data: { aws_iam_policy_document: { p: { statement: [{ actions: ['s3:*'], principals: { type: '*', identifiers: ['*'] } }, { actions: ['s3:GetObject'] }] } } },
  });
  const { body, problems } = parseTfJson(text);
  assert.deepEqual(problems, []);
  assert.deepEqual(body.blocks.map((b) => `${b.type} ${b.labels.map((l) => l.value).join(' ')}`), ['provider aws', 'provider aws', 'resource aws_vpc a', 'resource aws_vpc b', 'variable v', 'module m', 'data aws_iam_policy_document p']);
  const [, west, a, , v, m, p] = body.blocks;
  assert.equal(west!.body.attributes.find((x) => x.name === 'alias')!.value.k, 'literal');
  assert.deepEqual(a!.body.attributes.map((x) => x.name), ['cidr_block', 'tags']);
  const tags = a!.body.attributes[1]!.value;
  assert.ok(tags.k === 'object' && tags.items[0]!.name === '//');
  const life = a!.body.blocks[0]!;
  assert.equal(life.type, 'lifecycle');
  assert.equal(life.body.attributes[0]!.value.k, 'traversal');
  // A variable's default is literal JSON: "${x}" is those characters.
  const def = v!.body.attributes.find((x) => x.name === 'default')!.value;
  assert.ok(def.k === 'tuple' && def.items[0]!.k === 'literal' && def.items[0]!.value === '${x}');
  assert.equal(v!.body.attributes.find((x) => x.name === 'type')!.value.k, 'call');
  const providers = m!.body.attributes.find((x) => x.name === 'providers')!.value;
  assert.ok(providers.k === 'object' && providers.items[0]!.value.k === 'traversal' && providers.items[0]!.name === 'aws');
  assert.deepEqual(p!.body.blocks.map((s) => `${s.type}:${s.body.blocks.map((x) => x.type).join(',')}`), ['statement:principals', 'statement:']);
  // The block is found at its name, as a .tf block at its header.
  assert.equal(at(text, { start: a!.start, end: a!.typeAt.end }), '"a"');
});

test('broken JSON, a wrong shape, or a broken template is a syntax finding at its place, never a crash', () => {
  const cases: [string, string, string][] = [
    ['{"resource": {"aws_vpc": {"a": {"cidr_block": "10.0.0.0/16",}}}}', 'Terraform JSON syntax error', '}'],
    ['{"resource": {"aws_vpc": {"a": {"cidr_block": "10.0.0.0/16"}}}', 'Terraform JSON syntax error', ''],
    ['{"resource": {"aws_vpc": {"a": {"x": 1 /* c */}}}}', 'Terraform JSON syntax error', '/* c */'],
    ['{"resourze": {}}', 'Unsupported block type', '"resourze"'],
    ['{"resource": {"aws_vpc": "x"}}', 'Incorrect JSON value type', '"x"'],
    ['[5]', 'root of a .tf.json file', '5'],
    ['{"resource": null}', 'Missing block label', 'null'],
    ['{"locals": {"v": {"a": 1, "a": 2}}}', 'Duplicate object attribute', '"a"'],
    ['{"locals": {"x": "a ${var.y"}}', 'Terraform syntax error in a JSON string', ''],
    ['{"locals": {"x": 1, "x": 2}}', 'Duplicate argument', 'x'],
  ];
  for (const [text, message, where] of cases) {
    const { problems } = parseTfJson(text, 5);
    assert.ok(problems.length > 0, text);
    const p = problems[0]!;
    assert.match(p.message, new RegExp(message.replace(/[.]/g, '\\.')), text);
    assert.ok(p.start >= 5 && p.end <= text.length + 5 && p.end > p.start, text);
    if (where) assert.equal(text.slice(p.start - 5, p.end - 5), where, text);
  }
  // The analysis says it, in the file, as an error.
  const a = lint('main.tf.json', cases[0]![0]);
  assert.deepEqual(a.findings.map((f) => `${f.ruleId} ${f.severity}`), ['VPCE0001 error']);
});

test('a .tf.json file\'s quick fixes are JSON edits: never native syntax (test/unit/tf/fixes-json.test.ts for each fix)', () => {
  const tf = readFileSync(join(RULES, 'VPCE2002', 'bad.tf'), 'utf8');
  const text = hclToJson(tf);
  const json = lint('main.tf.json', text);
  const fixes = json.findings.flatMap((f) => json.verifiedFixes(f));
  assert.ok(fixes.length > 0, 'the JSON twin has fixes');
  for (const fix of fixes) assert.doesNotThrow(() => JSON.parse(applyEdits(text, fix.edits)), fix.title);
  JSON.parse(applyEdits(text, json.fixAll()));
});

test('JSON nested deeper than is read is a finding where the nesting passes the bound, never a stack overflow', () => {
  for (const n of [290, 50000]) {
    const text = `{"locals": {"x": ${'['.repeat(n)}${']'.repeat(n)}}, "resource": {"aws_vpc": {"a": {"tags": ${'{"a":'.repeat(n)}1${'}'.repeat(n)}}}}}`;
    const findings = lint('main.tf.json', text).findings;
    if (n < 300) assert.deepEqual(findings, []);
    else {
      assert.deepEqual(findings.map((f) => f.ruleId), ['VPCE0001']);
      // The root and locals objects are two levels: the 299th bracket is the 301st level.
      assert.equal(findings[0]!.start, text.indexOf('[') + 298);
    }
  }
});

test('dynamic blocks in JSON ("dynamic": {"ingress": {"for_each", "content"}}) expand as in .tf', () => {
  const base = readFileSync(join(RULES, 'VPCE6003', 'bad.tf'), 'utf8');
  // The endpoint's group: its ingress made by a dynamic block over the ports.
  const withPorts = (ports: string) =>
    base.replace(/resource "aws_security_group" "web" \{\n  vpc_id = aws_vpc\.main\.id\n  ingress \{[\s\S]*?\n  \}\n/, `resource "aws_security_group" "web" {\n  vpc_id = aws_vpc.main.id\n  dynamic "ingress" {\n    for_each = ${ports}\n    content {\n      from_port   = ingress.value\n      to_port     = ingress.value\n      protocol    = "tcp"\n      cidr_blocks = [aws_vpc.main.cidr_block]\n    }\n  }\n`);
  for (const [ports, expected] of [['[443]', []], ['[80, 8443]', ['VPCE6003']]] as const) {
    const tf = withPorts(ports);
    assert.notEqual(tf, base, 'the group was rewritten');
    const json = hclToJson(tf);
    assert.match(json, /"dynamic": \[/);
    const ids = (path: string, text: string) => lint(path, text).findings.map((f) => f.ruleId);
    assert.deepEqual(ids('main.tf', tf), expected);
    assert.deepEqual(ids('main.tf.json', json), expected);
  }
});

test('a broken template spoils no other string: each is still read, the error is in its own string', () => {
  const text = '{"locals": {"a": "${var.x}", "b": "${var.y", "c": "x-${local.a}"}}';
  const { body, problems } = parseTfJson(text);
  assert.deepEqual(problems.map((p) => [p.message.replace(/:.*/, ''), text.slice(p.start, p.end).length > 0 && p.start > text.indexOf('"b"') && p.end <= text.indexOf('"c"')]), [['Terraform syntax error in a JSON string', true]]);
  const [a, b, c] = body.blocks[0]!.body.attributes.map((x) => x.value);
  assert.equal(a!.k === 'traversal' && at(text, a!), 'var.x');
  assert.equal(b!.k, 'other');
  assert.ok(c?.k === 'template' && c.parts.length === 2);
});
