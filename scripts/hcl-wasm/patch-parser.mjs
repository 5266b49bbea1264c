// Rewrites the HCL grammar's generated parser.c and scanner.c for the fast build (vendor/tree-sitter-hcl/README.md):
// whitespace skipped (padding, not a hidden token a run), template text lexed as single tokens instead of one
// token a character, and every parse state in the plain [state][symbol] table. A text without syntax errors gets
// the same tree (but for the root's start after leading whitespace: the HCL reader parses such a text, and any
// broken one, again with the npm build); test/unit/tf/hcl-wasm-parity.test.ts checks it.
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

const args = process.argv.slice(2);
// --exact: the npm build's grammar with the number fix alone (and the dialect's name), for the texts the fast build
// hands on (vendor/tree-sitter-hcl/tree-sitter-terraform.wasm): both builds then read numbers alike.
const exact = args[0] === '--exact';
const [srcDir, outDir] = exact ? args.slice(1) : args;
if (!srcDir || !outDir) throw new Error('usage: patch-parser.mjs [--exact] <package src/ folder> <out folder>');
const input = join(srcDir, 'parser.c');
const raw = readFileSync(input, 'utf8');

const fail = (why) => { throw new Error(`${input}: ${why}; not patched`); };
const src = numbers(raw);
const lexStart = src.indexOf('static bool ts_lex(TSLexer *lexer, TSStateId state) {');
const lexEnd = src.indexOf('\n}\n', lexStart);
if (lexStart < 0 || lexEnd < 0) fail('no ts_lex function');
const lex = src.slice(lexStart, lexEnd);

// Numbers as HCL reads them: decimal+ ("." decimal+)? (expmark decimal+)? (hclsyntax's spec.md, "Numeric
// Literals": https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md#numeric-literals). The grammar's
// numeric_lit, /[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?/, takes an exponent only after a fraction, so `1e3`, which
// `terraform fmt` reads, was `1` and an identifier: a syntax error. The lexer states that have read digits (and
// go on at a `.` to the fraction) now go on at `e`/`E` to the exponent state too, as the fraction's last state
// does. `1e` followed by anything but digits still ends the number after `1` (the exponent state accepts
// nothing). Hex (`0x1F`), which HCL has not, stays in the grammar: the reader refuses it (hcl-convert.ts).
function numbers(text) {
  const lexAt = text.indexOf('static bool ts_lex(TSLexer *lexer, TSStateId state) {');
  if (lexAt < 0) fail('no ts_lex function');
  const exp = [...text.slice(lexAt).matchAll(/\n {4}case \d+:\n {6}ACCEPT_TOKEN\(aux_sym_numeric_lit_token1\);\n {6}if \(lookahead == 'E' \|\|\n {10}lookahead == 'e'\) ADVANCE\((\d+)\);\n/g)];
  if (exp.length !== 1) fail(`${exp.length} numeric_lit states going on to an exponent, expected 1`);
  const into = exp[0][1];
  let patched = 0;
  const out = text.slice(lexAt).replace(/(\n {4}case \d+:\n {6}ACCEPT_TOKEN\(aux_sym_numeric_lit_token1\);\n {6}if \(lookahead == '\.'\) ADVANCE\(\d+\);\n)/g, (head) => {
    patched++;
    return `${head}      if (lookahead == 'E' ||\n          lookahead == 'e') ADVANCE(${into});\n`;
  });
  if (patched !== 2) fail(`${patched} integer states of numeric_lit, expected 2 (after a 0, after another digit)`);
  return text.slice(0, lexAt) + out;
}

if (exact) {
  if (!src.includes('    .name = "hcl",\n')) fail('no .name = "hcl"');
  writeFileSync(join(outDir, 'parser.c'), renamed(src, 'parser.c', 11).replace('    .name = "hcl",\n', '    .name = "terraform",\n'));
  writeFileSync(join(outDir, 'scanner.c'), renamed(readFileSync(join(srcDir, 'scanner.c'), 'utf8'), 'scanner.c', 5));
  console.log('patched: numbers with an exponent and no fraction; renamed to terraform');
  process.exit(0);
}

// The state that accepts the whitespace token, alone.
const ws = /\n {4}case (\d+):\n {6}ACCEPT_TOKEN\(sym__whitespace\);\n {6}END_STATE\(\);\n/.exec(lex);
if (!ws) fail('no lexer state accepting sym__whitespace alone');
const wsState = ws[1];

