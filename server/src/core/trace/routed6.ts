// The IPv6 ways of a routed path. A flow's family picks its routes (model/routes.ts): an IPv6 flow takes
// the IPv6 routes (::/0 to an internet gateway: the internet, both ways; to an egress-only internet
// gateway: outbound only), never the IPv4 0.0.0.0/0 route. An IPv6-only subnet's clients have no IPv4
// address: they reach an IPv4-only destination only through NAT64, which needs DNS64 on the subnet (the
// Resolver answers an IPv4-only name with an address in 64:ff9b::/96) and a route for 64:ff9b::/96 to a
// NAT gateway, which translates the flow to IPv4 and sends it on by its own subnet's routes.
// A name (a service, an internet host) may have IPv6 addresses or not: from an IPv6-only subnet both
// ways are traced, and when they disagree the answer is unknown, naming what decides it.
// https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html
// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html
// https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html

import { NAT64_PREFIX, targetName } from '../model/routes.js';
import { knownValue, type Route, type Subnet } from '../model/types.js';
import { parseIpv6Cidr } from '../util/cidr6.js';
import { detachedIgw } from './routed.js';
import type { Source, Tracer } from './tracer.js';
import type { Hop, TraceResult, TraceTarget } from './types.js';

/** The family a routed flow takes: nat64 is an IPv6-only client's flow to IPv4 addresses. */
export type Way = 'ipv4' | 'ipv6' | 'nat64';

/**
 * The ways a flow from this subnet to the target may take; a subnet that cannot send it at all is said by
 * `none`. A dual-stack subnet (or one whose IPv6 is known only at deploy time) sends to a name over IPv4 or
 * IPv6, as the name's addresses and the client's own decide: both ways (dualWays).
 */
export function waysOf(subnet: Subnet, target: TraceTarget, noIpv6?: string): { ways: Way[]; none?: string } {
  const v6Only = knownValue(subnet.hasIpv4) === false;
  if (target.kind === 'cidr' && parseIpv6Cidr(target.text)) {
    const has = knownValue(subnet.hasIpv6);
    if (has === false) return { ways: [], none: noIpv6 ? `${noIpv6}, so it cannot send to ${target.text}` : `subnet ${subnet.id} has no IPv6 range, so its clients cannot send to ${target.text}` };
    return { ways: ['ipv6'] };
  }
  if (!v6Only) return { ways: target.kind !== 'cidr' && knownValue(subnet.hasIpv6) !== false ? ['ipv4', 'ipv6'] : ['ipv4'] };
  return { ways: target.kind === 'cidr' ? ['nat64'] : ['ipv6', 'nat64'] };
}

/** The address family the security groups and network ACLs judge on a routed path. */
export function routedFamily(ways: Way[]): 'ipv4' | 'ipv6' {
  return ways.includes('ipv4') ? 'ipv4' : 'ipv6';
}

/**
 * Follows each way (`run` traces one from the tracer it is given); two ways are traced from the same
 * hops so far, and one answer is given only when they agree.
 */
