// Where an endpoint policy's JSON text is read from, for completion and hover. Mostly the document
// itself: a JSON template, a policy file, a YAML block scalar (whose characters are the JSON's). But a
// template may hold the policy as a quoted string (`PolicyDocument: '{"Statement": ...}'`, or a JSON
// string value `"{\"Statement\": ...}"`): then the JSON is the string's value, and every offset is
// mapped between the value and the document through the string's escapes (`''`; `\"`, `\u00e9`, an
// escaped line break) and YAML's folding of line breaks, and every inserted text is escaped again.
// Only the string's own characters are read (no parse on the main thread); the worker says where the
// string is (PolicySpan).

import { decodeEscape } from '../../core/policy/string-offsets.js';
import type { JoinPiece } from './assist-types.js';

export interface Host {
  /** The JSON text the slot is read in. */
  text: string;
  /** The document offset of host offset `i` (0 ≤ i ≤ text.length). */
  source(i: number): number;
  /** The host offset of a document offset. */
  at(offset: number): number;
  /** A text as the document must hold it to mean `s` here. */
  encode(s: string): string;
  /** Whether an edit of host offsets `from`..`to` stays in text the document holds there (absent: all of it does). */
  editable?(from: number, to: number): boolean;
}

export function documentHost(text: string): Host {
  return { text, source: (i) => i, at: (o) => o, encode: (s) => s };
}

/**
 * The value of the quoted string from `start` (its opening quote) to `end` (past its closing quote):
 * `"` a JSON string or a YAML double-quoted scalar (the same escapes, JSON's being a subset), `'` a
 * YAML single-quoted one.
 */
export function stringHost(doc: string, start: number, end: number, quote: '"' | "'"): Host {
  const out: string[] = [];
  const starts: number[] = [];
  const push = (c: string, at: number) => {
    out.push(c);
    starts.push(at);
  };
  const close = doc[end - 1] === quote && end - 1 > start ? end - 1 : end;
  let p = start + 1;
  while (p < close) {
    const c = doc[p]!;
    if (quote === "'" && c === "'" && doc[p + 1] === "'") {
      push("'", p);
      p += 2;
    } else if (quote === '"' && c === '\\') {
      const { chars, length } = decodeEscape(doc, p);
      if (chars === undefined) {
        // An escaped line break: neither it nor the next line's indentation is in the value.
        p += length;
        if (doc[p - 1] === '\r' && doc[p] === '\n') p++;
        while (doc[p] === ' ' || doc[p] === '\t') p++;
        continue;
      }
      for (let k = 0; k < chars.length; k++) push(chars[k]!, p);
      p += length;
    } else if (c === '\n' || c === '\r') {
      p = fold(doc, p, close, out, starts);
    } else {
      push(c, p);
      p++;
    }
  }
  starts.push(close);
  const text = out.join('');
  return {
    text,
    source: (i) => starts[Math.max(0, Math.min(i, text.length))]!,
    at: (offset) => {
      // The first value character that starts at or after the offset: a cursor inside an escape
      // stands after the character it writes.
      let lo = 0;
      let hi = text.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! < offset) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    encode: quote === "'" ? (s) => s.replace(/'/g, "''") : (s) => s.replace(/[\\"]/g, (m) => `\\${m}`),
  };
}

/**
 * YAML's line folding in a flow scalar: trailing blanks go, a single line break becomes a space, each
 * empty line after it a line break, and the next line's indentation goes. Returns where to go on.
 */
function fold(doc: string, p: number, close: number, out: string[], starts: number[]): number {
  while (out.length && (out[out.length - 1] === ' ' || out[out.length - 1] === '\t') && doc[starts[starts.length - 1]!] !== '\\') {
    out.pop();
    starts.pop();
  }
  const at = p;
  let breaks = 0;
  for (;;) {
    p += doc[p] === '\r' && doc[p + 1] === '\n' ? 2 : 1;
    breaks++;
    while (p < close && (doc[p] === ' ' || doc[p] === '\t')) p++;
    if (p < close && (doc[p] === '\n' || doc[p] === '\r')) continue;
    break;
  }
  if (breaks === 1) {
    out.push(' ');
    starts.push(at);
  } else {
    for (let k = 1; k < breaks; k++) {
      out.push('\n');
      starts.push(at);
    }
  }
  return p;
}

/**
 * The JSON text a `Fn::Join` of pieces makes (`!Join ["", ['{"Action": "s3:', !Ref A, '", ...}']]`), read
 * around the cursor: each quoted piece's value, the delimiter and a stand-in for each computed piece as
 * text the document does not hold. Undefined unless the cursor is inside a quoted piece; edits stay in it.
 */
export function joinHost(doc: string, base: number, pieces: readonly JoinPiece[], offset: number): Host | undefined {
  let text = '';
  const starts: number[] = [];
  let cursor: { from: number; to: number; a: number; b: number; sub: Host } | undefined;
  for (const p of pieces) {
    const a = base + p.from;
    const b = base + p.to;
    if ('quote' in p) {
      const sub = stringHost(doc, a, b, p.quote);
      const from = text.length;
      for (let i = 0; i < sub.text.length; i++) starts.push(sub.source(i));
      text += sub.text;
      if (a < offset && offset < b) cursor = { from, to: text.length, a, b, sub };
    } else {
      for (let i = 0; i < p.text.length; i++) starts.push(a);
      text += p.text;
    }
  }
  if (!cursor) return undefined;
  const piece = cursor;
  starts.push(base + (pieces[pieces.length - 1]?.to ?? 0));
  const inPiece = (i: number) => i >= piece.from && i <= piece.to;
  return {
    text,
    source: (i) => (inPiece(i) ? piece.sub.source(i - piece.from) : starts[Math.max(0, Math.min(i, text.length))]!),
    at: (o) => {
      if (o > piece.a && o < piece.b) return piece.from + piece.sub.at(o);
      const i = starts.findIndex((s) => s >= o);
      return i < 0 ? text.length : i;
    },
    encode: piece.sub.encode,
    editable: (from, to) => from >= piece.from && to <= piece.to,
  };
}
