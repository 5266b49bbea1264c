// Number literals as HCL writes them (hclsyntax: decimal+ ("." decimal+)? (expmark decimal+)?), found
// by the parse sweep (docs/parse-sweep.md) against `terraform fmt`, which parses HCL. The cause is in
// the grammar the HCL parser is built from (tree-sitter-hcl 1.2.0's numeric_lit:
// /[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?/ and /0x[0-9a-zA-Z]+/): an exponent needs a fraction before it,
// and hex is taken, which HCL has not. The HCL parser is tf-wasm2's to change; until then these run as
// todo (reported, not failing the suite): drop the todo when the grammar is fixed.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';

before(() => ensureTerraformParser());

const syntaxFindings = (value: string) => {
  const text = `locals {\n  a = ${value}\n  b = 2\n}\n`;
  return analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } }).analysis.findings.filter((f) => f.ruleId === 'VPCE0001');
};

test('numbers terraform fmt reads are no syntax error: a fraction and an exponent', () => {
  for (const v of ['1', '1.5', '1.5e-2', '1.5E+2', '01']) assert.deepEqual(syntaxFindings(v), [], v);
});

test('an exponent without a fraction (1e3, 1E3) is a number, as terraform fmt reads it', { todo: 'tree-sitter-hcl numeric_lit needs a fraction before an exponent (tf-wasm2 owns the HCL parser)' }, () => {
  for (const v of ['1e3', '1E3', '2e-1']) assert.deepEqual(syntaxFindings(v), [], v);
});

test('hex (0x1F) is no HCL number: terraform fmt refuses it', { todo: 'tree-sitter-hcl takes /0x[0-9a-zA-Z]+/ as a number (tf-wasm2 owns the HCL parser)' }, () => {
  assert.equal(syntaxFindings('0x1F').length, 1);
});
