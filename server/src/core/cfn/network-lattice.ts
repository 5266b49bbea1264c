// VPC Lattice private DNS: a service network VPC association (AWS::VpcLattice::ServiceNetworkVpcAssociation)
// or a ServiceNetwork or Resource VPC endpoint with PrivateDnsEnabled makes private hosted zones in its VPC
// for the custom domain names of the network's resources, within the domains DnsOptions allows. A resource
// configuration may carry an AWS service's name (ssm.<region>.amazonaws.com, the centralised endpoints of
// aws-samples/amazon-vpc-lattice-blueprints), so that name no longer resolves to public addresses there.
// https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DnsOptions.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-servicenetworkvpcassociation.html

import { asMap, valueOf, type MapNode } from '../document/tree.js';
import type { Resource } from './template.js';
import { literal, withPseudos, type Value } from './values.js';
import { boolFact, spanOf, unknownOf, vpcRef } from './facts.js';
import type { Adapter } from './network.js';
import { parseServiceName } from '../data/catalogue.js';
import { typeProblem } from '../model/endpoint-type.js';
import { known, unknownFact, type Fact, type LatticeDns, type Span } from '../model/types.js';

type Each = (type: string, fn: (r: Resource, base: { id: string; at: Span; condition?: string; maybe?: string }) => void) => void;

export function readLatticeDns(a: Adapter, each: Each): void {
  const out: LatticeDns[] = [];
  const read = (r: Resource, base: { id: string; at: Span }, vpcKey: string) => {
    const props = r.properties;
    const what = (key: string) => `${r.id}'s ${a.words.prop(key)}`;
    // Without PrivateDnsEnabled no private hosted zone is made: taken as off, as before Lattice had private DNS.
    const on = boolFact(a.values, a.values.prop(props, 'PrivateDnsEnabled'), what('PrivateDnsEnabled'), { value: false, at: base.at });
    if (on.known && !on.value) return;
    const covers = on.known ? coverage(a, r, asMap(valueOf(props, 'DnsOptions'))) : (on as Fact<'all' | string[]>);
    if (covers.known && covers.value !== 'all' && !covers.value.length) return;
    out.push({ ...base, vpc: vpcRef(a.values, a.values.prop(props, vpcKey), what(vpcKey)), covers });
  };
  each('AWS::VpcLattice::ServiceNetworkVpcAssociation', (r, base) => read(r, base, 'VpcIdentifier'));
  each('AWS::EC2::VPCEndpoint', (r, base) => {
    const type = literal(a.values.prop(r.properties, 'VpcEndpointType'));
    if (type !== 'ServiceNetwork' && type !== 'Resource') return;
    // One written with an AWS service's name is refused (model/endpoint-type.ts, VPCE2001): no Lattice DNS.
    const service = withPseudos(a.values.prop(r.properties, 'ServiceName'));
    const info = service === undefined ? undefined : parseServiceName(service)?.info;
    if (info && typeProblem(type, info, false)) return;
    read(r, base, 'VpcId');
  });
  if (out.length) a.model.latticeDns = out;
}

/**
 * The domains whose names Lattice may answer: ALL_DOMAINS every custom domain; the SPECIFIED ones theirs;
 * VERIFIED_DOMAINS_ONLY only domains their provider proved to own, which no AWS service name is. A
 * preference not written is not documented: unknown.
 */
function coverage(a: Adapter, r: Resource, options: MapNode | undefined): Fact<'all' | string[]> {
  const prefValue = a.values.prop(options, 'PrivateDnsPreference');
  const what = `${r.id}'s ${a.words.prop('PrivateDnsPreference')}`;
  if (prefValue.kind === 'absent') return unknownFact(`${r.id} has private DNS without ${a.words.prop('PrivateDnsPreference')}, whose default AWS does not document`, what, spanOf(options ? valueOf(options, 'PrivateDnsPreference') ?? null : null, { start: 0, end: 0 }));
  const pref = literal(prefValue);
  if (pref === undefined) return unknownOf(prefValue, what);
  if (pref === 'ALL_DOMAINS') return known('all', spanOf(prefValue.node));
  if (pref === 'VERIFIED_DOMAINS_ONLY') return known([], spanOf(prefValue.node));
  const domains: Value = a.values.prop(options, 'PrivateDnsSpecifiedDomains');
  if (domains.kind === 'absent') return known([], spanOf(prefValue.node));
  if (domains.kind !== 'list') return unknownOf(domains, `${r.id}'s ${a.words.prop('PrivateDnsSpecifiedDomains')}`);
  const texts: string[] = [];
  for (const d of domains.items) {
    const text = withPseudos(d);
    if (text === undefined) return unknownOf(d, `${r.id}'s ${a.words.prop('PrivateDnsSpecifiedDomains')}`);
    texts.push(text.replace(/\.$/, ''));
  }
  return known(texts, spanOf(domains.node));
}
