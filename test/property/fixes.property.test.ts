// Property test of quick fixes (issue 12): over every fixture, example, corpus template and policy, and
// seeded mutants of the fixtures, every fix the editor would offer (verified: applied in memory and
// linted again)
//   - removes its finding,
//   - adds no finding of warning or error severity, unless it names what it leaves and its title says
//     so ("..., then choose subnets"),
//   - leaves a document that parses,
//   - keeps every comment (a comment on a member's line that a "Remove ..." or "Make ..." fix deletes
//     goes with its line),
//   - changes nothing outside its edit ranges;
// and Fix All ends at a fixed point: run on its own result it changes nothing.
// Mutations are plain text rewrites of the mistakes people make (a type swapped, a key misspelt, DNS
// off, a port changed, a region hard-coded); the seed is fixed so a failure reproduces.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintDocument } from '../../server/src/core/engine.js';
import { parseText } from '../../server/src/core/document/parse.js';
import { applyEdits, fixAllText, fixSource, verifiedFixes, type Fix } from '../../server/src/core/fixes/index.js';
import type { Finding } from '../../server/src/core/findings.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const SETTINGS = { regions: ['eu-west-1'] };

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(dir, e.name)] : []));
}

const lint = (name: string) => (text: string): Finding[] => lintDocument(text, { fileName: name, settings: SETTINGS }).findings;

/** Comments of a YAML text: `#` at a line start or after a blank, outside quotes (close enough for templates). */
function comments(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    let quote = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        if (i === 0 || /[\s:[{,-]/.test(line[i - 1]!)) quote = c;
      } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
        out.push({ start: at + i, text: line.slice(i).trimEnd() });
        break;
      }
    }
    at += line.length + 1;
  }
  return out;
}

const parses = (text: string, json: boolean) => !parseText(text, { json }).problems.some((p) => p.severity === 'error');

let checkedFixes = 0;

function checkFix(name: string, text: string, json: boolean, finding: Finding, before: Finding[], fix: Fix, relint: (t: string) => Finding[]): void {
  const where = `${name}: ${finding.ruleId} "${fix.title}"`;
  const out = applyEdits(text, fix.edits);
  checkedFixes++;
  assert.ok(parses(out, json) || !parses(text, json), `${where}: the result does not parse:\n${out}`);
  // Outside the edit ranges, byte-identical: the pieces between edits appear in order.
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
  let from = 0;
  let pos = 0;
  for (const e of sorted) {
    const piece = text.slice(from, e.start);
    assert.equal(out.slice(pos, pos + piece.length), piece, `${where}: text before offset ${e.start} changed`);
    pos += piece.length + e.newText.length;
    from = e.end;
  }
  assert.equal(out.slice(pos), text.slice(from), `${where}: text after the last edit changed`);
  if (!json) {
    for (const c of comments(text)) {
      if (out.includes(c.text.slice(1).trim())) continue;
      const removed = sorted.some((e) => e.start <= c.start && c.start < e.end && e.newText === '');
      assert.ok(removed && /^(Remove|Make) /.test(fix.title), `${where}: comment lost: ${c.text}`);
    }
  }
  const after = relint(out);
  const count = (fs: Finding[], f: Finding) => fs.filter((x) => x.ruleId === f.ruleId && x.resource === f.resource).length;
  assert.ok(count(after, finding) < count(before, finding), `${where}: the finding is still there`);
  // Added warnings/errors (by rule, resource, severity): only when the fix says so.
  const left = new Map<string, number>();
  for (const f of before) left.set(`${f.ruleId}|${f.resource}|${f.severity}`, (left.get(`${f.ruleId}|${f.resource}|${f.severity}`) ?? 0) + 1);
  for (const f of after) {
    if (f.severity === 'info') continue;
    const k = `${f.ruleId}|${f.resource}|${f.severity}`;
    const n = left.get(k) ?? 0;
    if (n > 0) {
      left.set(k, n - 1);
      continue;
    }
    assert.ok(fix.leaves?.includes(f.ruleId) && /, then\b/.test(fix.title), `${where}: adds ${f.ruleId} ${f.message}`);
  }
}

