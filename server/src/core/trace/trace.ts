// The path from a subnet or workload to a service, the internet or an address range, hop by hop:
// source → security group egress → network ACL out → DNS → route table → route → target
// (endpoint: security group in, ACL in, policy; NAT: its subnet's route → internet gateway).

import { truthy } from '../cfn/values.js';
import { valueOf, asMap } from '../document/tree.js';
import { refList } from '../cfn/refs.js';
import type { Endpoint } from '../cfn/endpoints.js';
import { templatePolicies } from '../policy/extract.js';
import { endpointsFor, type Network, type Subnet } from '../network/model.js';
import { evaluateNacl, type Peer } from '../network/nacls.js';
import type { Route } from '../network/routes.js';
import { evaluateGroups } from './security-groups.js';
import { evaluatePolicy } from './policy-eval.js';
import { contains, type Ipv4Range, parseIpv4Cidr } from '../util/cidr.js';
import type { Decision, Hop, Suggestion, TraceOptions, TraceResult, TraceTarget, Verdict } from './types.js';

const HTTPS = 443;
const EPHEMERAL: [number, number] = [1024, 65535];

class Tracer {
  readonly hops: Hop[] = [];
  readonly suggestions: Suggestion[] = [];
  policy: TraceResult['policy'];

  constructor(readonly net: Network) {}

  hop(resource: string, kind: string, decision: Decision, reason: string): Decision {
    const r = this.net.template.byId.get(resource);
    this.hops.push({ resource, kind, decision, reason, start: r?.key.start ?? 0, end: r?.key.end ?? 0 });
    return decision;
  }

  suggest(s: Suggestion): void {
    if (!this.suggestions.some((x) => x.kind === s.kind && x.resource === s.resource)) this.suggestions.push(s);
  }
}

interface Source {
  id: string;
  subnet: Subnet;
  groups: string[] | undefined;
  publicIp: boolean | undefined;
}

export function trace(net: Network, from: string, target: TraceTarget, options: TraceOptions = {}): TraceResult {
  const t = new Tracer(net);
  const to = target.kind === 'service' ? target.name : target.kind === 'internet' ? 'internet' : target.text;
  const done = (verdict: Verdict, summary: string): TraceResult => {
    // A path is only as certain as its least certain hop: one we cannot decide makes the verdict unknown.
    const doubt = verdict === 'private' || verdict === 'public' ? t.hops.find((h) => h.decision === 'unknown') : undefined;
    const final = doubt ? { verdict: 'unknown' as Verdict, summary: `${summary}, if ${doubt.kind} (${doubt.resource}) lets it through: ${doubt.reason}` } : { verdict, summary };
    return { from, to, ...final, ...(t.policy ? { policy: t.policy } : {}), hops: t.hops, suggestions: t.suggestions };
  };
  const source = resolveSource(net, from, t);
  if (typeof source === 'string') return done('unknown', source);
  const vpc = source.subnet.vpc ? net.vpcs.get(source.subnet.vpc) : undefined;
  if (!vpc) return done('unknown', `the VPC of subnet ${source.subnet.resource.id} is not defined in this template`);

  // Where the name resolves decides everything after: an endpoint's interfaces, or public addresses.
  const dns = target.kind === 'service' ? resolveDns(t, net, source, target) : { endpoint: undefined, decision: 'pass' as Decision, reason: '' };
  const peer: Peer = dns.endpoint ? endpointPeer(net, dns.endpoint, source) : target.kind === 'cidr' ? cidrPeer(target.text) : { kind: 'public' };
  const peerRange = peer.kind === 'range' ? peer.range : undefined;

  if (source.groups) {
    const sg = evaluateGroups(net, source.groups, 'egress', { range: peerRange, public: peer.kind === 'public', groups: dns.endpoint ? endpointGroups(net, dns.endpoint) : undefined }, HTTPS);
    if (t.hop(source.groups[0] ?? from, 'security group egress', sg.decision, sg.reason) === 'block') return done('blocked', `blocked by the security group egress rules: ${sg.reason}`);
  }
  const naclOut = naclHop(t, source.subnet, true, peer, [HTTPS, HTTPS], 'network ACL out');
  if (naclOut === 'block') return done('blocked', `blocked by the network ACL of subnet ${source.subnet.resource.id} (outbound)`);
  const naclBack = naclHop(t, source.subnet, false, peer, EPHEMERAL, 'network ACL in (return traffic)');
  if (naclBack === 'block') return done('blocked', `the network ACL of subnet ${source.subnet.resource.id} drops the return traffic on ephemeral ports`);

  if (target.kind === 'service') {
    t.hop(dns.endpoint?.resource.id ?? vpc.resource.id, 'DNS', dns.decision, dns.reason);
    if (dns.decision === 'unknown') return done('unknown', dns.reason);
  }
  if (dns.endpoint) return interfacePath(t, net, source, dns.endpoint, options, done);
  return routedPath(t, net, source, target, options, done);
}

