// The routed part of a path: the subnet's route table, the route chosen (model/routes.ts), and what
// the route leads to: a gateway endpoint, a NAT gateway and its way out, an internet gateway.

import { existsOnlyWhen } from '../model/condition-words.js';
import { chooseRoute, NAT64_PREFIX, privateRange, targetName } from '../model/routes.js';
import { otherVpc } from '../model/vpc-identity.js';
import { endpointsFor } from '../model/dns.js';
import type { NatGateway, RouteTable, Vpc } from '../model/types.js';
import { openWorld, unseenRoutes, vpcName } from './open-world.js';
import { EPHEMERAL, HTTPS, naclHop, throughEndpoint } from './path.js';
import { servicePorts } from '../data/catalogue.js';
import { parseIpv4Cidr } from '../util/cidr.js';
import type { Peer } from '../model/nacl.js';
import type { Source, Tracer } from './tracer.js';
import type { Decision, TraceOptions, TraceResult, TraceTarget } from './types.js';
import { ipv6Exit, nat64Missed, type Way } from './routed6.js';
import { peeringPath } from './peering.js';

/** `way`: the flow's family; nat64: an IPv6-only client's flow to IPv4 addresses, through 64:ff9b::/96. */
export function routedPath(t: Tracer, source: Source, vpc: Vpc, target: TraceTarget, options: TraceOptions, way: Way = 'ipv4'): TraceResult {
  const { model } = t;
  const subnet = source.subnet;
  const toName = target.kind === 'service' ? target.name : target.kind === 'internet' ? 'the internet' : target.text;
  const step = subnetRouteTable(t, source, vpc);
  if ('done' in step) return step.done;
  if (step.main) {
    // The main route table always holds the local route, which carries an address of the VPC.
    const main: RouteTable = { id: subnet.id, at: subnet.at, vpc: { known: true, value: vpc.id, at: subnet.at }, routes: [] };
    const local = target.kind === 'cidr' ? chooseRoute(model, main, target, vpc.cidr.known && !vpc.moreCidrs ? vpc.cidr.value : undefined, way === 'ipv4' ? 'ipv4' : 'ipv6') : undefined;
    if (local?.kind === 'local') {
      t.hop(subnet.id, 'route', 'pass', `subnet ${subnet.id} has no route table association, so it uses the VPC's main route table; the destination is inside the VPC: the local route`);
      return t.done('private', 'stays inside the VPC (local route)');
    }
    if (local?.kind === 'unknown') {
      t.hop(subnet.id, 'route', 'unknown', `subnet ${subnet.id} uses the VPC's main route table (local route only); ${local.reason}`);
      return t.done('unknown', `${subnet.id} uses the main route table (local route only): ${local.reason}`);
    }
    // AWS makes the main route table with the local route alone, but the template does not manage it (CloudFormation
    // cannot; Terraform does only through aws_default_route_table or aws_main_route_table_association, which make the
    // subnet's table known): routes anyone added to it since decide, as the default security group's rules do.
    // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html#main-route-table
    t.hop(subnet.id, 'route table', 'unknown', `subnet ${subnet.id} has no route table association, so it uses the main route table of ${vpcName(vpc.id)}: AWS creates it with the local route only, and ${t.words.here} does not manage it, so routes added to it since decide`);
    return t.done('unknown', `${subnet.id} uses the main route table of ${vpcName(vpc.id)}, whose routes beyond the local one ${t.words.here} does not manage (AWS creates it with the local route only)`);
  }
  const table = step.table;
  return openWorld(chosen(t, table, vpc, target, options, source, toName, way), unseenRoutes(model, table.id), t.hops.length - 1);
}

/**
 * The route table a subnet's flow takes, read once for every routed path (IPv4, IPv6, NAT64 to an endpoint):
 * the answer where the template decides none (an association known only at deploy time, the main route table of
 * a VPC it does not show, an undefined table, a table of another VPC), `main` for the main route table of its own
 * VPC (the local route only), or the associated table, with its hops.
 */
