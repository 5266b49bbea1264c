// The strict-JSON fast path (json-fast.ts) against jsonc-parser's reading (parseJsonc): on every JSON
// file the repository and the corpus hold, and on seeded mutants of them, it either builds the very same
// tree and problems or gives up; it gives up exactly when the text is not strict JSON (JSON.parse is the
// judge), so every error is still reported by jsonc-parser's path, at its place.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonFast } from '../../../server/src/core/document/json-fast.js';
import { parseJson, parseJsonc } from '../../../server/src/core/document/json-parse.js';

const ROOT = join(__dirname, '..', '..', '..');

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : jsonFiles(p);
    return e.name.endsWith('.json') ? [p] : [];
  });
}

const files = [
  ...['test/fixtures', 'examples', 'schemas', 'scripts/bench/inputs'].flatMap((d) => jsonFiles(join(ROOT, d))),
  ...jsonFiles(join(ROOT, '..', 'shared', 'corpus')),
];

function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return text.charCodeAt(0) !== 0xfeff;
  } catch {
    return false;
  }
}

/** Fast path and jsonc-parser agree on this text, and the fast path takes it iff it is strict JSON. */
function agree(text: string, label: string): void {
  const fast = parseJsonFast(text);
  assert.equal(fast !== undefined, isStrictJson(text), `${label}: the fast path ${fast ? 'took' : 'refused'} ${JSON.stringify(text.slice(0, 80))}`);
  if (fast) assert.deepStrictEqual(fast, parseJsonc(text), label);
  const expected = fast ?? parseJsonc(text);
  const got = parseJson(text);
  // A tab or line break inside a string is read as CloudFormation reads it (json-raw-controls.test.ts):
  // where jsonc-parser's only complaint is about such characters, parseJson may have none.
  const raw = /["][^"]*[\t\n\r]/.test(text) && expected.problems.length > 0 && expected.problems.every((p) => /Control characters|Unterminated JSON string/.test(p.message));
  if (raw && got.problems.every((p) => p.cloudFormationAccepts)) return;
  assert.deepStrictEqual(got, expected, label);
}

test('every JSON file of the repository and the corpus: the same tree as jsonc-parser', () => {
  assert.ok(files.length > 20, `only ${files.length} JSON files found`);
  let taken = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    agree(text, f);
    if (parseJsonFast(text)) taken++;
  }
  // Nearly every file is strict JSON (the fixtures of syntax errors are not).
  assert.ok(taken > files.length / 2, `the fast path took ${taken} of ${files.length} files`);
});

test('hand-picked texts: escapes, numbers, duplicates, nesting, and what is not strict JSON', () => {
  const texts = [
    '{}', '[]', ' \n\t\r{ }\r\n', '{"a":[]}', '[[[]],{}]', '"s"', '0', '-0', '-0.5e+10', '1E-3', '12345678901234567890', 'true', 'false', 'null',
    '{"a":"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r"}', '{"\\u0041":1,"A":2}', '{"a":1,"a":2,"b":{"a":3,"a":[1,2]}}', '["\\ud800", "\u2028", "é—😀"]',
    '{"Resources":{"X":{"Type":"AWS::EC2::VPC","Properties":{"CidrBlock":"10.0.0.0/16"}}}}',
    // Not strict JSON: each is jsonc-parser's to report.
    '', '   ', '\ufeff{}', '{"a":1,}', '[1,]', '{"a" 1}', '{"a":1 "b":2}', '// c\n{}', '{} /* c */', '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":+1}',
    '{"a":1e}', '{"a":tru}', '{"a":truex}', "{'a':1}", '{"a":"x\ty"}', '{"a":"\\x"}', '{"a":"\\u12"}', '{"a":"unterminated}', '[1 2]', '{"a":1}}',
    '{"a":1}{', '[1]x', '{,}', '[,1]', '{"a"}', '{"a":}', '{:1}', '{1:2}', '[', '{', ']', '"\u0000"', '{"a":[1,{"b":2]}', 'NaN', '[Infinity]', '[-]', '\u00a0{}',
  ];
  texts.forEach((t, i) => agree(t, `text ${i}`));
});

test('nesting past 500 levels is left to jsonc-parser, which reports it', () => {
  const deep = '['.repeat(600) + ']'.repeat(600);
  assert.equal(parseJsonFast(deep), undefined);
  assert.ok(parseJson(deep).problems.some((p) => p.code === 'too-large'));
  const ok = '['.repeat(499) + ']'.repeat(499);
  assert.deepStrictEqual(parseJsonFast(ok), parseJsonc(ok));
});

test('seeded mutants of the JSON files: the same answer as jsonc-parser, or jsonc-parser answers', () => {
  let seed = 20261201;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pieces = ['"', ',', ':', '{', '}', '[', ']', '\\', ' ', '\n', '0', '-', '.', 'e', 'true', 'null', '\t', '\u0001', "'", '/', '\\u', '"a"'];
  const small = files.map((f) => readFileSync(f, 'utf8')).filter((t) => t.length < 40_000);
  let mutants = 0;
  for (let round = 0; round < 400; round++) {
    const text = small[rand(small.length)]!;
    const at = rand(text.length + 1);
    const kind = rand(3);
    const mutant = kind === 0 ? text.slice(0, at) + text.slice(at + 1) : kind === 1 ? text.slice(0, at) + pieces[rand(pieces.length)] + text.slice(at) : text.slice(0, at) + text.slice(at, at + 1 + rand(20)) + text.slice(at);
    agree(mutant, `mutant ${round}`);
    mutants++;
  }
  assert.equal(mutants, 400);
});
