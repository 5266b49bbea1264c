// Parsing a keystroke's version of a plain template from its last version's tree: only the resource the
// edit lies in is parsed again (by the fast path, as a piece of its own), the resources before it are
// the last tree's very nodes, and those after it are copied with their offsets moved by the edit's
// length. On a 5,000-line template that is a fraction of the whole fast parse, and a fraction of its
// garbage (the whole parse made a new node for every value of every resource on every keystroke).
//
// The result must be the tree the whole fast path gives for the new text, so the cut is made only
// where that is certain: the last tree came whole from the fast path without problems; the edit lies
// inside one resource under a block `Resources:` and not in its key, and not in the last resource (whose
// end is also the section's and maybe the document's); the piece from that resource's key line to the
// next resource's key line parses alone, by the fast path, to one pair with the same key at the same
// column and no problem. The text outside the piece is unchanged, so the next key line still starts
// the next resource. Anything else returns undefined and the caller parses the whole text.
// test/unit/incremental-parse.test.ts holds the trees equal over seeded random edits of every template.

import type { ParsedDocument } from '../document/parse.js';
import { parseFastYaml } from '../document/fast-yaml.js';
import type { MapNode, Node, Pair, ScalarNode } from '../document/tree.js';
import { editBetween } from './lint.js';

/** How many versions were parsed from their last tree (the tests read it). */
export const reparseStats = { reparsed: 0 };

export function reparseEdit(lastText: string, last: ParsedDocument, text: string): ParsedDocument | undefined {
  const root = last.root;
  if (!root || root.kind !== 'map' || root.flow || root.shortTag || last.problems.length || last.broken) return undefined;
  const edit = editBetween(lastText, text);
  if (!edit) return last;
  const at = root.pairs.findIndex((p) => p.key.value === 'Resources');
  const section = root.pairs[at]?.value;
  if (!section || section.kind !== 'map' || section.flow || section.shortTag) return undefined;
  const pairs = section.pairs;
  const i = lastBefore(pairs, edit.start);
  if (i < 0 || i >= pairs.length - 1) return undefined;
  const key = pairs[i]!.key;
  const next = pairs[i + 1]!.key;
  if (edit.start <= key.end) return undefined;
  const pieceStart = lineStart(lastText, key.start);
  const pieceEnd = lineStart(lastText, next.start);
  // Both keys begin their lines (after spaces), and the line break before the next key is not edited.
  if (!spacesOnly(lastText, pieceStart, key.start) || !spacesOnly(lastText, pieceEnd, next.start) || edit.oldEnd > pieceEnd - 1) return undefined;
  const piece = parseFastYaml(text.slice(pieceStart, pieceEnd + edit.delta));
  const proot = piece?.root;
  if (!piece || piece.problems.length || !proot || proot.kind !== 'map' || proot.flow || proot.pairs.length !== 1) return undefined;
  const edited = proot.pairs[0]!;
  if (edited.key.value !== key.value || edited.key.style !== key.style || edited.key.start !== key.start - pieceStart) return undefined;
  const d = edit.delta;
  const resources: MapNode = {
    ...section,
    pairs: [...pairs.slice(0, i), shiftPair(edited, pieceStart), ...pairs.slice(i + 1).map((p) => shiftPair(p, d))],
    end: section.end + d,
  };
  const rootPairs = root.pairs.map((p, k) => (k < at ? p : k === at ? { key: p.key, value: resources } : shiftPair(p, d)));
  reparseStats.reparsed++;
  return { root: { ...root, pairs: rootPairs, end: root.end + d }, problems: [] };
}

/** The last pair whose key starts before `offset`; -1 when none does. */
function lastBefore(pairs: Pair[], offset: number): number {
  let lo = 0;
  let hi = pairs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (pairs[mid]!.key.start < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function spacesOnly(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) !== 32) return false;
  return true;
}

// A fast-path tree has no aliases (the fast path declines anchors), so each node is copied once. The
// nodes are written out field by field, as the parser makes them: an object spread is several times slower.
function shiftPair(p: Pair, d: number): Pair {
  return { key: shiftScalar(p.key, d), value: p.value ? shift(p.value, d) : null };
}

function shiftScalar(n: ScalarNode, d: number): ScalarNode {
  return { kind: 'scalar', value: n.value, start: n.start + d, end: n.end + d, style: n.style };
}

function shift(n: Node, d: number): Node {
  if (d === 0) return n;
  if (n.kind === 'scalar') return shiftScalar(n, d);
  if (n.kind === 'seq') {
    const items: Node[] = new Array(n.items.length);
    for (let k = 0; k < items.length; k++) items[k] = shift(n.items[k]!, d);
    return { kind: 'seq', items, start: n.start + d, end: n.end + d, flow: n.flow };
  }
  const pairs: Pair[] = new Array(n.pairs.length);
  for (let k = 0; k < pairs.length; k++) pairs[k] = shiftPair(n.pairs[k]!, d);
  const map: MapNode = n.shortTag === undefined ? { kind: 'map', pairs, start: n.start + d, end: n.end + d, flow: n.flow } : { kind: 'map', pairs, start: n.start + d, end: n.end + d, shortTag: n.shortTag, flow: n.flow };
  return map;
}
