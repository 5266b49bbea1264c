// The HCL reader's walks (hcl-cursor.ts: the whole walk in one WebAssembly call, vendor/tree-sitter-hcl/
// hcl-walk.wasm; the runtime's cursor exports called from JS, without web-tree-sitter's copying) read
// exactly what TreeCursor's own methods read: every Terraform file of the repository and of the shared
// corpus, and broken, deep and non-ASCII inputs, give the same syntax tree and problems.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { hclReadsBy, parseHcl } from '../../../server/src/core/tf/hcl.js';

before(() => ensureTerraformParser());

function tfFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tfFiles(p);
    return /\.(tf|tfvars)$/.test(e.name) ? [p] : [];
  });
}

const ODD = [
  'resource "a" "b" {\n  x = [1, 2,\n',
  'a = {\n b = "${x"\n}\n',
  'x = <<-EOT\n  a ${b}\n  EOT\n',
  'a = ',
  '}}}',
  'resource "x" {\n  a = b.c[*].d\n  e = f.0.g\n  h = "\\u00e9\\n$${x}"\n}\n',
  `a = ${'['.repeat(400)}${']'.repeat(400)}\n`,
  'x = "é ${ü}" # ☃\ny = "𝄞${a.b}"\n',
  'locals {\n  m = { for k, v in var.x : k => v if v != null }\n  t = var.a ? "x" : "y"\n}\n',
];

test('the one-call walk is the one in use (the pinned web-tree-sitter exports its cursor functions and loads the walk)', () => {
  assert.equal(hclReadsBy(), 'flat');
});

test('the one-call walk, the direct walk and TreeCursor methods read the same tree', () => {
  const files = [...tfFiles(join(__dirname, '..', '..')), ...tfFiles(join(__dirname, '..', '..', '..', '..', 'shared', 'corpus'))];
  assert.ok(files.length >= 20, `only ${files.length} Terraform files found`);
  const inputs = [...files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') })), ...ODD.map((text, i) => ({ name: `odd ${i}`, text }))];
  let withProblems = 0;
  for (const { name, text } of inputs) {
    const methods = parseHcl(text, 5, 'methods');
    assert.deepEqual(parseHcl(text, 5, 'direct'), methods, name);
    const flat = parseHcl(text, 5);
    assert.deepEqual(flat, methods, name);
    if (flat.problems.length) withProblems++;
  }
  assert.ok(withProblems >= 4, 'the broken inputs are read as broken');
});

test('the three walks read the same tree of broken texts (seeded mutants of the repository\'s Terraform files)', () => {
  const files = tfFiles(join(__dirname, '..', '..')).slice(0, 40);
  let seed = 12345;
  let broken = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (let m = 0; m < 6 && text.length > 2; m++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const at = seed % text.length;
      const insert = ['', '"', '{', '}', '${', ' ', '[', '=', '<<EOT\n', '(', '.', '*'][(seed >> 4) % 12]!;
      const mutant = text.slice(0, at) + insert + text.slice(at + ((seed >> 8) % 5));
      const methods = parseHcl(mutant, 3, 'methods');
      assert.deepEqual(parseHcl(mutant, 3), methods, `${f}, mutant ${m}`);
      assert.deepEqual(parseHcl(mutant, 3, 'direct'), methods, `${f}, mutant ${m}`);
      if (methods.problems.length) broken++;
    }
  }
  assert.ok(broken >= 50, `only ${broken} mutants are broken`);
});
