// Route selection, answered once: which route of a table carries traffic to a destination. The most
// specific route wins (longest prefix match), whatever its kind; a gateway endpoint's prefix-list route
// is more specific than a default route, but a route to part of the service's own addresses is more
// specific than it. A route the table may or may not hold (a gateway endpoint whose route-table list is
// not fully known, a route under an undecided condition, a destination known only at deploy time, a
// prefix list whose entries the template does not show, routes a VPN gateway propagates) makes the
// answer unknown when it could cover the traffic.
// https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
// https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-routing

import { contains, overlaps, parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import type { NetworkModel, Route, RouteTable } from './types.js';
import { endpointsMaybeFor } from './by-service.js';

export type RouteDestination = { kind: 'service'; pattern: string } | { kind: 'internet' } | { kind: 'cidr'; text: string };

export type RouteChoice =
  | { kind: 'local' }
  | { kind: 'route'; route: Route }
  | { kind: 'none' }
  | { kind: 'unknown'; reason: string; about: string };

// Addresses no public service or internet host has (RFC 6890 special-purpose blocks): a route wholly
// inside them never carries traffic to a public address.
const NOT_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/3'].map((c) => parseIpv4Cidr(c)!);

// No AWS-managed service prefix list (S3, DynamoDB) holds a block as wide as a /8, so a route that
// wide never beats the gateway endpoint's route on prefix length.
const WIDEST_SERVICE_BLOCK = 8;

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
  // Of a static route and a prefix-list route to the same length, the static route wins (route-tables-priority.html).
  for (const r of candidates) if (!best || specificity(r) > specificity(best) || (specificity(r) === specificity(best) && best.prefixList && !r.prefixList)) best = r;
  if (best?.destination.kind === 'service') {
    if (best.maybe) return { kind: 'unknown', reason: `${best.id} routes it only when condition ${best.maybe} is true, which the deployment does not decide`, about: best.id };
    // A route to part of the service's addresses is more specific than the prefix list's entry for them.
    const rival = table.routes.find((r) => r !== best && !r.propagated && mayCoverPublic(r) && (r.destination.kind !== 'ipv4' || r.destination.range.prefix > WIDEST_SERVICE_BLOCK));
    if (rival) return { kind: 'unknown', reason: `route ${rival.id} sends ${describe(rival)} elsewhere; whether some of the service's addresses fall in it, more specifically than ${best.id}'s prefix-list route, is known only at deploy time`, about: rival.id };
    // A certain prefix-list route wins over anything a doubtful route could be (except another prefix list).
    return { kind: 'route', route: best };
  }
  if (doubt) return doubt;
  const partial = partialRoutes(table, to);
  if (partial.length) return choosePartial(table, to, best, partial);
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

/** The route's destination may hold public addresses (a customer prefix list may hold any). */
function mayCoverPublic(r: Route): boolean {
  const d = r.destination;
  if (d.kind === 'prefix-list') return true;
  if (d.kind !== 'ipv4') return false;
  return !NOT_PUBLIC.some((n) => contains(n, d.range));
}

/**
 * Routes that cover part of the destination, or may: for a service or the internet, routes to part of
 * the public addresses, prefix lists and propagated routes; for a range, more specific routes to part
 * of it, prefix lists and propagated routes.
 */
function partialRoutes(table: RouteTable, to: RouteDestination): Route[] {
  if (to.kind !== 'cidr') return table.routes.filter((r) => r.propagated || (mayCoverPublic(r) && !(r.destination.kind === 'ipv4' && r.destination.range.prefix === 0)));
  const range = parseIpv4Cidr(to.text);
  return table.routes.filter((r) => {
    const d = r.destination;
    if (r.propagated || d.kind === 'prefix-list') return true;
    return Boolean(range && d.kind === 'ipv4' && overlaps(d.range, range) && !contains(d.range, range));
  });
}

function choosePartial(table: RouteTable, to: RouteDestination, best: Route | undefined, partial: Route[]): RouteChoice {
  const exact = partial.filter((r) => r.destination.kind === 'ipv4' && !r.maybe);
  // Routes that together cover every public address (0.0.0.0/1 and 128.0.0.0/1) act as a default route.
  const whole = to.kind !== 'cidr' && exact.length === partial.length && coversPublic(exact);
  const deciding = whole ? exact : best ? [best, ...partial] : partial;
  const [first] = deciding;
  if (first && (whole || best) && deciding.every((r) => sameTarget(r, first) && !r.maybe)) return { kind: 'route', route: first };
  // The internet at large: a default route carries what the partial routes leave (propagated routes lose to a static route of the same destination).
  if (to.kind === 'internet' && best && !whole) return best.maybe ? { kind: 'unknown', reason: `route ${best.id} exists only when condition ${best.maybe} is true, which the deployment does not decide`, about: best.id } : { kind: 'route', route: best };
  const r = partial[0]!;
  const what = to.kind === 'service' ? "the service's addresses" : to.kind === 'internet' ? 'the internet' : to.text;
  const reason = whole
    ? `routes ${exact.map((x) => x.id).join(', ')} split the public addresses between different targets; which one carries ${what} is known only at deploy time`
    : `route ${r.id} sends ${describe(r)} ${r.propagated ? 'through' : 'to'} ${r.target.kind.replace(/-/g, ' ')} ${r.target.id ?? ''}`.trimEnd() + `; whether ${what} fall${to.kind === 'cidr' || to.kind === 'internet' ? 's' : ''} in it is known only at deploy time`;
  return { kind: 'unknown', reason, about: whole ? table.id : r.id };
}

function describe(r: Route): string {
  const d = r.destination;
  if (r.propagated) return 'the routes it learns';
  if (d.kind === 'ipv4') return r.prefixList ? `${d.text} (an entry of prefix list ${r.prefixList})` : d.text;
  if (d.kind === 'prefix-list') return `prefix list ${d.text} (whose entries the template does not show)`;
  return 'its destination';
}

function sameTarget(a: Route, b: Route): boolean {
  return a.target.kind === b.target.kind && a.target.id !== undefined && a.target.id === b.target.id;
}

// Together with the non-public blocks, do these routes cover every IPv4 address?
function coversPublic(routes: Route[]): boolean {
  const ranges = [...NOT_PUBLIC, ...routes.map((r) => (r.destination as { range: Ipv4Range }).range)].sort((x, y) => x.first - y.first);
  let next = 0;
  for (const r of ranges) {
    if (r.first > next) return false;
    next = Math.max(next, r.last + 1);
  }
  return next > 0xffffffff;
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
    if (r.destination.kind === 'unknown' && !r.propagated) return { kind: 'unknown', reason: `route ${r.id}'s destination may cover this traffic: ${r.destination.why}`, about: r.id };
  }
  return undefined;
}
