// The path from a subnet or workload to a service, the internet or an address range, hop by hop, in
// one deployment's network model:
// source → security group egress → network ACL out → DNS → route table → route → target
// (endpoint: security group in, ACL in, policy; NAT: its subnet's route → internet gateway).
// Every fact comes from the model (model/*.ts answers admission, DNS and route choice for the rules too).

import { existsOnlyWhen } from '../model/condition-words.js';
import { admitsAny, familyOf, type Family } from '../model/admission.js';
import { endpointRangeIdentities, subnetRangeIdentities } from '../model/range-identity.js';
import { resolveName } from '../model/dns.js';
import { answersRegion, type RegionFit } from '../model/cross-region.js';
import { endpointIpTypes, ipTypeDecides } from '../model/endpoint-family.js';
import { endpointsMaybeFor } from '../model/by-service.js';
import { groupsInEffect } from '../model/default-group.js';
import { openWorld, unseenEndpoint, vpcName } from './open-world.js';
import { defaultAclEntries, evaluateNacl, type Peer } from '../model/nacl.js';
import { known, knownValue, unknownFact, type Endpoint, type NetworkModel, type Span, type Subnet, type Vpc, type Workload } from '../model/types.js';
import { evaluatePolicy } from './policy-eval.js';
import { parseIpv4Cidr, rangeText, type Ipv4Range } from '../util/cidr.js';
import { otherVpc, routedPath } from './routed.js';
import { dualWays, endpointDns64, followWays, routedFamily, waysOf, type Way } from './routed6.js';
import { Tracer, type Source } from './tracer.js';
import { nat64Endpoint } from './nat64-endpoint.js';
import { withExtraInterfaces } from './extra-interfaces.js';
import type { Decision, TraceOptions, TraceResult, TraceTarget } from './types.js';
import { httpsOnly, servicePorts, shortName } from '../data/catalogue.js';
import { sameZone } from '../model/zones.js';
import { privateDnsTwinIn } from '../model/private-dns-twins.js';

export const HTTPS = 443;
const VPC_DNS_PROPERTY = { support: 'EnableDnsSupport', hostnames: 'EnableDnsHostnames' } as const;
export const EPHEMERAL: [number, number] = [1024, 65535];

export function traceModel(model: NetworkModel, from: string, target: TraceTarget, options: TraceOptions = {}): TraceResult {
  return withExtraInterfaces(model, from, target, options, traceFrom);
}

