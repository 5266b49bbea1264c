// The grammar's second build (vendor/tree-sitter-hcl/tree-sitter-terraform.wasm: the npm package's sources with
// HCL's numbers alone, scripts/hcl-wasm/patch-parser.mjs --exact) parses what the fast build hands on (errors,
// leading whitespace). It gives the npm package's own build's tree (every visible node, its type, byte range and
// flags) on every text but those with a number written with an exponent and no fraction (`1e3`), which it reads
// as one number where the npm build reads `1` and an identifier. The fast build's parity with it is
// hcl-wasm-parity.test.ts's.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { terraformSources } from '../../helpers/files.js';

const ROOT = join(__dirname, '..', '..', '..');
let npm: Parser;
let exact: Parser;

before(async () => {
  await ensureTerraformParser(); // initialises web-tree-sitter's runtime once for the process
  const load = async (bytes: Uint8Array) => {
    const p = new Parser();
    p.setLanguage(await Language.load(bytes));
    return p;
  };
  npm = await load(readFileSync(createRequire(__filename).resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));
  exact = await load(readFileSync(join(ROOT, 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm')));
});

function nodes(p: Parser, text: string): string[] {
  const tree: Tree | null = p.parse(text);
  assert.ok(tree);
  const out: string[] = [];
  const c = tree.walk();
  const visit = (depth: number): void => {
    const n = c.currentNode;
    out.push(`${depth} ${n.type} ${n.isNamed ? 'named' : 'anon'}${n.isError ? ' error' : ''}${n.isMissing ? ' missing' : ''}${n.isExtra ? ' extra' : ''} ${n.startIndex}-${n.endIndex}`);
    if (c.gotoFirstChild()) {
      do visit(depth + 1);
      while (c.gotoNextSibling());
      c.gotoParent();
    }
  };
  visit(0);
  c.delete();
  tree.delete();
  return out;
}

// A digit run followed by an exponent mark and a digit (optionally signed): where the two builds may differ.
const EXPONENT_WITHOUT_FRACTION = /(^|[^0-9.A-Za-z_])[0-9]+[eE][-+]?[0-9]/;

const texts = () => terraformSources(ROOT).map((f) => readFileSync(f, 'utf8'));

test('the second build is the terraform dialect, its node types numbered as in the npm build', () => {
  const [a, b] = [exact.language!, npm.language!];
  assert.equal(a.name, 'terraform');
  assert.equal(a.nodeTypeCount, b.nodeTypeCount);
  for (let id = 0; id < b.nodeTypeCount; id++) assert.equal(a.nodeTypeForId(id), b.nodeTypeForId(id), `type ${id}`);
});

test('every Terraform file of the repository and the corpus, and their mutants, get the npm build tree', () => {
  const all = texts();
  assert.ok(all.length >= 100);
  for (const text of all) if (!EXPONENT_WITHOUT_FRACTION.test(text)) assert.deepEqual(nodes(exact, text), nodes(npm, text));
  const small = all.filter((t) => t.length < 16_000);
  const PIECES = [' ', '\n', '"', '${', '}', '{', '[', '<<EOF\n', '\nEOF\n', '#', '/*', '=', '.', '0', '1', '0x', '1.5', 'e', 'E', '-', '+', '1.5e3', '0.0', 'x'];
  let checked = 0;
  fc.assert(
    fc.property(fc.nat({ max: small.length - 1 }), fc.array(fc.record({ at: fc.nat(), piece: fc.constantFrom(...PIECES) }), { minLength: 1, maxLength: 6 }), (which, edits) => {
      let t = small[which]!;
      for (const e of edits) {
        const at = e.at % (t.length + 1);
        t = t.slice(0, at) + e.piece + t.slice(at);
      }
      if (EXPONENT_WITHOUT_FRACTION.test(t)) return;
      checked++;
      assert.deepEqual(nodes(exact, t), nodes(npm, t), JSON.stringify(t));
    }),
    { seed: 77, numRuns: 300 },
  );
  assert.ok(checked >= 250, `${checked} mutants compared`);
});

test('numbers: an exponent without a fraction is one number for the second build, `1` and an identifier for the npm build', () => {
  for (const n of ['1e3', '1E3', '2e-1', '0e+5', '10e10']) {
    const text = `a = ${n}\n`;
    const ours = nodes(exact, text);
    assert.ok(ours.some((l) => l.endsWith(` numeric_lit named 4-${4 + n.length}`)), `${n}: ${ours.join(' | ')}`);
    assert.ok(!ours.some((l) => l.includes('error')), n);
    assert.ok(nodes(npm, text).some((l) => l.includes('error')), `${n}: the npm build refuses it`);
  }
  // An exponent mark without digits after it ends the number before it, as in the npm build.
  for (const text of ['a = 1e\n', 'a = 1ex\n', 'a = 1e+\n', 'a = 1.e3\n', 'a = 1.5e3\n', 'a = 0x1F\n']) assert.deepEqual(nodes(exact, text), nodes(npm, text), text);
});
