// Where a service's default name resolves inside a VPC, answered once for the rules and the trace:
// to an interface endpoint with private DNS (when the VPC has DNS support and DNS hostnames), or to
// the service's public addresses.
// https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns
// https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support

import { factBranches, type Endpoint, type Fact, type LatticeDns, type NetworkModel, type PrivateZone, type Vpc } from './types.js';
import { serviceByPattern, shortName } from '../data/catalogue.js';
import { isRegionShaped } from '../data/regions.js';
import { endpointsMaybeFor } from './by-service.js';
import { defaultHost, redirectFor, zoneDepth } from './dns-redirects.js';
import { answersRegion } from './cross-region.js';

export interface VpcDns {
  /** The attributes that are off: 'support' (enableDnsSupport), 'hostnames' (enableDnsHostnames). */
  off: ('support' | 'hostnames')[];
  /** An attribute known only at deploy time. */
  unknown?: { why: string; decides: string };
}

export function vpcDns(vpc: Vpc): VpcDns {
  const out: VpcDns = { off: [] };
  for (const [attr, f] of [['support', vpc.dnsSupport], ['hostnames', vpc.dnsHostnames]] as const) {
    if (!f.known) out.unknown ??= { why: f.why, decides: f.decides };
    else if (!f.value) out.off.push(attr);
  }
  return out;
}

/** `attributes`: only the VPC's DNS attributes that are off (a suggestion never asks for what is already on). */
/** enable-private-dns `vpcOff`: the VPC's DNS attributes that are off too (private DNS needs them: one change turns on all). */
export type NameFix = { kind: 'enable-private-dns'; endpoint: string; vpc?: string; vpcOff?: ('support' | 'hostnames')[] } | { kind: 'enable-vpc-dns'; vpc: string; endpoint: string; attributes: ('support' | 'hostnames')[] };

export interface NameAnswer {
  /** The interface endpoint the default name resolves to; undefined: the public addresses. */
  endpoint?: Endpoint;
  decision: 'pass' | 'unknown';
  reason: string;
  /** The resource the answer is about (for a hop). */
  about: string;
  fixes: NameFix[];
  /**
   * An interface endpoint for this service in this VPC exists, but the default name does not resolve
   * to it (its private DNS is off, or the VPC's DNS is): the path goes for the public addresses.
   */
  diverted?: true;
}

/**
 * Which Region's name is asked for: `target` a Region the user named (com.amazonaws.us-east-1.ecr.api; undefined:
 * the VPC's own), `assume` the Region the trace takes the VPC to be in (one of several the stack deploys to).
 */
export interface NameRegion {
  target?: string;
  assume?: string;
}

export function resolveName(model: NetworkModel, vpc: Vpc, pattern: string, name: string, at?: NameRegion): NameAnswer {
  const answer = resolverAnswer(model, vpc, pattern, name, at);
  if (!model.dnsRedirects) return answer;
  // Resolver rules (and DHCP servers) come before the answer Resolver would give; a private zone more
  // specific than a rule's domain still answers.
  const zone = answer.endpoint && answer.about === answer.endpoint.id ? defaultHost(pattern) : model.privateZones.get(answer.about)?.name;
  const depth = zone === undefined ? 0 : typeof zone === 'string' ? zoneDepth(zone) : zone.known ? zoneDepth(zone.value) : Infinity;
  const redirect = redirectFor(model, vpc, pattern, name, vpcDns(vpc).off.includes('support') ? Infinity : depth);
  return redirect ? { decision: 'unknown', reason: redirect.reason, about: redirect.about, fixes: [] } : answer;
}