/** The path from the source's first interface (an instance's other interfaces: trace/extra-interfaces.ts). */
function traceFrom(model: NetworkModel, from: string, target: TraceTarget, options: TraceOptions = {}): TraceResult {
  const to = target.kind === 'service' ? target.name : target.kind === 'internet' ? 'internet' : target.text;
  const t = new Tracer(model, from, to, options.words);
  if (target.kind === 'service') t.service = target.pattern;
  const source = resolveSource(t, from);
  if (typeof source === 'string') return model.absent.has(from) ? { ...t.done('unknown', source), absent: true } : t.done('unknown', source);
  const vpcFact = source.subnet.vpc;
  if (!vpcFact.known) {
    t.hop(source.subnet.id, 'VPC', 'unknown', vpcFact.why);
    return t.done('unknown', `the VPC of subnet ${source.subnet.id} is known only at deploy time (decided by ${vpcFact.decides})`);
  }
  const vpc = model.vpcs.get(vpcFact.value) ?? outsideVpc(vpcFact.value, source.subnet.at, t.words.here);

  if (target.kind === 'service') {
    // This service's endpoints that may be in the source's VPC: one written wrongly, or in a region in doubt, decides first.
    const here = endpointsMaybeFor(model, target.pattern).filter((e) => e.service.known && e.service.value === target.pattern && (!e.vpc.known || e.vpc.value === vpc.id));
    const broken = here.find((e) => e.broken);
    if (broken) {
      t.hop(broken.id, 'endpoint', 'unknown', `${broken.id} cannot be created as written: ${broken.broken}`);
      if (broken.brokenBy === 'type') t.suggest({ kind: 'set-endpoint-type', resource: broken.id, message: `fix the type of ${broken.id} first: ${broken.broken}`, data: { endpoint: broken.id } });
      return t.done('unknown', `the ${target.name} endpoint ${broken.id} cannot be created as written (${broken.broken}); the path depends on how it is fixed`);
    }
    // A second endpoint taking the service's private DNS name in this VPC fails to create, and the stack with it (VPCE5002).
    const twin = privateDnsTwinIn(model, target.pattern, vpc.id);
    if (twin) {
      const why = `${twin.earlier.endpoint.id} already has private DNS for ${target.name} in ${vpcName(vpc.id)}, and only one endpoint per service and VPC can have it`;
      t.hop(twin.twin.endpoint.id, 'endpoint', 'unknown', `${twin.twin.endpoint.id} cannot be created as written: ${why}`);
      return t.done('unknown', `the ${target.name} endpoint ${twin.twin.endpoint.id} cannot be created as written (${why}); the path depends on how it is fixed`);
    }
    // An endpoint that does not answer this Region's names (a cross-Region one for another) leaves no doubt here.
    const doubtful = here.find((e) => e.regionDoubt && !refuses(answersRegion(e, options.region?.target, options.region?.assume)));
    if (doubtful?.regionDoubt) {
      t.hop(doubtful.id, 'endpoint', 'unknown', `${doubtful.id}: ${doubtful.regionDoubt.why}`);
      return t.done('unknown', `whether the ${target.name} endpoint ${doubtful.id} can serve this VPC is not known (decided by ${doubtful.regionDoubt.decides})`);
    }
  }
  // Where the name resolves decides everything after: an endpoint's interfaces, or public addresses.
  const dns = target.kind === 'service' ? resolveName(model, vpc, target.pattern, target.name, options.region) : undefined;
  for (const fix of dns?.fixes ?? []) {
    if (fix.kind === 'enable-private-dns') {
      // Private DNS needs the VPC's DNS attributes: the change turns on those that are off too (as VPCE5003's fix does).
      const vpcOff = fix.vpc && fix.vpcOff ? { vpc: fix.vpc, attributes: fix.vpcOff.map((a) => t.words.prop(VPC_DNS_PROPERTY[a])) } : undefined;
      t.suggest({ kind: 'enable-private-dns', resource: fix.endpoint, message: `turn on private DNS for ${fix.endpoint}${vpcOff ? ` and ${vpcOff.attributes.join(' and ')} on ${vpcOff.vpc}` : ''} so that the default ${to} name resolves to it`, data: { endpoint: fix.endpoint, ...(vpcOff ? { vpcDns: vpcOff } : {}) } });
    }
    else {
      // Only the attributes that are off: EnableDnsSupport is on by default and must not be asked for.
      // In the author's words, the data too (each format's edit reads its own names).
      const names = fix.attributes.map((a) => t.words.prop(VPC_DNS_PROPERTY[a]));
      t.suggest({ kind: 'enable-vpc-dns', resource: fix.vpc, message: `turn on ${names.join(' and ')} on ${fix.vpc} so that private DNS of ${fix.endpoint} works`, data: { vpc: fix.vpc, attributes: names } });
    }
  }
  // Another Region's name that no endpoint here answers goes to that Region's public addresses: the model's gateway
  // endpoints, prefix lists and private zones are the VPC's own Region's, so that path is not followed.
  const foreign = options.region?.target !== undefined && options.region.target !== options.region.assume ? options.region : undefined;
  if (foreign && dns && !dns.endpoint && dns.decision !== 'unknown') {
    const reason = `${vpc.id} is in ${foreign.assume}, and no interface endpoint in it answers the ${foreign.target} ${target.kind === 'service' ? target.name : to} names (a cross-Region endpoint with ${t.words.prop('ServiceRegion')} ${foreign.target} and private DNS would): the name resolves to ${foreign.target}'s public addresses, a path the trace does not follow${dns.diverted ? ` (${dns.reason})` : ''}`;
    t.hop(dns.about, 'DNS', 'unknown', reason);
    return t.done('unknown', reason);
  }
  // Where the name goes is not known: so is everything after it (the groups' and ACLs' peer too).
  if (dns?.decision === 'unknown' && !dns.endpoint) {
    t.hop(dns.about, 'DNS', 'unknown', dns.reason);
    return t.done('unknown', dns.reason);
  }
  const named = dns?.endpoint;
  // An endpoint whose IP address type is not known has one its subnets fit: one verdict only when each
  // of those takes the client the same way (model/endpoint-family.ts).
  const typed = named ? oneIpType(model, named, source.subnet) : undefined;
  if (named && typed === undefined) {
    const reason = `${named.id}'s IP address type is known only at deploy time (decided by ${ipTypeDecides(named)}): ${endpointIpTypes(model, named).join(' and ')} both fit its subnets, and which one it has decides how clients in ${source.subnet.id} reach its name`;
    t.hop(named.id, 'address family', 'unknown', reason);
    return t.done('unknown', reason);
  }
  const endpoint = typed;
  // An IPv6-only client reaches an IPv4-only endpoint at the 64:ff9b:: address DNS64 makes (trace/nat64-endpoint.ts).
  const mismatch = endpoint ? familyMismatch(endpoint, source.subnet, source.noIpv6) : undefined;
  const peerOf = (nat64: boolean): Peer => (endpoint && !nat64 ? endpointPeer(model, endpoint, source) : target.kind === 'cidr' ? cidrPeer(target.text) : { kind: 'public' });

  // The family decides the routes, rules and ACL entries a routed flow meets (trace/routed6.ts).
  const routed = endpoint ? undefined : waysOf(source.subnet, target, source.noIpv6);
  if (routed?.none) {
    t.hop(source.subnet.id, 'address family', 'block', routed.none);
    return t.done('blocked', routed.none);
  }
  if (endpoint && mismatch && mismatch !== 'nat64') {
    t.hop(endpoint.id, 'address family', mismatch.decision, mismatch.reason);
    return t.done(mismatch.decision === 'block' ? 'blocked' : 'unknown', mismatch.reason);
  }
  // One family for each way: the security groups and network ACLs judge the flow the client makes. A
  // dual-stack subnet's client may take either family to a name (trace/routed6.ts dualWays): each is
  // traced from here, and one answer is given only when they agree.
  const go = (t: Tracer, flow: Family, ways: Way[], viaNat64 = false): TraceResult => {
    // The ports the service is reached on (SES's SMTP interface is not HTTPS): any one of them carries the call.
    const ports = target.kind === 'service' ? servicePorts(target.pattern) : [HTTPS];
    const peer = peerOf(viaNat64);
    if (source.groups) {
      const family = flow;
      // An endpoint's interfaces are in its subnets' and VPC's address ranges, whatever values those take;
      // reached through NAT64, the address is a 64:ff9b::/96 one, in none of the VPC's IPv6 ranges.
      const within = endpoint ? endpointRangeIdentities(model, endpoint, 'ipv4') : undefined;
      const within6 = endpoint && !viaNat64 ? endpointRangeIdentities(model, endpoint, 'ipv6') : undefined;
      const sg = admitsAny(model, source.groups, 'egress', { range: peer.kind === 'range' ? peer.range : undefined, cover: 'all', public: peer.kind === 'public', ...(peer.kind === 'public' && target.kind !== 'cidr' ? { publicOnly: true } : {}), ...(peer.kind === 'public' && target.kind === 'service' ? { service: target.pattern, label: endpoint && viaNat64 ? `${endpoint.id}'s address through NAT64` : `${target.name}'s public addresses` } : {}), groups: endpoint && !viaNat64 ? endpointGroups(model, endpoint).ids : undefined, family, ...(within ? { within } : {}), ...(within6 ? { within6 } : {}) }, ports);
      if (t.hop(source.groups[0] ?? from, 'security group egress', sg.decision, sg.reason) === 'block') return t.done('blocked', `blocked by the security group egress rules: ${sg.reason}`);
    }
    if (endpoint && !viaNat64 && withinSubnet(endpoint, source.subnet)) {
      t.hop(source.subnet.id, 'network ACL', 'pass', `${endpoint.id}'s interface is in ${source.subnet.id} itself: network ACLs are evaluated as traffic enters and leaves a subnet, not as it is routed within one`);
    } else {
      if (naclHop(t, source.subnet, true, peer, { any: ports }, 'network ACL out', flow) === 'block') return t.done('blocked', `blocked by the network ACL of subnet ${source.subnet.id} (outbound)`);
      if (naclHop(t, source.subnet, false, peer, EPHEMERAL, 'network ACL in (return traffic)', flow) === 'block') return t.done('blocked', `the network ACL of subnet ${source.subnet.id} drops the return traffic on ephemeral ports`);
    }

    let dnsHop: number | undefined;
    if (dns) {
      // A name that misses the service's endpoint is no pass: a note now, the failing hop if the path then fails.
      const decision = t.hop(dns.about, 'DNS', dns.diverted ? 'note' : dns.decision, dns.reason);
      dnsHop = t.hops.length - 1;
      if (dns.diverted) t.diverted = dnsHop;
      else if (endpoint) t.decisive = dnsHop;
      if (decision === 'unknown') return t.done('unknown', dns.reason);
    }
    if (endpoint) return viaNat64 ? nat64Endpoint(t, source, endpoint, options, vpc) : interfacePath(t, source, endpoint, options, vpc);
    return followWays(t, source, target, ways, (tt, way) => openWorld(routedPath(tt, source, vpc, target, options, way), unseenEndpoint(model, vpc, target), dnsHop));
  };
  if (endpoint) {
    if (mismatch === 'nat64') return go(t, 'ipv6', [], true);
    const family = flowFamily(endpoint, source.subnet);
    // A dual-stack client with DNS64 on its subnet gets a 64:ff9b:: address for an endpoint name with A records only, and prefers it.
    if (family === 'ipv4' && knownValue(source.subnet.hasIpv6) !== false && knownValue(source.subnet.dns64) !== false) return endpointDns64(t, source, (tt, nat64) => go(tt, nat64 ? 'ipv6' : 'ipv4', [], nat64));
    return go(t, family, []);
  }
  const ways = routed!.ways;
  if (ways.includes('ipv4') && ways.includes('ipv6')) return dualWays(t, source, target, (tt, way) => go(tt, way === 'ipv4' ? 'ipv4' : 'ipv6', [way]));
  return go(t, routedFamily(ways), ways);
}

