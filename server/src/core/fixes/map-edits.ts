// Adding and removing the members of one mapping with the smallest edit that keeps the rest of the
// text as it was: comments, blank lines, indentation, quoting and commas.

import type { MapNode, Node, Pair } from '../document/tree.js';
import { renderKey, renderValue, type Plain, type Syntax } from './render.js';
import type { TextEdit } from './types.js';

export function syntaxOf(map: MapNode, json: boolean): Syntax {
  if (json) return 'json';
  return map.flow ? 'flow' : 'block';
}

/**
 * One edit adding key/value members to a mapping. Block YAML: new lines after the last member, at
 * the column of the first key (where a person would add them; comments after the last member stay
 * where they are). JSON and flow YAML: before the first member, each followed by a comma, so no
 * existing comma moves.
 */
export function insertPairs(text: string, map: MapNode, entries: [string, Plain][], json: boolean): TextEdit | undefined {
  if (entries.length === 0) return undefined;
  const syntax = syntaxOf(map, json);
  const member = ([k, v]: [string, Plain]) => `${renderKey(k, syntax)}: ${renderValue(v, syntax)}`;
  const first = map.pairs[0];
  if (syntax === 'block') {
    if (!first) return undefined; // an empty block mapping is written as null; nothing to indent by
    const indent = ' '.repeat(first.key.start - lineStart(text, first.key.start));
    const at = afterLastLine(text, pairEnd(map.pairs[map.pairs.length - 1]!));
    const nl = eol(text);
    const stale = entries.length === 1 ? staleComment(text, at, indent, entries[0]![0]) : undefined;
    // "# X is not set" right where X now goes would say the opposite of the line under it: the member
    // takes the comment's line and the comment follows it as what it was.
    if (stale) return { start: stale.start, end: stale.end, newText: `${indent}${member(entries[0]!)}  # was: ${stale.comment}` };
    const lines = entries.map((e) => indent + member(e) + nl).join('');
    return { start: at, end: at, newText: (at === text.length && !text.endsWith('\n') ? nl : '') + lines };
  }
  if (!first) {
    // `{}`: the members go between the braces.
    const open = text.indexOf('{', map.start);
    if (open < 0 || open >= map.end) return undefined;
    const inner = entries.map(member).join(', ');
    return { start: open + 1, end: map.end - 1, newText: syntax === 'json' ? inner : ` ${inner} ` };
  }
  const multiline = text.slice(map.start, first.key.start).includes('\n');
  const separator = multiline ? eol(text) + text.slice(lineStart(text, first.key.start), first.key.start) : ' ';
  const newText = entries.map((e) => member(e) + ',' + separator).join('');
  return { start: first.key.start, end: first.key.start, newText };
}

/**
 * An own-line comment among those right after `at`, at the members' indentation, that names `key` as
 * missing or off ("# EnableDnsHostnames is not set"): its line's range and its text after the `#`.
 */
function staleComment(text: string, at: number, indent: string, key: string): { start: number; end: number; comment: string } | undefined {
  let p = at;
  while (p < text.length) {
    const nl = text.indexOf('\n', p);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(p, end).replace(/\r$/, '');
    const m = /^([ \t]*)#\s?(.*)$/.exec(line);
    if (!m) return undefined;
    if (m[1] === indent && m[2]!.includes(key) && /\b(not|no|missing|unset|off|false|without)\b/i.test(m[2]!)) return { start: p, end: p + line.length, comment: m[2]! };
    p = end + 1;
  }
  return undefined;
}

/** The edit removing one member: whole lines in block YAML; in JSON and flow YAML the member and one comma. */
export function removePair(text: string, map: MapNode, pair: Pair, json: boolean): TextEdit | undefined {
  const index = map.pairs.indexOf(pair);
  if (index < 0) return undefined;
  const next = map.pairs[index + 1];
  const prev = map.pairs[index - 1];
  if (syntaxOf(map, json) === 'block') {
    const ls = lineStart(text, pair.key.start);
    const ownLine = /^[ \t]*$/.test(text.slice(ls, pair.key.start));
    if (ownLine) return { start: ls, end: afterLastLine(text, pairEnd(pair)), newText: '' };
    // The first member of a sequence item (`- Key: v`): the next member moves up behind the dash.
    return next ? { start: pair.key.start, end: next.key.start, newText: '' } : undefined;
  }
  if (next) return { start: pair.key.start, end: next.key.start, newText: '' };
  if (prev) return { start: pairEnd(prev), end: pairEnd(pair), newText: '' };
  return { start: pair.key.start, end: pairEnd(pair), newText: '' };
}

/** Offset just past a member's value (its key when it has none). */
export function pairEnd(pair: Pair): number {
  // max: an alias's node carries its anchor's (earlier) offsets.
  return pair.value ? Math.max(contentEnd(pair.value), pair.key.end) : pair.key.end;
}

/**
 * Where a node's own text ends. A block collection's range runs on over the comments and the
 * indentation that follow it, which belong to what comes next; its last item's end is the truth.
 */
function contentEnd(node: Node): number {
  if (node.kind === 'map' && !node.flow && !node.shortTag) {
    const last = node.pairs[node.pairs.length - 1];
    return last ? pairEnd(last) : node.end;
  }
  if (node.kind === 'map' && node.shortTag) {
    const inner = node.pairs[0]?.value;
    return inner ? Math.max(contentEnd(inner), node.pairs[0]!.key.end) : node.end;
  }
  if (node.kind === 'seq' && !node.flow) {
    const last = node.items[node.items.length - 1];
    return last ? contentEnd(last) : node.end;
  }
  return node.end;
}

/** The document's line ending, so inserted lines match the others. */
export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the line after the one the text before `offset` ends on (a trailing comment goes with it). */
export function afterLastLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}