export function subnetRouteTable(t: Tracer, source: Source, vpc: Vpc): { done: TraceResult } | { main: true } | { main: false; table: RouteTable } {
  const { model } = t;
  const subnet = source.subnet;
  if (!subnet.routeTable.known) {
    t.hop(subnet.id, 'route table', 'unknown', subnet.routeTable.why);
    return { done: t.done('unknown', `the route table of ${subnet.id} is known only at deploy time (decided by ${subnet.routeTable.decides})`) };
  }
  if (subnet.routeTable.value === null && !model.vpcs.has(vpc.id)) {
    // CloudFormation cannot change a VPC's main route table, but one the template does not create has its own.
    t.hop(subnet.id, 'route table', 'unknown', `subnet ${subnet.id} has no route table association, so it uses the main route table of ${vpcName(vpc.id)}, which is not in this template`);
    return { done: t.done('unknown', `${subnet.id} uses the main route table of ${vpcName(vpc.id)}, which this template does not show`) };
  }
  if (subnet.routeTable.value === null) return { main: true };
  const table = model.routeTables.get(subnet.routeTable.value);
  if (!table) {
    t.hop(subnet.id, 'route table', 'unknown', `the associated route table is not defined in ${t.words.here}`);
    return { done: t.done('unknown', `the route table is not defined in ${t.words.here}`) };
  }
  // A subnet takes only a route table of its own VPC: EC2 refuses the association, so no route of this table applies.
  if (table.vpc.known && subnet.vpc.known && otherVpc(model, table.vpc.value, subnet.vpc.value)) {
    t.hop(table.id, 'route table', 'unknown', `route table ${table.id} is in ${vpcName(table.vpc.value)}, subnet ${subnet.id} in ${vpcName(subnet.vpc.value)}: the association cannot be created as written`);
    return { done: t.done('unknown', `${subnet.id}'s route table ${table.id} belongs to another VPC, so the association fails; the path depends on how it is fixed`) };
  }
  t.uses(table);
  t.hop(table.id, 'route table', 'pass', `subnet ${subnet.id} is associated with route table ${table.id}`);
  return { main: false, table };
}

// Two VPC values name different VPCs for sure (model/vpc-identity.ts), as path.ts asks too.
export { otherVpc };

