// The located tree every part of the engine reads. YAML and JSON both parse into it, so rules never
// care which syntax a template was written in. Offsets are UTF-16 code-unit offsets into the source
// text (what JavaScript strings and LSP positions count); line/column exist only at the edges.

export type Scalar = string | number | boolean | null;

interface Located {
  /** Offset of the node's first character (for a tagged node: the tag). */
  start: number;
  /** Offset just past the node's last character. */
  end: number;
}

export interface ScalarNode extends Located {
  kind: 'scalar';
  value: Scalar;
  /** How the scalar was written: plain, quoted or a block scalar. Fixes need it to edit in place. */
  style: 'plain' | 'single' | 'double' | 'block';
}

export interface Pair {
  key: ScalarNode;
  /** null for `Key:` with nothing after it. */
  value: Node | null;
}

export interface MapNode extends Located {
  kind: 'map';
  pairs: Pair[];
  /** Set when the map stands for a CloudFormation short-form tag (`!Ref X` → `{Ref: X}`). */
  shortTag?: string;
  flow: boolean;
}

export interface SeqNode extends Located {
  kind: 'seq';
  items: Node[];
  flow: boolean;
}

export type Node = ScalarNode | MapNode | SeqNode;

export function pairOf(map: MapNode | undefined | null, key: string): Pair | undefined {
  if (!map) return undefined;
  for (const p of map.pairs) if (p.key.value === key) return p;
  return undefined;
}

export function valueOf(map: MapNode | undefined | null, key: string): Node | undefined {
  return pairOf(map, key)?.value ?? undefined;
}

export function asMap(node: Node | null | undefined): MapNode | undefined {
  return node && node.kind === 'map' ? node : undefined;
}

export function asSeq(node: Node | null | undefined): SeqNode | undefined {
  return node && node.kind === 'seq' ? node : undefined;
}

export function asScalar(node: Node | null | undefined): ScalarNode | undefined {
  return node && node.kind === 'scalar' ? node : undefined;
}

export function scalarString(node: Node | null | undefined): string | undefined {
  const s = asScalar(node);
  if (!s || s.value === null) return undefined;
  return String(s.value);
}

/** Plain JavaScript value of a node, for ajv. Shared subtrees (YAML aliases) are converted once. */
export function toPlain(node: Node | null, seen = new Map<Node, unknown>()): unknown {
  if (node === null) return null;
  const done = seen.get(node);
  if (done !== undefined) return done;
  let out: unknown;
  if (node.kind === 'scalar') out = node.value;
  else if (node.kind === 'seq') {
    const arr: unknown[] = [];
    seen.set(node, arr);
    for (const item of node.items) arr.push(toPlain(item, seen));
    out = arr;
  } else {
    // No prototype: a `__proto__` key is a property like any other (an unknown one, for ajv), not a
    // prototype that would lend inherited values to required-property checks.
    const obj: Record<string, unknown> = Object.create(null);
    seen.set(node, obj);
    for (const p of node.pairs) obj[String(p.key.value)] = toPlain(p.value, seen);
    out = obj;
  }
  seen.set(node, out);
  return out;
}
