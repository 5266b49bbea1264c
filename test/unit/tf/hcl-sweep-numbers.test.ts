// Number literals as HCL writes them (hclsyntax: decimal+ ("." decimal+)? (expmark decimal+)?), found
// by the parse sweep (docs/parse-sweep.md) against `terraform fmt`, which parses HCL. tree-sitter-hcl 1.2.0's
// numeric_lit (/[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?/ and /0x[0-9a-zA-Z]+/) needs a fraction before an exponent
// and takes hex, which HCL has not: both grammar builds read `1e3` as one number now
// (scripts/hcl-wasm/patch-parser.mjs), and the reader refuses hex at the literal (hcl-convert.ts).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { parseHcl } from '../../../server/src/core/tf/hcl.js';

before(() => ensureTerraformParser());

/** VPCE0001 findings of a file whose local `a` is `value`, `before` the block and `after` it; offsets in that text. */
const syntaxFindings = (value: string, before = '', after = '') => {
  const text = `${before}locals {\n  a = ${value}\n  b = 2\n}\n${after}`;
  return analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } }).analysis.findings.filter((f) => f.ruleId === 'VPCE0001').map((f) => ({ ...f, start: f.start - before.length, end: f.end - before.length }));
};

/** The literal value the reader takes from `a = value` (undefined: not read as a literal). */
const value = (v: string) => {
  const e = parseHcl(`a = ${v}\n`).body.attributes[0]!.value;
  return e.k === 'literal' ? e.value : undefined;
};

test('numbers terraform fmt reads are no syntax error: a fraction and an exponent', () => {
  for (const v of ['1', '1.5', '1.5e-2', '1.5E+2', '01']) assert.deepEqual(syntaxFindings(v), [], v);
});

test('an exponent without a fraction (1e3, 1E3) is a number, as terraform fmt reads it', () => {
  for (const v of ['1e3', '1E3', '2e-1']) assert.deepEqual(syntaxFindings(v), [], v);
  // The texts the fast build hands on to the second build: one that begins with whitespace, one with an error elsewhere.
  for (const v of ['1e3', '1E3', '2e-1']) assert.deepEqual(syntaxFindings(v, '\n'), [], `leading newline: ${v}`);
  const broken = syntaxFindings('1e3', '', 'resource "a" "b" {\n  x = )\n}\n');
  assert.ok(broken.length > 0 && broken.every((f) => f.start >= 'locals {\n  a = 1e3\n  b = 2\n}\n'.length), JSON.stringify(broken));
});

test('the value of 1e3 is 1000 (a count reads it)', () => {
  assert.equal(value('1e3'), 1000);
  assert.equal(value('2E-1'), 0.2);
  assert.equal(value('1.5e2'), 150);
});

test('hex (0x1F) is no HCL number: terraform fmt refuses it, and it is refused at the literal (its value not taken)', () => {
  const text = `locals {\n  a = 0x1F\n  b = 2\n}\n`;
  const found = syntaxFindings('0x1F');
  assert.equal(found.length, 1);
  assert.equal(found[0]!.start, text.indexOf('0x1F'));
  assert.equal(found[0]!.end, text.indexOf('0x1F') + 4);
  assert.equal(value('0x1F'), undefined);
  assert.equal(syntaxFindings('0X1f', '\n').length, 1);
});