function resolveSource(net: Network, from: string, t: Tracer): Source | string {
  const subnet = net.subnets.get(from);
  if (subnet) {
    t.hop(from, 'subnet', 'pass', `traffic starts in subnet ${from}${subnet.cidr ? '' : ' (address range unknown)'}; security groups depend on the workload`);
    return { id: from, subnet, groups: undefined, publicIp: subnet.mapPublicIp };
  }
  const w = net.workloads.get(from);
  if (!w) return net.template.byId.has(from) ? `${from} is not a subnet or a workload with a network configuration` : `${from} is not a resource of this template`;
  const first = w.subnets.map((s) => net.subnets.get(s)).find(Boolean);
  if (!first) return `the subnets of ${from} are not defined in this template`;
  const more = w.subnets.length > 1 ? ` (traced from the first of its ${w.subnets.length} subnets)` : '';
  t.hop(from, w.kind, 'pass', `${w.kind} ${from} runs in subnet ${first.resource.id}${more}`);
  return { id: from, subnet: first, groups: w.securityGroups.length && w.complete ? w.securityGroups : undefined, publicIp: w.publicIp ?? first.mapPublicIp };
}

// https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns
// https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support
function resolveDns(t: Tracer, net: Network, source: Source, target: Extract<TraceTarget, { kind: 'service' }>): { endpoint: Endpoint | undefined; decision: Decision; reason: string } {
  const vpc = net.vpcs.get(source.subnet.vpc!)!;
  const interfaces = endpointsFor(net, vpc.resource.id, 'Interface', target.pattern);
  for (const e of interfaces) {
    const dns = net.values.prop(e.props, 'PrivateDnsEnabled');
    const on = dns.kind === 'absent' ? false : truthy(dns);
    if (on === undefined) return { endpoint: undefined, decision: 'unknown', reason: `whether ${e.resource.id} has private DNS is known only at deploy time` };
    if (!on) {
      t.suggest({ kind: 'enable-private-dns', resource: e.resource.id, message: `turn on private DNS for ${e.resource.id} so that the default ${target.name} name resolves to it`, data: { endpoint: e.resource.id } });
      continue;
    }
    if (vpc.dnsSupport === undefined || vpc.dnsHostnames === undefined) return { endpoint: undefined, decision: 'unknown', reason: `the DNS attributes of VPC ${vpc.resource.id} are known only at deploy time` };
    if (!vpc.dnsSupport || !vpc.dnsHostnames) {
      t.suggest({ kind: 'enable-vpc-dns', resource: vpc.resource.id, message: `turn on EnableDnsSupport and EnableDnsHostnames on ${vpc.resource.id} so that private DNS of ${e.resource.id} works`, data: { vpc: vpc.resource.id } });
      return { endpoint: undefined, decision: 'pass', reason: `${e.resource.id} has private DNS, but VPC ${vpc.resource.id} lacks DNS ${!vpc.dnsSupport ? 'support' : 'hostnames'}, so the name resolves to the public endpoint` };
    }
    const options = asMap(valueOf(e.props, 'DnsOptions'));
    if (truthy(net.values.value(valueOf(options, 'PrivateDnsOnlyForInboundResolverEndpoint') ?? null)) === true) {
      // S3: in-VPC clients keep the public name (and so the gateway endpoint); only on-premises clients use the interface endpoint.
      return { endpoint: undefined, decision: 'pass', reason: `${e.resource.id} answers private DNS for inbound resolver queries only; inside the VPC the name resolves to public S3 addresses` };
    }
    return { endpoint: e, decision: 'pass', reason: `private DNS of ${e.resource.id} resolves the default ${target.name} name to its network interfaces` };
  }
  return { endpoint: undefined, decision: 'pass', reason: `the default ${target.name} name resolves to its public addresses${interfaces.length ? ' (the interface endpoint has no private DNS)' : ''}` };
}