/** The answer of the VPC's own resolver (Route 53 Resolver): private DNS, a private hosted zone, public DNS. */
function resolverAnswer(model: NetworkModel, vpc: Vpc, pattern: string, name: string, at?: NameRegion): NameAnswer {
  const fixes: NameFix[] = [];
  let some = false;
  for (const e of endpointsMaybeFor(model, pattern)) {
    if (e.broken) continue;
    const doubt = doubtful(e, vpc.id, pattern, at);
    if (doubt === 'no') continue;
    if (doubt) {
      if (e.privateDns.known && !e.privateDns.value) continue;
      return { decision: 'unknown', reason: `whether interface endpoint ${e.id} answers the ${name} name in ${vpc.id} is known only at deploy time: ${doubt}`, about: e.id, fixes };
    }
    some = true;
    if (!e.privateDns.known) return unknownAnswer(e, e.privateDns, fixes);
    if (!e.privateDns.value) {
      const off = vpcDns(vpc).off;
      fixes.push({ kind: 'enable-private-dns', endpoint: e.id, ...(off.length ? { vpc: vpc.id, vpcOff: off } : {}) });
      continue;
    }
    const dns = vpcDns(vpc);
    if (dns.off.length) {
      fixes.push({ kind: 'enable-vpc-dns', vpc: vpc.id, endpoint: e.id, attributes: dns.off });
      return { decision: 'pass', reason: `${e.id} has private DNS, but VPC ${vpc.id} lacks DNS ${dns.off.join(' and DNS ')}, so the name resolves to the public endpoint`, about: e.id, fixes, diverted: true };
    }
    if (dns.unknown) return { decision: 'unknown', reason: `the DNS attributes of VPC ${vpc.id} are known only at deploy time: ${dns.unknown.why}`, about: vpc.id, fixes };
    if (!e.privateDnsInboundOnly.known) return unknownAnswer(e, e.privateDnsInboundOnly, fixes);
    if (e.privateDnsInboundOnly.value) {
      // S3: in-VPC clients keep the public name (and so the gateway endpoint); only on-premises clients use the interface endpoint.
      // AWS refuses the setting (AWS's default when DnsOptions leaves it) without a gateway endpoint for the service.
      const how = e.privateDnsInboundOnly.at && e.at && e.privateDnsInboundOnly.at.start === e.at.start ? ' (AWS\'s default when DnsOptions does not set it)' : '';
      if (!endpointsFor(model, vpc.id, 'Gateway', pattern).length && !mayHaveGateway(model, vpc.id, pattern)) {
        return { decision: 'pass', reason: `${e.id} answers private DNS for inbound resolver queries only${how}, which needs a gateway endpoint for ${name} in ${vpc.id}; there is none, so AWS rejects ${e.id} and the name resolves to public addresses`, about: e.id, fixes, diverted: true };
      }
      return { decision: 'pass', reason: `${e.id} answers private DNS for inbound resolver queries only${how}; inside the VPC the name resolves to public ${name} addresses`, about: e.id, fixes };
    }
    return { endpoint: e, decision: 'pass', reason: `private DNS of ${e.id} resolves the default ${name} name to its network interfaces`, about: e.id, fixes };
  }
  const zone = zoneFor(model, vpc, pattern);
  // No private DNS to suggest: AWS refuses it beside a zone of the same name ("conflicting DNS domain").
  if (zone) {
    if (!zone.name.known) {
      return { decision: 'unknown', reason: `private hosted zone ${zone.id} ${zone.vpcs.items.some((i) => i.id === vpc.id) ? 'is' : 'may be'} associated with ${vpc.id}, and its name is known only at deploy time (${zone.name.why}): if it is the default ${name} name or a domain above it, its records, not public DNS, answer the name there`, about: zone.id, fixes: [] };
    }
    const zoneName = zone.name.value.replace(/\$\{AWS::Region\}/gi, '<region>').replace(/\$\{AWS::URLSuffix\}/gi, 'amazonaws.com');
    const certain = zone.vpcs.items.some((i) => i.id === vpc.id) && !zone.maybe;
    const record = certain ? zoneRecordFor(model, zone, pattern) : undefined;
    // The zone answers only while the VPC's DNS attributes are on: one known only at deploy time decides.
    const dnsUnknown = record && vpcDns(vpc).unknown;
    if (dnsUnknown) return { decision: 'unknown', reason: `the DNS attributes of VPC ${vpc.id} are known only at deploy time (${dnsUnknown.why}), and private hosted zone ${zone.id} answers the ${name} name there only while they are on`, about: vpc.id, fixes: [] };
    if (record && !record.doubt) return { endpoint: record.endpoint, decision: 'pass', reason: `private hosted zone ${zone.id} (${zoneName}), associated with ${vpc.id}, answers ${record.name} with the DNS name of ${record.endpoint.id} (record ${record.id})`, about: zone.id, fixes: [] };
    // The record's endpoint may or may not be one for this service: what decides that is named.
    const doubt = record?.doubt ? `; record ${record.id} answers ${record.name} with the DNS name of ${record.endpoint.id}, which may not be an interface endpoint for ${name}: ${record.doubt}` : '';
    return { decision: 'unknown', reason: `private hosted zone ${zone.id} (${zoneName}) ${zone.vpcs.items.some((i) => i.id === vpc.id) ? 'is' : 'may be'} associated with ${vpc.id}: its records, not public DNS, answer the default ${name} name there${doubt}`, about: zone.id, fixes: [] };
  }
  const lattice = latticeFor(model, vpc, pattern);
  if (lattice) {
    const domains = !lattice.covers.known ? `domains not known here (${lattice.covers.why})` : lattice.covers.value === 'all' ? 'all custom domain names' : lattice.covers.value.map((d) => d.replace(/\$\{AWS::Region\}/gi, '<region>')).join(', ');
    return { decision: 'unknown', reason: `VPC Lattice ${lattice.id} gives ${vpc.id} private DNS for ${domains}: a resource of its service network whose custom domain name is the default ${name} name would answer it there, and whether the network holds one is not known from the template`, about: lattice.id, fixes: [] };
  }
  return { decision: 'pass', reason: `the default ${name} name resolves to its public addresses${some ? ' (the interface endpoint has no private DNS)' : ''}`, about: vpc.id, fixes, ...(some ? { diverted: true as const } : {}) };
}

