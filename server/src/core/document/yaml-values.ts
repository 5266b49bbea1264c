// What both YAML parsers (the yaml library's, and the fast path for plain templates) must agree on:
// how a plain scalar reads, what a key is called, what a short-form tag becomes, how a duplicate key
// is reported. One home, so the two trees cannot drift apart.

import type { MapNode, Node, Scalar, ScalarNode } from './tree.js';
import { longFormOf } from './cfn-tags.js';
import type { SyntaxProblem } from './parse.js';

// The YAML 1.2 core schema, as the yaml package resolves it (yaml/dist/schema/core).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value of an untagged plain scalar under the YAML 1.2 core schema. */
export function coreScalar(s: string): Scalar {
  const c = s.charCodeAt(0);
  // Most scalars are names and references: a letter other than those that start a keyword is a string.
  if (s.length === 0) return null;
  if (isLetter(c) && c !== 0x6e && c !== 0x4e && c !== 0x74 && c !== 0x54 && c !== 0x66 && c !== 0x46) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 0x74 || c === 0x54;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const YAML11_BOOL = new Map<string, boolean>(
  ['yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w) => [w, true] as [string, boolean]).concat(['no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w) => [w, false])),
);

/** CloudFormation reads YAML 1.1 booleans: plain yes/no/on/off are true/false there. */
export function plainValue(value: Scalar): Scalar {
  if (typeof value === 'string') {
    const b = YAML11_BOOL.get(value);
    if (b !== undefined) return b;
  }
  return value;
}

/** A key is a name: `Null:` or `on:` as written, not YAML's null or true. */
export function keyName(raw: Scalar, text: string, start: number, end: number): string {
  return typeof raw === 'string' ? raw : raw === null || typeof raw === 'boolean' ? text.slice(start, end) : String(raw);
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
