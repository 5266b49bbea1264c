// The HCL reader's walks (hcl-cursor.ts: the whole walk in one WebAssembly call, vendor/tree-sitter-hcl/
// hcl-walk.wasm, reading the runtime's subtrees in place or calling its cursor functions; the runtime's
// cursor exports called from JS, without web-tree-sitter's copying) read exactly what TreeCursor's own
// methods read: every Terraform file of the repository and of the shared corpus, and broken, deep and
// non-ASCII inputs, give the same syntax tree and problems.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { hclReadsBy, parseHcl } from '../../../server/src/core/tf/hcl.js';
import { pinnedRuntime } from '../../../server/src/core/tf/hcl-cursor.js';

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

test('the subtree walk is the one in use (the pinned web-tree-sitter, whose subtrees walk.c reads, loads the walk)', () => {
  assert.equal(hclReadsBy(), 'subtrees');
});

test('pinnedRuntime knows the pinned runtime and no other bytes', () => {
  const runtime = readFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'));
  assert.equal(pinnedRuntime(runtime), true);
  // Unaligned, as a Buffer from Node's pool may be.
  const shifted = new Uint8Array(runtime.length + 1);
  shifted.set(runtime, 1);
  assert.equal(pinnedRuntime(shifted.subarray(1)), true);
  for (const at of [0, 1000, runtime.length - 1]) {
    const changed = Uint8Array.from(runtime);
    changed[at]! ^= 1;
    assert.equal(pinnedRuntime(changed), false, `a byte changed at ${at}`);
  }
  assert.equal(pinnedRuntime(runtime.subarray(0, runtime.length - 4)), false);
});

test('the subtree walk, the cursor walk in one call, the direct walk and TreeCursor methods read the same tree', () => {
  const files = [...tfFiles(join(__dirname, '..', '..')), ...tfFiles(join(__dirname, '..', '..', '..', '..', 'shared', 'corpus'))];
  assert.ok(files.length >= 20, `only ${files.length} Terraform files found`);
  const inputs = [...files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') })), ...ODD.map((text, i) => ({ name: `odd ${i}`, text }))];
  let withProblems = 0;
  for (const { name, text } of inputs) {
    const methods = parseHcl(text, 5, 'methods');
    assert.deepEqual(parseHcl(text, 5, 'direct'), methods, name);
    assert.deepEqual(parseHcl(text, 5, 'flat'), methods, name);
    const subtrees = parseHcl(text, 5);
    assert.deepEqual(subtrees, methods, name);
    if (subtrees.problems.length) withProblems++;
  }
  assert.ok(withProblems >= 4, 'the broken inputs are read as broken');
});

test('the four walks read the same tree of broken texts (seeded mutants of the repository\'s Terraform files)', () => {
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
      assert.deepEqual(parseHcl(mutant, 3, 'flat'), methods, `${f}, mutant ${m}`);
      assert.deepEqual(parseHcl(mutant, 3, 'direct'), methods, `${f}, mutant ${m}`);
      if (methods.problems.length) broken++;
    }
  }
  assert.ok(broken >= 50, `only ${broken} mutants are broken`);
});
