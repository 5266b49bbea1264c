// Where a flow collection (`[...]` or `{...}`) ends, read as PyYAML reads it: inside brackets the
// indentation of lines does not matter at all. YAML 1.2 (the yaml library) wants every line of a flow
// collection in block context indented deeper than its parent, so the common
//
//     Fn::Join: ['', [
//       "a", "b"
//     ]]
//
// with its closing brackets at the key's column breaks there. This finds the true end so that the
// collection can be read on its own (see recovery.ts).

import { foldQuoted } from './quoted-recovery.js';

const FLOW_INDICATORS = ',[]{}';

/** Offset just past the bracket that closes the one at `start`; undefined where PyYAML reports an error. */
export function flowEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let plain = false;
  let i = start;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    // A document marker ends any flow collection: an error for PyYAML.
    if ((c === '-' || c === '.') && (i === 0 || text[i - 1] === '\n') && /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(text.slice(i, i + 4))) return undefined;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' && (!plain || /[ \t\r\n]/.test(text[i - 1] ?? ' '))) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      plain = false;
      continue;
    }
    if (c === '[' || c === '{') {
      depth++;
      plain = false;
      i++;
      continue;
    }
    if (c === ']' || c === '}') {
      depth--;
      i++;
      if (depth === 0) return i;
      plain = false;
      continue;
    }
    if (c === ',') {
      plain = false;
      i++;
      continue;
    }
    if (plain) {
      // `: ` (or `:` before a flow indicator) ends a plain key; anything else continues the scalar.
      if (c === ':' && /[ \t\r\n,[\]{}]/.test(text[i + 1] ?? ' ')) plain = false;
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const q = foldQuoted(text, i);
      if (!q) return undefined;
      i = q.end;
      continue;
    }
    if (c === '!' || c === '&' || c === '*') {
      // A tag, an anchor or an alias: up to the next space or flow indicator.
      i++;
      while (i < n && !/[ \t\r\n]/.test(text[i]!) && !FLOW_INDICATORS.includes(text[i]!)) i++;
      continue;
    }
    if (c === ':' || c === '?') {
      i++;
      continue;
    }
    plain = true;
    i++;
  }
  return undefined;
}
