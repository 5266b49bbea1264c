// Building the located tree the engine reads (document/tree.ts) from Terraform: every node keeps the
// offsets of the HCL it stands for, so a finding on a lowered property points at the Terraform text.

import type { MapNode, Node, Pair, Scalar, ScalarNode, SeqNode } from '../document/tree.js';
import type { Located } from './hcl-ast.js';

export function scalar(value: Scalar, at: Located, style: ScalarNode['style'] = 'double'): ScalarNode {
  return { kind: 'scalar', value, start: at.start, end: at.end, style };
}

export function map(pairs: Pair[], at: Located): MapNode {
  return { kind: 'map', pairs, start: at.start, end: at.end, flow: true };
}

export function seq(items: Node[], at: Located): SeqNode {
  return { kind: 'seq', items, start: at.start, end: at.end, flow: true };
}

export function pair(key: string, keyAt: Located, value: Node): Pair {
  return { key: scalar(key, keyAt, 'plain'), value };
}

/** An intrinsic the resolver reads: `{ Ref: x }`, `{ 'Fn::Join': [...] }`. */
export function fn(name: string, arg: Node, at: Located): MapNode {
  return map([pair(name, at, arg)], at);
}

/**
 * A value known only after apply (or never statically): why, and the value that decides it; `identity`, when
 * the value is not the deciding value itself, and the ranges that hold it (cfn/resolve.ts reads Fn::Unknown).
 */
export function unknownNode(why: string, decides: string, at: Located, identity?: string, within: readonly string[] = []): MapNode {
  const items: Node[] = [scalar(why, at), scalar(decides, at)];
  if (identity !== undefined) items.push(scalar(identity, at));
  if (identity !== undefined && within.length) items.push(seq(within.map((w) => scalar(w, at)), at));
  return fn('Fn::Unknown', seq(items, at), at);
}

export function isUnknownNode(n: Node | null | undefined): boolean {
  return n?.kind === 'map' && n.pairs.length === 1 && n.pairs[0]!.key.value === 'Fn::Unknown';
}
