// Rewrites the HCL grammar's generated parser.c and scanner.c for the fast build (vendor/tree-sitter-hcl/README.md):
// whitespace runs and template text lexed as single tokens instead of one token a character. Hidden tokens only,
// so a text without syntax errors gets the same tree; test/unit/tf/hcl-wasm-parity.test.ts checks it.
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
// token(/\s+/). (Skipping whitespace outright, as for an anonymous /\s/ extra, was tried and rejected: skipped text is
// padding of the next token, which moves the root's start and, in broken text, MISSING nodes.)
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
// The external scanner returns template text (quoted strings, heredocs) one character a token. Outside error
// recovery (where tree-sitter marks every external token valid), a chunk goes on over the characters after its
// first that the scanner would also return as one-character chunks from the same state: not whitespace (skipped
// before a token, and before a heredoc's closing identifier it is the newline that counts), not `"`, `\\`, `$`
// or `%` (the tokens the scanner decides on at those characters depend on the parse state). The chunks are
// hidden in template_literal, so the tree is the same.
const scannerIn = readFileSync(join(srcDir, 'scanner.c'), 'utf8');
const chunkAt = `    if (valid_symbols[TEMPLATE_LITERAL_CHUNK] && in_template_context(scanner)) {
        return accept_and_advance(lexer, TEMPLATE_LITERAL_CHUNK);
    }
`;
if (scannerIn.split(chunkAt).length !== 2) fail('scanner.c: the one-character template chunk is not there once');
const chunkRun = `    if (valid_symbols[TEMPLATE_LITERAL_CHUNK] && in_template_context(scanner)) {
        advance(lexer);
        bool error_recovery = true;
        for (int i = 0; i <= HEREDOC_IDENTIFIER; i++) error_recovery = error_recovery && valid_symbols[i];
        if (!error_recovery) {
            while (!lexer->eof(lexer) && !iswspace(lexer->lookahead) && lexer->lookahead != '"' &&
                   lexer->lookahead != '\\\\' && lexer->lookahead != '$' && lexer->lookahead != '%') {
                advance(lexer);
            }
        }
        return accept_inplace(lexer, TEMPLATE_LITERAL_CHUNK);
    }
`;
if (!/enum TokenType \{\n {4}QUOTED_TEMPLATE_START,[^}]*HEREDOC_IDENTIFIER,?\n\}/.test(scannerIn)) fail('scanner.c: token types are not QUOTED_TEMPLATE_START .. HEREDOC_IDENTIFIER');
writeFileSync(join(outDir, 'scanner.c'), renamed(scannerIn.replace(chunkAt, () => chunkRun), 'scanner.c', 5));
console.log(`patched: lexer state ${wsState} takes a run of whitespace as one token, template text chunks run on; renamed to terraform`);