function resolveSource(t: Tracer, from: string): Source | string {
  const { model } = t;
  const absent = model.absent.get(from);
  if (absent) return `${from} does not exist in this deployment (condition ${absent} is false)`;
  const subnet = model.subnets.get(from);
  if (subnet) {
    t.sourceCondition = subnet.condition;
    t.hop(from, 'subnet', subnet.maybe ? 'unknown' : 'pass', subnet.maybe ? existsOnlyWhen(from, subnet.maybe) : `traffic starts in subnet ${from}${subnet.cidr.known ? '' : knownValue(subnet.hasIpv4) === false ? ' (IPv6-only)' : ' (address range unknown)'}; security groups depend on the workload`);
    // A subnet's default is no public IP, but a workload in it may have one (an Elastic IP, an
    // internet-facing load balancer, AssociatePublicIpAddress): only a default of "yes" decides it.
    const ip = subnet.mapPublicIp;
    if (ip.known && ip.value) return { id: from, subnet, groups: undefined, publicIp: true };
    // Unknown: the answer names the value that decides whether the subnet gives one.
    return { id: from, subnet, groups: undefined, publicIp: undefined, publicIpWhy: ip.known ? ` (if the workload has a public IP address: ${from} gives none by default, but an Elastic IP, a public load balancer or an instance that asks for one has it)` : ` (if the source has a public IP address: whether ${from} gives one by default is decided by ${ip.decides})` };
  }
  const w = model.workloads.get(from);
  if (!w) {
    if (model.spans.has(from)) return `${from} is not a subnet or a workload with a network configuration`;
    const type = model.others?.get(from);
    return type ? `${from} (${type}) is not a subnet or a workload whose network configuration the trace reads` : `${from} is not a resource of ${t.words.here}`;
  }
  t.sourceCondition = w.condition;
  const first = tracedSubnet(model, w);
  if (!first) return w.subnets.complete ? `the subnets of ${from} are not defined in ${t.words.here}` : `the subnets of ${from} are known only at deploy time (decided by ${w.subnets.decides})`;
  const more = w.subnets.items.length > 1 || !w.subnets.complete ? ` (traced from the first of its ${w.subnets.complete ? w.subnets.items.length : 'several'} subnets)` : '';
  // A workload that sends no IPv6 traffic (a Lambda function without Ipv6AllowedForDualStack) takes the
  // IPv4 way from a dual-stack subnet, whatever addresses a name has: the subnet as its flows see it.
  const v6Off = w.ipv6?.known && !w.ipv6.value && knownValue(first.hasIpv4) === true && knownValue(first.hasIpv6) !== false;
  const noIpv6 = v6Off ? `${w.kind} ${from} sends no IPv6 traffic (its ${t.words.prop('Ipv6AllowedForDualStack')} is not true)` : undefined;
  const seen: Subnet = v6Off ? { ...first, hasIpv6: known(false, w.ipv6!.at ?? first.at) } : first;
  t.hop(from, w.kind, w.maybe ? 'unknown' : 'pass', w.maybe ? existsOnlyWhen(from, w.maybe) : `${w.kind} ${from} runs in subnet ${first.id}${more}${noIpv6 ? `; ${noIpv6}, so it goes over IPv4 only` : ''}`);
  // With none written, an instance or a task is in its VPC's default group (model/default-group.ts).
  const groups = groupsInEffect(model, from, w.securityGroups, w.defaultGroup === true, first.vpc);
  if (groups.why) t.hop(from, 'security group egress', 'unknown', groups.why);
  const ip = w.publicIp === 'subnet' ? first.mapPublicIp : w.publicIp;
  return { id: from, subnet: seen, groups: groups.ids, publicIp: ip.known ? ip.value : undefined, ...(noIpv6 ? { noIpv6 } : {}) };
}

