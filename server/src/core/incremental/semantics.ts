// Whether an edited resource means the same to the rest of the template as before: its tree is the
// same (keys, values, tags, shapes) except inside the values that nothing outside the resource reads.
// Those are what people type most in a large template — descriptions, tags, metadata — and a resource
// whose edit stays inside them leaves every other resource's findings as they were.
//
// Which values: `Description`, `GroupDescription` and `Tags` under Properties, and the resource's
// `Metadata` (the `vpce-lens: ignore` list is read again on every version, never kept). No code outside
// the schema and the resource-scoped rules reads them (cfn/scenarios.ts skips Tags when it looks for
// the conditions a template uses); one holding `Fn::If` or a `Condition` is not inert, since the
// conditions a template uses decide its deployments. A test (test/unit/incremental-semantics.test.ts)
// checks that the engine outside the schema and rules reads none of these names.

import type { MapNode, Node } from '../document/tree.js';

export const INERT_PROPERTIES: ReadonlySet<string> = new Set(['Description', 'GroupDescription', 'Tags']);
export const INERT_RESOURCE_KEYS: ReadonlySet<string> = new Set(['Metadata']);

/** Two versions of one resource's node (its value in `Resources`). */
export function sameMeaning(a: MapNode, b: MapNode): boolean {
  if (!sameShape(a, b) || a.pairs.length !== b.pairs.length) return false;
  for (let i = 0; i < a.pairs.length; i++) {
    const pa = a.pairs[i]!;
    const pb = b.pairs[i]!;
    if (pa.key.value !== pb.key.value) return false;
    const key = String(pa.key.value);
    if (INERT_RESOURCE_KEYS.has(key)) {
      if (!inert(pa.value) || !inert(pb.value)) return false;
    } else if (key === 'Properties' && pa.value?.kind === 'map' && pb.value?.kind === 'map') {
      if (!sameProperties(pa.value, pb.value)) return false;
    } else if (!same(pa.value, pb.value)) return false;
  }
  return true;
}

function sameProperties(a: MapNode, b: MapNode): boolean {
  if (!sameShape(a, b) || a.pairs.length !== b.pairs.length) return false;
  for (let i = 0; i < a.pairs.length; i++) {
    const pa = a.pairs[i]!;
    const pb = b.pairs[i]!;
    if (pa.key.value !== pb.key.value) return false;
    if (INERT_PROPERTIES.has(String(pa.key.value))) {
      if (!inert(pa.value) || !inert(pb.value)) return false;
    } else if (!same(pa.value, pb.value)) return false;
  }
  return true;
}

function sameShape(a: Node, b: Node): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'map') return a.shortTag === (b as MapNode).shortTag && a.flow === (b as MapNode).flow;
  return true;
}

/** The same value, kind by kind, at whatever offsets. */
function same(a: Node | null, b: Node | null): boolean {
  if (a === null || b === null) return a === b;
  if (!sameShape(a, b)) return false;
  switch (a.kind) {
    case 'scalar':
      return b.kind === 'scalar' && a.value === b.value && a.style === b.style;
    case 'seq': {
      if (b.kind !== 'seq' || a.items.length !== b.items.length || a.flow !== b.flow) return false;
      for (let i = 0; i < a.items.length; i++) if (!same(a.items[i]!, b.items[i]!)) return false;
      return true;
    }
    case 'map': {
      if (b.kind !== 'map' || a.pairs.length !== b.pairs.length) return false;
      for (let i = 0; i < a.pairs.length; i++) {
        if (a.pairs[i]!.key.value !== b.pairs[i]!.key.value || !same(a.pairs[i]!.value, b.pairs[i]!.value)) return false;
      }
      return true;
    }
  }
}

/** No condition inside: the value cannot change which deployments the template has. */
function inert(n: Node | null): boolean {
  if (n === null || n.kind === 'scalar') return true;
  if (n.kind === 'seq') return n.items.every(inert);
  return n.pairs.every((p) => p.key.value !== 'Fn::If' && p.key.value !== 'Condition' && inert(p.value));
}
