// An IPv6-only client and an interface endpoint with IPv4 addresses only. With DNS64 on the client's
// subnet, the Route 53 Resolver answers the endpoint's private DNS name (A records only) with the
// endpoint's IPv4 address behind the well-known prefix 64:ff9b::/96; a route for that prefix to a NAT
// gateway has it translate the flow to IPv4 (NAT64) from its own private address, and the local route of
// its subnet carries it to the endpoint's interface in the same VPC. The endpoint's security groups and
// network ACL then see the NAT gateway's subnet, never the client's.
// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html ("NAT64 enables your
// IPv6-only services in Amazon VPCs to communicate with IPv4-only services within the same VPC")

import { existsOnlyWhen } from '../model/condition-words.js';
import { chooseRoute, NAT64_PREFIX, targetName } from '../model/routes.js';
import type { Endpoint, Vpc } from '../model/types.js';
import { httpsOnly, portsText } from '../data/catalogue.js';
import { endpointPeer, endpointPorts, EPHEMERAL, interfacePath, naclHop } from './path.js';
import { subnetRouteTable } from './routed.js';
import { nat64Missed } from './routed6.js';
import type { Source, Tracer } from './tracer.js';
import type { TraceOptions, TraceResult } from './types.js';

export function nat64Endpoint(t: Tracer, source: Source, e: Endpoint, options: TraceOptions, vpc: Vpc): TraceResult {
  const { model } = t;
  const subnet = source.subnet;
  const dns64 = subnet.dns64;
  t.hop(subnet.id, 'DNS64', dns64.known ? 'pass' : 'unknown', dns64.known ? `${e.id}'s name has IPv4 addresses only: DNS64 on ${subnet.id} answers its name with 64:ff9b::<its IPv4 address> (${NAT64_PREFIX})` : `${e.id}'s name has IPv4 addresses only: ${subnet.id}'s IPv6 clients reach it only if DNS64 is on, ${dns64.why}`);
  const step = subnetRouteTable(t, source, vpc);
  if ('done' in step) return step.done;
  if (step.main) {
    t.hop(subnet.id, 'route table', 'block', `subnet ${subnet.id} uses the VPC's main route table, which holds only the local route: no route for the NAT64 addresses ${NAT64_PREFIX}`);
    return t.done('blocked', `no NAT64: ${subnet.id} uses the main route table (local route only)`);
  }
  const table = step.table;
  const choice = chooseRoute(model, table, { kind: 'cidr', text: NAT64_PREFIX }, undefined, 'ipv6');
  if (choice.kind === 'none' || choice.kind === 'local') return nat64Missed(t, table.id, undefined);
  if (choice.kind === 'unknown') {
    t.hop(choice.about, 'route', 'unknown', choice.reason);
    return t.done('unknown', `the route for the NAT64 addresses from ${table.id} is known only at deploy time: ${choice.reason}`);
  }
  const route = choice.route;
  t.uses(route);
  const kind = route.target.kind;
  if (kind === 'internet-gateway' || kind === 'egress-only-gateway') return nat64Missed(t, route.id, route);
  if (kind !== 'nat-gateway') {
    t.hop(route.id, 'route', 'unknown', `${NAT64_PREFIX} → ${targetName(kind)} ${route.target.id ?? route.target.why ?? ''}: whether it translates the flow to ${e.id}'s IPv4 address is outside ${t.words.here}`.replace('  ', ' '));
    return t.done('unknown', `route ${route.id} sends the NAT64 addresses to ${targetName(kind)}, not a NAT gateway ${t.words.here} shows`);
  }
  t.hop(route.id, 'route', 'pass', `${NAT64_PREFIX} → nat gateway ${route.target.id ?? ''}`.trim());
  const nat = route.target.id ? model.natGateways.get(route.target.id) : undefined;
  const natSubnet = nat?.subnet.known ? model.subnets.get(nat.subnet.value) : undefined;
  if (!nat || nat.regional !== undefined || !natSubnet) {
    const why = !nat ? `the NAT gateway is not defined in ${t.words.here}` : nat.regional !== undefined ? `${nat.id} is (or may be) a regional NAT gateway, whose NAT64 address toward ${e.id} ${t.words.here} does not show` : `the subnet of ${nat.id} is ${nat.subnet.known ? `not defined in ${t.words.here}` : `known only at deploy time (${nat.subnet.why})`}`;
    t.hop(nat?.id ?? route.id, 'NAT gateway', 'unknown', why);
    return t.done('unknown', `NAT64 toward ${e.id}: ${why}`);
  }
  t.uses(nat);
  if (nat.maybe) t.hop(nat.id, 'NAT gateway', 'unknown', existsOnlyWhen(nat.id, nat.maybe));
  // Public or private, a NAT gateway translates NAT64 from its private address; the endpoint is in the VPC, so the internet is not needed.
  t.hop(nat.id, 'NAT gateway', 'pass', `${nat.id} in subnet ${natSubnet.id} translates the IPv6 flow to IPv4 (NAT64) toward ${e.id}'s address in the VPC (NAT data processing is charged per GB)`);
  const toEndpoint = endpointPeer(model, e, { id: nat.id, subnet: natSubnet, groups: [], publicIp: undefined });
  // The ports the endpoint's service is served on (SES's SMTP interface is not HTTPS): any one of them carries the flow.
  const ports = endpointPorts(e);
  const what = httpsOnly(ports) || !e.service.known ? 'HTTPS' : portsText(e.service.value, ports);
  if (naclHop(t, natSubnet, true, toEndpoint, { any: ports }, 'NAT subnet network ACL out') === 'block') return t.done('blocked', `the network ACL of NAT subnet ${natSubnet.id} drops ${what} to ${e.id}`);
  if (naclHop(t, natSubnet, false, toEndpoint, EPHEMERAL, 'NAT subnet network ACL in (return traffic)') === 'block') return t.done('blocked', `the network ACL of NAT subnet ${natSubnet.id} drops the return traffic from ${e.id}`);
  // From here the endpoint sees the NAT gateway (no security group of its own) in its subnet's range.
  const r = interfacePath(t, { id: nat.id, subnet: natSubnet, groups: [], publicIp: undefined }, e, options, vpc);
  return r.verdict === 'private' ? { ...r, summary: `through DNS64 and NAT64 at NAT gateway ${nat.id}: ${r.summary}` } : r;
}