function endpointSubnets(net: Network, e: Endpoint): Subnet[] {
  return refList(net.template, net.values, valueOf(e.props, 'SubnetIds')).items.map((i) => (i.resource ? net.subnets.get(i.resource.id) : undefined)).filter((s): s is Subnet => Boolean(s));
}

function endpointGroups(net: Network, e: Endpoint): string[] {
  return refList(net.template, net.values, valueOf(e.props, 'SecurityGroupIds')).items.map((i) => i.resource?.id).filter((x): x is string => Boolean(x));
}

function endpointPeer(net: Network, e: Endpoint, source: Source): Peer {
  const subnets = endpointSubnets(net, e);
  const same = subnets.find((s) => s.zone && s.zone === source.subnet.zone) ?? subnets[0];
  return same?.cidr ? { kind: 'range', range: same.cidr } : { kind: 'public' };
}

function cidrPeer(text: string): Peer {
  const range = parseIpv4Cidr(text);
  return range ? { kind: 'range', range } : { kind: 'public' };
}

function naclHop(t: Tracer, subnet: Subnet, egress: boolean, peer: Peer, ports: [number, number], kind: string): Decision {
  if (!subnet.nacl) return 'pass'; // the VPC's default network ACL allows all traffic
  const nacl = t.net.nacls.get(subnet.nacl);
  if (!nacl) return t.hop(subnet.resource.id, kind, 'unknown', 'the network ACL is not defined in this template');
  const v = evaluateNacl(nacl.entries, nacl.complete, egress, peer, ports);
  const decision: Decision = v.decision === 'allow' ? 'pass' : v.decision === 'deny' ? 'block' : 'unknown';
  const what = ports[0] === ports[1] ? `TCP ${ports[0]}` : `TCP ${ports[0]}-${ports[1]}`;
  return t.hop(nacl.resource.id, kind, decision, `${what}: ${v.reason}`);
}

type Done = (verdict: Verdict, summary: string) => TraceResult;

