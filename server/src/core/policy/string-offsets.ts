// Where each character of a string value stands in the source. A policy written as a JSON string
// inside a template is parsed from the string's value, and its findings must land on the characters
// the user sees: after escapes (\" in JSON, '' in single quotes), indentation of block scalars and
// line folding. A greedy walk that knows the escapes keeps this simple and exact where it matters
// (tokens); whitespace may map to a neighbouring blank.

import type { ScalarNode } from '../document/tree.js';

export interface ValueMap {
  /** starts[i]: where value character i begins in the source; starts[value.length]: end of the content. */
  starts: Int32Array;
  /** ends[i]: just past the source characters of value character i (an escape \" is two). */
  ends: Int32Array;
}

export function valueOffsets(text: string, node: ScalarNode, value: string): ValueMap {
  const offsets = new Int32Array(value.length + 1);
  const ends = new Int32Array(value.length + 1);
  let p = contentStart(text, node);
  const end = contentEnd(text, node);
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    let found = -1;
    for (let guard = 0; p < end && guard < 400; guard++) {
      const s = text[p]!;
      if (node.style === 'double' && s === '\\') {
        const { chars, length } = decodeEscape(text, p);
        if (chars && chars[0] === c) {
          found = p;
          p += length;
          if (chars.length === 2 && value[i + 1] === chars[1]) {
            ends[i] = p;
            offsets[++i] = found;
          }
          break;
        }
        p += length;
        continue;
      }
      if (node.style === 'single' && s === "'" && text[p + 1] === "'" && c === "'") {
        found = p;
        p += 2;
        break;
      }
      if (s === c || ((c === ' ' || c === '\n') && (s === '\n' || s === '\r'))) {
        found = p;
        p++;
        break;
      }
      p++;
    }
    offsets[i] = found >= 0 ? found : Math.min(p, end);
    ends[i] = Math.max(p, offsets[i]! + 1);
  }
  offsets[value.length] = Math.min(p, end);
  ends[value.length] = offsets[value.length]!;
  return { starts: offsets, ends };
}

// A quoted scalar's range holds its quotes; a piece of a Terraform template (between interpolations)
// is quoted-string text without them, so only a range that opens with the quote skips it.
function quoted(text: string, node: ScalarNode): boolean {
  return (node.style === 'single' && text[node.start] === "'") || (node.style === 'double' && text[node.start] === '"');
}

function contentStart(text: string, node: ScalarNode): number {
  if (quoted(text, node)) return node.start + 1;
  if (node.style === 'block') {
    const nl = text.indexOf('\n', node.start);
    return nl < 0 ? node.end : nl + 1;
  }
  return node.start;
}

function contentEnd(text: string, node: ScalarNode): number {
  return quoted(text, node) ? Math.max(node.end - 1, node.start + 1) : node.end;
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', '0': '\0', ' ': ' ', e: '\x1b', a: '\x07', v: '\v', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };

/** The escape at `p` (a backslash) of a double-quoted string: the characters it writes, and its length. */
export function decodeEscape(text: string, p: number): { chars: string | undefined; length: number } {
  const k = text[p + 1] ?? '';
  if (k in SIMPLE) return { chars: SIMPLE[k], length: 2 };
  const hex = k === 'x' ? 2 : k === 'u' ? 4 : k === 'U' ? 8 : 0;
  if (hex) {
    const code = parseInt(text.slice(p + 2, p + 2 + hex), 16);
    return { chars: Number.isNaN(code) ? undefined : String.fromCodePoint(code), length: 2 + hex };
  }
  return { chars: undefined, length: 2 }; // an escaped line break: no character
}