// A VPC the template only names (a parameter, an import, an id): its range and DNS attributes are
// unknown, so whatever rests on them stays unknown, but routes and endpoints of the template still count.
function outsideVpc(id: string, at: Span, here: string): Vpc {
  const name = id.replace(/^(parameter|import) /, 'the VPC of $1 ');
  const why = `${name} is outside ${here}`;
  return { id, at, cidr: unknownFact(why, id), cidrText: undefined, moreCidrs: true, dnsSupport: unknownFact(why, id), dnsHostnames: unknownFact(why, id), ipv6: unknownFact(why, id) };
}

/**
 * The endpoint's only subnet is the client's: the flow never leaves the subnet, so no network ACL judges it
 * (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html). With interfaces in other subnets too,
 * the client may use one of those, and the ACLs are judged as before.
 */
function withinSubnet(e: Endpoint, subnet: Subnet): boolean {
  return e.subnets.complete && e.subnets.items.length > 0 && e.subnets.items.every((i) => i.id === subnet.id);
}

function endpointSubnets(model: NetworkModel, e: Endpoint): Subnet[] {
  return e.subnets.items.map((i) => model.subnets.get(i.id)).filter((s): s is Subnet => Boolean(s));
}

/** An interface endpoint's groups: the ones written, else its VPC's default group. */
function endpointGroups(model: NetworkModel, e: Endpoint) {
  return groupsInEffect(model, e.id, e.securityGroups, true, e.vpc);
}

