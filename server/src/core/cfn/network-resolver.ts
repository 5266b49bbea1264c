// What takes a VPC's DNS queries away from Route 53 Resolver's own answers (model/dns-redirects.ts
// judges them): a Resolver rule associated with the VPC (the centralised-endpoints pattern forwards
// `ssm.<region>.amazonaws.com` from the spokes to a hub's inbound resolver), and DHCP options that give
// the VPC's instances other DNS servers; a Route 53 Profile associated with the VPC may bring either.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-route53resolver-resolverrule.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-route53resolver-resolverruleassociation.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-dhcpoptions.html
// https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html

import type { Resource } from './template.js';
import { literal, withPseudos, type Value } from './values.js';
import { spanOf, unknownOf, vpcRef } from './facts.js';
import { dnsName } from './network-zones.js';
import type { Adapter } from './network.js';
import { known, unknownFact, type DnsRedirect, type Fact, type Span } from '../model/types.js';

type Each = (type: string, fn: (r: Resource, base: { id: string; at: Span; condition?: string; maybe?: string }) => void) => void;

export function readDnsRedirects(a: Adapter, each: Each): void {
  const out: DnsRedirect[] = [];
  const what = (r: Resource, key: string) => `${r.id}'s ${a.words.prop(key)}`;
  each('AWS::Route53Resolver::ResolverRuleAssociation', (r, base) => {
    const ruleId = a.values.prop(r.properties, 'ResolverRuleId');
    const rule = ruleId.kind === 'ref' ? a.template.byId.get(ruleId.target) : undefined;
    const vpc = vpcRef(a.values, a.values.prop(r.properties, 'VPCId'), what(r, 'VPCId'));
    if (rule?.type !== 'AWS::Route53Resolver::ResolverRule') {
      // A rule shared with the account (AWS RAM) or made elsewhere: its domain may be any name.
      const text = literal(ruleId);
      const param = ruleId.kind === 'str' ? ruleId.fromParameter : undefined;
      const f = text === undefined ? unknownOf<string>(ruleId, what(r, 'ResolverRuleId')) : undefined;
      const why = f && !f.known ? f.why : `${what(r, 'ResolverRuleId')} names a rule ${a.words.here} does not define (${text}${param ? `, parameter ${param}` : ''})`;
      const decides = f && !f.known ? f.decides : param ? `parameter ${param}` : what(r, 'ResolverRuleId');
      out.push({ ...base, kind: 'rule', vpc, domain: unknownFact(why, decides, spanOf(ruleId.node)), forwards: unknownFact(why, decides, spanOf(ruleId.node)), label: `Resolver rule association ${r.id}` });
      return;
    }
    const name = a.values.prop(rule.properties, 'DomainName');
    const text = dnsName(name);
    const domain: Fact<string> = text !== undefined ? known(text === '.' ? '' : text, spanOf(name.node)) : unknownOf(name, what(rule, 'DomainName'));
    out.push({ ...base, kind: 'rule', vpc, domain, forwards: ruleForwards(a, rule), label: `Resolver rule ${rule.id}${domain.known ? ` (${written(a, name)})` : ''}` });
  });
  // A Route 53 Profile brings its private hosted zones, Resolver rules and interface endpoints' private
  // DNS to the VPC; what it holds is its owner's (often another account's) to change: any name.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-route53profiles-profileassociation.html
  each('AWS::Route53Profiles::ProfileAssociation', (r, base) => {
    const vpc = vpcRef(a.values, a.values.prop(r.properties, 'ResourceId'), what(r, 'ResourceId'));
    const why = `the Route 53 Profile ${r.id} associates may hold private hosted zones, Resolver rules and endpoints' private DNS for any name`;
    out.push({ ...base, kind: 'rule', vpc, domain: unknownFact(why, what(r, 'ProfileId'), base.at), forwards: unknownFact(why, what(r, 'ProfileId'), base.at), label: `Route 53 Profile association ${r.id}` });
  });
  each('AWS::EC2::VPCDHCPOptionsAssociation', (r, base) => {
    const vpc = vpcRef(a.values, a.values.prop(r.properties, 'VpcId'), what(r, 'VpcId'));
    const id = a.values.prop(r.properties, 'DhcpOptionsId');
    // `default` associates no options at all: DHCP then gives the instances no DNS server, so which one
    // they ask is their own configuration (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateDhcpOptions.html).
    if (literal(id)?.toLowerCase() === 'default') {
      const why = `${what(r, 'DhcpOptionsId')} is default: the VPC has no DHCP options, so its instances are given no DNS server and ask the one they are configured with`;
      out.push({ ...base, kind: 'servers', vpc, domain: known('', base.at), forwards: unknownFact<boolean>(why, what(r, 'DhcpOptionsId'), spanOf(id.node)), label: `no DHCP options (${r.id})` });
      return;
    }
    const options = id.kind === 'ref' && !id.attr ? a.template.byId.get(id.target) : undefined;
    const forwards = options?.type === 'AWS::EC2::DHCPOptions' ? otherServers(a, options) : unknownFact<boolean>(`${what(r, 'DhcpOptionsId')} names DHCP options ${a.words.here} does not define, whose DNS servers may be any`, what(r, 'DhcpOptionsId'), spanOf(id.node));
    if (forwards.known && !forwards.value) return;
    out.push({ ...base, kind: 'servers', vpc, domain: known('', base.at), forwards, label: `DHCP options ${options?.id ?? `of ${r.id}`}` });
  });
  if (out.length) a.model.dnsRedirects = out;
}

