// The piecewise parse must give the very tree the whole parse gives, on every template we have, and
// again after edits that reuse the cached pieces.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../../server/src/core/document/parse.js';
import fc from 'fast-check';
import { newParseCache, parsePieces, parseWithCache, planOf } from '../../../server/src/core/document/segmented.js';

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

const files = [...yamlFiles(join(__dirname, '..', '..', 'fixtures')), ...yamlFiles(join(__dirname, '..', '..', '..', 'examples')), ...yamlFiles(join(__dirname, '..', '..', '..', '..', 'shared', 'corpus'))];

test('piecewise and whole parses agree on every fixture, example and corpus template', () => {
  assert.ok(files.length > 100);
  let cut = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const cache = newParseCache();
    const pieced = parsePieces(text, cache);
    assert.deepEqual(pieced, parseText(text), file);
    if (cache.pieces.size > 1) cut++;
  }
  assert.ok(cut > files.length / 2, `only ${cut} of ${files.length} templates were cut into pieces`);
});

test('after an edit, cached pieces are reused and the tree is still the whole parse', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'trace', 'classic.yaml'), 'utf8');
  const cache = newParseCache();
  parsePieces(text, cache);
  const before = new Map(cache.pieces);
  for (const edit of [(t: string) => t.replace('CidrBlock: 10.0.2.0/24', 'CidrBlock: 10.0.20.0/24'), (t: string) => t.replace('  Worker:', '  NewSg:\n    Type: AWS::EC2::SecurityGroup\n  Worker:'), (t: string) => t.replace('Resources:\n', '# a comment\nResources:\n')]) {
    const changed = edit(text);
    assert.notEqual(changed, text);
    const pieced = parsePieces(changed, cache);
    assert.deepEqual(pieced, parseText(changed));
  }
  const reused = [...cache.pieces.values()].filter((p) => [...before.values()].includes(p)).length;
  assert.ok(reused > 10, `only ${reused} pieces reused`);
});

