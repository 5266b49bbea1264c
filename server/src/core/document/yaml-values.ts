// What both YAML parsers (the yaml library's, and the fast path for plain templates) must agree on:
// how a plain scalar reads, what a key is called, what a short-form tag becomes, how a duplicate key
// is reported. One home, so the two trees cannot drift apart.

import type { MapNode, Node, Scalar, ScalarNode } from './tree.js';
import { longFormOf } from './cfn-tags.js';
import type { SyntaxProblem } from './parse.js';

// YAML 1.1's implicit types, as PyYAML resolves them (yaml/resolver.py) and CloudFormation reads
// templates. CloudFormation has no timestamp type: a date stays the text it was written as.
const NULL = /^(?:~|null|Null|NULL)?$/;
const BOOL = new Map<string, boolean>([
  ...['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true] as [string, boolean]),
  ...['no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false] as [string, boolean]),
]);
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** The value of an untagged plain scalar, as YAML 1.1 reads it: `yes` is true, `0755` is 493, `1e3` is text. */
export function plainScalar(s: string): Scalar {
  const c = s.charCodeAt(0);
  // Most scalars are names and references: a letter that starts no keyword makes a string.
  if (s.length === 0) return null;
  if (isLetter(c) && !'nNtTfFyYoO'.includes(s[0]!)) return s;
  if (NULL.test(s)) return null;
  const b = BOOL.get(s);
  if (b !== undefined) return b;
  if (INT.test(s)) return yaml11Int(s);
  if (FLOAT.test(s)) return yaml11Float(s);
  return s;
}

function sign(s: string): [number, string] {
  return s[0] === '-' ? [-1, s.slice(1)] : s[0] === '+' ? [1, s.slice(1)] : [1, s];
}

function sexagesimal(digits: string): number {
  return digits.split(':').reduce((n, part) => n * 60 + Number(part), 0);
}

function yaml11Int(raw: string): number {
  const [k, s] = sign(raw.replace(/_/g, ''));
  if (s === '0') return 0;
  if (s.startsWith('0b')) return k * parseInt(s.slice(2), 2);
  if (s.startsWith('0x')) return k * parseInt(s.slice(2), 16);
  if (s.startsWith('0')) return k * parseInt(s, 8);
  if (s.includes(':')) return k * sexagesimal(s);
  return k * parseInt(s, 10);
}

function yaml11Float(raw: string): number | string {
  const [k, s] = sign(raw.replace(/_/g, '').toLowerCase());
  if (s === '.inf') return k * Number.POSITIVE_INFINITY;
  if (s === '.nan') return Number.NaN;
  if (s.includes(':')) return k * sexagesimal(s);
  const n = Number(s);
  // `._` and the like match the pattern but are no number; PyYAML fails on them, we keep the text.
  return Number.isNaN(n) ? raw : k * n;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** A plain scalar's value: a tagged one (`!Ref yes`) is the text itself. */
export function plainValue(raw: string, tagged: boolean): Scalar {
  return tagged ? raw : plainScalar(raw);
}

export function duplicateKey(text: string, key: ScalarNode): SyntaxProblem {
  const name = String(key.value);
  return { code: 'duplicate-key', severity: 'error', start: key.start, end: Math.max(key.end, key.start + 1), message: `Duplicate key ${text.slice(key.start, key.end) || name}: it is already set in this mapping, and only one of the two values can take effect` };
}

/** `!Ref X` → `{Ref: X}`, located at the tag; undefined for a tag CloudFormation does not know. */
export function shortForm(text: string, tag: string, inner: Node): MapNode | undefined {
  const long = longFormOf(tag);
  if (!long) return undefined;
  const tagStart = text.lastIndexOf(tag, inner.start);
  const start = tagStart >= 0 ? tagStart : inner.start;
  const key: ScalarNode = { kind: 'scalar', value: long, start, end: start + tag.length, style: 'plain' };
  const value = long === 'Fn::GetAtt' && inner.kind === 'scalar' ? splitGetAtt(inner) : inner;
  return { kind: 'map', pairs: [{ key, value }], start, end: inner.end, shortTag: tag, flow: false };
}

// `!GetAtt Res.Attr.Sub` means [Res, "Attr.Sub"]: the logical id never holds a dot.
function splitGetAtt(node: ScalarNode): Node {
  const s = typeof node.value === 'string' ? node.value : '';
  const dot = s.indexOf('.');
  if (dot < 0) return node;
  const shift = node.style === 'plain' ? 0 : 1;
  const first: ScalarNode = { ...node, value: s.slice(0, dot), end: node.start + shift + dot };
  const rest: ScalarNode = { ...node, value: s.slice(dot + 1), start: node.start + shift + dot + 1 };
  return { kind: 'seq', items: [first, rest], start: node.start, end: node.end, flow: true };
}
