// Writing new structure into a template in the template's own style: YAML block or flow, JSON with the
// document's indentation, CloudFormation functions in short (`!Ref X`) or long (`Ref: X`) form as the
// template writes them. Values are plain data plus `Fn` for intrinsic functions.

import type { MapNode, Node } from '../document/tree.js';
import { afterLastLine, eol, lineStart, pairEnd } from './map-edits.js';
import { renderKey, renderValue, type Plain } from './render.js';
import type { TextEdit } from './types.js';

/** An intrinsic function: `new Fn('Ref', 'Vpc')`, `new Fn('Fn::GetAtt', ['Vpc', 'CidrBlock'])`. */
export class Fn {
  constructor(
    readonly name: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub' | 'Fn::Select' | 'Fn::GetAZs',
    readonly arg: Value,
  ) {}
}

export type Value = Plain | Fn | Value[] | { [key: string]: Value };

export interface Style {
  json: boolean;
  /** Short-form tags (`!Ref`) rather than `Ref:` mappings; YAML only. */
  shortTags: boolean;
  /** One level of indentation, as the document indents. */
  unit: string;
  nl: string;
  /** JSON: `{"Ref": "X"}` on one line, as the template writes its functions (else one member per line). */
  inlineFns: boolean;
}

export function styleOf(text: string, json: boolean): Style {
  const shortTags = !json && (/(^|[\s[{,:-])!(Ref|Sub|GetAtt|If|Select|Join|Split|GetAZs|ImportValue|FindInMap)\b/m.test(text) || !/\b(Ref|Fn::\w+)\s*:/.test(text));
  const fns = [...text.matchAll(/\{(\s*)"(?:Ref|Fn::\w+)"/g)].slice(0, 50);
  const inlineFns = fns.length === 0 || fns.filter((m) => !m[1]!.includes('\n')).length * 2 >= fns.length;
  return { json, shortTags, unit: indentUnit(text), nl: eol(text), inlineFns };
}

/** The smallest indentation step between consecutive lines, 2 when the text gives none. */
function indentUnit(text: string): string {
  let best = Infinity;
  let prev = 0;
  for (const line of text.split('\n', 400)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const n = line.length - line.trimStart().length;
    if (n > prev && n - prev < best) best = n - prev;
    prev = n;
  }
  return ' '.repeat(Number.isFinite(best) && best <= 8 ? best : 2);
}

const SHORT: Record<Fn['name'], string> = { Ref: '!Ref', 'Fn::GetAtt': '!GetAtt', 'Fn::Sub': '!Sub', 'Fn::Select': '!Select', 'Fn::GetAZs': '!GetAZs' };

function isMap(v: Value): v is { [key: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Fn);
}

/** A value on one line: YAML flow or compact JSON. */
export function inline(v: Value, s: Style, inFlow = true): string {
  if (v instanceof Fn) {
    if (s.json || !s.shortTags) return inline({ [v.name]: v.arg }, s);
    if (v.name === 'Fn::GetAtt' && Array.isArray(v.arg)) return `!GetAtt ${v.arg.join('.')}`;
    return `${SHORT[v.name]} ${inline(v.arg, s, inFlow)}`;
  }
  if (Array.isArray(v)) return `[${v.map((x) => inline(x, s)).join(', ')}]`;
  if (isMap(v)) return `{${Object.entries(v).map(([k, x]) => `${renderKey(k, s.json ? 'json' : 'flow')}: ${inline(x, s)}`).join(', ')}}`;
  // A block value (`Key: value` on its own line) may hold `{`, `,` that a flow collection may not.
  return renderValue(v, s.json ? 'json' : inFlow ? 'flow' : 'block');
}

/** `key: value` as block YAML lines at `indent` spaces (every line ends with a newline). */
export function blockMember(key: string, v: Value, s: Style, indent: number): string {
  const pad = ' '.repeat(indent);
  const k = renderKey(key, 'block');
  if (isMap(v) && Object.keys(v).length) return `${pad}${k}:${s.nl}${Object.entries(v).map(([ck, cv]) => blockMember(ck, cv, s, indent + s.unit.length)).join('')}`;
  if (Array.isArray(v) && v.length && v.some((x) => isMap(x) || Array.isArray(x))) return `${pad}${k}:${s.nl}${v.map((x) => blockItem(x, s, indent + s.unit.length)).join('')}`;
  if (Array.isArray(v) && v.length) return `${pad}${k}:${s.nl}${v.map((x) => `${' '.repeat(indent + s.unit.length)}- ${inline(x, s, false)}${s.nl}`).join('')}`;
  if (v instanceof Fn && !s.shortTags) return `${pad}${k}:${s.nl}${blockMember(v.name, v.arg, s, indent + s.unit.length)}`;
  return `${pad}${k}: ${inline(v, s, false)}${s.nl}`;
}

function blockItem(v: Value, s: Style, indent: number): string {
  if (!isMap(v)) return `${' '.repeat(indent)}- ${inline(v, s, false)}${s.nl}`;
  const lines = Object.entries(v).map(([k, x]) => blockMember(k, x, s, indent + 2)).join('');
  return ' '.repeat(indent) + '- ' + lines.slice(indent + 2);
}

/** `"key": value` as JSON, the first line unindented and the rest at `indent` + one unit per level. */
export function jsonMember(key: string, v: Value, s: Style, indent: number): string {
  return `${JSON.stringify(key)}: ${jsonValue(v, s, indent)}`;
}

function jsonValue(v: Value, s: Style, indent: number): string {
  if (v instanceof Fn) return s.inlineFns ? inline(v, s) : jsonValue({ [v.name]: v.arg }, s, indent);
  const inner = ' '.repeat(indent + s.unit.length);
  if (Array.isArray(v)) {
    if (v.every((x) => !isMap(x) && !Array.isArray(x) && (s.inlineFns || !(x instanceof Fn)))) return inline(v, s);
    return `[${s.nl}${v.map((x) => inner + jsonValue(x, s, indent + s.unit.length)).join(`,${s.nl}`)}${s.nl}${' '.repeat(indent)}]`;
  }
  if (isMap(v)) {
    const entries = Object.entries(v);
    if (!entries.length) return '{}';
    return `{${s.nl}${entries.map(([k, x]) => inner + jsonMember(k, x, s, indent + s.unit.length)).join(`,${s.nl}`)}${s.nl}${' '.repeat(indent)}}`;
  }
  return JSON.stringify(v);
}

/**
 * One edit adding `key: value` to a mapping, after its last member (block YAML: on new lines at the
 * members' column; flow YAML and JSON: after the last member with a comma, on a line of its own when
 * the mapping is written one member per line). `blankLine`: separate it as the members are (resources).
 */
export function addMember(text: string, map: MapNode, key: string, v: Value, s: Style, blankLine = false): TextEdit | undefined {
  const first = map.pairs[0];
  const last = map.pairs[map.pairs.length - 1];
  if (!first || !last) return emptyMap(text, map, key, v, s);
  const column = first.key.start - lineStart(text, first.key.start);
  if (!s.json && !map.flow) {
    const at = afterLastLine(text, pairEnd(last));
    const gap = blankLine && map.pairs.length > 1 && /\n[ \t]*\r?\n/.test(text.slice(pairEnd(map.pairs[map.pairs.length - 2]!), last.key.start)) ? s.nl : '';
    // A list of plain items is written as the mapping's other lists are: `[a, b]` beside flow lists.
    const flowLists = Array.isArray(v) && v.every((x) => !isMap(x) && !Array.isArray(x)) && map.pairs.some((p) => p.value?.kind === 'seq' && p.value.flow);
    const member = flowLists ? `${' '.repeat(column)}${renderKey(key, 'block')}: ${inline(v, s)}${s.nl}` : blockMember(key, v, s, column);
    return { start: at, end: at, newText: (at === text.length && !text.endsWith('\n') ? s.nl : '') + gap + member };
  }
  const end = pairEnd(last);
  const multiline = text.slice(map.start, first.key.start).includes('\n');
  const member = s.json ? (multiline ? jsonMember(key, v, s, column) : `${JSON.stringify(key)}: ${inline(v, s)}`) : `${renderKey(key, 'flow')}: ${inline(v, s)}`;
  return { start: end, end, newText: multiline ? `,${s.nl}${' '.repeat(column)}${member}` : `, ${member}` };
}

function emptyMap(text: string, map: MapNode, key: string, v: Value, s: Style): TextEdit | undefined {
  const open = text.indexOf('{', map.start);
  if (open < 0 || open >= map.end) return undefined;
  return { start: open + 1, end: map.end - 1, newText: s.json ? `${JSON.stringify(key)}: ${inline(v, s)}` : ` ${renderKey(key, 'flow')}: ${inline(v, s)} ` };
}

/** The edit appending an item to a list (block: a `- item` line at the dash column; flow/JSON: `, item`). */
export function addItem(text: string, list: Node, v: Value, s: Style): TextEdit | undefined {
  if (list.kind !== 'seq') return undefined;
  const last = list.items[list.items.length - 1];
  if (list.flow || s.json) {
    const close = text.lastIndexOf(']', list.end);
    if (close < list.start) return undefined;
    const item = inline(v, s);
    return last ? { start: last.end, end: last.end, newText: `, ${item}` } : { start: close, end: close, newText: item };
  }
  if (!last) return undefined;
  const dash = text.lastIndexOf('-', last.start);
  const at = afterLastLine(text, last.end);
  return { start: at, end: at, newText: (at === text.length && !text.endsWith('\n') ? s.nl : '') + blockItem(v, s, dash - lineStart(text, dash)) };
}
