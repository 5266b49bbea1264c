// Route selection, answered once: which route of a table carries traffic to a destination. The most
// specific route wins; a gateway endpoint's prefix-list route is more specific than a default route.
// A route the table may or may not hold (a gateway endpoint whose route-table list is not fully known,
// a route under an undecided condition, a destination known only at deploy time) makes the answer unknown.
// https://docs.aws.amazon.com/vpc/latest/userguide/how-route-tables-work.html#route-tables-priority

import { contains, parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import type { NetworkModel, Route, RouteTable } from './types.js';
import { endpointsMaybeFor } from './by-service.js';

export type RouteDestination = { kind: 'service'; pattern: string } | { kind: 'internet' } | { kind: 'cidr'; text: string };

export type RouteChoice =
  | { kind: 'local' }
  | { kind: 'route'; route: Route }
  | { kind: 'none' }
  | { kind: 'unknown'; reason: string; about: string };

export function chooseRoute(model: NetworkModel, table: RouteTable, to: RouteDestination, vpcCidr: Ipv4Range | undefined): RouteChoice {
  if (to.kind === 'cidr') {
    const range = parseIpv4Cidr(to.text);
    if (range && vpcCidr && contains(vpcCidr, range)) return { kind: 'local' };
    // Without the VPC's whole range, an address may be inside it and take the local route.
    if (!vpcCidr) return { kind: 'unknown', reason: `whether ${to.text} is inside the VPC (the local route) is known only at deploy time: the VPC's address ranges are not all known`, about: table.id };
  }
  const doubt = doubtfulRoute(model, table, to);
  const candidates = table.routes.filter((r) => matches(r, to));
  let best: Route | undefined;
  for (const r of candidates) if (!best || specificity(r) > specificity(best)) best = r;
  if (best?.destination.kind === 'service') {
    // A certain prefix-list route wins over anything a doubtful route could be (except another prefix list).
    return best.maybe ? { kind: 'unknown', reason: `${best.id} routes it only when condition ${best.maybe} is true, which the deployment does not decide`, about: best.id } : { kind: 'route', route: best };
  }
  if (doubt) return doubt;
  if (!best) return { kind: 'none' };
  if (best.maybe) return { kind: 'unknown', reason: `route ${best.id} exists only when condition ${best.maybe} is true, which the deployment does not decide`, about: best.id };
  return { kind: 'route', route: best };
}

function matches(r: Route, to: RouteDestination): boolean {
  const d = r.destination;
  if (d.kind === 'service') return to.kind === 'service' && d.pattern === to.pattern;
  if (d.kind !== 'ipv4') return false;
  if (to.kind === 'cidr') {
    const range = parseIpv4Cidr(to.text);
    return Boolean(range && contains(d.range, range));
  }
  // Public service addresses and the internet: only a default route is sure to cover them.
  return d.range.prefix === 0;
}

function specificity(r: Route): number {
  return r.destination.kind === 'service' ? 33 : r.destination.kind === 'ipv4' ? r.destination.range.prefix : -1;
}

/** A route this table may hold for the destination, though the template cannot say. */
function doubtfulRoute(model: NetworkModel, table: RouteTable, to: RouteDestination): RouteChoice | undefined {
  if (to.kind === 'service') {
    for (const e of endpointsMaybeFor(model, to.pattern)) {
      if (e.broken || (e.type.known && e.type.value !== 'Gateway') || (e.service.known && e.service.value !== to.pattern)) continue;
      const sameVpc = !e.vpc.known || !table.vpc.known || e.vpc.value === table.vpc.value;
      if (!sameVpc) continue;
      if (e.routeTables.items.some((i) => i.id === table.id) && e.type.known && e.service.known) continue;
      if (!e.routeTables.complete) return { kind: 'unknown', reason: `${e.id} may add its prefix-list route to ${table.id}: ${e.routeTables.why ?? 'its route-table list is computed'}; decided by ${e.routeTables.decides ?? `${e.id}'s route tables`}`, about: e.id };
      if (e.routeTables.items.some((i) => i.id === table.id)) {
        const what = !e.type.known ? e.type : e.service;
        if (!what.known) return { kind: 'unknown', reason: `${e.id} lists ${table.id}, but ${what.why}`, about: e.id };
      }
    }
  }
  for (const r of table.routes) {
    if (r.destination.kind === 'unknown') return { kind: 'unknown', reason: `route ${r.id}'s destination may cover this traffic: ${r.destination.why}`, about: r.id };
  }
  return undefined;
}