export function endpointPeer(model: NetworkModel, e: Endpoint, source: Source): Peer {
  const subnets = endpointSubnets(model, e);
  const same = subnets.find((s) => sameZone(s, source.subnet) === true) ?? subnets[0];
  // The endpoint's interfaces are in the VPC even where their range is not known.
  if (same?.cidr.known) return { kind: 'range', range: same.cidr.value };
  return { kind: 'unknown', ...(same && !same.cidr.known ? { why: same.cidr.why } : {}) };
}

function cidrPeer(text: string): Peer {
  const range = parseIpv4Cidr(text);
  return range ? { kind: 'range', range } : { kind: 'public' };
}

/**
 * The family of the addresses an endpoint's default (private DNS) name resolves to: its IpAddressType's; a
 * dualstack endpoint's per DnsRecordIpType: ipv4 and service-defined give that name A records only
 * (service-defined adds AAAA records to the Regional and zonal endpoint names alone), ipv6 AAAA only,
 * dualstack (or not set) both.
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.VpcEndpointDnsRecordIpType.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html
 */
function namesFamily(e: Endpoint): Family {
  const family = familyOf(e.ipAddressType.known ? e.ipAddressType.value : undefined);
  if (family !== 'dualstack') return family;
  const records = e.dnsRecordIpType?.known ? e.dnsRecordIpType.value : undefined;
  return records === 'ipv4' || records === 'service-defined' ? 'ipv4' : records === 'ipv6' ? 'ipv6' : family;
}

/**
 * The address families a client reaches an endpoint's name over: those its records hold (namesFamily);
 * with both, over IPv4 from a subnet without IPv6, over IPv6 from an IPv6-only subnet (its clients have no
 * IPv4 address), else over either (the client chooses). The security groups and network ACLs of the path
 * judge this family.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
 * https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html (IPv6-only subnets)
 */
export function flowFamily(e: Endpoint, subnet: Subnet): Family {
  const family = namesFamily(e);
  if (family !== 'dualstack') return family;
  return knownValue(subnet.hasIpv6) === false ? 'ipv4' : knownValue(subnet.hasIpv4) === false ? 'ipv6' : family;
}

/**
 * A client with no address of the family the endpoint's name resolves to: a subnet without IPv6 and a name
 * with IPv6 addresses only (nothing reaches it); an IPv6-only subnet and a name with IPv4 addresses only,
 * reached only through DNS64 and NAT64: blocked without DNS64, else 'nat64' (trace/nat64-endpoint.ts).
 * https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
 * https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html
 */
function familyMismatch(e: Endpoint, subnet: Subnet, noIpv6?: string): { decision: 'block' | 'unknown'; reason: string } | 'nat64' | undefined {
  const names = namesFamily(e);
  const why = (f: string) => (e.ipAddressType.known && e.ipAddressType.value === f ? `IP address type ${f}` : `DNS record IP type ${e.dnsRecordIpType?.known ? e.dnsRecordIpType.value : f}`);
  if (names === 'ipv6' && knownValue(subnet.hasIpv6) === false) return { decision: 'block', reason: `${e.id}'s name has IPv6 addresses only (${why('ipv6')}) and ${noIpv6 ? `${noIpv6}: it cannot reach it` : `subnet ${subnet.id} has no IPv6 range: its clients cannot reach it`}` };
  if (names !== 'ipv4' || knownValue(subnet.hasIpv4) !== false) return undefined;
  if (knownValue(subnet.dns64) === false) return { decision: 'block', reason: `${e.id}'s name has IPv4 addresses only (${why('ipv4')}) and subnet ${subnet.id} is IPv6-only, without DNS64: its clients get no address they can reach` };
  return 'nat64';
}

