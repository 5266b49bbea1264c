// Finding the nodes a fix edits: the chain of nodes from the root down to a finding's range, the
// resource a finding names, and the questions fixes ask about a scalar's surroundings.

import { isIntrinsicKey } from '../document/cfn-tags.js';
import { asMap, pairOf, valueOf, type MapNode, type Node, type Pair, type ScalarNode } from '../document/tree.js';

export interface Step {
  node: Node;
  /** The pair of the parent map this node is the key or the value of. */
  pair?: Pair;
}

/** Root first, then each node that contains [start, end], down to the deepest (a key when the range is in one). */
export function pathTo(root: Node | null, start: number, end: number): Step[] {
  const out: Step[] = [];
  let step: Step | undefined = root && contains(root, start, end) ? { node: root } : undefined;
  const seen = new Set<Node>();
  while (step && !seen.has(step.node)) {
    seen.add(step.node);
    out.push(step);
    step = child(step.node, start, end);
  }
  return out;
}

function child(node: Node, start: number, end: number): Step | undefined {
  if (node.kind === 'seq') {
    const item = node.items.find((i) => contains(i, start, end));
    return item ? { node: item } : undefined;
  }
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      if (contains(pair.key, start, end) && pair.key.end > pair.key.start) return { node: pair.key, pair };
      if (pair.value && contains(pair.value, start, end)) return { node: pair.value, pair };
    }
  }
  return undefined;
}

function contains(node: Node, start: number, end: number): boolean {
  return node.start <= start && end <= node.end;
}

/** The deepest node whose range is exactly [start, end], with its path. */
export function exactNode(root: Node | null, start: number, end: number): { node: Node; path: Step[] } | undefined {
  const path = pathTo(root, start, end);
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!.node;
    if (node.start === start && node.end === end) return { node, path: path.slice(0, i + 1) };
  }
  return undefined;
}

/**
 * The scalar holding the range (the range may be part of it), with its path. A range on a whole
 * `Fn::Sub` (`!Sub text`, `{"Fn::Sub": "text"}`, `!Sub [text, {...}]`) means its text.
 */
export function scalarAt(root: Node | null, start: number, end: number): { scalar: ScalarNode; path: Step[] } | undefined {
  const path = pathTo(root, start, end);
  const last = path[path.length - 1]?.node;
  if (last?.kind === 'scalar') return { scalar: last, path };
  if (last?.kind !== 'map' || !isSubMap(last)) return undefined;
  const pair = last.pairs[0]!;
  const value = pair.value;
  if (value?.kind === 'scalar') return { scalar: value, path: [...path, { node: value, pair }] };
  const first = value?.kind === 'seq' ? value.items[0] : undefined;
  if (value && first?.kind === 'scalar') return { scalar: first, path: [...path, { node: value, pair }, { node: first }] };
  return undefined;
}

/** Whether the scalar at the end of the path is a string CloudFormation substitutes (`Fn::Sub`). */
export function isSubText(path: Step[]): boolean {
  const n = path.length;
  const scalar = path[n - 1]?.node;
  const parent = path[n - 2]?.node;
  if (!scalar || !parent) return false;
  if (parent.kind === 'map') return isSubMap(parent) && parent.pairs[0]!.value === scalar;
  // Fn::Sub: [text, {variables}]: the text is the first item.
  const grand = path[n - 3]?.node;
  return parent.kind === 'seq' && parent.items[0] === scalar && grand?.kind === 'map' && isSubMap(grand);
}

function isSubMap(map: MapNode): boolean {
  return map.pairs.length === 1 && map.pairs[0]!.key.value === 'Fn::Sub';
}

/** Whether the scalar at the end of the path is a mapping's key rather than a value. */
export function isKey(path: Step[]): boolean {
  const last = path[path.length - 1];
  return Boolean(last && last.pair?.key === last.node);
}

/** Whether the node at the end of the path sits inside a flow collection (`{...}`, `[...]`, JSON). */
export function inFlow(path: Step[]): boolean {
  return path.slice(0, -1).some((s) => s.node.kind !== 'scalar' && s.node.flow);
}

/** The deepest mapping that holds the range and is data, not an intrinsic function like `!Sub` or `{Ref: X}`. */
export function enclosingMap(path: Step[]): MapNode | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!.node;
    if (node.kind !== 'map' || node.shortTag) continue;
    if (node.pairs.length === 1 && isIntrinsicKey(String(node.pairs[0]!.key.value))) continue;
    return node;
  }
  return undefined;
}

export interface ResourceNodes {
  /** The resource's own mapping (Type, Properties, ...). */
  node: MapNode;
  properties: MapNode | undefined;
  /** The `Properties` pair, present even when its value is not a mapping. */
  propertiesPair: Pair | undefined;
}

/** A resource of the template by logical id, read from the tree (fixes need nodes, not the model). */
export function resourceNodes(root: Node | null, id: string): ResourceNodes | undefined {
  const node = asMap(valueOf(asMap(valueOf(asMap(root), 'Resources')), id));
  if (!node) return undefined;
  const propertiesPair = pairOf(node, 'Properties');
  return { node, properties: asMap(propertiesPair?.value), propertiesPair };
}