export function followWays(t: Tracer, source: Source, target: TraceTarget, ways: Way[], run: (t: Tracer, way: Way) => TraceResult): TraceResult {
  if (ways.length === 1) return wayOf(t, source, target, ways[0]!, run);
  const shared = t.hops.length;
  const other = t.fork();
  const v6 = wayOf(t, source, target, 'ipv6', run);
  const v4 = wayOf(other, source, target, 'nat64', run);
  const name = target.kind === 'service' ? `${target.name}'s name` : 'the host';
  const label = (h: Hop, prefix: string): Hop => ({ ...h, reason: `${prefix}: ${h.reason}` });
  const hops = [...v6.hops.slice(0, shared), ...v6.hops.slice(shared).map((h) => label(h, 'over IPv6')), ...v4.hops.slice(shared).map((h) => label(h, 'through DNS64 and NAT64'))];
  const suggestions = [...v6.suggestions, ...v4.suggestions.filter((s) => !v6.suggestions.some((x) => x.kind === s.kind && x.resource === s.resource))];
  const policy = v6.policy ?? v4.policy;
  const both = `over IPv6 (if ${name} has IPv6 addresses): ${v6.summary}; through DNS64 and NAT64 (if it has IPv4 addresses only): ${v4.summary}`;
  if (v6.verdict === v4.verdict) return { ...v6, summary: both, hops, suggestions, ...(policy ? { policy } : {}) };
  const at = t.model.spans.get(source.subnet.id) ?? t.model.spans.get(t.from);
  const family: Hop = {
    resource: source.subnet.id,
    kind: 'address family',
    decision: 'unknown',
    reason: `${source.subnet.id} is IPv6-only: a name with IPv6 addresses is reached over IPv6 (${v6.verdict}), one with IPv4 addresses only through DNS64 and NAT64 (${v4.verdict}); which ${name} has is not known here`,
    start: at?.start ?? 0,
    end: at?.end ?? 0,
  };
  hops.splice(shared, 0, family);
  const { decidingHop: _drop, ...rest } = v6;
  return { ...rest, verdict: 'unknown', summary: `the way depends on whether ${name} has IPv6 addresses: ${both}`, hops, suggestions, ...(policy ? { policy } : {}), decidingHop: shared };
}

// A NAT64 flow to a name needs DNS64 on the subnet first; to a literal address the client writes the 64:ff9b:: address itself.
function wayOf(t: Tracer, source: Source, target: TraceTarget, way: Way, run: (t: Tracer, way: Way) => TraceResult): TraceResult {
  if (way !== 'nat64') return run(t, way);
  const subnet = source.subnet;
  if (target.kind === 'cidr') {
    t.hop(subnet.id, 'DNS64', 'note', `${subnet.id} is IPv6-only: its clients reach ${target.text} only at the NAT64 addresses ${NAT64_PREFIX} (64:ff9b::<IPv4 address>)`);
    return run(t, way);
  }
  const dns64 = subnet.dns64;
  if (dns64.known && !dns64.value) {
    t.hop(subnet.id, 'DNS64', 'block', `DNS64 is off on ${subnet.id}: a name with IPv4 addresses only gets no IPv6 address, and ${subnet.id}'s clients have no IPv4 address`);
    return t.done('blocked', `${subnet.id} is IPv6-only without DNS64: an IPv4-only name cannot be reached`);
  }
  t.hop(subnet.id, 'DNS64', dns64.known ? 'pass' : 'unknown', dns64.known ? `DNS64 on ${subnet.id} answers an IPv4-only name with an address in ${NAT64_PREFIX}` : dns64.why);
  return run(t, way);
}

/** Where a route of an IPv6 way leads; undefined: as for IPv4 (a gateway endpoint, a NAT gateway for NAT64, a target outside the template). */
export function ipv6Exit(t: Tracer, route: Route, way: Way, target: TraceTarget, vpc: string): TraceResult | undefined {
  const { kind, id } = route.target;
  const what = target.kind === 'service' ? `the public ${target.name} endpoint` : target.kind === 'internet' ? 'the internet' : target.text;
  if (way === 'nat64') return kind === 'internet-gateway' || kind === 'egress-only-gateway' ? nat64Missed(t, route.id, route) : undefined;
  switch (kind) {
    case 'internet-gateway':
      if (detachedIgw(t, id, vpc)) return t.done('blocked', `internet gateway ${id} is not attached to the VPC`);
      // An IPv6 address is public: the internet gateway needs no public IPv4 address to forward it.
      t.hop(id ?? route.id, 'internet gateway', 'pass', 'out to the internet over IPv6 (IPv6 addresses are public; the internet may also open connections in)');
      return t.done('public', `leaves over IPv6 through internet gateway ${id ?? route.target.written ?? ''} to ${what}`.replace('  ', ' '));
    case 'egress-only-gateway':
      t.hop(id ?? route.id, 'egress-only internet gateway', 'pass', 'out to the internet over IPv6, outbound only (the internet cannot open connections in)');
      return t.done('public', `leaves over IPv6 through egress-only internet gateway ${id ?? route.target.written ?? ''} to ${what}`.replace('  ', ' '));
    case 'nat-gateway':
      t.hop(id ?? route.id, 'NAT gateway', 'unknown', `a NAT gateway translates IPv6 only for the NAT64 addresses ${NAT64_PREFIX}; route ${route.id} sends it other IPv6 traffic, whose fate the trace does not know`);
      return t.done('unknown', `route ${route.id} sends IPv6 traffic to NAT gateway ${id ?? ''}, which translates only NAT64 addresses`.replace('  ', ' '));
    default:
      return undefined;
  }
}

