// Rewrites the HCL grammar's generated parser.c so its lexer skips whitespace instead of returning it as a token.
// The grammar lists `_whitespace: token(/\s/)` among its extras, so tree-sitter generated a lexer state that accepts
// one whitespace character as the token `_whitespace`, reached from every start state: the parser then handles one
// token per whitespace character (most of a Terraform file's tokens). For an extra that is a bare anonymous /\s/,
// tree-sitter generates `SKIP(start)` instead: the character becomes padding of the next token. HCL whitespace means
// nothing to this grammar (no newline token; template and heredoc text comes from the external scanner, which skips
// leading whitespace itself), so the named nodes stay the same; test/unit/tf/hcl-wasm-parity.test.ts checks it.
//
// The npm package ships the generated sources of the `hcl` dialect only; the `terraform` dialect is the same grammar
// under another name (make_grammar.js uses the dialect for `name` alone), so the functions and the language's
// name are renamed too, as tree-sitter generates them for dialects/terraform.
//
// Usage: node scripts/hcl-wasm/patch-parser.mjs <package src/ folder> <out folder> (writes parser.c and scanner.c).
// Fails unless the generated code has exactly the expected shape, so a new grammar version cannot be patched
// silently wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [srcDir, outDir] = process.argv.slice(2);
if (!srcDir || !outDir) throw new Error('usage: patch-parser.mjs <package src/ folder> <out folder>');
const input = join(srcDir, 'parser.c');
const src = readFileSync(input, 'utf8');

const fail = (why) => { throw new Error(`${input}: ${why}; not patched`); };
const lexStart = src.indexOf('static bool ts_lex(TSLexer *lexer, TSStateId state) {');
const lexEnd = src.indexOf('\n}\n', lexStart);
if (lexStart < 0 || lexEnd < 0) fail('no ts_lex function');
const lex = src.slice(lexStart, lexEnd);

// The state that accepts the whitespace token, alone.
const ws = /\n {4}case (\d+):\n {6}ACCEPT_TOKEN\(sym__whitespace\);\n {6}END_STATE\(\);\n/.exec(lex);
if (!ws) fail('no lexer state accepting sym__whitespace alone');
const wsState = ws[1];

// A run of whitespace becomes one token: the state that accepts it loops on whitespace, as tree-sitter generates for
// token(/\s+/). (Skipping whitespace outright, as for an anonymous /\s/ extra, was measured and rejected: it changes
// where error recovery puts MISSING nodes and which recovery it picks, since skipped text counts as padding of the
// next token; see BENCHMARKS.md.)
const WS = "('\\t' <= lookahead && lookahead <= '\\r') ||\n          lookahead == ' '";
const wsAccept = ws[0];
if ((lex.match(new RegExp(`ADVANCE\\(${wsState}\\);`, 'g')) ?? []).length === 0) fail('whitespace state unreachable');
const lexOut = lex.replace(wsAccept, `\n    case ${wsState}:\n      ACCEPT_TOKEN(sym__whitespace);\n      if (${WS}) ADVANCE(${wsState});\n      END_STATE();\n`);
for (const m of lex.matchAll(new RegExp(`if \\(([^;]*?)\\) ADVANCE\\(${wsState}\\);`, 'g'))) {
  if (m[1] !== WS) fail(`a transition to the whitespace state on another condition: ${m[1]}`);
}

function renamed(text, file, names) {
  const count = (text.match(/\btree_sitter_hcl(?=\b|_external_scanner_)/g) ?? []).length;
  if (count !== names) fail(`${file}: ${count} tree_sitter_hcl names, expected ${names}`);
  return text.replace(/\btree_sitter_hcl(?=\b|_external_scanner_)/g, 'tree_sitter_terraform');
}
let parser = renamed(src.slice(0, lexStart) + lexOut + src.slice(lexEnd), 'parser.c', 11);
if (!parser.includes('    .name = "hcl",\n')) fail('no .name = "hcl"');
parser = parser.replace('    .name = "hcl",\n', '    .name = "terraform",\n');
writeFileSync(join(outDir, 'parser.c'), parser);
writeFileSync(join(outDir, 'scanner.c'), renamed(readFileSync(join(srcDir, 'scanner.c'), 'utf8'), 'scanner.c', 5));
console.log(`patched: lexer state ${wsState} takes a run of whitespace as one token; renamed to terraform`);