/** The ports an endpoint's clients reach it on: its service's (servicePorts), HTTPS while the service is not known. */
export function endpointPorts(e: Endpoint): readonly number[] {
  return e.service.known ? servicePorts(e.service.value) : [HTTPS];
}

export function naclHop(t: Tracer, subnet: Subnet, egress: boolean, peer: Peer, ports: [number, number] | { any: readonly number[] }, kind: string, family: Family = 'ipv4'): Decision {
  if (!subnet.nacl.known) return t.hop(subnet.id, kind, 'unknown', subnet.nacl.why);
  // The VPC's default network ACL (no association, or one to !GetAtt Vpc.DefaultNetworkAcl) allows all
  // traffic, unless the template adds entries to it.
  const acl = subnet.nacl.value;
  const defaultOf = acl === null ? (subnet.vpc.known ? subnet.vpc.value : undefined) : !t.model.nacls.has(acl) && t.model.vpcs.has(acl) ? acl : undefined;
  const added = defaultOf !== undefined ? t.model.defaultNaclEntries?.get(defaultOf) : undefined;
  if (acl === null && !added) return 'pass';
  const nacl = added ? { id: defaultOf!, entries: defaultAclEntries(added, t.model.spans.get(defaultOf!) ?? { start: 0, end: 0 }), complete: true, open: undefined } : defaultOf !== undefined ? undefined : t.model.nacls.get(acl!);
  if (defaultOf !== undefined && !added) return 'pass';
  if (!nacl) return t.hop(subnet.id, kind, 'unknown', `the network ACL is not defined in ${t.words.here}`);
  // A service served on several ports is reached on any one of them (servicePorts): the best verdict of its ports.
  const ranges: [number, number][] = Array.isArray(ports) ? [ports as [number, number]] : (ports as { any: readonly number[] }).any.map((p) => [p, p]);
  const what = ranges.length > 1 ? `TCP on any of ${ranges.map((r) => r[0]).join(', ')}` : ranges[0]![0] === ranges[0]![1] ? `TCP ${ranges[0]![0]}` : `TCP ${ranges[0]![0]}-${ranges[0]![1]}`;
  const judge = (f: 'ipv4' | 'ipv6') => {
    const verdicts = ranges.map((r) => evaluateNacl(nacl.entries, nacl.complete, egress, peer, r, f, nacl.open));
    return verdicts.find((v) => v.decision === 'allow') ?? verdicts.find((v) => v.decision === 'unknown') ?? verdicts[0]!;
  };
  if (family !== 'dualstack') {
    const v = judge(family);
    return t.hop(nacl.id, kind, decisionOf(v.decision), `${what}${family === 'ipv6' ? ' over IPv6' : ''}: ${v.reason}`);
  }
  // Either family may carry it: one answer only when both agree.
  const v4 = judge('ipv4');
  const v6 = judge('ipv6');
  const decision: Decision = v4.decision === v6.decision ? decisionOf(v4.decision) : 'unknown';
  const reason = v4.decision === v6.decision && v4.decision !== 'unknown' ? `${what} over IPv4 and IPv6: ${v4.reason}; ${v6.reason}` : `${what} over IPv4: ${v4.reason}; over IPv6: ${v6.reason}; the dualstack endpoint's clients may use either`;
  return t.hop(nacl.id, kind, decision, reason);
}

/**
 * The endpoint as the path reads it: as it is when its IP address type is written; with the one type its
 * subnets fit, or one of several that all take the client the same way, when the type is not known;
 * undefined when the type decides the way.
 */
function oneIpType(model: NetworkModel, e: Endpoint, subnet: Subnet): Endpoint | undefined {
  if (e.ipAddressType.known) return e;
  const ways = endpointIpTypes(model, e).map((type) => {
    const as: Endpoint = { ...e, ipAddressType: known(type, e.ipAddressType.at) };
    const m = familyMismatch(as, subnet);
    return { as, way: `${typeof m === 'object' ? m.decision : (m ?? '')} ${flowFamily(as, subnet)}` };
  });
  return ways.length && ways.every((w) => w.way === ways[0]!.way) ? ways[0]!.as : undefined;
}

function decisionOf(d: 'allow' | 'deny' | 'unknown'): Decision {
  return d === 'allow' ? 'pass' : d === 'deny' ? 'block' : 'unknown';
}

