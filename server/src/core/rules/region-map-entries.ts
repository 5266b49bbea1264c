// Shared by the two region rules: an endpoint's service name read from a mapping with !Ref AWS::Region
// (`!FindInMap [RegionMap, !Ref AWS::Region, S3]`) is read from the entry of the Region the stack is in (the
// resolver's reads, cfn/find-in-map.ts). An entry that names its own Region is that Region's name, portable; one
// that names another Region (key us-east-1 holding com.amazonaws.eu-west-1.s3) gives every stack in its key's
// Region another Region's service. The entry is where that mistake is, and what to change: VPCE3001 reports it
// there, and neither rule reports the region on the endpoint's service name.

import type { Endpoint } from '../cfn/endpoints.js';
import type { MapLookup } from '../cfn/find-in-map.js';
import { possibleInRegion } from '../cfn/scenarios.js';
import { literal } from '../cfn/values.js';
import { regionsIn } from '../data/regions.js';
import { asSeq, pairOf, scalarString, type MapNode, type Node, type ScalarNode } from '../document/tree.js';
import type { RuleContext } from './types.js';

export interface ForeignEntry {
  endpoint: Endpoint;
  lookup: MapLookup;
  /** The Region whose stacks read the entry: its key. */
  region: string;
  key: ScalarNode;
  entry: Node;
  /** The entry's text and the other Region it names. */
  text: string;
  names: string;
  /** The Fn::If branches the lookup lies in. */
  when: string[];
  /** The Fn::FindInMap that reads it. */
  at: MapNode;
}

/** Each mapping entry an endpoint's service name reads in a Region the entry does not name, once per endpoint. */
export function foreignEntries(ctx: RuleContext): ForeignEntry[] {
  const out: ForeignEntry[] = [];
  for (const endpoint of ctx.endpoints()) {
    // ServiceRegion makes a cross-Region endpoint: there another Region's service is the point.
    if (!endpoint.serviceNode || pairOf(endpoint.props, 'ServiceRegion')) continue;
    const seen = new Set<Node>();
    lookups(endpoint.serviceNode, [], (node, when) => {
      const lookup = ctx.values.lookup(node);
      if (!lookup?.regions) return;
      for (const read of lookup.reads) {
        // Only a Region's own top-level entry: a second-level Region key (`second`) reads a cell whose key is the Region.
        if (!('entry' in read) || seen.has(read.entry) || read.second !== undefined || read.top !== read.region) continue;
        const text = literal(ctx.values.value(read.entry));
        const named = text === undefined ? [] : regionsIn(text).map((r) => r.region);
        const names = named.find((r) => r !== read.top);
        if (!names || named.includes(read.top)) continue;
        // Under a condition that cannot hold in the entry's Region, no stack there reads it.
        const conditions = [...(endpoint.resource.condition ? [endpoint.resource.condition] : []), ...when];
        if (conditions.length && !possibleInRegion(ctx.template, conditions, read.top)) continue;
        seen.add(read.entry);
        out.push({ endpoint, lookup, region: read.top, key: read.key, entry: read.entry, text: text!, names, when, at: node });
      }
    });
  }
  return out;
}

/** Whether the service name's region text is one of a foreign entry's: judged on the entry, not on the name. */
export function fromForeignEntry(entries: ForeignEntry[], endpoint: Endpoint, region: string): boolean {
  return entries.some((e) => e.endpoint === endpoint && e.names === region);
}

/** Every Fn::FindInMap in a value, with the Fn::If branches that lead to it (`!C` for the else branch). */
function lookups(node: Node | null, when: string[], visit: (node: MapNode, when: string[]) => void): void {
  if (!node || node.kind === 'scalar') return;
  if (node.kind === 'seq') {
    for (const i of node.items) lookups(i, when, visit);
    return;
  }
  const fn = node.pairs.length === 1 ? String(node.pairs[0]!.key.value) : undefined;
  if (fn === 'Fn::FindInMap') return visit(node, when);
  const args = fn === 'Fn::If' ? asSeq(node.pairs[0]!.value)?.items : undefined;
  const condition = args && scalarString(args[0]);
  if (args && condition) {
    lookups(args[1] ?? null, [...when, condition], visit);
    lookups(args[2] ?? null, [...when, `!${condition}`], visit);
    return;
  }
  for (const p of node.pairs) lookups(p.value, when, visit);
}
