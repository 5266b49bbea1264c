// Following references between resources: which template resources a list property names.

import { asMap, asSeq, scalarString, type Node } from '../document/tree.js';
import type { Resource, Template } from './template.js';
import type { Value } from './values.js';
import { satisfiable } from './scenarios.js';

/** The template resource a single value points at (`!Ref X` or `!GetAtt X.Attr`). */
export function refResource(template: Template, v: Value): Resource | undefined {
  return v.kind === 'ref' ? template.byId.get(v.target) : undefined;
}

/** The resource a value points at, when it is a template resource of the given type. */
export function refOfType(template: Template, v: Value, type: string): Resource | undefined {
  const r = refResource(template, v);
  return r?.type === type ? r : undefined;
}

/** The offsets of `needle` inside the node's source text, or the whole node when it is not there once. */
export function locate(text: string, node: Node, needle: string): { start: number; end: number } {
  const slice = text.slice(node.start, node.end);
  const at = slice.indexOf(needle);
  if (at < 0 || slice.indexOf(needle, at + 1) >= 0) return { start: node.start, end: node.end };
  return { start: node.start + at, end: node.start + at + needle.length };
}

/**
 * Whether two sets of conditions can hold together: not when one names `X` and the other `!X`, nor
 * (given the template) when two named conditions exclude each other (`B: !Not [!Condition A]`, or
 * `!Equals [!Ref P, a]` against `!Equals [!Ref P, b]`).
 */
export function compatible(a: string[], b: string[], template?: Template): boolean {
  // A condition that is another's value or its negation (`E: !Condition X`, `E: !Not [!Condition X]`: Terraform's
  // `count = x ? 1 : 0` lowers so) stands for that one here, so that E and !X (X) are seen to exclude each other.
  const all = new Set([...a, ...b].flatMap((c) => (template ? [c, aliasOf(template, c)] : [c])));
  for (const c of all) if (all.has(c.startsWith('!') ? c.slice(1) : `!${c}`)) return false;
  if (!template) return true;
  for (const x of a) for (const y of b) if (exclusive(template, x, y)) return false;
  // What the conditions say, not only how they are written: IsUsEast1 and !Not [!Equals [!Ref AWS::Region, us-east-1]].
  return a.length === 0 || b.length === 0 || satisfiable(template, [...a, ...b]);
}

/** The condition `c` (`!Name`: false) is, when its definition is only another condition or that one's negation: followed to the end. */
function aliasOf(template: Template, c: string, depth = 0): string {
  const negated = c.startsWith('!');
  const def = template.conditions.get(negated ? c.slice(1) : c) ?? null;
  const same = scalarString(intrinsicArg(def, 'Condition'));
  const not = scalarString(intrinsicArg(asSeq(intrinsicArg(def, 'Fn::Not'))?.items[0] ?? null, 'Condition'));
  const to = same ?? (not === undefined ? undefined : `!${not}`);
  if (to === undefined || depth > 8) return c;
  const flipped = negated ? (to.startsWith('!') ? to.slice(1) : `!${to}`) : to;
  return aliasOf(template, flipped, depth + 1);
}

function exclusive(template: Template, x: string, y: string): boolean {
  if (x.startsWith('!') || y.startsWith('!')) return false;
  const cx = template.conditions.get(x) ?? null;
  const cy = template.conditions.get(y) ?? null;
  const notOf = (n: Node | null) => {
    const arg = asSeq(intrinsicArg(n, 'Fn::Not'))?.items[0] ?? null;
    return scalarString(intrinsicArg(arg, 'Condition'));
  };
  if (notOf(cx) === y || notOf(cy) === x) return true;
  const eq = (n: Node | null) => {
    const items = asSeq(intrinsicArg(n, 'Fn::Equals'))?.items;
    if (!items || items.length !== 2) return undefined;
    const ref = scalarString(intrinsicArg(items[0] ?? null, 'Ref'));
    const lit = scalarString(items[1]);
    return ref && lit !== undefined ? { ref, lit } : undefined;
  };
  const ex = eq(cx);
  const ey = eq(cy);
  return Boolean(ex && ey && ex.ref === ey.ref && ex.lit !== ey.lit);
}

function intrinsicArg(node: Node | null, fn: string): Node | null {
  const map = asMap(node);
  return map && map.pairs.length === 1 && map.pairs[0]!.key.value === fn ? map.pairs[0]!.value : null;
}

/** The n-th (0-based) occurrence of `needle` in the node's source text, for strings holding it more than once. */
export function locateNth(text: string, node: Node, needle: string, n: number): { start: number; end: number } {
  const slice = text.slice(node.start, node.end);
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = slice.indexOf(needle, at + 1);
    if (at < 0) return { start: node.start, end: node.end };
  }
  return { start: node.start + at, end: node.start + at + needle.length };
}
