// The fixes a finding's rule offers, unverified: `verify.ts` checks them against a fresh lint.

import { parseText } from '../document/parse.js';
import type { Node } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { fixRegistry } from './registry.js';
import type { Fix } from './types.js';

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

export function hasPreferredFix(ruleId: string): boolean {
  return fixRegistry[ruleId]?.preferred === true;
}

/** The fixes for one finding; none when its rule has no fix or its data does not fit the text. */
export function fixesFor(text: string | FixSource, finding: Finding): Fix[] {
  const entry = fixRegistry[finding.ruleId];
  if (!entry) return [];
  const source = typeof text === 'string' ? fixSource(text) : text;
  try {
    const fixes = entry.family({ ...source, finding, data: finding.data ?? {} });
    return fixes.filter((f) => f.edits.length > 0 && f.edits.every((e) => valid(e, source.text.length))).map((f) => ({ ...f, isPreferred: f.isPreferred ?? entry.preferred }));
  } catch {
    // A fix that cannot make sense of the text offers nothing; the finding itself still stands.
    return [];
  }
}

function valid(e: { start: number; end: number }, length: number): boolean {
  return Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= length;
}