/**
 * VPC Lattice private DNS of the VPC (model/types.ts LatticeDns) whose domains may hold the service's
 * default name: the name's labels, a region and amazonaws.com, under a `*.` wildcard or as written.
 */
export function latticeFor(model: NetworkModel, vpc: Vpc, pattern: string): LatticeDns | undefined {
  if (!model.latticeDns || vpcDns(vpc).off.length) return undefined;
  const labels = new Set(shortName(pattern).toLowerCase().split('.'));
  const holds = (domain: string): boolean => {
    const name = domain.toLowerCase().replace(/^\*\./, '').replace('${aws::urlsuffix}', 'amazonaws.com');
    if (name === '*') return true;
    if (name !== 'amazonaws.com' && !name.endsWith('.amazonaws.com')) return false;
    const rest = name.slice(0, -'amazonaws.com'.length).split('.').filter(Boolean);
    return rest.every((l) => labels.has(l) || l === '${aws::region}' || isRegionShaped(l));
  };
  return model.latticeDns.find((l) => l.vpc.known && l.vpc.value === vpc.id && !l.maybe && (!l.covers.known || l.covers.value === 'all' || l.covers.value.some(holds)));
}

/**
 * A private hosted zone of the template, associated (or maybe associated) with the VPC, whose name is
 * the service's default name or a domain above it (`ssm.us-east-1.amazonaws.com`, `amazonaws.com`):
 * the resolver then answers from the zone, a centralised endpoint's alias or nothing at all. Needs the
 * VPC's DNS support and DNS hostnames. A zone whose name is not known is not taken for one.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html
 */
export function zoneFor(model: NetworkModel, vpc: Vpc, pattern: string): PrivateZone | undefined {
  if (!model.privateZones.size || vpcDns(vpc).off.length) return undefined;
  // The default name is <service>.<region>.amazonaws.com, its labels in some order (api.ecr.…): a zone
  // made of those labels, a region and the domain covers it.
  const labels = new Set(shortName(pattern).toLowerCase().split('.'));
  // A name outside amazonaws.com (the console's) is covered by a zone that is it or a domain above it.
  const host = defaultHost(pattern);
  const elsewhere = host !== undefined && !host.endsWith('.amazonaws.com') ? host : undefined;
  for (const z of model.privateZones.values()) {
    if (z.vpcs.complete && !z.vpcs.items.some((i) => i.id === vpc.id)) continue;
    // A zone whose name is known only at deploy time may be the service's name or a domain above it,
    // unless the text its name ends with rules that out (`${var.env}.example.com`): it is taken for one,
    // and the answer names its name as what decides.
    if (!z.name.known) {
      if (host === undefined || mayCover(z.nameTail, host)) return z;
      continue;
    }
    const name = z.name.value.toLowerCase().replace('${aws::urlsuffix}', 'amazonaws.com');
    if (elsewhere) {
      const zone = name.replace(/\.$/, '').split('.').map((l) => (l === '${aws::region}' || isRegionShaped(l) ? '{region}' : l)).join('.');
      if (elsewhere === zone || elsewhere.endsWith(`.${zone}`)) return z;
      continue;
    }
    if (name !== 'amazonaws.com' && !name.endsWith('.amazonaws.com')) continue;
    const rest = name.slice(0, -'amazonaws.com'.length).split('.').filter(Boolean);
    if (rest.every((l) => labels.has(l) || l === '${aws::region}' || isRegionShaped(l))) return z;
  }
  return undefined;
}

/** Whether a zone whose name ends with `tail` (unknown before it) may be `host` or a domain above it. */
function mayCover(tail: string | undefined, host: string): boolean {
  if (!tail) return true;
  const t = tail.toLowerCase().replace(/\.$/, '');
  // A Region in the written tail: its labels stand for any Region's, as the host's {region} does.
  const pattern = t.split('.').map((l) => (l === '${aws::region}' || isRegionShaped(l) ? '{region}' : l)).join('.');
  const h = `.${host.toLowerCase()}`;
  return h.endsWith(pattern) || h.endsWith(pattern.replace(/^[^.]*/, ''));
}

/**
 * The zone's record that answers the service's default host name (defaultHost: `dkr.ecr.{region}.amazonaws.com`; a
 * `*.` record the names under it too, as `bucket.s3.…`) with an interface endpoint of that service: the
 * name then resolves to the endpoint's network interfaces. The first record for the host decides: one
 * naming anything else (or existing only under a condition) leaves the answer to the zone, unknown.
 */
