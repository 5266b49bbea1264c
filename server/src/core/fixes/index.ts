// Quick fixes for findings: `fixesFor` (one finding) and `fixAll` (a document's preferred fixes that
// can be applied together). Pure: text and findings in, offset edits out.

import { parseText } from '../document/parse.js';
import type { Node } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { overlaps } from './edits.js';
import { fixRegistry } from './registry.js';
import type { Fix, TextEdit } from './types.js';

export type { Fix, TextEdit } from './types.js';
export { applyEdits } from './edits.js';

/** A parsed text, to share between the fixes of many findings of one document. */
export interface FixSource {
  text: string;
  root: Node | null;
  json: boolean;
}

export function fixSource(text: string): FixSource {
  return { text, root: parseText(text).root, json: /^\uFEFF?\s*[{[]/.test(text) };
}

export function hasFixes(ruleId: string): boolean {
  return ruleId in fixRegistry;
}

/** The fixes for one finding; none when its rule has no fix or its data does not fit the text. */
export function fixesFor(text: string | FixSource, finding: Finding): Fix[] {
  const entry = fixRegistry[finding.ruleId];
  if (!entry) return [];
  const source = typeof text === 'string' ? fixSource(text) : text;
  try {
    const fixes = entry.family({ ...source, finding, data: finding.data ?? {} });
    return fixes.filter((f) => f.edits.length > 0 && f.edits.every((e) => valid(e, source.text.length))).map((f) => ({ ...f, isPreferred: entry.preferred }));
  } catch {
    // A fix that cannot make sense of the text offers nothing; the finding itself still stands.
    return [];
  }
}

/** Every preferred fix whose edits touch nothing an earlier accepted fix touches, in finding order. */
export function fixAll(text: string, findings: readonly Finding[]): TextEdit[] {
  const source = fixSource(text);
  const accepted: TextEdit[] = [];
  for (const finding of findings) {
    for (const fix of fixesFor(source, finding)) {
      if (!fix.isPreferred) continue;
      // An identical edit means the same repair is already in (two findings about one VPC): skip it.
      if (fix.edits.some((e) => accepted.some((a) => overlaps(a, e) || same(a, e)))) continue;
      accepted.push(...fix.edits);
      break;
    }
  }
  return accepted;
}

function same(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

function valid(e: TextEdit, length: number): boolean {
  return Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= length;
}