function interfacePath(t: Tracer, net: Network, source: Source, e: Endpoint, options: TraceOptions, done: Done): TraceResult {
  const id = e.resource.id;
  t.hop(source.subnet.routeTable ?? source.subnet.resource.id, 'route', 'pass', `the endpoint's addresses are in the VPC: the local route carries the traffic`);
  const groups = endpointGroups(net, e);
  if (groups.length) {
    const sg = evaluateGroups(net, groups, 'ingress', { range: source.subnet.cidr, groups: source.groups, label: source.id }, HTTPS);
    if (t.hop(groups[0]!, 'endpoint security group in', sg.decision, sg.reason) === 'block') {
      t.suggest({ kind: 'allow-https', resource: groups[0]!, message: `allow inbound TCP 443 from the VPC on ${groups.join(', ')}`, data: { securityGroups: groups } });
      return done('blocked', `the endpoint's security groups do not admit HTTPS from ${source.id}: ${sg.reason}`);
    }
  } else {
    t.hop(id, 'endpoint security group in', 'unknown', `${id} uses the VPC's default security group, which admits only its own members`);
  }
  const subnets = endpointSubnets(net, e);
  const local = subnets.find((s) => s.zone && s.zone === source.subnet.zone);
  const endpointSubnet = local ?? subnets[0];
  if (!local && subnets.length && source.subnet.zone && subnets.every((s) => s.zone)) {
    t.hop(id, 'Availability Zone', 'note', `${id} has no subnet in ${source.subnet.resource.id}'s zone: traffic crosses zones (latency and inter-AZ data charges)`);
  }
  if (endpointSubnet && source.subnet.cidr) {
    const from: Peer = { kind: 'range', range: source.subnet.cidr };
    if (naclHop(t, endpointSubnet, false, from, [HTTPS, HTTPS], 'endpoint network ACL in') === 'block') return done('blocked', `the network ACL of endpoint subnet ${endpointSubnet.resource.id} drops inbound HTTPS`);
    if (naclHop(t, endpointSubnet, true, from, EPHEMERAL, 'endpoint network ACL out (return traffic)') === 'block') return done('blocked', `the network ACL of endpoint subnet ${endpointSubnet.resource.id} drops the return traffic on ephemeral ports`);
  }
  return throughEndpoint(t, net, e, options, done, `stays on the AWS network through interface endpoint ${id}`);
}

function throughEndpoint(t: Tracer, net: Network, e: Endpoint, options: TraceOptions, done: Done, path: string): TraceResult {
  const summary = e.resource.condition ? `${path} (only when condition ${e.resource.condition} is true)` : path;
  const [doc] = templatePolicies(net.template, [e]);
  if (!doc) {
    t.hop(e.resource.id, 'endpoint policy', 'pass', 'no policy: the default policy allows full access');
    return done('private', summary);
  }
  const outcome = evaluatePolicy(doc, options.action);
  t.policy = outcome.decision;
  const decision: Decision = outcome.decision === 'denied' ? 'block' : outcome.decision === 'unknown' ? 'unknown' : outcome.decision === 'restricted' ? 'note' : 'pass';
  t.hop(e.resource.id, 'endpoint policy', decision, outcome.reason);
  if (outcome.decision === 'denied') return done('blocked', `network reachable, policy denied: ${outcome.reason}`);
  if (outcome.decision === 'unknown') return done('unknown', `network reachable through ${e.resource.id}; ${outcome.reason}`);
  return done('private', summary);
}