/** The NAT64 addresses have no route to a translator: IPv4-only destinations are out of reach. */
export function nat64Missed(t: Tracer, about: string, route: Route | undefined): TraceResult {
  const why = route
    ? `the NAT64 addresses ${NAT64_PREFIX} take route ${route.id} to ${targetName(route.target.kind)} ${route.target.id ?? ''}, which does not translate them to IPv4`.replace('  ', ' ')
    : `route table ${about} has no route for the NAT64 addresses ${NAT64_PREFIX} to a NAT gateway`;
  t.hop(about, 'route', 'block', why);
  return t.done('blocked', `no NAT64: ${why}`);
}

/** One way traced: its label in the merged hops and its result. */
interface Traced {
  label: string;
  r: TraceResult;
}

/**
 * A dual-stack subnet's flow to a name. RFC 6724 has a client with an IPv6 address prefer a name's IPv6
 * addresses; a name with IPv4 addresses only is reached over IPv4, or, with DNS64 on the subnet, at the
 * 64:ff9b:: address the Resolver makes for it, which the client prefers too (NAT64). Whether the name has
 * IPv6 addresses (an interface endpoint's DnsRecordIpType; a service's dual-stack endpoint, which a client
 * calls by choice) and whether the client has an IPv6 address are not the template's: each way is traced,
 * and one answer is given when they agree, or when the preferred way fails in the network and the client
 * falls back to the other (an endpoint policy's denial is an answer, not a failure to connect).
 * https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html
 * https://www.rfc-editor.org/rfc/rfc6724 (default address selection), https://www.rfc-editor.org/rfc/rfc8305 (fallback)
 */
export function dualWays(t: Tracer, source: Source, target: TraceTarget, run: (t: Tracer, way: Way) => TraceResult): TraceResult {
  const subnet = source.subnet;
  const shared = t.hops.length;
  const t6 = t.fork();
  const name = target.kind === 'service' ? `${target.name}'s name` : 'the host';
  const dns64 = subnet.dns64;
  let v4: Traced;
  if (dns64.known && !dns64.value) v4 = { label: 'over IPv4', r: run(t, 'ipv4') };
  else {
    const tn = t.fork();
    const plain = run(t, 'ipv4');
    const nat64 = run(tn, 'nat64');
    const why = `${subnet.id} has DNS64 ${dns64.known ? 'on' : 'perhaps on'}: a name with IPv4 addresses only gets a 64:ff9b:: address, which a client with an IPv6 address prefers (NAT64, falling back to IPv4 when it fails)`;
    v4 = { label: 'to a name with IPv4 addresses only', r: merge(t, shared, source, { label: 'through DNS64 and NAT64', r: nat64 }, { label: 'over IPv4', r: plain }, why) };
  }
  if (!subnet.hasIpv6.known) t6.hop(subnet.id, 'address family', 'unknown', `whether ${subnet.id} has an IPv6 range is known only at deploy time: ${subnet.hasIpv6.why}`);
  const v6 = run(t6, 'ipv6');
  const why = `${subnet.id} is dual-stack: a client with an IPv6 address calling a name with IPv6 addresses (such as a service's dual-stack endpoint) goes over IPv6, preferring it (RFC 6724); a name with IPv4 addresses only, or a client without an IPv6 address, goes ${v4.label === 'over IPv4' ? 'over IPv4' : 'the IPv4-only way'}. Whether ${name} has IPv6 addresses, and the client one, is not known here`;
  return merge(t, shared, source, { label: `over IPv6 (if ${name} has IPv6 addresses)`, r: v6 }, { label: v4.label === 'over IPv4' ? `over IPv4 (if it has IPv4 addresses only)` : v4.label, r: v4.r }, why);
}

