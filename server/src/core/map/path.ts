// A traced path laid over the picture, hop by hop. The trace (core/trace) decides every hop; this only
// says where on the picture each hop is: a hop about a node (a subnet, a route table, a gateway, an
// endpoint) moves along the path to that node; a hop about a route is the route's edge; the hops in
// between that are not drawn as nodes (security groups, network ACLs) are told on the edge the
// traffic takes next; a DNS hop is about where the name leads, so it is told on the edge into what the
// name resolves to (the endpoint it names, or the destination), never on an edge it says nothing about. Each node and edge of the path carries the worst decision of its hops: blocked
// is drawn red, unknown dashed with the value that decides it.

import type { TraceResult } from '../trace/types.js';
import { internetNodeId, serviceNodeId, type MapEdge, type MapNode, type PathDecision, type Picture } from './picture.js';

export interface PathTarget {
  kind: 'service' | 'internet' | 'cidr';
  /** The service's pattern, or the CIDR's text. */
  value: string;
  label: string;
}

// Hops that judge something along the way without being a place the traffic goes to.
const NOTE_KINDS = new Set(['DNS', 'security group egress', 'network ACL out', 'network ACL in (return traffic)', 'endpoint network ACL in', 'endpoint network ACL out (return traffic)', 'endpoint security group in', 'Availability Zone', 'VPC']);

const DESTINATION_KINDS = new Set(['service', 'internet', 'destination']);

const RANK: Record<PathDecision, number> = { pass: 0, note: 1, unknown: 2, block: 3 };

function worse(a: PathDecision | undefined, b: PathDecision): PathDecision {
  return a === undefined || RANK[b] > RANK[a] ? b : a;
}

/** The picture with the path of `result` marked on it (a copy: the picture given is not changed). */
export function overlayPath(picture: Picture, result: TraceResult, target: PathTarget): Picture {
  const nodes = picture.nodes.map((n) => ({ ...n, notes: [...n.notes] }));
  const edges = picture.edges.map((e) => ({ ...e, notes: [...e.notes] }));
  const node = new Map(nodes.map((n) => [n.id, n]));
  const routeEdge = new Map<string, MapEdge>();
  for (const e of edges) if (e.kind === 'route' && e.resource && !routeEdge.has(`${e.from}|${e.resource}`)) routeEdge.set(`${e.from}|${e.resource}`, e);

  let cursor: MapNode | undefined;
  /** The endpoint the name resolves to (the DNS hop names it): the endpoint hops after it are about it. */
  let resolved: MapNode | undefined;
  /** A route edge taken from the cursor, whose far end comes next. */
  let via: MapEdge | undefined;
  let pending: { decision: PathDecision; kind: string; text: string; decides?: string; index: number }[] = [];
  /** DNS hops, held for the edge into what the name resolves to. */
  let naming: typeof pending = [];

  const markNode = (n: MapNode, d: PathDecision, text: string) => {
    n.path = worse(n.path, d);
    n.notes.push(text);
  };
  const markEdge = (e: MapEdge, d: PathDecision, text: string | undefined, decides?: string) => {
    e.path = worse(e.path, d);
    if (text) e.notes.push(text);
    if (decides && !e.decides) e.decides = decides;
  };
  const step = (to: MapNode, hop?: { decision: PathDecision; text: string; decides?: string }): MapEdge | undefined => {
    if (!cursor || cursor === to) {
      cursor = to;
      return undefined;
    }
    const chain = via && via.to === to.id ? [via] : connect(edges, cursor.id, to.id) ?? [pathEdge(edges, cursor.id, to.id)];
    for (const e of chain) markEdge(e, 'pass', undefined);
    // Intermediate nodes of a two-edge chain (a NAT gateway's own subnet) are on the path too.
    for (const e of chain.slice(0, -1)) node.get(e.to)!.path ??= 'pass';
    const last = chain[chain.length - 1]!;
    for (const p of pending) markEdge(last, p.decision, p.text, p.decides);
    if (naming.length && (to === resolved || DESTINATION_KINDS.has(to.kind))) {
      for (const p of naming) markEdge(last, p.decision, p.text, p.decides);
      naming = [];
    }
    // A hop that is blocked or unknown where it arrives makes the way in blocked or unknown too.
    if (hop && (hop.decision === 'block' || hop.decision === 'unknown')) markEdge(last, hop.decision, undefined, hop.decides);
    pending = [];
    via = undefined;
    cursor = to;
    return last;
  };

  for (const [index, h] of result.hops.entries()) {
    const text = `${h.kind} (${h.resource}): ${h.reason}`;
    const decides = h.decision === 'unknown' ? decidingValue(h.reason, h.resource) : undefined;
    const named = node.get(h.resource);
    if (h.kind === 'DNS' && named && /endpoint$/.test(named.kind)) resolved = named;
    if (h.kind === 'DNS') {
      naming.push({ decision: h.decision, kind: h.kind, text, index, ...(decides ? { decides } : {}) });
      continue;
    }
    // "endpoint security group in" names the group, "endpoint network ACL in" the subnet: both happen at the endpoint.
    const at = resolved && h.kind.startsWith('endpoint ') ? resolved : named;
    const route = cursor ? routeEdge.get(`${cursor.id}|${h.resource}`) : undefined;
    if (route && h.kind === 'route') {
      via = route;
      markEdge(route, h.decision, text, decides);
      for (const p of pending) markEdge(route, p.decision, p.text, p.decides);
      pending = [];
      continue;
    }
    if (at && !at.cluster && (!NOTE_KINDS.has(h.kind) || !cursor || (at === resolved && h.kind.startsWith('endpoint '))) && !(h.kind === 'route' && at === cursor)) {
      step(at, { decision: h.decision, text, ...(decides ? { decides } : {}) });
      markNode(at, h.decision, text);
      continue;
    }
    pending.push({ decision: h.decision, kind: h.kind, text, index, ...(decides ? { decides } : {}) });
  }

  const endsAtDestination = result.verdict === 'private' || result.verdict === 'public' || pending.length > 0 || naming.length > 0;
  if (cursor && endsAtDestination) {
    const dest = destination(nodes, node, target);
    const told = [...pending, ...naming];
    const d = told.reduce<PathDecision>((acc, p) => worse(acc, p.decision), 'pass');
    const verdictText = result.verdict === 'blocked' || result.verdict === 'unknown' ? result.summary : undefined;
    // The trace names the hop that decides; among the worst told here, that one labels the edge.
    const decisive = told.find((p) => p.decision === d && p.index === result.decidingHop) ?? told.find((p) => p.decision === d);
    const last = step(dest);
    markNode(dest, d === 'block' ? 'block' : d === 'unknown' ? 'unknown' : 'pass', verdictText ?? `${result.from} → ${result.to}: ${result.verdict}`);
    // The edge into the destination names the hop that decided it (a blocked route, an unknown DNS answer).
    if (last && decisive && d !== 'pass' && d !== 'note') {
      if (last.kind === 'path') last.label = decisive.kind;
      if (decisive.decides && !last.decides) last.decides = decisive.decides;
    }
  } else if (cursor && (pending.length || naming.length)) {
    for (const p of [...pending, ...naming]) markNode(cursor, p.decision, p.text);
  }
  return { nodes, edges };
}