// Whitespace is skipped, as tree-sitter generates for an anonymous /\s/ extra: each lexer start state that went to the
// whitespace state on a whitespace character now skips it and stays (SKIP). The whitespace is then the next token's
// padding, not a hidden token of its own: a quarter of all tokens fewer, each a stack push, a slot in its parent's
// children and a pass through the external scanner. Visible nodes keep their ranges (an extra is never the first or
// last child of the node it is in), except the root, which starts after a text's leading whitespace; and error
// recovery counts tokens, so broken text may recover differently. The HCL reader parses both kinds of text again
// with the npm build (server/src/core/tf/hcl.ts, parseHclTree).
const WS = "('\\t' <= lookahead && lookahead <= '\\r') ||\n          lookahead == ' '";
const starts = new Set([...src.matchAll(/\.lex_state = (\d+)/g)].map((m) => m[1]));
let skips = 0;
const lexOut = lex.replace(/\n {4}case (\d+):\n[\s\S]*?(?=\n {4}case \d+:|\n {4}default:)/g, (body, state) => {
  const into = new RegExp(`if \\(([^;]*?)\\) ADVANCE\\(${wsState}\\);`, 'g');
  return body.replace(into, (_, cond) => {
    if (cond !== WS) fail(`a transition to the whitespace state on another condition: ${cond}`);
    if (!starts.has(state)) fail(`lexer state ${state} goes to the whitespace state but starts no token`);
    skips++;
    return `if (${cond}) SKIP(${state});`;
  });
});
if (skips === 0) fail('whitespace state unreachable');
for (const state of starts) {
  // A start state entered mid-token would skip inside a token.
  if (new RegExp(`(ADVANCE|SKIP)\\(${state}\\)|'[^\\n]*', ${state},\\n`).test(lex)) fail(`lexer start state ${state} is also entered from another state`);
}
if (new RegExp(`ADVANCE\\(${wsState}\\)|, ${wsState},\\n`).test(lexOut)) fail('the whitespace state is still entered');

function renamed(text, file, names) {
  const count = (text.match(/\btree_sitter_hcl(?=\b|_external_scanner_)/g) ?? []).length;
  if (count !== names) fail(`${file}: ${count} tree_sitter_hcl names, expected ${names}`);
  return text.replace(/\btree_sitter_hcl(?=\b|_external_scanner_)/g, 'tree_sitter_terraform');
}
let parser = renamed(src.slice(0, lexStart) + lexOut + src.slice(lexEnd), 'parser.c', 11);
if (!parser.includes('    .name = "hcl",\n')) fail('no .name = "hcl"');
parser = parser.replace('    .name = "hcl",\n', '    .name = "terraform",\n');
writeFileSync(join(outDir, 'parser.c'), largeStates(parser));
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
// iswspace inline. The scanner asks it of every character it skips before a token (every whitespace character of
// the text, and the first one after) and of every character of template text; the runtime's (musl's) scans a list
// of 21 code points a call, behind an import. The same set, by comparisons, in the scanner: test/unit/tf/
// hcl-wasm-parity.test.ts compares it with the runtime's own iswspace on every code point (the grammar exports it
// as vpce_hcl_iswspace for that).
const wctypeAt = '#include <wctype.h>\n';
if (scannerIn.split(wctypeAt).length !== 2) fail('scanner.c: <wctype.h> is not included once');
const inlineSpace = `${wctypeAt}
// musl's iswspace (web-tree-sitter's runtime's): Unicode White_Space but U+00A0, U+1680, U+180E, U+2007, U+202F.
static inline int vpce_iswspace(int32_t c) {
    if (c <= ' ') return c == ' ' || (c >= '\\t' && c <= '\\r');
    if (c < 0x85) return 0;
    return c == 0x85 || (c >= 0x2000 && c <= 0x200a && c != 0x2007) || c == 0x2028 || c == 0x2029 || c == 0x205f || c == 0x3000;
}
__attribute__((visibility("default"))) int vpce_hcl_iswspace(int32_t c) { return vpce_iswspace(c); }
#define iswspace(c) vpce_iswspace(c)
`;
writeFileSync(join(outDir, 'scanner.c'), renamed(scannerIn.replace(chunkAt, () => chunkRun).replace(wctypeAt, () => inlineSpace), 'scanner.c', 5));
console.log(`patched: whitespace skipped in ${skips} lexer start states, template text chunks run on, iswspace inline, every parse state in the plain table; renamed to terraform`);