/**
 * A dual-stack subnet with DNS64 (on, or perhaps on) and an interface endpoint whose name has A records only
 * (IP address type ipv4, or DnsRecordIpType ipv4): the Resolver adds a 64:ff9b:: address, which a client with
 * an IPv6 address prefers, through the NAT64 route (trace/nat64-endpoint.ts); one without one goes straight
 * to the endpoint's IPv4 address. `run(t, true)` traces the NAT64 way.
 */
export function endpointDns64(t: Tracer, source: Source, run: (t: Tracer, nat64: boolean) => TraceResult): TraceResult {
  const subnet = source.subnet;
  const shared = t.hops.length;
  const tn = t.fork();
  const direct = run(t, false);
  const nat64 = run(tn, true);
  const why = `${subnet.id} is dual-stack with DNS64 ${subnet.dns64.known ? 'on' : 'perhaps on'}: the endpoint's name, with IPv4 addresses only, also gets a 64:ff9b:: address, which a client with an IPv6 address prefers (NAT64); a client without one goes to the IPv4 address`;
  return merge(t, shared, source, { label: 'through DNS64 and NAT64 (a client with an IPv6 address)', r: nat64 }, { label: 'over IPv4', r: direct }, why);
}

/**
 * One answer from two ways traced from the same first `shared` hops: the preferred way's, when both agree or
 * when the fallback is the same; the fallback's, when the preferred way fails in the network (no route, a
 * group or ACL dropping it: the client tries its next address); else unknown, naming why (`why`).
 */
function merge(t: Tracer, shared: number, source: Source, preferred: Traced, fallback: Traced, why: string): TraceResult {
  const p = preferred.r;
  const f = fallback.r;
  const label = (h: Hop, prefix: string): Hop => ({ ...h, reason: `${prefix}: ${h.reason}` });
  const pHops = p.hops.slice(shared).map((h) => label(h, preferred.label));
  const fHops = f.hops.slice(shared).map((h) => label(h, fallback.label));
  const hops = [...p.hops.slice(0, shared), ...pHops, ...fHops];
  const suggestions = [...p.suggestions, ...f.suggestions.filter((s) => !p.suggestions.some((x) => x.kind === s.kind && x.resource === s.resource))];
  const policy = p.policy ?? f.policy;
  const both = `${preferred.label}: ${p.summary}; ${fallback.label}: ${f.summary}`;
  const base = { from: p.from, to: p.to, suggestions, ...(policy ? { policy } : {}), ...(p.absent ? { absent: p.absent } : {}) };
  if (p.verdict === f.verdict) return { ...base, verdict: p.verdict, summary: both, hops, ...(p.decidingHop === undefined ? {} : { decidingHop: p.decidingHop }) };
  const refused = p.policy === 'denied';
  if (p.verdict === 'blocked' && !refused && f.verdict !== 'blocked') {
    const at = f.decidingHop === undefined ? undefined : f.decidingHop < shared ? f.decidingHop : f.decidingHop + pHops.length;
    return { ...base, verdict: f.verdict, summary: `${fallback.label}: ${f.summary} (${preferred.label} it fails: ${p.summary}; clients fall back)`, hops, ...(at === undefined ? {} : { decidingHop: at }) };
  }
  const span = t.model.spans.get(source.subnet.id) ?? t.model.spans.get(t.from);
  const family: Hop = { resource: source.subnet.id, kind: 'address family', decision: 'unknown', reason: `${why}: ${preferred.label} ${p.verdict}, ${fallback.label} ${f.verdict}`, start: span?.start ?? 0, end: span?.end ?? 0 };
  hops.splice(shared, 0, family);
  return { ...base, verdict: 'unknown', summary: `the way depends on the client's address family: ${both}`, hops, decidingHop: shared };
}
