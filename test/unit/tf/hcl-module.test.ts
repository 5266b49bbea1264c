// The static parser module (vendor/tree-sitter-hcl/hcl-parse.wasm: tree-sitter's runtime, the fast grammar and
// walk.c in one, an arena for memory; server/src/core/tf/hcl-module.ts) gives every text exactly what web-tree-sitter
// gives: where it answers, the same node array as walk.c reads from the npm build's tree, so the same syntax; where
// it does not (a tree with errors, a root not at 0), the npm build parses the text, as before. Checked on every
// .tf/.tfvars of the repository and the shared corpus, the 5,000-resource benchmark tree, broken and odd inputs and
// seeded mutants; the module's character classes are the runtime's on every code point; its memory is reused.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { Language, Parser } from 'web-tree-sitter';
import { hclInput, hclModule, hclTreeNodes, parseHcl } from '../../../server/src/core/tf/hcl.js';
import type { HclModule } from '../../../server/src/core/tf/hcl-module.js';
import { filesUnder, notSource, terraformSources } from '../../helpers/files.js';

const ROOT = join(__dirname, '..', '..', '..');
let m: HclModule;
let upstream: Parser;
let fast: Parser;

before(async () => {
  await ensureTerraformParser(); // initialises web-tree-sitter's runtime once for the process
  m = hclModule()!;
  assert.ok(m, 'the static module is loaded');
  const load = async (path: string) => {
    const p = new Parser();
    p.setLanguage(await Language.load(readFileSync(path)));
    return p;
  };
  // The npm build with HCL's numbers (patch-parser.mjs --exact); test/unit/tf/hcl-exact-build.test.ts compares it with the npm package's own.
  upstream = await load(join(ROOT, 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm'));
  fast = await load(join(ROOT, 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform-fast.wasm'));
});

const files = terraformSources(ROOT);
const texts = () => files.map((f) => readFileSync(f, 'utf8'));

/** The module's node array for `text`, or undefined where it leaves the text to the npm build. */
function moduleNodes(text: string): number[] | undefined {
  return m.parse(text, (nodes) => Array.from(nodes));
}

/** Whether the fast build, in web-tree-sitter, finds errors or a root not at 0 (parseHclTree then parses with the npm build). */
function fastBroken(text: string): boolean {
  const tree = fast.parse(text)!;
  try {
    return tree.rootNode.hasError || tree.rootNode.startIndex !== 0;
  } finally {
    tree.delete();
  }
}

/** walk.c's array of the npm build's tree, read in web-tree-sitter. */
function npmNodes(text: string): number[] {
  const tree = upstream.parse(text)!;
  try {
    return hclTreeNodes(tree);
  } finally {
    tree.delete();
  }
}

/** Compares the module with web-tree-sitter on `text`; whether the module answered. */
function same(text: string, name: string): boolean {
  const ours = moduleNodes(text);
  assert.equal(ours === undefined, fastBroken(text), `${name}: the module ${ours ? 'answers' : 'does not answer'}`);
  if (ours) assert.deepEqual(ours, npmNodes(text), name);
  // What the rest of the engine sees: the syntax and problems, the module's way and web-tree-sitter's.
  assert.deepEqual(parseHcl(text, 7, 'module'), parseHcl(text, 7, 'subtrees'), name);
  return ours !== undefined;
}

test("the module's node types are the npm build's, numbered alike", () => {
  const language = upstream.language!;
  {
    assert.equal(m.types.length, language.types.length);
    for (let id = 0; id < language.types.length; id++) {
      assert.equal(m.types[id], language.types[id], `type ${id}`);
      assert.equal(m.named(id), language.nodeTypeIsNamed(id), `type ${id}`);
    }
  }
});

const ODD = [
  'resource "a" "b" {\n  x = [1, 2,\n',
  'a = {\n b = "${x"\n}\n',
  'x = <<-EOT\n  a ${b}\n  EOT\n',
  'x = <<EOT\na\n   EOT   \n\nEOT\n',
  'a = ',
  '',
  '}}}  \n\n',
  '  \n\t resource "x" {\n  a = b.c[*].d\n  e = f.0.g\n  h = "\\u00e9\\n$${x}"\n}\n  \n',
  'x = "é ${ü}" # ☃\ny = "𝄞${a.b}"\n',
  'x = "\ud800 lone ${"\udc00"}"\n',
  `a = ${'['.repeat(400)}${']'.repeat(400)}\n`,
  'locals {\n  m = { for k, v in var.x : k => v if v != null }\n  t = var.a ? "x" : "y"\n  @@ ! \n}\n',
  'a = "%{ if x }\n  y %{ else } z\n%{ endif }"\nb = 1 +\n',
  'a = 1\n\n  \n',
  '\n\nresource "a" "b" {\n  x = 1\n}\n',
  'h = <<-EOT\n  héllo ${x}\n  EOT\nk = <<EOF_1\nx\nEOF_1\n',
];

test('every Terraform file of the repository and the corpus, and odd inputs, read the same through the module', () => {
  assert.ok(files.length >= 100, `only ${files.length} Terraform files found`);
  let answered = 0;
  for (const [i, text] of texts().entries()) if (same(text, files[i]!)) answered++;
  assert.ok(answered >= 100, `the module answered only ${answered} files`);
  let left = 0;
  for (const text of ODD) if (!same(text, JSON.stringify(text))) left++;
  assert.ok(left >= 5, `only ${left} odd inputs went to the npm build`);
});

test('the generated 5,000-resource benchmark tree reads the same through the module, every file answered by it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tf-module-'));
  try {
    assert.equal(spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench', 'gen-tf.mjs'), '5000', dir]).status, 0);
    const tree = filesUnder(dir, /\.(tf|tfvars)$/, notSource);
    assert.equal(tree.length, 33);
    for (const f of tree) assert.equal(same(readFileSync(f, 'utf8'), f), true, f);
    // The arena is dropped at each call: parsing the largest file again does not grow the module's memory.
    const largest = tree.map((f) => readFileSync(f, 'utf8')).sort((a, b) => b.length - a.length)[0]!;
    moduleNodes(largest);
    const memory = (m.exports.memory as WebAssembly.Memory).buffer.byteLength;
    for (let i = 0; i < 5; i++) moduleNodes(largest);
    assert.equal((m.exports.memory as WebAssembly.Memory).buffer.byteLength, memory);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const PIECES = [' ', '  ', '\n', '\t', '\r\n', '\v', '\f', '\u00a0', '\u2028', 'é', '𝄞', '"', '"a  b"', '"${ x }"', '"%{ if x }a%{ endif }"', '${', '}', '{', '<<EOF\n', '<<-EOT\n  a ${b}\n', '\nEOF\n', '\n  EOT  \n', '#', '# c\n', '/* a\n b */', '=', '[', ']', ',', '.', ':', '?', '=>', '...', 'x', '\\', '$${', '%%{', '1.5e3'];

test('mutated texts read the same through the module (broken syntax, heredocs, templates, comments, whitespace)', () => {
  const small = texts().filter((t) => t.length < 16_000);
  let answered = 0;
  let runs = 0;
  const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete'), piece: fc.constantFrom(...PIECES), len: fc.integer({ min: 1, max: 20 }) });
  fc.assert(
    fc.property(fc.nat({ max: small.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
      let t = small[which]!;
      for (const e of edits) {
        const at = e.at % (t.length + 1);
        t = e.kind === 'insert' ? t.slice(0, at) + e.piece + t.slice(at) : t.slice(0, at) + t.slice(at + e.len);
      }
      runs++;
      if (same(t, JSON.stringify(t))) answered++;
    }),
    { seed: 1216, numRuns: 300 },
  );
  assert.ok(answered >= runs / 10 && answered <= runs - runs / 10, `the module answered ${answered} of ${runs} mutants`);
});

test("the module's character classes (its C library's, which the external scanner asks) are the runtime's on every code point", () => {
  const runtime = hclInput()!.module as Record<string, (c: number) => number>;
  for (const [ours, theirs] of [
    ['vpce_hcl_iswalnum', '_iswalnum'],
    ['vpce_hcl_iswxdigit', '_iswxdigit'],
    ['vpce_hcl_iswspace', '_iswspace'],
  ] as const) {
    const a = m.exports[ours] as (c: number) => number;
    const b = runtime[theirs]!;
    assert.equal(typeof b, 'function', theirs);
    for (const c of [-2, -1, 0x110000, 0x7fffffff]) assert.equal(a(c) !== 0, b(c) !== 0, `${ours} ${c}`);
    for (let c = 0; c <= 0x10ffff; c++) if ((a(c) !== 0) !== (b(c) !== 0)) assert.fail(`${ours} at ${c.toString(16)}: the module ${a(c)}, the runtime ${b(c)}`);
  }
});