/** The edge from a to b, or a two-edge chain through one node (a NAT gateway → its subnet → its route table). */
function connect(edges: MapEdge[], a: string, b: string): MapEdge[] | undefined {
  const direct = edges.find((e) => e.from === a && e.to === b && e.kind !== 'path');
  if (direct) return [direct];
  for (const first of edges) {
    if (first.from !== a || first.kind === 'path') continue;
    const second = edges.find((e) => e.from === first.to && e.to === b && e.kind !== 'path');
    if (second) return [first, second];
  }
  return undefined;
}

/** An edge that exists only on the path (the local route to an interface endpoint, a blocked attempt). */
function pathEdge(edges: MapEdge[], from: string, to: string): MapEdge {
  const id = `path:${from}->${to}`;
  const had = edges.find((e) => e.id === id);
  if (had) return had;
  const e: MapEdge = { id, from, to, kind: 'path', notes: [] };
  edges.push(e);
  return e;
}

function destination(nodes: MapNode[], byId: Map<string, MapNode>, target: PathTarget): MapNode {
  const id = target.kind === 'service' ? serviceNodeId(target.value) : target.kind === 'internet' ? internetNodeId() : `destination:${target.value}`;
  let n = byId.get(id);
  if (!n) {
    n = { id, kind: target.kind === 'service' ? 'service' : target.kind === 'internet' ? 'internet' : 'destination', label: target.kind === 'internet' ? 'Internet' : target.label, cluster: false, notes: [] };
    if (target.kind === 'service') n.detail = target.value;
    nodes.push(n);
    byId.set(id, n);
  }
  return n;
}

/** The value that decides an unknown hop, as the trace names it ("decided by X"), or the hop's resource. */
function decidingValue(reason: string, resource: string): string {
  const m = /decided by ([^;)]+?)(?:\)|;|$)/.exec(reason) ?? /condition (\S+) is true, which/.exec(reason);
  if (m) return m[0].startsWith('condition') ? `condition ${m[1]}` : m[1]!.trim();
  return resource;
}