function checkText(name: string, text: string): void {
  const json = /\.json$/i.test(name);
  // The same texts come back (a fix verified, then checked, then tried by Fix All): lint each once.
  const memo = new Map<string, Finding[]>();
  const plain = lint(name);
  const relint = (t: string) => memo.get(t) ?? (memo.set(t, plain(t)), memo.get(t)!);
  const before = relint(text);
  const source = fixSource(text);
  for (const finding of before) {
    for (const fix of verifiedFixes(source, finding, before, relint)) checkFix(name, text, json, finding, before, fix, relint);
  }
  const once = fixAllText(text, relint);
  assert.ok(parses(once.text, json) || !parses(text, json), `${name}: Fix All result does not parse`);
  if (once.passes > 0) assert.equal(fixAllText(once.text, relint).text, once.text, `${name}: Fix All twice differs from once`);
}

// Mutations of the mistakes people make, as text rewrites; each applies to one occurrence.
const MUTATIONS: [RegExp, string | ((m: string) => string)][] = [
  [/VpcEndpointType: Interface/, 'VpcEndpointType: Gateway'],
  [/VpcEndpointType: Gateway/, 'VpcEndpointType: Interface'],
  [/\n\s*VpcEndpointType: \w+/, ''],
  [/VpcEndpointType/, 'VpcEndpointTyp'],
  [/PrivateDnsEnabled: false/, 'PrivateDnsEnabled: true'],
  [/EnableDnsHostnames: true/, 'EnableDnsHostnames: false'],
  [/EnableDnsSupport: true/, 'EnableDnsSupport: false'],
  [/\$\{AWS::Region\}/, 'us-east-1'],
  [/\$\{AWS::Partition\}/, 'aws'],
  [/: 443/, ': 80'],
  [/SubnetIds: \[([^,\]]+)\]/, (m) => m.replace(/\[([^,\]]+)\]/, '$1')],
  [/\.s3\b/, '.s4'],
  [/\.ssm\b/, '.cloudwatch'],
  [/IpAddressType: \w+/, 'IpAddressType: dual-stack'],
  [/"2012-10-17"/, '"2008-10-17"'],
  [/\n\s*"?Version"?: "2012-10-17",?/, ''],
  [/StringEquals/, 'StringEqual'],
  [/s3:GetObject/, 's3:GetObjekt'],
  [/AcceptanceRequired: true/, 'AcceptanceRequired: false'],
  [/arn:aws:iam::(\d{12}):root/, (m) => m.replace(/arn:aws:iam::(\d{12}):root/, '$1')],
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function mutate(text: string, random: () => number): string {
  let out = text;
  const n = 1 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) {
    const [re, to] = MUTATIONS[Math.floor(random() * MUTATIONS.length)]!;
    const all = [...out.matchAll(new RegExp(re.source, 'g'))];
    if (!all.length) continue;
    const m = all[Math.floor(random() * all.length)]!;
    const replacement = typeof to === 'string' ? to : to(m[0]);
    out = out.slice(0, m.index) + replacement + out.slice(m.index! + m[0].length);
  }
  return out;
}

const fixtures = files(join(ROOT, 'test', 'fixtures')).filter((f) => !/VPCE0004|VPCE9009/.test(f)); // size rules: the 25-kB texts add time, not cases
const inputs = [...fixtures, ...files(join(ROOT, 'examples')), ...files(CORPUS)];

test('every offered fix of every fixture, example and corpus file is sound, and Fix All is a fixed point', () => {
  assert.ok(inputs.length > 200, `inputs found: ${inputs.length}`);
  for (const file of inputs) checkText(file, readFileSync(file, 'utf8'));
  assert.ok(checkedFixes > 50, `fixes checked: ${checkedFixes}`);
});

test('the same over seeded mutants of the fixtures and examples', () => {
  const random = rng(12);
  const bases = [...fixtures, ...files(join(ROOT, 'examples'))].map((f) => ({ f, text: readFileSync(f, 'utf8') })).filter((b) => b.text.length < 6000 && MUTATIONS.some(([re]) => re.test(b.text)));
  const count = Number(process.env.FIX_MUTANTS ?? 2000);
  const start = checkedFixes;
  let made = 0;
  for (let i = 0; made < count && i < count * 5; i++) {
    const base = bases[Math.floor(random() * bases.length)]!;
    const text = mutate(base.text, random);
    if (text === base.text) continue;
    made++;
    checkText(`${base.f} (mutant ${i})`, text);
  }
  assert.equal(made, count);
  assert.ok(checkedFixes - start > count, `fixes checked on mutants: ${checkedFixes - start}`);
});