export function interfacePath(t: Tracer, source: Source, e: Endpoint, options: TraceOptions, vpc: Vpc): TraceResult {
  const { model } = t;
  const id = e.id;
  const table = source.subnet.routeTable.known && source.subnet.routeTable.value ? source.subnet.routeTable.value : source.subnet.id;
  // A private hosted zone may send the name to an endpoint in another VPC (a shared-services VPC): no local route reaches it.
  if (!e.vpc.known) {
    t.hop(id, 'route', 'unknown', `whether ${id} is in ${source.subnet.id}'s VPC, where the local route reaches it, is known only at deploy time: ${e.vpc.why}`);
    return t.done('unknown', `the VPC of ${id} is known only at deploy time (decided by ${e.vpc.decides})`);
  }
  if (e.vpc.value !== vpc.id) {
    if (otherVpc(model, e.vpc.value, vpc.id)) return remoteEndpoint(t, source, e, vpc, options);
    // Two names (a parameter, an id) that may be one VPC.
    t.hop(id, 'route', 'unknown', `${id} is in ${vpcName(e.vpc.value)} and ${source.subnet.id} in ${vpcName(vpc.id)}: whether they are one VPC, where the local route reaches the endpoint, is known only at deploy time`);
    return t.done('unknown', `whether ${id} is in ${source.subnet.id}'s VPC is known only at deploy time`);
  }
  t.hop(table, 'route', 'pass', `the endpoint's addresses are in the VPC: the local route carries the traffic`);
  // An endpoint without security groups is in its VPC's default group (model/default-group.ts).
  const inEffect = endpointGroups(model, e);
  const groups = inEffect.ids ?? [];
  const ports = endpointPorts(e);
  const https = httpsOnly(ports);
  if (inEffect.why) {
    t.hop(id, 'endpoint security group in', 'unknown', inEffect.why);
  } else if (groups.length) {
    const family = flowFamily(e, source.subnet);
    const within = subnetRangeIdentities(model, source.subnet, 'ipv4');
    const within6 = subnetRangeIdentities(model, source.subnet, 'ipv6');
    const sg = admitsAny(model, groups, 'ingress', { range: sourceRange(model, source.subnet), cover: 'all', groups: source.groups, family, label: source.id, within, within6, ...(source.subnet.cidr.known ? {} : { rangeWhy: source.subnet.cidr.why }) }, ports);
    if (t.hop(groups[0]!, 'endpoint security group in', sg.decision, sg.reason) === 'block') {
      // The suggestion (and its fix) writes an HTTPS rule: no help to a service served on other ports.
      if (!https) return t.done('blocked', `the endpoint's security groups do not admit ${shortName(e.service.known ? e.service.value : '')}'s ports from ${source.id}: ${sg.reason}`);
      t.suggest({ kind: 'allow-https', resource: groups[0]!, message: `allow inbound TCP 443 from the VPC on ${groups.join(', ')}`, data: { securityGroups: groups } });
      return t.done('blocked', `the endpoint's security groups do not admit HTTPS from ${source.id}: ${sg.reason}`);
    }
  }
  const subnets = endpointSubnets(model, e);
  const local = subnets.find((s) => sameZone(s, source.subnet) === true);
  const endpointSubnet = local ?? subnets[0];
  // Subnets not known here (a member under an undecided condition, a parameter) may hold the interface in
  // the client's zone, or be the client's own subnet: a known one elsewhere is not surely where it goes.
  const unsure = !local && !e.subnets.complete ? `${id}'s subnets are not all known (${e.subnets.why ?? 'decided at deploy time'}): the interface in ${source.subnet.id}'s zone may be in another subnet` : undefined;
  if (!local && !unsure && subnets.length && subnets.every((s) => sameZone(s, source.subnet) === false)) {
    t.hop(id, 'Availability Zone', 'note', `${id} has no subnet in ${source.subnet.id}'s zone: traffic crosses zones (latency and inter-AZ data charges)`);
  }
  const flow = flowFamily(e, source.subnet);
  // Over IPv6 the client's IPv4 range does not matter (only ::/0 entries decide). A client whose range is
  // not known is judged too: an ACL that drops HTTPS from everyone drops it, one that admits some ranges
  // leaves the answer unknown (skipping the hop called a dropped path private).
  if (endpointSubnet && !withinSubnet(e, source.subnet)) {
    const from: Peer = source.subnet.cidr.known ? { kind: 'range', range: source.subnet.cidr.value } : { kind: 'unknown', why: source.subnet.cidr.why };
    const dropped = (what: string) => {
      if (!unsure) return t.done('blocked', `the network ACL of endpoint subnet ${endpointSubnet.id} drops ${what}`);
      const hop = t.hops[t.hops.length - 1]!;
      Object.assign(hop, { decision: 'unknown', reason: `${hop.reason}; but ${unsure}` });
      return t.done('unknown', `the network ACL of endpoint subnet ${endpointSubnet.id} drops ${what}, but ${unsure}`);
    };
    if (naclHop(t, endpointSubnet, false, from, { any: ports }, 'endpoint network ACL in', flow) === 'block') return dropped(https ? 'inbound HTTPS' : `inbound TCP on the service's ports (${ports.join(', ')})`);
    if (naclHop(t, endpointSubnet, true, from, EPHEMERAL, 'endpoint network ACL out (return traffic)', flow) === 'block') return dropped('the return traffic on ephemeral ports');
  }
  return throughEndpoint(t, e, options, `stays on the AWS network through interface endpoint ${id}`);
}

