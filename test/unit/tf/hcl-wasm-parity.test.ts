// The vendored Terraform grammar (vendor/tree-sitter-hcl: tree-sitter-hcl 1.2.0's terraform dialect rebuilt with
// a run of whitespace lexed as one token instead of one token a character) parses every text into the same tree
// as the npm package's own build: every visible node, named or not, with its type, byte range and its error,
// missing and extra flags, in order. Checked on every .tf/.tfvars of the repository and the shared corpus, the
// generated 5,000-resource benchmark tree, and mutants of them (broken syntax, heredocs, templates with spaces
// and newlines, comments, odd whitespace) from a fixed seed.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';

const ROOT = join(__dirname, '..', '..', '..');
const require = createRequire(__filename);
let upstream: Parser;
let vendored: Parser;

before(async () => {
  await ensureTerraformParser(); // initialises web-tree-sitter's runtime once for the process
  const load = async (path: string) => {
    const p = new Parser();
    p.setLanguage(await Language.load(readFileSync(path)));
    return p;
  };
  upstream = await load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
  vendored = await load(join(ROOT, 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm'));
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

function parse(p: Parser, text: string): string[] {
  const tree = p.parse(text);
  assert.ok(tree);
  try {
    return nodes(tree);
  } finally {
    tree.delete();
  }
}

/** The first difference, as a message (whole-array comparison is too slow to print for big trees). */
function difference(text: string): string | undefined {
  const a = parse(upstream, text);
  const b = parse(vendored, text);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `node ${i}: upstream ${a[i]}, vendored ${b[i]}`;
  return undefined;
}

function tfFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : tfFiles(p);
    return /\.(tf|tfvars)$/.test(e.name) ? [p] : [];
  });
}

const files = [...tfFiles(join(ROOT, 'test')), ...tfFiles(join(ROOT, 'examples')), ...tfFiles(join(ROOT, '..', 'shared', 'corpus'))];
const texts = () => files.map((f) => readFileSync(f, 'utf8'));

test('the vendored grammar is the terraform dialect, built from the generated parser in the npm package', () => {
  const vendoredLanguage = vendored.language;
  const upstreamLanguage = upstream.language;
  assert.ok(vendoredLanguage && upstreamLanguage);
  assert.equal(vendoredLanguage.name, 'terraform');
  assert.equal(vendoredLanguage.nodeTypeCount, upstreamLanguage.nodeTypeCount);
  for (let id = 0; id < upstreamLanguage.nodeTypeCount; id++) assert.equal(vendoredLanguage.nodeTypeForId(id), upstreamLanguage.nodeTypeForId(id), `type ${id}`);
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
  for (const [i, text] of texts().entries()) assert.equal(difference(text), undefined, files[i]);
  let broken = 0;
  for (const text of ODD) {
    assert.equal(difference(text), undefined, JSON.stringify(text));
    if (parse(vendored, text).some((l) => / (error|missing) /.test(l))) broken++;
  }
  assert.ok(broken >= 5, `${broken} of the odd inputs are broken`);
});

test('the generated 5,000-resource benchmark tree parses into the same trees', async () => {
  const { generateTerraform } = await import('../../../scripts/bench/gen-tf.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'vpce-tf-parity-'));
  try {
    generateTerraform(5000, dir);
    const tree = tfFiles(dir);
    assert.equal(tree.length, 20);
    for (const f of tree) assert.equal(difference(readFileSync(f, 'utf8')), undefined, f);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Pieces a mutant is made of: whitespace of every kind (the patched lexer's one change), heredocs and templates
// (the external scanner's leading-whitespace rule ends a heredoc), comments, brackets and stray punctuation.
const PIECES = [' ', '  ', '\n', '\t', '\r\n', '\v', '\f', ' \n\t ', '\u00a0', '\u2028', 'é', '"', '"a  b"', '"${ x }"', '"%{ if x }a%{ endif }"', '${', '}', '{', '<<EOF\n', '<<-EOT\n  a ${b}\n', '\nEOF\n', '\n  EOT  \n', 'EOF', '#', '# c\n', '//', '/*', '*/', '/* a\n b */', '=', '[', ']', '(', ')', ',', '.', ':', '?', '=>', '...', 'x', '\\', '\\n', '$${', '%%{', '0x', '1.5e3'];

test('mutated texts parse into the same trees (broken syntax, heredocs, templates, comments, whitespace)', () => {
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
    }),
    { seed: 1612, numRuns: 1000 },
  );
});
