// A tab or line break typed inside a JSON string. Strict JSON forbids them; CloudFormation deploys
// templates that have them (AWS's serverless-image-handler template shipped line breaks inside its
// strings: awslabs/serverless-image-handler#134) and cfn-lint reads such a text as YAML, in which a
// double-quoted string may hold both. So such a template is read as YAML reads it: the strings that
// hold them are folded as YAML folds a double-quoted scalar, and the rest of the text stays strict
// JSON. Other control characters (U+0000 to U+001F but tab, LF, CR) are refused by YAML too.

import type { ParsedDocument } from './parse.js';
import type { Node, ScalarNode } from './tree.js';
import { yaml } from './yaml-lib.js';

const TAB = 9, LF = 10, CR = 13, QUOTE = 34, BACKSLASH = 92;

/**
 * The text with every tab, LF and CR inside a string made a space (same length, so every offset
 * holds), and the ranges of the strings that held one; undefined when no string holds one, or when
 * a string holds another control character or is not closed.
 */
function maskRawControls(text: string): { masked: string; strings: Array<[number, number]>; first: number } | undefined {
  const strings: Array<[number, number]> = [];
  let first = -1;
  let out: string[] | undefined;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== QUOTE) continue;
    const start = i;
    let raw = false;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) break;
      else if (c === TAB || c === LF || c === CR) {
        raw = true;
        if (first < 0) first = i;
        (out ??= []).push(text.slice(from, i), ' ');
        from = i + 1;
      } else if (c < 0x20) return undefined;
    }
    if (i >= text.length) return undefined;
    if (raw) strings.push([start, i + 1]);
  }
  if (!out) return undefined;
  out.push(text.slice(from));
  return { masked: out.join(''), strings, first };
}

/** The tree of a JSON text whose only fault is tabs or line breaks inside strings; else undefined. */
export function parseWithRawControls(text: string, parse: (text: string) => ParsedDocument): ParsedDocument | undefined {
  const mask = maskRawControls(text);
  if (!mask) return undefined;
  const parsed = parse(mask.masked);
  if (parsed.problems.some((p) => p.code === 'syntax' || p.code === 'too-large')) return undefined;
  const starts = new Map(mask.strings.map(([s, e]) => [s, e]));
  let ok = true;
  const fix = (n: ScalarNode) => {
    const end = starts.get(n.start);
    if (end === undefined || end !== n.end) return;
    const doc = yaml().parseDocument(text.slice(n.start, n.end), { version: '1.1' });
    if (doc.errors.length || typeof doc.contents !== 'object' || doc.contents === null || !('value' in doc.contents) || typeof doc.contents.value !== 'string') ok = false;
    else n.value = doc.contents.value;
  };
  const walk = (n: Node | null) => {
    if (!n) return;
    if (n.kind === 'scalar') fix(n);
    else if (n.kind === 'seq') n.items.forEach(walk);
    else for (const p of n.pairs) (fix(p.key), walk(p.value));
  };
  walk(parsed.root);
  if (!ok) return undefined;
  // IAM reads a policy strictly: the first such character is a problem there, and none in a template.
  const at = mask.first;
  parsed.problems.push({ code: 'syntax', severity: 'error', start: at, end: at + 1, message: 'Control characters must be escaped in a JSON string', recovered: true, cloudFormationAccepts: true });
  parsed.problems.sort((a, b) => a.start - b.start);
  return parsed;
}
