// Parsing a template being typed. Plain template YAML goes whole through the fast path, which is
// quicker than re-using pieces: every piece after the edit moves and would be copied to its new offsets.
// A template the fast path declines (a multi-line quoted string, an odd comment layout) would go whole
// through the yaml package, several times slower; instead it is cut into its top-level sections and
// its resources, each parsed on its own and kept by its text, so that an edit re-parses only the piece
// it touched, and that piece mostly through the fast path again. Either way the result is the very
// tree a whole parse gives (a test compares them on every fixture and corpus template); anything
// unusual for the pieces (JSON, flow style at the root, anchors, document markers, tabs, duplicate
// names, any parse problem) falls back to the whole parse.

import { parseText, parseWithYamlLibrary, parseYamlWhole, withLoneCrAsLf, type ParsedDocument } from './parse.js';
import { isolateSyntaxErrors } from './isolate.js';
import { parseFastYaml } from './fast-yaml.js';
import { reparseEdit } from '../incremental/reparse.js';
import type { MapNode, Node, Pair, ScalarNode } from './tree.js';

/** Parsed pieces by their text; a document keeps one cache across its versions. */
export interface ParseCache {
  pieces: Map<string, PieceParse>;
  /** The piece's pair as last placed, by text: a piece that has not moved is reused as it is. */
  placed: Map<string, { start: number; pair: Pair }>;
  /** The fast path declined some piece of the last version: the next one goes to the pieces first. */
  slow: boolean;
  /** The last version, when the fast path took it whole: the next re-parses only the resource edited (incremental/reparse.ts). */
  last?: { text: string; parsed: ParsedDocument };
}

export function newParseCache(): ParseCache {
  return { pieces: new Map(), placed: new Map(), slow: false };
}

/** The tree of a template being typed, through the cache of its last version. */
export function parseWithCache(text: string, cache: ParseCache): ParsedDocument {
  // Lone CRs are rare (old Mac files): such a text is parsed whole, its line breaks made LF.
  if (withLoneCrAsLf(text) !== text) {
    cache.last = undefined;
    return parseText(text);
  }
  if (!cache.slow) {
    const last = cache.last;
    const fast = (last && reparseEdit(last.text, last.parsed, text)) ?? parseFastYaml(text);
    if (fast) {
      // Pieces of a document the fast path takes are never read again: let them go.
      if (cache.pieces.size) Object.assign(cache, newParseCache());
      cache.last = { text, parsed: fast };
      return fast;
    }
  }
  cache.last = undefined;
  return parsePieces(text, cache, !cache.slow);
}

export interface Piece {
  start: number;
  end: number;
}

interface PieceParse {
  parsed: ParsedDocument;
  /** Taken by the fast path (else by the yaml package). */
  fast: boolean;
}

export interface Plan {
  sections: Piece[];
  /** The `Resources:` section and its children, when the template has one in block style. */
  resources?: { section: number; keyStart: number; children: Piece[] };
}

