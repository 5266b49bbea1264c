// Making a mapping hold given values: an existing member's value is replaced, a missing one added.
// Values computed by an intrinsic function (`!Ref`, `!If`) are not overwritten: that would throw away
// a decision the author made, so the fix is not offered then.

import { pairOf, type MapNode } from '../document/tree.js';
import { insertPairs, syntaxOf } from './map-edits.js';
import { renderValue, type Plain } from './render.js';
import type { TextEdit } from './types.js';

export function setMembers(text: string, map: MapNode, entries: [string, Plain][], json: boolean): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const missing: [string, Plain][] = [];
  for (const [key, value] of entries) {
    const pair = pairOf(map, key);
    if (!pair) {
      missing.push([key, value]);
      continue;
    }
    const node = pair.value;
    if (node?.kind !== 'scalar' || node.style === 'block') return undefined;
    if (node.value === value) continue;
    // Quoted stays quoted ("false" → "true": CloudFormation reads both); plain takes the value's own form.
    if (node.style === 'plain') edits.push({ start: node.start, end: node.end, newText: renderValue(value, syntaxOf(map, json)) });
    else {
      const inner = node.style === 'single' ? String(value).replace(/'/g, "''") : JSON.stringify(String(value)).slice(1, -1);
      edits.push({ start: node.start + 1, end: node.end - 1, newText: inner });
    }
  }
  const insert = insertPairs(text, map, missing, json);
  if (missing.length && !insert) return undefined;
  if (insert) edits.push(insert);
  return edits;
}

/** A fix value from finding data, when it is one a document can hold as a scalar. */
export function plainValue(v: unknown): Plain | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : undefined;
}
