// CloudFormation reads YAML as YAML 1.1 parsers do (PyYAML, which cfn-lint uses, and its Java twin):
// a quoted scalar runs to its closing quote, whatever the indentation of its continuation lines.
// YAML 1.2, and so the yaml library, ends it at the first line indented no deeper than its parent,
// then reports a missing quote and reads the rest of the string as YAML: hundreds of errors on a
// template that deploys (`Default: "--kubelet-extra-args '...'` whose closing `"` sits at column 0,
// a `!Sub '{ ... }'` policy whose last line is at the key's indentation).
//
// This reads a quoted scalar as PyYAML does, for the recovery in recovery.ts. Anything PyYAML itself
// rejects (no closing quote, a document marker inside, an unknown escape) it rejects too.

const LINE_BREAKS = '\r\n\x85\u2028\u2029';
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\x08', t: '\t', '\t': '\t', n: '\n', v: '\x0b', f: '\x0c', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const ESCAPE_CODES: Record<string, number> = { x: 2, u: 4, U: 8 };
/** Where a run of ordinary characters in a quoted scalar ends. */
const SPECIAL = new Set(`'"\\ \t${LINE_BREAKS}`);

class Rejected {}
const REJECTED = new Rejected();

/**
 * The quoted scalar opening at `start`, read as PyYAML's scanner reads it (scan_flow_scalar): its end
 * (past the closing quote) and its value. undefined where PyYAML reports an error.
 */
export function foldQuoted(text: string, start: number): { end: number; value: string } | undefined {
  const quote = text[start];
  const double = quote === '"';
  let i = start + 1;
  const out: string[] = [];
  const at = (k = 0): string => text[i + k] ?? '\0';
  const lineBreak = (): string => {
    const c = at();
    if (c === '\r' || c === '\n' || c === '\x85') {
      i += c === '\r' && at(1) === '\n' ? 2 : 1;
      return '\n';
    }
    if (c === '\u2028' || c === '\u2029') {
      i++;
      return c;
    }
    return '';
  };
  const breaks = (): string[] => {
    const chunks: string[] = [];
    for (;;) {
      const prefix = text.slice(i, i + 3);
      if ((prefix === '---' || prefix === '...') && ('\0 \t' + LINE_BREAKS).includes(at(3))) throw REJECTED;
      while (at() === ' ' || at() === '\t') i++;
      if (!LINE_BREAKS.includes(at())) return chunks;
      chunks.push(lineBreak());
    }
  };
  const nonSpaces = (): void => {
    for (;;) {
      let j = i;
      while (j < text.length && !SPECIAL.has(text[j]!)) j++;
      if (j > i) out.push(text.slice(i, j));
      i = j;
      const c = at();
      if (!double && c === "'" && at(1) === "'") {
        out.push("'");
        i += 2;
      } else if ((double && c === "'") || (!double && (c === '"' || c === '\\'))) {
        out.push(c);
        i++;
      } else if (double && c === '\\') {
        i++;
        const e = at();
        if (e in ESCAPES && i < text.length) {
          out.push(ESCAPES[e]!);
          i++;
        } else if (e in ESCAPE_CODES) {
          const hex = text.slice(i + 1, i + 1 + ESCAPE_CODES[e]!);
          if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== ESCAPE_CODES[e]) throw REJECTED;
          const code = parseInt(hex, 16);
          if (code > 0x10ffff) throw REJECTED;
          out.push(String.fromCodePoint(code));
          i += 1 + hex.length;
        } else if (LINE_BREAKS.includes(e) && i < text.length) {
          lineBreak();
          out.push(...breaks());
        } else throw REJECTED;
      } else return;
    }
  };
  const spaces = (): void => {
    let j = i;
    while (text[j] === ' ' || text[j] === '\t') j++;
    const whitespace = text.slice(i, j);
    i = j;
    if (i >= text.length) throw REJECTED;
    if (LINE_BREAKS.includes(at())) {
      const first = lineBreak();
      const more = breaks();
      if (first !== '\n') out.push(first);
      else if (!more.length) out.push(' ');
      out.push(...more);
    } else out.push(whitespace);
  };
  try {
    nonSpaces();
    while (at() !== quote) {
      if (i >= text.length) throw REJECTED;
      spaces();
      nonSpaces();
    }
    return { end: i + 1, value: out.join('') };
  } catch (e) {
    if (e === REJECTED) return undefined;
    throw e;
  }
}