function zoneRecordFor(model: NetworkModel, zone: PrivateZone, pattern: string): { id: string; name: string; endpoint: Endpoint; doubt?: string } | undefined {
  const host = defaultHost(pattern);
  if (!host) return undefined;
  const answers = (n: string | undefined) => n === host || (n !== undefined && n.startsWith('*.') && (n.slice(2) === host || host.endsWith(n.slice(1))));
  const record = zone.records.find((r) => answers(r.name));
  const e = record?.endpoint && !record.maybe ? model.endpoints.get(record.endpoint) : undefined;
  if (!record || !e || e.broken || (e.service.known && e.service.value !== pattern) || (e.type.known && e.type.value !== 'Interface')) return undefined;
  // Its service or type known only at deploy time: the record is the one, but whether it reaches the service is not known.
  const doubt = !e.service.known ? e.service.why : !e.type.known ? e.type.why : undefined;
  return { id: record.id, name: record.name!, endpoint: e, ...(doubt ? { doubt } : {}) };
}

function unknownAnswer(e: Endpoint, f: Fact<boolean>, fixes: NameFix[]): NameAnswer {
  return { decision: 'unknown', reason: f.known ? '' : `whether ${e.id} has private DNS is known only at deploy time: ${f.why}`, about: e.id, fixes };
}

/**
 * 'no': the endpoint is not an interface endpoint for this service in this VPC. undefined: it surely
 * is. A string: it may be, and why we cannot tell.
 */
function doubtful(e: Endpoint, vpc: string, pattern: string, at?: NameRegion): 'no' | string | undefined {
  if (e.type.known && e.type.value !== 'Interface') return 'no';
  if (e.service.known && e.service.value !== pattern) return 'no';
  // A conditional fact: no branch is an interface endpoint for this service.
  const none = <T>(f: Fact<T>, value: T) => !f.known && factBranches(f).length > 0 && factBranches(f).every((b) => b.value !== value);
  if (none(e.type, 'Interface') || none(e.service, pattern)) return 'no';
  if (e.vpc.known && e.vpc.value !== vpc) return 'no';
  if (!e.type.known) return e.type.why;
  if (!e.service.known) return e.service.why;
  if (!e.vpc.known) return e.vpc.why;
  if (e.maybe) return `${e.id} exists only when condition ${e.maybe} is true, which the deployment does not decide`;
  // A cross-Region endpoint answers the names of its service Region, the default ones only there: resolved
  // against where it is created once, in the model (model/cross-region.ts).
  const fit = answersRegion(e, at?.target, at?.assume);
  if ('answers' in fit) return fit.answers ? undefined : 'no';
  return fit.why;
}

/**
 * An interface endpoint other than `except` that the model cannot rule out as answering the service's
 * default name in the VPC: one that may be for the service there (type, service, VPC or existence known
 * only at deploy time) and whose private DNS is not known to be off.
 */
export function mayAnswerName(model: NetworkModel, vpc: string, pattern: string, except: string): boolean {
  for (const e of endpointsMaybeFor(model, pattern)) {
    if (e.id === except || e.broken || (e.privateDns.known && !e.privateDns.value)) continue;
    const doubt = doubtful(e, vpc, pattern);
    if (doubt !== 'no' && (doubt !== undefined || !e.privateDns.known)) return true;
  }
  return false;
}

/**
 * A gateway endpoint for the service in the VPC the model cannot rule out (its type, service or VPC unknown),
 * or, for a service that offers gateway endpoints, any in a VPC the template does not create (a parameter,
 * an id, an import, a data source): other stacks may have made that VPC's endpoints.
 */
export function mayHaveGateway(model: NetworkModel, vpc: string, pattern: string): boolean {
  if (!model.vpcs.has(vpc) && serviceByPattern(pattern)?.types.includes('Gateway')) return true;
  for (const e of endpointsMaybeFor(model, pattern)) {
    if (e.type.known && e.type.value !== 'Gateway') continue;
    if (e.service.known && e.service.value !== pattern) continue;
    if (e.vpc.known && e.vpc.value !== vpc) continue;
    if (!e.type.known || !e.service.known || !e.vpc.known || e.maybe) return true;
  }
  return false;
}

/** Endpoints of a type for a service in a VPC, as far as the model knows. */
export function endpointsFor(model: NetworkModel, vpc: string, type: 'Gateway' | 'Interface', pattern: string): Endpoint[] {
  const out: Endpoint[] = [];
  for (const e of endpointsMaybeFor(model, pattern)) {
    if (e.type.known && e.type.value === type && e.service.known && e.service.value === pattern && e.vpc.known && e.vpc.value === vpc) out.push(e);
  }
  return out;
}
