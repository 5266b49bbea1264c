// The parser's input written into WebAssembly memory by Node's UTF-16LE encoder (hcl-input.ts) instead of
// web-tree-sitter's own code-unit loop: the runtime reads it 5,119 code units at a time, so texts are cut
// where a chunk ends inside a surrogate pair, a multi-byte character or a template, and the trees are
// compared node by node with the same grammar's parse through web-tree-sitter's own input callback.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { hclInput, parseHcl, parseHclTree } from '../../../server/src/core/tf/hcl.js';

const ROOT = join(__dirname, '..', '..', '..');
const CHUNK = 5119;
let fast: Parser;

before(async () => {
  await ensureTerraformParser();
  fast = new Parser();
  fast.setLanguage(await Language.load(readFileSync(join(ROOT, 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform-fast.wasm'))));
});

function nodes(tree: Tree): string[] {
  const out: string[] = [];
  const c = tree.walk();
  const visit = (depth: number): void => {
    const n = c.currentNode;
    out.push(`${depth} ${n.type}${n.isError ? ' error' : ''}${n.isMissing ? ' missing' : ''} ${n.startIndex}-${n.endIndex}`);
    if (c.gotoFirstChild()) {
      do visit(depth + 1);
      while (c.gotoNextSibling());
      c.gotoParent();
    }
  };
  visit(0);
  c.delete();
  return out;
}

/** The fast grammar's tree through web-tree-sitter's own input callback (no text is being read by hcl-input then). */
function ownCallback(text: string): string[] {
  const tree = fast.parse(text);
  assert.ok(tree);
  try {
    return nodes(tree);
  } finally {
    tree.delete();
  }
}

function ours(text: string): string[] {
  const tree = hclInput()!.reading(text, () => fast.parse(text));
  assert.ok(tree);
  try {
    return nodes(tree);
  } finally {
    tree.delete();
  }
}

/** A text of at least `n` code units whose first string holds `inside` from code unit `at` on; more attributes after it. */
function cutAt(at: number, inside: string, n = at + 300): string {
  const head = 'a = "';
  const filler = 'x'.repeat(Math.max(0, at - head.length));
  let text = `${head}${filler}${inside}"\n`;
  while (text.length < n) text += `b${text.length} = "é ${'𝄞'.repeat(text.length % 7)} \${var.x}"\n`;
  return text;
}

test('the runtime reads the text given to reading(), not the parser argument', () => {
  const tree = hclInput()!.reading('a = 1\n', () => fast.parse('resource "x" "y" {}\n'));
  assert.ok(tree);
  try {
    assert.equal(tree.rootNode.endIndex, 6);
    assert.equal(tree.rootNode.descendantsOfType('attribute').length, 1);
    assert.equal(tree.rootNode.descendantsOfType('block').length, 0);
  } finally {
    tree.delete();
  }
});

test('texts cut at a chunk end inside surrogate pairs, accents and templates parse into the same trees', () => {
  const texts = [
    '',
    'a = 1',
    'x'.repeat(CHUNK - 1),
    `a = "${'y'.repeat(CHUNK - 6)}"`,
    `a = "${'y'.repeat(CHUNK - 5)}"`,
    `a = "${'y'.repeat(2 * CHUNK)}"\n`,
  ];
  for (const k of [1, 2]) {
    for (const d of [-2, -1, 0, 1]) {
      for (const inside of ['𝄞𝄞𝄞', 'éé', '${var.ü}', '\\u00e9\\n', '$${x} %{ if a }b%{ endif }']) texts.push(cutAt(k * CHUNK + d, inside));
    }
  }
  const corpus = readFileSync(join(ROOT, 'examples', 'terraform', 'main.tf'), 'utf8');
  texts.push(corpus.repeat(Math.ceil((3 * CHUNK) / corpus.length)));
  for (const text of texts) {
    assert.deepEqual(ours(text), ownCallback(text), `${text.length} code units: ${JSON.stringify(text.slice(0, 40))}`);
    // Through the engine too: the walk and the converter read the tree the runtime built from our input.
    const tree = parseHclTree(text);
    try {
      assert.deepEqual(nodes(tree), ownCallback(text));
    } finally {
      tree.delete();
    }
  }
  // A surrogate pair across the first chunk end, inside a string, keeps its character in the syntax.
  const cut = cutAt(CHUNK - 1, '𝄞');
  const first = parseHcl(cut).body.attributes[0]!.value;
  assert.equal(first.k, 'literal');
  assert.ok(first.k === 'literal' && typeof first.value === 'string' && first.value.endsWith('x𝄞'));
});