// The plan is read from lines by pattern, and every piece is parsed alone: a piece boundary can hide a
// problem only where a pattern reads a line otherwise than YAML does. So each pattern follows YAML's
// own reading: a colon ends a key only before a space, a tab or the line's end (`Key:#x` is one plain
// scalar, not a key and a comment), and indentation, blank lines and comments are made of spaces and
// tabs only (a no-break space is content to YAML, though `\s` and trim() take it for space).
const KEY_END = String.raw`:(?:[ \t]*|[ \t]+#.*|[ \t]+\S.*)$`;
const KEY_END_NO_VALUE = String.raw`:(?:[ \t]*|[ \t]+#.*)$`;
const TOP_KEY = new RegExp(String.raw`^[A-Za-z][\w:-]*` + KEY_END);
const RESOURCES = new RegExp('^Resources' + KEY_END_NO_VALUE);
const CHILD_KEY = new RegExp(String.raw`^ +[A-Za-z0-9][\w:.-]*` + KEY_END_NO_VALUE);
/** A line the plan passes over: blank, or only a comment (the text outside every piece is only these). */
const BLANK_OR_COMMENT = /^[ \t]*(#.*)?$/;
const UNSAFE = /(^|[\s[{,])[&*][^\s,\]}]|^(---|\.\.\.)\s*$|^%/m;
const TAB_INDENT = /^[ \t]*\t/m;

/**
 * The piecewise parse (exported for its tests). `fastDeclined`: the fast path already declined the
 * whole text, so a fallback goes straight to the yaml package.
 */
export function parsePieces(text: string, cache: ParseCache, fastDeclined = false): ParsedDocument {
  if (withLoneCrAsLf(text) !== text) return parseText(text); // as in parseWithCache
  const plan = planOf(text);
  if (!plan) return whole(text, cache, new Map(), fastDeclined);
  const used = new Map<string, PieceParse>();
  const placed = new Map<string, { start: number; pair: Pair }>();
  // A piece's pair at its place in this text: the same objects as last time when it has not moved, so
  // that only moved pieces are copied to their new offsets.
  const piece = (p: Piece): Pair | undefined => {
    const source = text.slice(p.start, p.end);
    const known = cache.pieces.get(source) ?? parseOne(source);
    used.set(source, known);
    const parsed = known.parsed;
    if (parsed.problems.length || parsed.root?.kind !== 'map' || parsed.root.pairs.length !== 1) return undefined;
    const last = cache.placed.get(source);
    const pair = last && last.start === p.start ? last.pair : shiftPair(parsed.root.pairs[0]!, p.start);
    placed.set(source, { start: p.start, pair });
    return pair;
  };
  const pairs: Pair[] = [];
  const names = new Set<string>();
  for (let i = 0; i < plan.sections.length; i++) {
    const section = plan.sections[i]!;
    if (plan.resources?.section === i) {
      const resources = resourcesPair(text, plan.resources, piece);
      if (!resources) return whole(text, cache, used, fastDeclined);
      pairs.push(resources);
    } else {
      const pair = piece(section);
      if (!pair) return whole(text, cache, used, fastDeclined);
      pairs.push(pair);
    }
    const name = String(pairs[pairs.length - 1]!.key.value);
    if (names.has(name)) return whole(text, cache, used, fastDeclined);
    names.add(name);
  }
  cache.pieces = used;
  cache.placed = placed;
  cache.slow = [...used.values()].some((p) => !p.fast);
  if (pairs.length === 0) return whole(text, cache, used, fastDeclined);
  const root: MapNode = { kind: 'map', pairs, start: pairs[0]!.key.start, end: pairEnd(pairs[pairs.length - 1]!), flow: false };
  return { root, problems: [] };
}

function parseOne(source: string): PieceParse {
  const fast = parseFastYaml(source);
  return fast ? { parsed: fast, fast: true } : { parsed: parseWithYamlLibrary(source), fast: false };
}

function whole(text: string, cache: ParseCache, used: Map<string, PieceParse>, fastDeclined: boolean): ParsedDocument {
  cache.pieces = used;
  cache.placed = new Map();
  // Whatever the pieces made of it, the next version tries the whole fast path again only if this one took it.
  const { parsed, fast } = fastDeclined ? { parsed: parseWithYamlLibrary(text), fast: false } : parseOne(text);
  cache.slow = !fast;
  // As parseText does: the same findings in the editor as in the CLI.
  return isolateSyntaxErrors(text, parsed, parseYamlWhole);
}

function resourcesPair(text: string, r: NonNullable<Plan['resources']>, piece: (p: Piece) => Pair | undefined): Pair | undefined {
  const ids = new Set<string>();
  const pairs: Pair[] = [];
  for (const child of r.children) {
    const pair = piece(child);
    if (!pair) return undefined;
    if (ids.has(String(pair.key.value))) return undefined;
    ids.add(String(pair.key.value));
    pairs.push(pair);
  }
  const key: ScalarNode = { kind: 'scalar', value: 'Resources', start: r.keyStart, end: r.keyStart + 'Resources'.length, style: 'plain' };
  if (pairs.length === 0) return undefined;
  const value: MapNode = { kind: 'map', pairs, start: pairs[0]!.key.start, end: pairEnd(pairs[pairs.length - 1]!), flow: false };
  return { key, value };
}

function pairEnd(p: Pair): number {
  return p.value ? p.value.end : p.key.end;
}

/**
 * Where the pieces are; undefined when the text is not plain block YAML we can cut safely. `lenient`
 * (for isolating syntax errors): a line where a key belongs starts a piece whatever it holds, and tabs
 * are allowed, so that a broken line makes one broken piece rather than no plan.
 */
export function planOf(text: string, lenient = false): Plan | undefined {
  if (UNSAFE.test(text) || (!lenient && TAB_INDENT.test(text)) || /^\s*[{[]/.test(text)) return undefined;
  const lines = lineStarts(text);
  const sections: Piece[] = [];
  let resources: Plan['resources'];
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i]!;
    const line = text.slice(start, lines[i + 1] ?? text.length).replace(/\r?\n$/, '');
    if (BLANK_OR_COMMENT.test(line)) continue;
    // An indented line before the first key belongs to no piece: only the whole parse can judge it.
    if (/^[ \t]/.test(line)) {
      if (!sections.length) return undefined;
      continue;
    }
    if (!TOP_KEY.test(line) && !lenient) return undefined; // a root that is not a block mapping of plain keys
    if (sections.length) sections[sections.length - 1]!.end = start;
    sections.push({ start, end: text.length });
    // The `Resources:` line is in no piece (its key is made here): only a line YAML reads as that key alone.
    if (line.startsWith('Resources:')) {
      if (!RESOURCES.test(line)) {
        if (lenient) continue;
        return undefined;
      }
      resources = { section: sections.length - 1, keyStart: start, children: [] };
    }
  }
  if (resources) {
    const section = sections[resources.section]!;
    const children = childrenOf(text, lines, section, lenient);
    if (!children) return undefined;
    resources.children = children;
  }
  return { sections, ...(resources ? { resources } : {}) };
}

/** The resources under `Resources:`: lines at the first child's indentation that start a key. */
function childrenOf(text: string, lines: number[], section: Piece, lenient: boolean): Piece[] | undefined {
  const children: Piece[] = [];
  let indent = -1;
  for (const start of lines) {
    if (start <= section.start || start >= section.end) continue;
    const line = text.slice(start, text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start)).replace(/\r$/, '');
    if (BLANK_OR_COMMENT.test(line)) continue;
    const spaces = /^[ \t]*/.exec(line)![0].length;
    if (indent < 0) indent = spaces;
    if (spaces < indent) return undefined;
    if (spaces > indent) continue;
    if (!CHILD_KEY.test(line) && !lenient) return undefined; // a child written inline or oddly
    if (children.length) children[children.length - 1]!.end = start;
    children.push({ start, end: section.end });
  }
  return indent > 0 ? children : undefined;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

// Pieces are parsed from offset 0 and cached; each use gets a copy moved to where the piece stands now.
export function shiftPair(pair: Pair, delta: number): Pair {
  const seen = new Map<Node, Node>();
  return { key: shift(pair.key, delta, seen) as ScalarNode, value: pair.value ? shift(pair.value, delta, seen) : null };
}

function shift(node: Node, delta: number, seen: Map<Node, Node>): Node {
  const done = seen.get(node);
  if (done) return done;
  let out: Node;
  if (node.kind === 'scalar') out = { ...node, start: node.start + delta, end: node.end + delta };
  else if (node.kind === 'seq') {
    out = { ...node, start: node.start + delta, end: node.end + delta, items: [] };
    seen.set(node, out);
    for (const i of node.items) out.items.push(shift(i, delta, seen));
  } else {
    out = { ...node, start: node.start + delta, end: node.end + delta, pairs: [] };
    seen.set(node, out);
    for (const p of node.pairs) out.pairs.push({ key: shift(p.key, delta, seen) as ScalarNode, value: p.value ? shift(p.value, delta, seen) : null });
  }
  seen.set(node, out);
  return out;
}
