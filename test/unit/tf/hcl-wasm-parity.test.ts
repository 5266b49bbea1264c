// The Terraform parser (parseHclTree: the fast build of tree-sitter-hcl 1.2.0's terraform dialect from
// vendor/tree-sitter-hcl, whitespace skipped, template text lexed as single tokens, iswspace inline and every parse state in the
// plain table, and the npm package's own build for texts the fast one finds broken or that begin with whitespace)
// gives every text the npm build's tree: every visible node, named or not, with its type, byte range and its
// error, missing and extra flags, in order. Checked on every .tf/.tfvars of the repository and the shared corpus,
// the generated 5,000-resource benchmark tree, broken inputs, texts beginning with whitespace and seeded mutants
// (broken syntax, heredocs, templates with spaces and newlines, comments, odd whitespace).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { hclInput, parseHclTree } from '../../../server/src/core/tf/hcl.js';
import { filesUnder, notSource, terraformSources } from '../../helpers/files.js';

const ROOT = join(__dirname, '..', '..', '..');
let upstream: Parser;
let fast: Parser;

before(async () => {
  await ensureTerraformParser(); // initialises web-tree-sitter's runtime once for the process
  const load = async (path: string) => {
    const p = new Parser();
    p.setLanguage(await Language.load(readFileSync(path)));
    return p;
  };
  // The npm build with HCL's numbers (patch-parser.mjs --exact); test/unit/tf/hcl-exact-build.test.ts compares it with the npm package's own.
  upstream = await load(join(ROOT, 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm'));
  fast = await load(join(ROOT, 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform-fast.wasm'));
});

function nodes(tree: Tree): string[] {
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
  return out;
}

function parse(p: Parser | 'ours', text: string): string[] {
  const tree = p === 'ours' ? parseHclTree(text) : p.parse(text);
  assert.ok(tree);
  try {
    return nodes(tree);
  } finally {
    tree.delete();
  }
}

/** The first difference between our tree and the npm build's, as a message (whole trees are too big to print). */
function difference(text: string): string | undefined {
  const a = parse(upstream, text);
  const b = parse('ours', text);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `node ${i}: upstream ${a[i]}, ours ${b[i]}`;
  return undefined;
}

/** Whether the fast build alone finds the text broken or its root not at 0 (then the npm build parses it again). */
function fastBroken(text: string): boolean {
  const tree = fast.parse(text);
  assert.ok(tree);
  try {
    return tree.rootNode.hasError || tree.rootNode.startIndex !== 0;
  } finally {
    tree.delete();
  }
}

const files = terraformSources(ROOT);
const texts = () => files.map((f) => readFileSync(f, 'utf8'));

test('the fast build is the terraform dialect, its node types numbered as in the npm build', () => {
  const fastLanguage = fast.language;
  const upstreamLanguage = upstream.language;
  assert.ok(fastLanguage && upstreamLanguage);
  assert.equal(fastLanguage.name, 'terraform');
  assert.equal(fastLanguage.nodeTypeCount, upstreamLanguage.nodeTypeCount);
  for (let id = 0; id < upstreamLanguage.nodeTypeCount; id++) {
    assert.equal(fastLanguage.nodeTypeForId(id), upstreamLanguage.nodeTypeForId(id), `type ${id}`);
    assert.equal(fastLanguage.nodeTypeIsNamed(id), upstreamLanguage.nodeTypeIsNamed(id), `type ${id}`);
  }
});

// Broken and odd inputs, so that error recovery and the external scanner's heredoc rule are compared too.
const ODD = [
  'resource "a" "b" {\n  x = [1, 2,\n',
  'a = {\n b = "${x"\n}\n',
  'x = <<-EOT\n  a ${b}\n  EOT\n',
  'x = <<EOT\na\n   EOT   \n\nEOT\n',
  'a = ',
  '}}}  \n\n',
  '  \n\t resource "x" {\n  a = b.c[*].d\n  e = f.0.g\n  h = "\\u00e9\\n$${x}"\n}\n  \n',
  'x = "é ${ü}" # ☃\ny = "𝄞${a.b}"\n',
  'locals {\n  m = { for k, v in var.x : k => v if v != null }\n  t = var.a ? "x" : "y"\n  @@ ! \n}\n',
  'a = "%{ if x }\n  y %{ else } z\n%{ endif }"\nb = 1 +\n',
];

test('every Terraform file of the repository and the corpus, and broken inputs, parse into the same tree', () => {
  assert.ok(files.length >= 100, `only ${files.length} Terraform files found`);
  let fastOnly = 0;
  for (const [i, text] of texts().entries()) {
    assert.equal(difference(text), undefined, files[i]);
    if (!fastBroken(text)) fastOnly++;
  }
  assert.ok(fastOnly >= 100, `only ${fastOnly} files parsed by the fast build alone`);
  let broken = 0;
  for (const text of ODD) {
    assert.equal(difference(text), undefined, JSON.stringify(text));
    if (fastBroken(text)) broken++;
  }
  assert.ok(broken >= 5, `${broken} of the odd inputs are broken`);
});

test('the generated 5,000-resource benchmark tree parses into the same trees', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tf-parity-'));
  try {
    assert.equal(spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench', 'gen-tf.mjs'), '5000', dir]).status, 0);
    const tree = filesUnder(dir, /\.(tf|tfvars)$/, notSource);
    assert.equal(tree.length, 33); // 11 folders: variables.tf, main.tf, outputs.tf
    for (const f of tree) {
      const text = readFileSync(f, 'utf8');
      assert.equal(fastBroken(text), false, f);
      assert.equal(difference(text), undefined, f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Pieces a mutant is made of: whitespace of every kind (the patched lexer's one change), heredocs and templates
// (the external scanner's leading-whitespace rule ends a heredoc), comments, brackets and stray punctuation.
const PIECES = [' ', '  ', '\n', '\t', '\r\n', '\v', '\f', ' \n\t ', '\u00a0', '\u2028', 'é', '"', '"a  b"', '"${ x }"', '"%{ if x }a%{ endif }"', '${', '}', '{', '<<EOF\n', '<<-EOT\n  a ${b}\n', '\nEOF\n', '\n  EOT  \n', 'EOF', '#', '# c\n', '//', '/*', '*/', '/* a\n b */', '=', '[', ']', '(', ')', ',', '.', ':', '?', '=>', '...', 'x', '\\', '\\n', '$${', '%%{', '0x', '1.5e3'];

test('mutated texts parse into the same trees (broken syntax, heredocs, templates, comments, whitespace)', () => {
  let fastOnly = 0;
  let runs = 0;
  const small = texts().filter((t) => t.length < 16_000);
  const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'copy'), piece: fc.constantFrom(...PIECES), len: fc.integer({ min: 1, max: 40 }), from: fc.nat() });
  fc.assert(
    fc.property(fc.nat({ max: small.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (which, edits) => {
      let t = small[which]!;
      for (const e of edits) {
        const at = e.at % (t.length + 1);
        if (e.kind === 'insert') t = t.slice(0, at) + e.piece + t.slice(at);
        else if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + e.len);
        else {
          const from = e.from % (t.length + 1);
          t = t.slice(0, at) + t.slice(from, from + e.len) + t.slice(at);
        }
      }
      assert.equal(difference(t), undefined, JSON.stringify(t));
      runs++;
      if (!fastBroken(t)) fastOnly++;
    }),
    { seed: 1612, numRuns: 600 },
  );
  // Both ways are compared: texts the fast build parses alone and texts it hands to the npm build.
  assert.ok(fastOnly >= runs / 20 && fastOnly <= runs - runs / 10, `${fastOnly} of ${runs} mutants parsed by the fast build alone`);
});

// Text put inside strings (a simple string's start) or between lines, so that many mutants stay valid and are
// parsed by the fast build alone: its template chunks stop at whitespace, quotes, `\\`, `$` and `%`.
const IN_STRING = ['a', ' ', '  x  ', '{', '}', '{}', 'é', '𝄞', '\u00a0', '$$', '$${x}', '%%{x}', '${var.x}', '${ a }${b}', '%{ if true }y%{ endif }', '\\"', '\\n', '\\u00e9', '-', ':', '/', '*', '$', '%', 'a$b', '%x', 'EOF', 'EOT ', '#', '//', '/*'];

const BETWEEN_LINES = ['\n', '  \t\n', '# c ${x} "\n', '/* a\n b */\n', 'x = <<EOF\n  a ${b} "c"\n  EOF\n', 'y = <<-EOT\n\tz %{ if q }1%{ endif }\n\tEOT\n'];

test('texts with strings changed inside parse into the same trees', () => {
  const small = texts().filter((t) => t.length < 16_000 && t.includes('"'));
  let fastOnly = 0;
  let runs = 0;
  fc.assert(
    fc.property(fc.nat({ max: small.length - 1 }), fc.array(fc.record({ at: fc.nat(), piece: fc.constantFrom(...IN_STRING), lineStart: fc.boolean() }).map((e) => (e.lineStart ? { ...e, piece: BETWEEN_LINES[e.piece.length % BETWEEN_LINES.length]! } : e)), { minLength: 1, maxLength: 4 }), (which, edits) => {
      let t = small[which]!;
      for (const e of edits) {
        const marks = [...t.matchAll(e.lineStart ? /\n/g : /"[^"\n\\$%]*"/g)].map((m) => m.index + 1);
        if (marks.length === 0) continue;
        const at = marks[e.at % marks.length]!;
        t = t.slice(0, at) + e.piece + t.slice(at);
      }
      assert.equal(difference(t), undefined, JSON.stringify(t));
      runs++;
      if (!fastBroken(t)) fastOnly++;
    }),
    { seed: 2024, numRuns: 300 },
  );
  assert.ok(fastOnly >= runs / 5, `only ${fastOnly} of ${runs} string mutants parsed by the fast build alone`);
});

test('broken text the fast build alone would recover differently gets the npm build tree', () => {
  // Found by the mutants and reduced: a string left open in an interpolation. The fast build's chunk `i.u` is one
  // token where the npm build's are three, and tree-sitter's error recovery weighs the tokens it skips.
  const text = '"${.t i.u';
  assert.notDeepEqual(parse(fast, text), parse(upstream, text));
  assert.equal(difference(text), undefined);
});

test('a valid text beginning with whitespace gets the npm build tree', () => {
  // The fast build skips whitespace as the next token's padding: its root starts at the first token, the npm
  // build's at 0 (every other node is the same).
  for (const text of ['\n\nresource "a" "b" {\n  x = 1\n}\n', '  # c\nlocals {}\n', ' \t', '\n']) {
    const [ours, theirs] = [parse(fast, text), parse(upstream, text)];
    assert.notEqual(ours[0], theirs[0], JSON.stringify(text));
    assert.deepEqual(ours.slice(1), theirs.slice(1), JSON.stringify(text));
    assert.equal(fastBroken(text), true);
    assert.equal(difference(text), undefined, JSON.stringify(text));
  }
  // Trailing whitespace is padding too (of the end of input): the root still ends where the npm build's does.
  const text = 'a = 1\n\n  \n';
  assert.equal(fastBroken(text), false);
  assert.equal(difference(text), undefined);
});

test("the fast build's inline iswspace is the runtime's on every code point (its scanner skips and stops at what the runtime's would)", async () => {
  const runtime = hclInput()!.module as { _iswspace(c: number): number; loadWebAssemblyModule(b: Uint8Array, f: { loadAsync: true }): Promise<Record<string, unknown>> };
  const grammar = await runtime.loadWebAssemblyModule(readFileSync(join(ROOT, 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform-fast.wasm')), { loadAsync: true });
  const ours = grammar.vpce_hcl_iswspace as (c: number) => number;
  let spaces = 0;
  for (const c of [-2, -1, 0x110000, 0x7fffffff]) assert.equal(ours(c) !== 0, runtime._iswspace(c) !== 0, `code point ${c}`);
  for (let c = 0; c <= 0x10ffff; c++) {
    const theirs = runtime._iswspace(c) !== 0;
    if (theirs) spaces++;
    if ((ours(c) !== 0) !== theirs) assert.fail(`code point ${c.toString(16)}: ours ${ours(c)}, the runtime's ${runtime._iswspace(c)}`);
  }
  assert.equal(spaces, 21, "musl's 21 white-space code points");
});
