// Route selection, answered once: which route of a table carries traffic to a destination. The most
// specific route wins (longest prefix match), whatever its kind; a gateway endpoint's prefix-list route
// is more specific than a default route, but a route to part of the service's own addresses is more
// specific than it. A route the table may or may not hold (a gateway endpoint whose route-table list is
// not fully known, a route under an undecided condition, a destination known only at deploy time, a
// prefix list whose entries the template does not show, routes a VPN gateway propagates) makes the
// answer unknown when it could cover the traffic.
// Each address family has its own routes: an IPv4 flow takes only IPv4 routes (DestinationCidrBlock),
// an IPv6 flow only IPv6 routes (DestinationIpv6CidrBlock); a gateway endpoint's route carries IPv6
// only when the endpoint routes IPv6 (model/gateway-family.ts). A destination known only at deploy time
// counts for the family its property names, for both when the template cannot tell.
// https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
// https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-routing
// https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html (IPv6 routes, ::/0)

import { contains, overlaps, parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import { contains6, LAST_IPV6, overlaps6, parseIpv6Cidr, type Ipv6Range } from '../util/cidr6.js';
import type { NetworkModel, Route, RouteTable } from './types.js';
import { otherVpc } from './vpc-identity.js';
import { endpointsMaybeFor } from './by-service.js';
import { gatewayRoutesIpv6 } from './gateway-family.js';
import { gatewayRouteClashIn } from './gateway-route-clashes.js';
import { serviceByPattern, shortName } from '../data/catalogue.js';

export type AddressFamily = 'ipv4' | 'ipv6';

/** `cidr`: a range of the family asked (an IPv6 flow's NAT64 addresses are `64:ff9b::/96`). */
export type RouteDestination = { kind: 'service'; pattern: string } | { kind: 'internet' } | { kind: 'cidr'; text: string };

export type RouteChoice =
  | { kind: 'local' }
  | { kind: 'route'; route: Route }
  | { kind: 'none' }
  | { kind: 'unknown'; reason: string; about: string };

/** A route target's kind in words. */
export function targetName(kind: Route['target']['kind']): string {
  return kind === 'egress-only-gateway' ? 'egress-only internet gateway' : kind.replace(/-/g, ' ');
}

/** The NAT64 well-known prefix (RFC 6052): DNS64 answers IPv4-only names with addresses in it. */
export const NAT64_PREFIX = '64:ff9b::/96';

interface Range {
  first: number | bigint;
  last: number | bigint;
  prefix: number;
}

/** What route choice needs of an address family. */
interface Family<R extends Range> {
  name: AddressFamily;
  parse(text: string): R | undefined;
  contains(outer: R, inner: R): boolean;
  overlaps(a: R, b: R): boolean;
  /** The route's destination range in this family; undefined for another family's route or no range. */
  range(r: Route): R | undefined;
  /** Blocks that hold no public service or internet address. */
  notPublic: R[];
  /** No AWS-managed service prefix list holds a block this wide: a route as wide never beats it on length. */
  widestService: number;
  last: bigint;
}

// Addresses no public service or internet host has (RFC 6890 special-purpose blocks): a route wholly
// inside them never carries traffic to a public address.
const NOT_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/3'].map((c) => parseIpv4Cidr(c)!);
// Public IPv6 addresses are global unicast (2000::/3, RFC 4291), less the documentation block; the NAT64
// prefix lies outside it (in ::/3).
const NOT_PUBLIC6 = ['::/3', '4000::/2', '8000::/1', '2001:db8::/32'].map((c) => parseIpv6Cidr(c)!);
// Never inside a VPC's IPv6 blocks: the NAT64 prefix, link-local and multicast addresses.
const NOT_VPC6 = [NAT64_PREFIX, 'fe80::/10', 'ff00::/8'].map((c) => parseIpv6Cidr(c)!);

const V4: Family<Ipv4Range> = {
  name: 'ipv4',
  parse: parseIpv4Cidr,
  contains,
  overlaps,
  range: (r) => (r.destination.kind === 'ipv4' ? r.destination.range : undefined),
  notPublic: NOT_PUBLIC,
  widestService: 8,
  last: 0xffffffffn,
};

const V6: Family<Ipv6Range> = {
  name: 'ipv6',
  parse: parseIpv6Cidr,
  contains: contains6,
  overlaps: overlaps6,
  range: (r) => (r.destination.kind === 'ipv6' ? r.destination.range : undefined),
  notPublic: NOT_PUBLIC6,
  // AWS publishes no service IPv6 block wider than a /16 (ip-ranges.json); a wider route cannot beat a prefix list.
  widestService: 16,
  last: LAST_IPV6,
};

// Private networks' addresses: RFC 1918's, RFC 6598's shared address space, IPv6 unique local addresses (RFC 4193).
// The documentation blocks are left out: a trace to one is most often a stand-in for a public address.
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((c) => parseIpv4Cidr(c)!);
const PRIVATE6 = ['fc00::/7'].map((c) => parseIpv6Cidr(c)!);

/** Whether every address of `text` (an IPv4 or IPv6 range) belongs to private networks, which the internet does not route. */
export function privateRange(text: string): boolean {
  const v4 = parseIpv4Cidr(text);
  if (v4) return PRIVATE.some((n) => contains(n, v4));
  const v6 = parseIpv6Cidr(text);
  return Boolean(v6 && PRIVATE6.some((n) => contains6(n, v6)));
}

export function chooseRoute(model: NetworkModel, table: RouteTable, to: RouteDestination, vpcCidr: Ipv4Range | undefined, family: AddressFamily = 'ipv4'): RouteChoice {
  if (to.kind === 'cidr') {
    const local = family === 'ipv6' ? localIpv6(model, table, to.text) : localIpv4(table, to.text, vpcCidr);
    if (local) return local;
  }
  return family === 'ipv6' ? choose(model, table, to, V6) : choose(model, table, to, V4);
}

function localIpv4(table: RouteTable, text: string, vpcCidr: Ipv4Range | undefined): RouteChoice | undefined {
  const range = parseIpv4Cidr(text);
  if (range && vpcCidr && contains(vpcCidr, range)) return { kind: 'local' };
  // Without the VPC's whole range, an address may be inside it and take the local route.
  if (!vpcCidr) return { kind: 'unknown', reason: `whether ${text} is inside the VPC (the local route) is known only at deploy time: the VPC's address ranges are not all known`, about: table.id };
  return undefined;
}

// A VPC's IPv6 blocks are mostly given at deploy time (Amazon-provided, an IPAM pool's allocation): only a
// range that no VPC block can hold, or a VPC without IPv6, is surely not local, unless every block is written
// (BYOIP, an explicit IPAM allocation). An unknown answer names what decides the blocks.
function localIpv6(model: NetworkModel, table: RouteTable, text: string): RouteChoice | undefined {
  const range = parseIpv6Cidr(text);
  const vpc = table.vpc.known ? model.vpcs.get(table.vpc.value) : undefined;
  if (vpc?.ipv6.known && !vpc.ipv6.value) return undefined;
  if (range && NOT_VPC6.some((n) => contains6(n, range))) return undefined;
  const blocks = vpc?.ipv6Blocks;
  const written = range && blocks?.known ? blocks.value.map((b) => parseIpv6Cidr(b)) : undefined;
  if (range && written?.length && written.every((b) => b !== undefined)) {
    if (written.some((b) => contains6(b!, range))) return { kind: 'local' };
    if (!written.some((b) => overlaps6(b!, range))) return undefined;
  }
  const decided = blocks && !blocks.known ? ` (decided by ${blocks.decides}: ${blocks.why})` : '';
  return { kind: 'unknown', reason: `whether ${text} is inside the VPC's IPv6 blocks (the local route) is known only at deploy time: they are assigned when the VPC is created${decided}`, about: table.id };
}

function choose<R extends Range>(model: NetworkModel, table: RouteTable, to: RouteDestination, f: Family<R>): RouteChoice {
  const doubt = doubtfulRoute(model, table, to, f);
  const candidates = table.routes.filter((r) => matches(model, r, to, f));
  let best: Route | undefined;
  // Of a static route and a prefix-list route to the same length, the static route wins (route-tables-priority.html).
  for (const r of candidates) if (!best || specificity(r, f) > specificity(best, f) || (specificity(r, f) === specificity(best, f) && best.prefixList && !r.prefixList)) best = r;
  if (best?.destination.kind === 'service') {
    if (best.maybe) return { kind: 'unknown', reason: `${best.id} routes it only when condition ${best.maybe} is true, which the deployment does not decide`, about: best.id };
    // A table holds one route per prefix list: a second gateway endpoint for the service on it fails to
    // create (VPCE7001, model/gateway-route-clashes.ts), whichever family its route carries, so which endpoint
    // would carry the traffic depends on how that is fixed.
    const clash = gatewayRouteClashIn(model, table.id, best.destination.pattern);
    if (clash) {
      const [first, second] = [clash.earlier.endpoint.id, clash.route.endpoint.id];
      const service = shortName(best.destination.pattern);
      if (!('doubt' in clash)) return { kind: 'unknown', reason: `gateway endpoints ${first} and ${second} both add a route for ${service} to ${table.id}, which holds one: the second fails to create, and which one carries the traffic depends on how that is fixed`, about: second };
      const region = clash.route.endpoint.nameRegion ?? clash.earlier.endpoint.nameRegion;
      return { kind: 'unknown', reason: `gateway endpoints ${first} and ${second} both add a route for ${service} to ${table.id} if their service names are for one Region${region ? ` (decided by ${region.decides})` : ''}, which only the deployment knows: the table holds one, so the second would fail to create`, about: second };
    }
    // A route to part of the service's addresses is more specific than the prefix list's entry for them.
    const rival = table.routes.find((r) => r !== best && !r.propagated && mayCoverPublic(r, f) && (f.range(r)?.prefix ?? Infinity) > f.widestService);
    if (rival) return { kind: 'unknown', reason: `route ${rival.id} sends ${describe(rival)} elsewhere; whether some of the service's addresses fall in it, more specifically than ${best.id}'s prefix-list route, is known only at deploy time`, about: rival.id };
    // A certain prefix-list route wins over anything a doubtful route could be (except another prefix list).
    return { kind: 'route', route: best };
  }
  if (doubt) return doubt;
  const partial = partialRoutes(model, table, to, f);
  if (partial.length) return choosePartial(table, to, best, partial, f);
  if (!best) return { kind: 'none' };
  if (best.maybe) return { kind: 'unknown', reason: `route ${best.id} exists only when condition ${best.maybe} is true, which the deployment does not decide`, about: best.id };
  return { kind: 'route', route: best };
}

function matches<R extends Range>(model: NetworkModel, r: Route, to: RouteDestination, f: Family<R>): boolean {
  const d = r.destination;
  if (d.kind === 'service') return to.kind === 'service' && d.pattern === to.pattern && (f.name === 'ipv4' || routesIpv6(model, r) === true);
  const range = f.range(r);
  if (!range) return false;
  if (to.kind === 'cidr') {
    const target = f.parse(to.text);
    return Boolean(target && f.contains(range, target));
  }
  // Public service addresses and the internet: only a default route is sure to cover them.
  return range.prefix === 0;
}

/** A gateway endpoint route's IPv6 answer: true, false, or undefined when not known. */
function routesIpv6(model: NetworkModel, r: Route): boolean | undefined {
  const e = r.endpoint ? model.endpoints.get(r.endpoint) : undefined;
  const fact = e ? gatewayRoutesIpv6(e) : undefined;
  return fact?.known ? fact.value : undefined;
}

function specificity<R extends Range>(r: Route, f: Family<R>): number {
  return r.destination.kind === 'service' ? (f.name === 'ipv4' ? 33 : 129) : (f.range(r)?.prefix ?? -1);
}

/** The route's destination may hold public addresses of the family (a customer prefix list may hold any). */
function mayCoverPublic<R extends Range>(r: Route, f: Family<R>): boolean {
  if (r.destination.kind === 'prefix-list') return true;
  const range = f.range(r);
  return Boolean(range && !f.notPublic.some((n) => f.contains(n, range)));
}

/**
 * Routes that cover part of the destination, or may: for a service or the internet, routes to part of
 * the public addresses, prefix lists and propagated routes; for a range, more specific routes to part
 * of it, prefix lists and propagated routes.
 */
function partialRoutes<R extends Range>(model: NetworkModel, table: RouteTable, to: RouteDestination, f: Family<R>): Route[] {
  if (to.kind !== 'cidr') return table.routes.filter((r) => r.propagated || (mayCoverPublic(r, f) && f.range(r)?.prefix !== 0));
  const range = f.parse(to.text);
  // A gateway endpoint's route is to the service's AWS-managed prefix list, which holds public addresses the
  // template does not show: traffic to a public range may be traffic to the service, sent to the endpoint.
  const maybeService = !range || !f.notPublic.some((n) => f.contains(n, range));
  return table.routes.filter((r) => {
    if (r.propagated || r.destination.kind === 'prefix-list') return true;
    if (r.destination.kind === 'service') return maybeService && (f.name === 'ipv4' || routesIpv6(model, r) !== false);
    const d = f.range(r);
    return Boolean(range && d && f.overlaps(d, range) && !f.contains(d, range));
  });
}

function choosePartial<R extends Range>(table: RouteTable, to: RouteDestination, best: Route | undefined, partial: Route[], f: Family<R>): RouteChoice {
  const exact = partial.filter((r) => f.range(r) && !r.maybe);
  // Routes that together cover every public address (0.0.0.0/1 and 128.0.0.0/1) act as a default route.
  const whole = to.kind !== 'cidr' && exact.length === partial.length && coversPublic(exact, f);
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
  if (d.kind === 'ipv4' || d.kind === 'ipv6') return r.prefixList ? `${d.text} (an entry of prefix list ${r.prefixList})` : d.text;
  if (d.kind === 'prefix-list') return `prefix list ${d.text} (whose entries the template does not show)`;
  if (d.kind === 'service') return `${shortName(d.pattern)}'s prefix list (the service's addresses, which the template does not show)`;
  return 'its destination';
}

function sameTarget(a: Route, b: Route): boolean {
  return a.target.kind === b.target.kind && a.target.id !== undefined && a.target.id === b.target.id;
}

// Together with the non-public blocks, do these routes cover every address of the family?
function coversPublic<R extends Range>(routes: Route[], f: Family<R>): boolean {
  const ranges = [...f.notPublic, ...routes.map((r) => f.range(r)!)].map((r) => ({ first: BigInt(r.first), last: BigInt(r.last) })).sort((x, y) => (x.first < y.first ? -1 : x.first > y.first ? 1 : 0));
  let next = 0n;
  for (const r of ranges) {
    if (r.first > next) return false;
    if (r.last + 1n > next) next = r.last + 1n;
  }
  return next > f.last;
}

/** A route this table may hold for the destination, though the template cannot say. */
function doubtfulRoute<R extends Range>(model: NetworkModel, table: RouteTable, to: RouteDestination, f: Family<R>): RouteChoice | undefined {
  if (to.kind === 'service') {
    // Prefix-list routes come from gateway endpoints only: a service the catalogue knows without one gets none.
    const noGateway = serviceByPattern(to.pattern)?.types.includes('Gateway') === false;
    for (const e of noGateway ? [] : endpointsMaybeFor(model, to.pattern)) {
      if (e.broken || (e.type.known && e.type.value !== 'Gateway') || (e.service.known && e.service.value !== to.pattern)) continue;
      const sameVpc = !e.vpc.known || !table.vpc.known || !otherVpc(model, e.vpc.value, table.vpc.value);
      if (!sameVpc) continue;
      const v6 = f.name === 'ipv6' && e.service.known ? gatewayRoutesIpv6(e) : undefined;
      // An endpoint whose route holds no IPv6 addresses adds nothing an IPv6 flow could take.
      if (v6?.known && !v6.value) continue;
      const listed = e.routeTables.items.some((i) => i.id === table.id);
      if (listed && e.type.known && e.service.known) {
        if (v6 && !v6.known) return { kind: 'unknown', reason: `whether ${e.id}'s route carries IPv6 is not known: ${v6.why} (decided by ${v6.decides})`, about: e.id };
        continue;
      }
      if (!e.routeTables.complete) return { kind: 'unknown', reason: `${e.id} may add its prefix-list route to ${table.id}: ${e.routeTables.why ?? 'its route-table list is computed'}; decided by ${e.routeTables.decides ?? `${e.id}'s route tables`}`, about: e.id };
      if (listed) {
        const what = !e.type.known ? e.type : e.service;
        if (!what.known) return { kind: 'unknown', reason: `${e.id} lists ${table.id}, but ${what.why}`, about: e.id };
      }
    }
  }
  for (const r of table.routes) {
    const d = r.destination;
    if (d.kind === 'unknown' && !r.propagated && (!d.family || d.family === f.name)) return { kind: 'unknown', reason: `route ${r.id}'s destination may cover this traffic: ${d.why}`, about: r.id };
    if (f.name === 'ipv6' && d.kind === 'ipv6' && !d.range) return { kind: 'unknown', reason: `route ${r.id}'s IPv6 destination ${d.text} is not an IPv6 range we can read`, about: r.id };
  }
  return undefined;
}