function chosen(t: Tracer, table: RouteTable, vpc: Vpc, target: TraceTarget, options: TraceOptions, source: Source, toName: string, way: Way): TraceResult {
  const { model } = t;
  const destination = way === 'nat64' ? { kind: 'cidr' as const, text: NAT64_PREFIX } : target.kind === 'service' ? { kind: 'service' as const, pattern: target.pattern } : target;
  const choice = chooseRoute(model, table, destination, vpc.cidr.known && !vpc.moreCidrs ? vpc.cidr.value : undefined, way === 'ipv4' ? 'ipv4' : 'ipv6');
  if (choice.kind === 'local') {
    t.hop(table.id, 'route', 'pass', 'the destination is inside the VPC: the local route');
    return t.done('private', 'stays inside the VPC (local route)');
  }
  if (choice.kind === 'unknown') {
    t.hop(choice.about, 'route', 'unknown', choice.reason);
    return t.done('unknown', `the route from ${table.id} is known only at deploy time: ${choice.reason}`);
  }
  if (choice.kind === 'none') {
    // Only an IPv4 flow: an IPv6-only subnet's table gains nothing from an endpoint's IPv4 prefix-list route.
    if (target.kind === 'service' && way === 'ipv4') suggestEndpoint(t, vpc.id, table.id, target);
    if (way === 'nat64') return nat64Missed(t, table.id, undefined);
    t.hop(table.id, 'route', 'block', `route table ${table.id} has no ${way === 'ipv6' ? 'IPv6 ' : ''}route to ${target.kind === 'service' ? `${target.name}'s public ${way === 'ipv6' ? 'IPv6 ' : ''}addresses` : toName}`);
    return t.done('blocked', `no route from ${source.subnet.id} to ${target.kind === 'service' ? target.name : toName}`);
  }
  const route = choice.route;
  t.uses(route);
  const d = route.destination;
  const via = d.kind === 'service' ? `the ${target.kind === 'service' ? target.name : 'service'} ${way === 'ipv6' ? 'IPv6 ' : ''}prefix-list route, more specific than any default route` : `${d.kind === 'ipv4' || d.kind === 'ipv6' ? d.text : 'a route'}`;
  if (route.target.kind === 'unknown') {
    t.hop(route.id, 'route', 'unknown', `${via} → a target known only at deploy time: ${route.target.why ?? 'it names no gateway this template shows'}`);
    return t.done('unknown', `where route ${route.id} sends the traffic is known only at deploy time`);
  }
  t.hop(route.id, 'route', 'pass', `${via} → ${targetName(route.target.kind)} ${route.target.id ?? ''}`.trim());
  const exit = way === 'ipv4' ? undefined : ipv6Exit(t, route, way, target, vpc.id);
  if (exit) return exit;
  switch (route.target.kind) {
    case 'vpc-endpoint': {
      const e = route.endpoint ? model.endpoints.get(route.endpoint) : undefined;
      if (e) return throughEndpoint(t, e, options, `stays on the AWS network through gateway endpoint ${e.id}`);
      // A route written to an endpoint of the template that is not a Gateway Load Balancer endpoint: EC2
      // refuses it (CreateRoute: "Supported for Gateway Load Balancer endpoints only"; VPCE7004).
      const named = route.target.id ? model.endpoints.get(route.target.id) : undefined;
      if (named?.type.known && named.type.value !== 'GatewayLoadBalancer') {
        t.hop(named.id, 'vpc endpoint', 'unknown', `${named.id} is a ${named.type.value} endpoint: a route can target only a Gateway Load Balancer endpoint, so route ${route.id} cannot be created as written`);
        return t.done('unknown', `route ${route.id} cannot be created as written (its target ${named.id} is a ${named.type.value} endpoint)`);
      }
      // An appliance's or a Network Firewall's endpoint (the firewall may be in the configuration): what it
      // lets through, and the route its subnet then takes, is not traced.
      t.hop(route.target.id ?? table.id, 'vpc endpoint', 'unknown', `a Gateway Load Balancer endpoint (an inspection appliance's, or a Network Firewall's) takes the traffic; what it lets through and where it goes next are not traced`);
      return t.done('unknown', 'the traffic goes to a Gateway Load Balancer endpoint');
    }
    case 'nat-gateway':
      return natPath(t, route.target.id, target, vpc.id, table.id, way === 'nat64', source);
    case 'internet-gateway':
      return igwPath(t, route.target.id, vpc.id, source, target);
    default:
      if (route.target.kind === 'peering') {
        const peered = peeringPath(t, route, target, way);
        if (peered) return peered;
      }
      t.hop(route.target.id ?? route.id, route.target.kind, 'unknown', `the traffic leaves through ${route.target.kind.replace(/-/g, ' ')} ${route.target.id ?? ''}; what follows is outside ${t.words.here}`.replace(/ ;/, ';'));
      return t.done('unknown', `the path continues beyond ${t.words.here} (${route.target.kind.replace(/-/g, ' ')})`);
  }
}

export function natPath(t: Tracer, natId: string | undefined, target: TraceTarget, vpc: string, table: string, nat64 = false, source?: Source): TraceResult {
  const { model } = t;
  const nat = natId ? model.natGateways.get(natId) : undefined;
  if (!nat) {
    t.hop(natId ?? table, 'NAT gateway', 'unknown', `the NAT gateway is not defined in ${t.words.here}`);
    return t.done('unknown', `the NAT gateway is not defined in ${t.words.here}`);
  }
  t.uses(nat);
  // NAT64's IPv4 leg leaves by the NAT gateway's subnet's routes: the source's table is not where the fix goes.
  if (target.kind === 'service' && !nat64) suggestEndpoint(t, vpc, table, target);
  if (nat.maybe) t.hop(nat.id, 'NAT gateway', 'unknown', existsOnlyWhen(nat.id, nat.maybe));
  if (nat.isPrivate) {
    t.hop(nat.id, 'NAT gateway', 'block', `${nat.id} is a private NAT gateway: it cannot reach the internet`);
    return t.done('blocked', `${nat.id} is a private NAT gateway`);
  }
  if (nat.regional !== undefined) return regionalNatPath(t, nat, target, vpc);
  const natSubnet = nat.subnet.known ? model.subnets.get(nat.subnet.value) : undefined;
  const natTableId = natSubnet?.routeTable.known ? natSubnet.routeTable.value : undefined;
  const natTable = natTableId ? model.routeTables.get(natTableId) : undefined;
  const choice = natTable ? chooseRoute(model, natTable, { kind: 'internet' }, undefined) : undefined;
  const out = choice?.kind === 'route' ? choice.route : undefined;
  if (!natSubnet || !natTable || !out) {
    // Without an association the NAT subnet uses its VPC's main route table: only the local route when
    // the template creates that VPC, unknown routes when the VPC is outside it.
    const ownMain = natSubnet !== undefined && natTableId === null && natSubnet.vpc.known && model.vpcs.has(natSubnet.vpc.value);
    const decision: Decision = ownMain || choice?.kind === 'none' ? 'block' : 'unknown';
    // A subnet or association known only at deploy time is named, not taken for one the template lacks.
    const open = !nat.subnet.known ? nat.subnet : natSubnet && !natSubnet.routeTable.known ? natSubnet.routeTable : undefined;
    const why = decision === 'block' ? 'has no default route to an internet gateway' : choice?.kind === 'unknown' ? `may or may not route it: ${choice.reason}` : open && !open.known ? `is known only at deploy time: ${open.why}` : `is not defined in ${t.words.here}`;
    t.hop(nat.id, 'NAT gateway', decision, `the route table of ${nat.id}'s subnet ${why}`);
    if (open && !open.known && decision === 'unknown') return t.done('unknown', `${nat.id}'s way out to the internet is known only at deploy time (decided by ${open.decides})`);
    return t.done(decision === 'block' ? 'blocked' : 'unknown', `${nat.id} has no way out to the internet${decision === 'block' ? '' : ` that ${t.words.source} shows`}`);
  }
  t.uses(natTable);
  t.uses(out);
  t.hop(nat.id, 'NAT gateway', 'pass', `${nat.id} in subnet ${natSubnet.id} translates the ${nat64 ? 'IPv6 flow to IPv4 (NAT64)' : 'address'} (NAT data processing is charged per GB)`);
  if (source && !nat64) {
    const dropped = natSubnetAcls(t, source, natSubnet, target);
    if (dropped) return dropped;
  }
  if (out.target.kind === 'unknown') {
    t.hop(natTable.id, 'route table', 'unknown', `the NAT subnet's route table ${natTable.id} sends 0.0.0.0/0 by route ${out.id} to a target known only at deploy time: ${out.target.why ?? 'it names no gateway this template shows'}`);
  } else t.hop(natTable.id, 'route table', 'pass', `the NAT subnet's route table ${natTable.id} sends 0.0.0.0/0 to ${out.target.kind.replace(/-/g, ' ')} ${out.target.id ?? ''}`.trim());
  if (out.target.kind === 'unknown') return t.done('unknown', `where the NAT subnet's default route ${out.id} sends the traffic is known only at deploy time: ${out.target.why ?? 'it names no gateway this template shows'}`);
  if (out.target.kind !== 'internet-gateway') return t.done('unknown', `the NAT subnet's default route goes to ${out.target.kind.replace(/-/g, ' ')}`);
  const igw = out.target.id ? model.internetGateways.get(out.target.id) : undefined;
  if (out.target.id && igw && !igw.vpcs.includes(vpc)) {
    t.hop(out.target.id, 'internet gateway', 'block', `${out.target.id} is not attached to the VPC`);
    return t.done('blocked', `internet gateway ${out.target.id} is not attached to the VPC`);
  }
  t.uses(igw);
  const nowhere = privateOverInternet(t, out.target.id ?? natTable.id, target);
  if (nowhere) return nowhere;
  t.hop(out.target.id ?? natTable.id, 'internet gateway', 'pass', 'out to the internet');
  const what = target.kind === 'service' ? `the public ${target.name} endpoint` : 'the internet';
  return t.done('public', `leaves the AWS network path through ${nat64 ? 'NAT64 at ' : ''}NAT gateway ${nat.id} to ${what}; NAT data processing is charged per GB`);
}

/**
 * The NAT gateway's subnet's network ACL, which the flow crosses four times: in from the client, out to the
 * destination, the reply in (to the NAT gateway's ports, 1024-65535) and out back to the client. A client in
 * the NAT gateway's own subnet crosses it only on the way out, which its own ACL hops have judged.
 * https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html
 * https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html (ports 1024-65535)
 */
function natSubnetAcls(t: Tracer, source: Source, natSubnet: Source['subnet'], target: TraceTarget): TraceResult | undefined {
  if (natSubnet.id === source.subnet.id) return undefined;
  const ports = { any: target.kind === 'service' ? servicePorts(target.pattern) : [HTTPS] };
  const client: Peer = source.subnet.cidr.known ? { kind: 'range', range: source.subnet.cidr.value } : { kind: 'unknown', why: source.subnet.cidr.why };
  const range = target.kind === 'cidr' ? parseIpv4Cidr(target.text) : undefined;
  const far: Peer = range ? { kind: 'range', range } : { kind: 'public' };
  const hops: [boolean, Peer, typeof ports | [number, number], string, string][] = [
    [false, client, ports, 'NAT subnet network ACL in', `the traffic from ${source.subnet.id}`],
    [true, far, ports, 'NAT subnet network ACL out', 'the traffic out to the destination'],
    [false, far, EPHEMERAL, 'NAT subnet network ACL in (return traffic)', 'the return traffic to the NAT gateway'],
    [true, client, EPHEMERAL, 'NAT subnet network ACL out (return traffic)', `the return traffic to ${source.subnet.id}`],
  ];
  for (const [egress, peer, p, kind, what] of hops) {
    if (naclHop(t, natSubnet, egress, peer, p, kind) === 'block') return t.done('blocked', `the network ACL of NAT subnet ${natSubnet.id} drops ${what}`);
  }
  return undefined;
}

// A regional NAT gateway sits in no subnet: the route table AWS makes for it sends 0.0.0.0/0 to the VPC's
// internet gateway (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html).
function regionalNatPath(t: Tracer, nat: NatGateway, target: TraceTarget, vpc: string): TraceResult {
  if (typeof nat.regional === 'string') {
    t.hop(nat.id, 'NAT gateway', 'unknown', `whether ${nat.id} is regional or zonal is known only at deploy time: ${nat.regional}`);
    return t.done('unknown', `whether ${nat.id} is regional or zonal is known only at deploy time`);
  }
  const igw = [...t.model.internetGateways.values()].find((g) => g.vpcs.includes(vpc));
  if (!igw) {
    t.hop(nat.id, 'NAT gateway', 'unknown', `${nat.id} is a regional NAT gateway: it leaves through the VPC's internet gateway, which ${t.words.here} does not attach`);
    return t.done('unknown', `${nat.id} leaves through the VPC's internet gateway, which ${t.words.here} does not show`);
  }
  t.uses(igw);
  t.hop(nat.id, 'NAT gateway', 'pass', `${nat.id} is a regional NAT gateway: it translates the address in the source's zone, and its own route table sends 0.0.0.0/0 to the VPC's internet gateway (NAT data processing is charged per GB)`);
  const nowhere = privateOverInternet(t, igw.id, target);
  if (nowhere) return nowhere;
  t.hop(igw.id, 'internet gateway', 'pass', 'out to the internet');
  const what = target.kind === 'service' ? `the public ${target.name} endpoint` : 'the internet';
  return t.done('public', `leaves the AWS network path through regional NAT gateway ${nat.id} and internet gateway ${igw.id} to ${what}; NAT data processing is charged per GB`);
}

function igwPath(t: Tracer, igwId: string | undefined, vpc: string, source: Source, target: TraceTarget): TraceResult {
  if (detachedIgw(t, igwId, vpc)) return t.done('blocked', `internet gateway ${igwId} is not attached to the VPC`);
  if (source.publicIp === false) {
    t.hop(igwId ?? source.id, 'internet gateway', 'block', `${source.id} has no public IP address, and an internet gateway forwards only traffic from public addresses`);
    return t.done('blocked', `${source.id} has no public IP, so the internet gateway drops its traffic`);
  }
  const nowhere = privateOverInternet(t, igwId ?? source.id, target);
  if (nowhere) return nowhere;
  const note = source.publicIp === undefined ? (source.publicIpWhy ?? ' (if the source has a public IP address)') : '';
  t.hop(igwId ?? source.id, 'internet gateway', source.publicIp === undefined ? 'unknown' : 'pass', `out to the internet${note}`);
  const what = target.kind === 'service' ? `the public ${target.name} endpoint` : 'the internet';
  return t.done(source.publicIp === undefined ? 'unknown' : 'public', `leaves through internet gateway ${igwId ?? ''} to ${what}${note}`.replace('  ', ' '));
}

/**
 * A private network's range (RFC 1918, RFC 6598, RFC 4193) sent out through an internet gateway: the internet
 * routes none of it, so the traffic reaches nothing there. A blocking hop at the gateway; undefined for any other
 * target. https://www.rfc-editor.org/rfc/rfc1918 https://www.rfc-editor.org/rfc/rfc6890
 */
function privateOverInternet(t: Tracer, igwId: string, target: TraceTarget): TraceResult | undefined {
  if (target.kind !== 'cidr' || !privateRange(target.text)) return undefined;
  t.hop(igwId, 'internet gateway', 'block', `${target.text} is a private network's range (RFC 1918, RFC 6598 or RFC 4193), which the internet does not route: sent out through the internet gateway, it reaches nothing; a route to it through a transit gateway, peering connection or VPN is what would carry it`);
  return t.done('blocked', `${target.text} is no internet address: the route that takes it leads to internet gateway ${igwId}, which cannot deliver it`);
}

/** The internet gateway is in the template and not attached to the VPC: a blocking hop. */
export function detachedIgw(t: Tracer, igwId: string | undefined, vpc: string): boolean {
  const igw = igwId ? t.model.internetGateways.get(igwId) : undefined;
  if (igwId && igw && !igw.vpcs.includes(vpc)) {
    t.hop(igwId, 'internet gateway', 'block', `${igwId} is not attached to the VPC`);
    return true;
  }
  t.uses(igw);
  return false;
}

function suggestEndpoint(t: Tracer, vpc: string, table: string, target: Extract<TraceTarget, { kind: 'service' }>): void {
  const gateways = endpointsFor(t.model, vpc, 'Gateway', target.pattern);
  if (gateways[0]) {
    t.suggest({ kind: 'associate-route-table', resource: gateways[0].id, message: `add route table ${table} to ${gateways[0].id}'s ${t.words.prop('RouteTableIds')} so that ${target.name} traffic stays private`, data: { endpoint: gateways[0].id, routeTable: table } });
  } else if (endpointsFor(t.model, vpc, 'Interface', target.pattern).length === 0) {
    t.suggest({ kind: 'create-endpoint', resource: vpc, message: `create a VPC endpoint for ${target.name} in ${vpc}`, data: { vpc, service: target.pattern } });
  }
}
