// A quoted string's value as completion and hover read it (policy-host.ts) is the value YAML and JSON
// readers give, for any string, however its writer escaped and folded it; and every character maps
// back to the source characters that write it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Document, parse } from 'yaml';
import { stringHost } from '../../../server/src/lsp/complete/policy-host.js';

const CHARS = ['a', 'b', '{', '"', "'", '\\', ' ', ' ', '\n', '\t', 'é', '😀', ':', '*', '\u0007'];
const value = fc.array(fc.constantFrom(...CHARS), { maxLength: 60 }).map((a) => a.join(''));

/** The string as `writer` writes it in `k: <string>`, and where it starts and ends in that text. */
function written(v: string, style: 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'JSON', lineWidth: number): { text: string; start: number; end: number; quote: '"' | "'" } {
  if (style === 'JSON') {
    const text = `{"k": ${JSON.stringify(v)}}`;
    return { text, start: 6, end: text.length - 1, quote: '"' };
  }
  const text = new Document({ k: v }).toString({ defaultStringType: style, lineWidth, minContentWidth: 0 });
  // The key may be quoted too, and a value single quotes cannot write is double-quoted.
  const start = /["']/.exec(text.slice(text.indexOf(':')))!.index + text.indexOf(':');
  return { text, start, end: text.trimEnd().length, quote: text[start] as '"' | "'" };
}

function checkMapping(text: string, host: ReturnType<typeof stringHost>, quote: string): void {
  let last = -1;
  for (let i = 0; i < host.text.length; i++) {
    const at = host.source(i);
    assert.ok(at >= last, 'offsets never go back');
    last = at;
    const c = host.text[i]!;
    const s = text[at]!;
    // A character is written as itself, as an escape, as '' (single quotes) or (a space or a line
    // break in the value) as a folded line break.
    const ok = s === c || s === '\\' || (quote === "'" && c === "'" && text[at + 1] === "'") || (/[ \n]/.test(c) && /[\r\n]/.test(s)) || (c.charCodeAt(0) >= 0xdc00 && c.charCodeAt(0) < 0xe000);
    assert.ok(ok, `value character ${JSON.stringify(c)} at ${i} maps to ${JSON.stringify(s)}`);
    assert.equal(host.at(at), i > 0 && host.source(i - 1) === at ? i - 1 : i, 'at() is the inverse of source()');
  }
}

test('YAML double- and single-quoted strings, folded at any width, and JSON strings: the value is the readers\'', () => {
  fc.assert(
    fc.property(value, fc.constantFrom('QUOTE_DOUBLE', 'QUOTE_SINGLE', 'JSON') as fc.Arbitrary<'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'JSON'>, fc.integer({ min: 8, max: 80 }), (v, style, width) => {
      const { text, start, end, quote } = written(v, style, width);
      const host = stringHost(text, start, end, quote);
      const expected = style === 'JSON' ? (JSON.parse(text) as { k: string }).k : (parse(text) as { k: string }).k;
      assert.equal(expected, v, 'the writer round-trips');
      assert.equal(host.text, v);
      checkMapping(text, host, quote);
      assert.equal(host.source(host.text.length), end - 1, 'the end is the closing quote');
    }),
    { numRuns: 400, seed: 20261201 },
  );
});

test('encode writes back what the string means', () => {
  const double = stringHost('"x"', 0, 3, '"');
  assert.equal(double.encode('"a\\b"'), '\\"a\\\\b\\"');
  const single = stringHost("'x'", 0, 3, "'");
  assert.equal(single.encode("it's"), "it''s");
});