/**
 * An interface endpoint in another VPC than the source's, whose name a private hosted zone of the
 * source's VPC gives (centralised endpoints in a shared-services VPC): the traffic takes the source's
 * route to the endpoint's addresses, through a transit gateway or a peering connection whose route
 * tables (and the way back) the trace does not follow.
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
 */
function remoteEndpoint(t: Tracer, source: Source, e: Endpoint, vpc: Vpc, options: TraceOptions): TraceResult {
  const where = `${e.id} is in ${vpcName(e.vpc.known ? e.vpc.value : '')}, not in ${source.subnet.id}'s VPC`;
  const subnets = endpointSubnets(t.model, e);
  const subnet = subnets.find((s) => sameZone(s, source.subnet) === true) ?? subnets[0];
  const range = subnet?.cidr.known ? rangeText(subnet.cidr.value) : e.vpc.known ? t.model.vpcs.get(e.vpc.value)?.cidrText : undefined;
  if (!range) {
    t.hop(e.id, 'route', 'unknown', `${where}, and its addresses are known only at deploy time: which route reaches them cannot be told`);
    return t.done('unknown', `${where}; its addresses are known only at deploy time`);
  }
  const r = routedPath(t, source, vpc, { kind: 'cidr', text: range }, options);
  if (r.verdict === 'private') {
    // The endpoint's range inside the source VPC's own: the local route keeps the traffic from it.
    t.hop(e.id, 'route', 'unknown', `${where}, but its range ${range} is inside the source VPC's: the local route keeps the traffic in ${vpcName(vpc.id)}`);
    return t.done('unknown', `${where}, in an overlapping address range`);
  }
  return { ...r, summary: `${where}: ${r.summary}` };
}

export function throughEndpoint(t: Tracer, e: Endpoint, options: TraceOptions, summary: string): TraceResult {
  t.uses(e);
  if (e.maybe) t.hop(e.id, 'endpoint', 'unknown', existsOnlyWhen(e.id, e.maybe));
  const doc = e.policy();
  if (!doc) {
    t.hop(e.id, 'endpoint policy', 'pass', 'no policy: the default policy allows full access');
    return t.done('private', summary);
  }
  const outcome = evaluatePolicy(doc, options.action);
  t.policy = outcome.decision;
  const decision: Decision = outcome.decision === 'denied' ? 'block' : outcome.decision === 'unknown' ? 'unknown' : outcome.decision === 'restricted' ? 'note' : 'pass';
  t.hop(e.id, 'endpoint policy', decision, outcome.reason);
  if (outcome.decision === 'denied') return t.done('blocked', `network reachable, policy denied: ${outcome.reason}`);
  if (outcome.decision === 'unknown') return t.done('unknown', `network reachable through ${e.id}; ${outcome.reason}`);
  return t.done('private', summary);
}

/**
 * A subnet's addresses, or when they are not known, the one CIDR of its VPC that holds them: EC2 puts a
 * subnet's range inside its VPC's (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html),
 * so what admits the whole VPC CIDR admits the subnet, and what is apart from it admits none of it.
 */
function sourceRange(model: NetworkModel, subnet: Subnet): Ipv4Range | undefined {
  if (subnet.cidr.known) return subnet.cidr.value;
  const vpc = subnet.vpc.known ? model.vpcs.get(subnet.vpc.value) : undefined;
  return vpc && vpc.cidr.known && !vpc.moreCidrs ? vpc.cidr.value : undefined;
}

/** The endpoint surely does not answer the Region's names asked for. */
function refuses(fit: RegionFit): boolean {
  return 'answers' in fit && !fit.answers;
}

/** The subnet a workload's traffic is traced from: the first of its subnets the model holds. */
export function tracedSubnet(model: NetworkModel, w: Workload): Subnet | undefined {
  return w.subnets.items.map((s) => model.subnets.get(s.id)).find((s): s is Subnet => Boolean(s));
}
