// Whether a service's default name, asked in a VPC, is answered by Route 53 Resolver (its private hosted
// zones, an endpoint's private DNS, public DNS: model/dns.ts) or taken elsewhere first:
// - DHCP options with other DNS servers: the instances never ask the VPC's resolver;
// - a Resolver rule associated with the VPC whose domain is the name or a domain above it. Among the
//   rules that match, the most specific domain decides (a SYSTEM rule keeps the name Resolver's); a
//   rule beats a private hosted zone of the same name (an endpoint's private DNS is one), a more
//   specific zone beats the rule.
// Where the name goes then (an on-premises server, a hub VPC's inbound resolver) is not the template's
// to say: the answer is unknown, naming the rule or the options.
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-domain-name-matches.html
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-using-rules.html
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-autodefined-rules.html
//   (each private hosted zone is a rule too: a forwarding rule for the same name overrides it, one for a
//   less specific name does not)
// https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html

import type { DnsRedirect, NetworkModel, Vpc } from './types.js';

export interface Redirected {
  reason: string;
  /** The element the hop names: the rule association or the DHCP options association. */
  about: string;
}

/**
 * The service's default host name in dnsName's form (`dkr.ecr.{region}.amazonaws.com`); undefined for a
 * name of another shape, which any rule under amazonaws.com may take.
 */
export function defaultHost(pattern: string): string | undefined {
  const other = OTHER_HOSTS[pattern];
  if (other) return other;
  const m = /^com\.amazonaws\.\{region\}\.(.+)$/.exec(pattern);
  return m ? `${m[1]!.split('.').reverse().join('.')}.{region}.amazonaws.com` : undefined;
}

// Services whose clients use names outside amazonaws.com: the Management Console and Sign-In (a browser asks
// `<region>.console.aws.amazon.com`, `<region>.signin.aws.amazon.com`; their endpoints offer no private DNS, so a
// private hosted zone for console.aws.amazon.com or signin.aws.amazon.com with records to the endpoint answers them).
// https://docs.aws.amazon.com/awsconsolehelpdocs/latest/gsg/dns-configuration-console-signin.html
const OTHER_HOSTS: Record<string, string> = {
  'com.amazonaws.{region}.console': '{region}.console.aws.amazon.com',
  'com.amazonaws.{region}.signin': '{region}.signin.aws.amazon.com',
};

/**
 * What takes the name elsewhere before the answer Resolver would give, whose private zone is
 * `answeredAt` labels deep (0: public DNS); undefined when nothing does.
 */
export function redirectFor(model: NetworkModel, vpc: Vpc, pattern: string, name: string, answeredAt: number): Redirected | undefined {
  const here = (model.dnsRedirects ?? []).filter((d) => !d.vpc.known || d.vpc.value === vpc.id);
  if (!here.length) return undefined;
  const servers = here.find((d) => d.kind === 'servers');
  if (servers) {
    const where = servers.vpc.known ? `VPC ${vpc.id}` : `VPC ${vpc.id} (maybe: ${servers.vpc.why})`;
    const why = servers.forwards.known ? '' : ` (${servers.forwards.why})`;
    const maybe = servers.maybe ? ` (exists only when ${servers.maybe})` : '';
    return { about: servers.id, reason: `${servers.label}${maybe} may give ${where} DNS servers other than its resolver${why}: they, not Route 53 Resolver, answer the default ${name} name, so where it resolves is known only at deploy time` };
  }
  const host = defaultHost(pattern);
  // The most specific rule that may forward the name, and the most specific SYSTEM rule surely here.
  let forward: { d: DnsRedirect; depth: number } | undefined;
  let system = -1;
  for (const d of here.filter((r) => r.kind === 'rule')) {
    if (!d.domain.known) return { about: d.id, reason: `${d.label} may decide how ${vpc.id} resolves names the template does not show (${d.domain.why}): the default ${name} name may be one of them` };
    const depth = matchDepth(d.domain.value, host);
    if (depth === undefined) continue;
    if (d.forwards.known && !d.forwards.value) {
      if (!d.maybe && d.vpc.known) system = Math.max(system, depth);
      continue;
    }
    if (!forward || depth > forward.depth) forward = { d, depth };
  }
  // A SYSTEM rule as specific keeps the name Resolver's; a private zone more specific than the rule answers.
  if (!forward || system >= forward.depth || forward.depth < answeredAt) return undefined;
  const { d } = forward;
  const doubt = !d.vpc.known ? ` (if it is associated with ${vpc.id}: ${d.vpc.why})` : d.maybe ? ` (it exists only when ${d.maybe})` : !d.forwards.known ? ` (whether it forwards: ${d.forwards.why})` : '';
  return { about: d.id, reason: `${d.label}, associated with ${vpc.id}, forwards the default ${name} name to other DNS resolvers (its target addresses)${doubt}: they answer it, so where it resolves is known only at deploy time` };
}

/**
 * How many labels of the service's name a rule's domain holds when it takes the name (the domain is the
 * name, a domain above it, or a name under it); undefined when it does not. The root takes every name.
 */
function matchDepth(domain: string, host: string | undefined): number | undefined {
  const labels = domain === '' ? [] : domain.split('.');
  if (host === undefined) return domain === '' || domain === 'amazonaws.com' || domain.endsWith('.amazonaws.com') ? labels.length : undefined;
  if (domain === '' || host === domain || host.endsWith(`.${domain}`)) return labels.length;
  // A rule for a name under the service's (`abc.execute-api.{region}.amazonaws.com`) takes some of its names.
  if (domain.endsWith(`.${host}`)) return labels.length;
  return undefined;
}

/** The depth of a private zone's name, in labels (the zone an endpoint's private DNS makes is the service's host name). */
export function zoneDepth(zoneName: string): number {
  return zoneName.replace(/\.$/, '').split('.').filter(Boolean).length;
}