// Route choice: https://docs.aws.amazon.com/vpc/latest/userguide/how-route-tables-work.html#route-tables-priority
function routedPath(t: Tracer, net: Network, source: Source, target: TraceTarget, options: TraceOptions, done: Done): TraceResult {
  const subnet = source.subnet;
  const vpc = net.vpcs.get(subnet.vpc!)!;
  if (!subnet.routeTable) {
    t.hop(subnet.resource.id, 'route table', 'block', `subnet ${subnet.resource.id} has no route table association, so it uses the VPC's main route table, which holds only the local route`);
    return done('blocked', `no route: ${subnet.resource.id} uses the main route table (local route only)`);
  }
  const table = net.routeTables.get(subnet.routeTable);
  if (!table) {
    t.hop(subnet.resource.id, 'route table', 'unknown', 'the associated route table is not defined in this template');
    return done('unknown', 'the route table is not defined in this template');
  }
  t.hop(table.resource.id, 'route table', 'pass', `subnet ${subnet.resource.id} is associated with route table ${table.resource.id}`);
  const route = chooseRoute(table.routes, target, vpc.cidr);
  if (route === 'local') {
    t.hop(table.resource.id, 'route', 'pass', 'the destination is inside the VPC: the local route');
    return done('private', 'stays inside the VPC (local route)');
  }
  if (!route) {
    if (target.kind === 'service') suggestEndpoint(t, net, vpc.resource.id, table.resource.id, target);
    t.hop(table.resource.id, 'route', 'block', `route table ${table.resource.id} has no route to ${target.kind === 'service' ? `${target.name}'s public addresses` : target.kind === 'internet' ? 'the internet' : target.text}`);
    return done('blocked', `no route from ${subnet.resource.id} to ${target.kind === 'service' ? target.name : target.kind === 'internet' ? 'the internet' : target.text}`);
  }
  const cond = route.condition ? ` (only when ${route.condition} is true)` : '';
  const via = route.destination.kind === 'service' ? `the ${target.kind === 'service' ? target.name : 'service'} prefix-list route, more specific than any default route` : `${route.destination.kind === 'ipv4' ? route.destination.text : 'a route'}`;
  t.hop(route.resource.id, 'route', 'pass', `${via} → ${route.target.kind.replace(/-/g, ' ')} ${route.target.id ?? ''}${cond}`.trim());
  switch (route.target.kind) {
    case 'vpc-endpoint':
      if (route.endpoint) return throughEndpoint(t, net, route.endpoint, options, done, `stays on the AWS network through gateway endpoint ${route.endpoint.resource.id}`);
      t.hop(route.target.id ?? table.resource.id, 'vpc endpoint', 'unknown', 'a Gateway Load Balancer endpoint inspects the traffic; its path beyond is outside this template');
      return done('unknown', 'the traffic goes to a Gateway Load Balancer endpoint');
    case 'nat-gateway':
      return natPath(t, net, route.target.id, target, vpc.resource.id, table.resource.id, done);
    case 'internet-gateway':
      return igwPath(t, net, route.target.id, vpc.resource.id, source, target, done);
    default:
      t.hop(route.target.id ?? route.resource.id, route.target.kind, 'unknown', `the traffic leaves through ${route.target.kind.replace(/-/g, ' ')} ${route.target.id ?? ''}; what follows is outside this template`.replace(/ ;/, ';'));
      return done('unknown', `the path continues beyond this template (${route.target.kind.replace(/-/g, ' ')})`);
  }
}

function chooseRoute(routes: Route[], target: TraceTarget, vpcCidr: Ipv4Range | undefined): Route | 'local' | undefined {
  if (target.kind === 'cidr') {
    const range = parseIpv4Cidr(target.text);
    if (range && vpcCidr && contains(vpcCidr, range)) return 'local';
    const candidates = routes.filter((r) => r.destination.kind === 'ipv4' && range && contains(r.destination.range, range));
    return candidates.sort((a, b) => (b.destination as { range: Ipv4Range }).range.prefix - (a.destination as { range: Ipv4Range }).range.prefix)[0];
  }
  if (target.kind === 'service') {
    const endpointRoute = routes.find((r) => r.destination.kind === 'service' && r.destination.pattern === target.pattern);
    if (endpointRoute) return endpointRoute;
  }
  return routes.find((r) => r.destination.kind === 'ipv4' && r.destination.range.prefix === 0);
}

function natPath(t: Tracer, net: Network, natId: string | undefined, target: TraceTarget, vpc: string, table: string, done: Done): TraceResult {
  const nat = natId ? net.natGateways.get(natId) : undefined;
  if (!nat) {
    t.hop(natId ?? table, 'NAT gateway', 'unknown', 'the NAT gateway is not defined in this template');
    return done('unknown', 'the NAT gateway is not defined in this template');
  }
  if (target.kind === 'service') suggestEndpoint(t, net, vpc, table, target);
  if (nat.isPrivate) {
    t.hop(nat.resource.id, 'NAT gateway', 'block', `${nat.resource.id} is a private NAT gateway: it cannot reach the internet`);
    return done('blocked', `${nat.resource.id} is a private NAT gateway`);
  }
  const natSubnet = nat.subnet ? net.subnets.get(nat.subnet) : undefined;
  const natTable = natSubnet?.routeTable ? net.routeTables.get(natSubnet.routeTable) : undefined;
  const out = natTable?.routes.find((r) => r.destination.kind === 'ipv4' && r.destination.range.prefix === 0);
  if (!natSubnet || !natTable || !out) {
    const decision: Decision = natSubnet && natSubnet.routeTable === undefined ? 'block' : natTable && !out ? 'block' : 'unknown';
    t.hop(nat.resource.id, 'NAT gateway', decision, `the route table of ${nat.resource.id}'s subnet ${decision === 'block' ? 'has no default route to an internet gateway' : 'is not defined in this template'}`);
    return done(decision === 'block' ? 'blocked' : 'unknown', `${nat.resource.id} has no way out to the internet`);
  }
  t.hop(nat.resource.id, 'NAT gateway', 'pass', `${nat.resource.id} in subnet ${natSubnet.resource.id} translates the address (NAT data processing is charged per GB)`);
  t.hop(natTable.resource.id, 'route table', 'pass', `the NAT subnet's route table ${natTable.resource.id} sends 0.0.0.0/0 to ${out.target.kind.replace(/-/g, ' ')} ${out.target.id ?? ''}`.trim());
  if (out.target.kind !== 'internet-gateway') return done('unknown', `the NAT subnet's default route goes to ${out.target.kind.replace(/-/g, ' ')}`);
  const attached = out.target.id ? net.internetGateways.get(out.target.id) ?? [] : [];
  if (out.target.id && !attached.includes(vpc)) {
    t.hop(out.target.id, 'internet gateway', 'block', `${out.target.id} is not attached to the VPC`);
    return done('blocked', `internet gateway ${out.target.id} is not attached to the VPC`);
  }
  t.hop(out.target.id ?? natTable.resource.id, 'internet gateway', 'pass', 'out to the internet');
  const what = target.kind === 'service' ? `the public ${target.name} endpoint` : 'the internet';
  return done('public', `leaves the AWS network path through NAT gateway ${nat.resource.id} to ${what}; NAT data processing is charged per GB`);
}

function igwPath(t: Tracer, net: Network, igwId: string | undefined, vpc: string, source: Source, target: TraceTarget, done: Done): TraceResult {
  const attached = igwId ? net.internetGateways.get(igwId) : undefined;
  if (igwId && attached && !attached.includes(vpc)) {
    t.hop(igwId, 'internet gateway', 'block', `${igwId} is not attached to the VPC`);
    return done('blocked', `internet gateway ${igwId} is not attached to the VPC`);
  }
  if (source.publicIp === false) {
    t.hop(igwId ?? source.id, 'internet gateway', 'block', `${source.id} has no public IP address, and an internet gateway forwards only traffic from public addresses`);
    return done('blocked', `${source.id} has no public IP, so the internet gateway drops its traffic`);
  }
  const note = source.publicIp === undefined ? ' (if the source has a public IP address)' : '';
  t.hop(igwId ?? source.id, 'internet gateway', source.publicIp === undefined ? 'unknown' : 'pass', `out to the internet${note}`);
  const what = target.kind === 'service' ? `the public ${target.name} endpoint` : 'the internet';
  return done(source.publicIp === undefined ? 'unknown' : 'public', `leaves through internet gateway ${igwId ?? ''} to ${what}${note}`.replace('  ', ' '));
}

function suggestEndpoint(t: Tracer, net: Network, vpc: string, table: string, target: Extract<TraceTarget, { kind: 'service' }>): void {
  const gateways = endpointsFor(net, vpc, 'Gateway', target.pattern);
  if (gateways[0]) {
    t.suggest({ kind: 'associate-route-table', resource: gateways[0].resource.id, message: `add route table ${table} to ${gateways[0].resource.id}'s RouteTableIds so that ${target.name} traffic stays private`, data: { endpoint: gateways[0].resource.id, routeTable: table } });
  } else if (endpointsFor(net, vpc, 'Interface', target.pattern).length === 0) {
    t.suggest({ kind: 'create-endpoint', resource: vpc, message: `create a VPC endpoint for ${target.name} in ${vpc}`, data: { vpc, service: target.pattern } });
  }
}
