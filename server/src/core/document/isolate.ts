// One finding per syntax problem. After a syntax error the yaml library reads the rest of the text in
// whatever state the error left it, and reports that too: one missing quote became hundreds of errors
// on valid lines below. Here a document with syntax errors is cut into its top-level sections and its
// resources (the pieces segmented.ts uses) and each piece is parsed on its own: a broken piece gives
// its first error, at its root, and stays in the tree as a key whose value is unknown (null); every
// well-formed piece keeps its tree, so the other resources are still analysed. Nothing of a broken
// piece is guessed. Where the text cannot be cut that way (no block mapping at the root, anchors,
// document markers, or pieces that parse alone but not together) only the first error is kept.

import type { ParsedDocument, SyntaxProblem } from './parse.js';
import type { MapNode, Pair, ScalarNode } from './tree.js';
import { planOf, shiftPair, type Piece } from './segmented.js';
import { duplicateKey } from './yaml-values.js';

export interface BrokenPiece {
  start: number;
  end: number;
  /** A resource under `Resources` (else a top-level section). */
  resource: boolean;
}

/** Is this problem a break in the text (rather than a finding about a readable text, or its size)? */
export function isSyntaxProblem(p: SyntaxProblem): boolean {
  return (p.code === 'syntax' || p.code === 'tab') && !p.recovered;
}

/**
 * `whole`: the whole text's parse. Returned as it is when it has no syntax problem; else the parse
 * of its pieces, with `broken` naming the pieces that did not parse.
 */
export function isolateSyntaxErrors(text: string, whole: ParsedDocument, parsePiece: (source: string) => ParsedDocument): ParsedDocument {
  const first = whole.problems.find(isSyntaxProblem);
  if (!first) return whole;
  const firstOnly = (): ParsedDocument => ({ root: whole.root, problems: whole.problems.filter((p) => !isSyntaxProblem(p) || p === first) });
  const plan = planOf(text, true);
  if (!plan) return firstOnly();
  const problems: SyntaxProblem[] = [];
  const broken: BrokenPiece[] = [];
  const brokenPairs = new Set<Pair>();
  const piece = (p: Piece, resource: boolean): Pair => {
    const parsed = parsePiece(text.slice(p.start, p.end));
    const root = parsed.root;
    const error = parsed.problems.find(isSyntaxProblem);
    if (!error && root?.kind === 'map' && root.pairs.length === 1) {
      for (const q of parsed.problems) problems.push({ ...q, start: q.start + p.start, end: q.end + p.start });
      return shiftPair(root.pairs[0]!, p.start);
    }
    const key = keyOf(text, p);
    broken.push({ start: key.start, end: trimmedEnd(text, p), resource });
    const at = error ?? { code: 'syntax', severity: 'error', start: 0, end: 1, message: 'Expected one key with its value here' };
    problems.push({ ...at, start: at.start + p.start, end: Math.min(at.end + p.start, text.length) });
    const pair = { key, value: null };
    brokenPairs.add(pair);
    return pair;
  };
  // Names are compared among the pieces that parsed: a broken piece's name may be part of its damage.
  const unique = (pairs: Pair[]): Pair[] => {
    const seen = new Set<string>();
    for (const p of pairs) {
      if (brokenPairs.has(p)) continue;
      const name = String(p.key.value);
      if (seen.has(name)) problems.push(duplicateKey(text, p.key));
      seen.add(name);
    }
    return pairs;
  };
  const pairs: Pair[] = [];
  plan.sections.forEach((section, i) => {
    if (plan.resources?.section !== i) return pairs.push(piece(section, false));
    const children = plan.resources.children.map((c) => piece(c, true));
    const key: ScalarNode = { kind: 'scalar', value: 'Resources', start: section.start, end: section.start + 'Resources'.length, style: 'plain' };
    const value: MapNode | null = children.length ? { kind: 'map', pairs: unique(children), start: children[0]!.key.start, end: endOf(children[children.length - 1]!), flow: false } : null;
    pairs.push({ key, value });
  });
  // Pieces that parse alone but not together (an unclosed bracket swallowing the next section...):
  // the pieces say nothing reliable.
  if (!broken.length || !pairs.length) return firstOnly();
  const root: MapNode = { kind: 'map', pairs: unique(pairs), start: pairs[0]!.key.start, end: endOf(pairs[pairs.length - 1]!), flow: false };
  return { root, problems: problems.sort((a, b) => a.start - b.start), broken };
}

function endOf(p: Pair): number {
  return p.value ? Math.max(p.value.end, p.key.end) : p.key.end;
}

function trimmedEnd(text: string, p: Piece): number {
  let end = p.end;
  while (end > p.start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** The name a broken piece's first line gives itself, located; the whole first word when it has no colon. */
function keyOf(text: string, p: Piece): ScalarNode {
  const line = text.slice(p.start, p.end).split('\n', 1)[0]!;
  const indent = line.length - line.trimStart().length;
  const m = /^[^\s:#]+(?=:(?:\s|$))|^[^\s#]+/.exec(line.slice(indent));
  const name = m ? m[0] : '';
  const start = p.start + indent;
  return { kind: 'scalar', value: name, start, end: start + name.length, style: 'plain' };
}