// Every parse state in the plain table. tree-sitter generates a direct [state][symbol] table only for the states
// before the first one with few actions (here 2 of 678); the runtime finds an action or a goto in any other
// ("small") state by a linear scan of its symbol groups (ts_language_lookup), about 260 instructions a look-up,
// two or more look-ups a token. The same values in the plain table are one load each. Only the layout changes:
// the runtime reads both the same way (language.h), so every action, goto and error recovery, and every tree,
// stays the same. The small-state arrays go; the table grows by (STATE_COUNT - 2) x SYMBOL_COUNT x 2 bytes.
function largeStates(text) {
  const def = (name) => {
    const m = new RegExp(`\\n#define ${name} (\\d+)\\n`).exec(text);
    if (!m) fail(`no #define ${name}`);
    return Number(m[1]);
  };
  const stateCount = def('STATE_COUNT');
  const largeCount = def('LARGE_STATE_COUNT');
  const section = (head) => {
    const start = text.indexOf(`\n${head} = {\n`);
    const end = text.indexOf('\n};\n', start);
    if (start < 0 || end < 0) fail(`no ${head}`);
    return { start: start + 1, bodyStart: start + head.length + 6, end: end + 4 };
  };
  const large = section('static const uint16_t ts_parse_table[LARGE_STATE_COUNT][SYMBOL_COUNT]');
  const small = section('static const uint16_t ts_small_parse_table[]');
  const map = section('static const uint32_t ts_small_parse_table_map[]');
  if (!(large.end <= small.start && small.end <= map.start)) fail('parse tables out of the expected order');

  // The small table: `[index] = group count,` then per group `VALUE, symbol count,` and the symbols.
  const words = text.slice(small.bodyStart, small.end - 4).split(',').map((w) => w.trim()).filter((w) => w !== '');
  const records = new Map();
  for (let i = 0; i < words.length;) {
    const head = /^\[(\d+)\] = (\d+)$/.exec(words[i]);
    if (!head || Number(head[1]) !== i) fail(`ts_small_parse_table: expected [${i}] = <group count>, found ${words[i]}`);
    const entries = [];
    i++;
    for (let g = 0; g < Number(head[2]); g++) {
      const value = words[i];
      const n = Number(words[i + 1]);
      if (!/^(ACTIONS|STATE)\(\d+\)$/.test(value) || !(n > 0)) fail(`ts_small_parse_table: bad group at ${i}`);
      i += 2;
      for (let k = 0; k < n; k++, i++) {
        if (!/^[A-Za-z_]\w*$/.test(words[i] ?? '')) fail(`ts_small_parse_table: bad symbol at ${i}`);
        entries.push(`    [${words[i]}] = ${value},`);
      }
    }
    records.set(Number(head[1]), entries);
  }
  const rows = [];
  const mapLines = text.slice(map.bodyStart, map.end - 4).split('\n');
  if (mapLines.length !== stateCount - largeCount) fail('ts_small_parse_table_map: not one entry a small state');
  mapLines.forEach((line, k) => {
    const m = /^ {2}\[SMALL_STATE\((\d+)\)\] = (\d+),$/.exec(line);
    if (!m || Number(m[1]) !== largeCount + k || !records.has(Number(m[2]))) fail(`ts_small_parse_table_map: bad entry ${line}`);
    const entries = records.get(Number(m[2]));
    if (new Set(entries.map((e) => e.slice(0, e.indexOf(']')))).size !== entries.length) fail(`state ${m[1]}: a symbol twice`);
    rows.push(`  [STATE(${m[1]})] = {\n${entries.join('\n')}\n  },\n`);
  });
  const largeBody = text.slice(large.bodyStart, large.end - 3);
  const table = `static const uint16_t ts_parse_table[STATE_COUNT][SYMBOL_COUNT] = {\n${largeBody}${rows.join('')}};\n`;
  const fields = '    .parse_table = &ts_parse_table[0][0],\n    .small_parse_table = ts_small_parse_table,\n    .small_parse_table_map = ts_small_parse_table_map,\n';
  if (text.split(fields).length !== 2) fail('the language does not name the three parse tables once');
  const count = `\n#define LARGE_STATE_COUNT ${largeCount}\n`;
  return (text.slice(0, large.start) + table + text.slice(map.end))
    .replace(fields, '    .parse_table = &ts_parse_table[0][0],\n')
    .replace(count, '\n#define LARGE_STATE_COUNT STATE_COUNT\n');
}