/** FORWARD and DELEGATE rules send the names to other resolvers; a SYSTEM rule keeps them Resolver's. */
function ruleForwards(a: Adapter, rule: Resource): Fact<boolean> {
  const type = a.values.prop(rule.properties, 'RuleType');
  const text = literal(type)?.toUpperCase();
  if (text === 'FORWARD' || text === 'DELEGATE') return known(true, spanOf(type.node));
  if (text === 'SYSTEM') return known(false, spanOf(type.node));
  return text === undefined ? unknownOf(type, `${rule.id}'s ${a.words.prop('RuleType')}`) : unknownFact(`${rule.id}'s ${a.words.prop('RuleType')} is ${text}, a rule AWS makes itself`, `${rule.id}'s ${a.words.prop('RuleType')}`, spanOf(type.node));
}

/**
 * Whether DHCP options give instances DNS servers other than the VPC's resolver: `AmazonProvidedDNS`
 * alone is the resolver; any other address takes the names there (the client asks the servers in its
 * own order); none written, or a list the template does not fix, is unknown.
 */
function otherServers(a: Adapter, options: Resource): Fact<boolean> {
  const v: Value = a.values.prop(options.properties, 'DomainNameServers');
  const what = `${options.id}'s ${a.words.prop('DomainNameServers')}`;
  if (v.kind === 'absent') return unknownFact(`${options.id} sets no DomainNameServers: which DNS servers its instances use is not written`, what, spanOf(options.properties ?? null));
  if (v.kind !== 'list') return unknownOf(v, what);
  const texts = v.items.map(literal);
  if (texts.some((t) => t === undefined)) return unknownOf(v.items[texts.indexOf(undefined)]!, what);
  const amazon = texts.filter((t) => t!.toLowerCase() === 'amazonprovideddns').length;
  if (amazon === texts.length && texts.length) return known(false, spanOf(v.node));
  if (amazon === 0 && texts.length) return known(true, spanOf(v.node));
  return unknownFact(`${what} lists AmazonProvidedDNS beside other servers: which one a client asks is its own choice`, what, spanOf(v.node));
}

/** A domain in the format's words: `${AWS::Region}` is the format's region reference (Terraform's data source). */
function written(a: Adapter, name: Value): string | undefined {
  return withPseudos(name)?.split('${AWS::Region}').join(a.words.region);
}