test('a broken piece falls back to the whole parse, with its errors', () => {
  const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: [AWS::SQS::Queue\n';
  assert.deepEqual(parsePieces(text, newParseCache()), parseText(text));
  assert.deepEqual(parseWithCache(text, newParseCache()), parseText(text));
  assert.ok(parseText(text).problems.length > 0);
});

// What the language server calls on every keystroke: plain YAML goes whole through the fast path (no
// pieces kept); a template the fast path declines goes to the pieces, until the odd part is gone.
test('a typed template goes whole through the fast path, and to pieces only while the fast path declines it', () => {
  const plain = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SNS::Topic\n';
  // A double-quoted scalar over two lines: the fast path hands it to the yaml package.
  const odd = plain.replace('  B:\n', '  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: "one\n        two"\n  B:\n');
  const cache = newParseCache();
  // [text, pieces kept after it, the next version goes to the pieces first]
  const steps: Array<[string, boolean, boolean]> = [
    [plain, false, false],
    [odd, true, true],
    [odd.replace('Queue\n  B', 'Queue \n  B'), true, true],
    // Parsed in pieces (the last version was slow), all of them fast: the next goes whole again.
    [plain.replace('SNS', 'SQS'), true, false],
    [plain, false, false],
  ];
  for (const [text, pieces, slow] of steps) {
    assert.deepEqual(parseWithCache(text, cache), parseText(text));
    assert.equal(cache.pieces.size > 0, pieces, JSON.stringify(text));
    assert.equal(cache.slow, slow, JSON.stringify(text));
  }
});

test('a syntax error while typing: the whole parse reports it, and the next good version is fast again', () => {
  const good = 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SNS::Topic\n';
  const broken = good.replace('Type: AWS::SNS::Topic', 'Type: [AWS::SNS::Topic');
  const cache = newParseCache();
  parseWithCache(good, cache);
  const parsed = parseWithCache(broken, cache);
  assert.deepEqual(parsed, parseText(broken));
  assert.ok(parsed.problems.length > 0);
  assert.equal(cache.slow, true);
  assert.deepEqual(parseWithCache(good, cache), parseText(good));
  assert.equal(cache.slow, false);
});

test('a `#` right after a key\'s colon is no comment: `Resources:#` goes to the whole parse, which reports it', () => {
  // Found by the editor/CLI property (test/fuzz/properties.test.ts): the pieces took `Resources:#` for
  // `Resources:` and a comment, and the editor missed the error the CLI reports.
  const base = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Permissions:\n    Type: AWS::EC2::VPCEndpointServicePermissions\n    Properties:\n      ServiceId: vpce-svc-0123456789abcdef0\n';
  for (const text of [base.replace('Resources:\n', 'Resources:#\n'), base.replace('Permissions:\n', 'Permissions:#x\n'), base.replace('AWSTemplateFormatVersion: ', 'AWSTemplateFormatVersion:#x\nA: ')]) {
    const whole = parseText(text);
    assert.ok(whole.problems.some((p) => p.severity === 'error'), text);
    const cache = newParseCache();
    parseWithCache(base, cache);
    assert.deepEqual(parseWithCache(text, cache).problems.map((p) => p.message), whole.problems.map((p) => p.message), text);
  }
  // With a blank before it, `#` starts a comment: still pieces, still no error.
  const commented = base.replace('Resources:\n', 'Resources: # the stack\n');
  assert.deepEqual(parseWithCache(commented, newParseCache()).problems, []);
});

// The pieces are found by reading lines with patterns, then parsed alone; whatever lies outside them
// (blank and comment lines, the `Resources:` line) is judged by those patterns only. A problem that
// spans a piece boundary is hidden exactly where a pattern reads a line otherwise than YAML does. Fuzz
// case #9151 (seed 20261206) was one: `Resources:#x` is one plain scalar to YAML, whose key then runs
// on into the next line ("Implicit keys need to be on a single line"), but the plan took it for the
// key `Resources` and a comment, and the editor reported nothing.
test('a key whose colon is followed by # is no key: the piecewise parse reports what the whole parse does', () => {
  const base = 'Description: "one\n  two"\nResources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SNS::Topic\nOutputs:\n  X:\n    Value: 1\n';
  for (const text of [base.replace('Resources:', 'Resources:#x'), base.replace('  B:', '  B:#x'), base.replace('Outputs:', 'Outputs:#x'), base.replace('Resources:', 'Resources: #x')]) {
    const whole = parseText(text);
    assert.deepEqual(parsePieces(text, newParseCache()), whole, JSON.stringify(text));
    const cache = newParseCache();
    parsePieces(base, cache);
    assert.deepEqual(parsePieces(text, cache), whole, JSON.stringify(text));
  }
  assert.equal(parseText(base.replace('Resources:', 'Resources:#x')).problems[0]?.message, 'Implicit keys need to be on a single line');
});

// Typing edits at and around the lines where pieces meet (every line at column 0 or at the resources'
// indentation, and the line before it: the end of the previous piece), with the characters YAML gives
// a meaning to; after each, the cached piecewise parse is the whole parse, problems and tree.
test('property: an edit where pieces meet never makes the piecewise parse differ from the whole parse', () => {
  const FIXTURES = join(__dirname, '..', '..', 'fixtures');
  const sources = yamlFiles(FIXTURES).map((f) => readFileSync(f, 'utf8')).filter((t) => t.length < 3000 && planOf(t));
  assert.ok(sources.length > 50, `${sources.length} sources`);
  const TOKENS = ['#', ' #', ':', ': ', '\n', '\n  ', ' ', '-', '- ', '"', "'", '[', ']', '{', '}', ',', '?', '!', '&a', '*a', '|', '>', '%', '@', '`', '\t', '\r\n', '\u00a0', '\ufeff', 'x', '---'];
  const edit = fc.record({ line: fc.nat(), at: fc.constantFrom('start', 'colon', 'after-colon', 'end'), token: fc.constantFrom(...TOKENS) });
  fc.assert(
    fc.property(fc.nat({ max: sources.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (i, edits) => {
      const base = sources[i]!;
      let text = base;
      for (const e of edits) {
        const lines = text.split('\n');
        const meet = lines.flatMap((l, n) => (/^( {2})?[^\s]/.test(l) ? [n, n - 1] : [])).filter((n) => n >= 0);
        const n = meet[e.line % meet.length]!;
        const line = lines[n]!;
        const colon = line.indexOf(':');
        const at = e.at === 'start' ? 0 : e.at === 'end' || colon < 0 ? line.length : e.at === 'colon' ? colon : colon + 1;
        lines[n] = line.slice(0, at) + e.token + line.slice(at);
        text = lines.join('\n');
      }
      const cache = newParseCache();
      parsePieces(base, cache);
      assert.deepEqual(parsePieces(text, cache), parseText(text), JSON.stringify(text));
    }),
    { seed: 20261214, numRuns: 1000 },
  );
});
