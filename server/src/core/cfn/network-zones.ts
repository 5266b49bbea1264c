// Route 53 private hosted zones: a zone with VPCs answers, inside those VPCs, every name at or under
// its own name (an AWS service's default name too), whatever public DNS or an endpoint would answer.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-route53-hostedzone.html
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html

import type { MapNode } from '../document/tree.js';
import type { Resource } from './template.js';
import { withPseudos, type Value } from './values.js';
import { refFact, spanOf, unknownOf } from './facts.js';
import type { Adapter } from './network.js';
import { known, type IdList, type PrivateZone } from '../model/types.js';

type Each = (type: string, fn: (r: Resource, base: { id: string; at: { start: number; end: number }; condition?: string; maybe?: string }) => void) => void;

/** The Terraform adapter's `aws_route53_zone_association`: one more VPC for a zone. */
export const ZONE_ASSOCIATION = 'Terraform::Route53::ZoneAssociation';

export function readPrivateZones(a: Adapter, each: Each): void {
  const { values, model } = a;
  const prop = (props: MapNode | undefined, key: string): Value => values.prop(props, key);
  each('AWS::Route53::HostedZone', (r, base) => {
    const zone = a.part(r, 'zone', (): PrivateZone | null => {
      const vpcs = prop(r.properties, 'VPCs');
      // Without VPCs the zone is public: it answers the internet, not a VPC's resolver.
      if (vpcs.kind === 'absent' || (vpcs.kind === 'list' && vpcs.items.every((i) => i.kind === 'absent'))) return null;
      const name = prop(r.properties, 'Name');
      const text = withPseudos(name);
      return { ...base, name: text !== undefined ? known(text.replace(/\.$/, ''), spanOf(name.node)) : unknownOf(name, `${r.id}'s ${a.words.prop('Name')}`), vpcs: zoneVpcs(a, r, vpcs) };
    });
    if (zone) model.privateZones.set(r.id, { ...zone, vpcs: { ...zone.vpcs, items: [...zone.vpcs.items] } });
  });
  each(ZONE_ASSOCIATION, (r, base) => {
    const z = refFact(prop(r.properties, 'HostedZoneId'), '');
    const vpc = refFact(prop(r.properties, 'VPCId'), `${r.id}'s vpc_id`, undefined, true);
    for (const zone of z.known ? [model.privateZones.get(z.value)] : model.privateZones.values()) {
      if (!zone) continue;
      if (z.known && vpc.known && !base.maybe) zone.vpcs.items.push({ id: vpc.value, at: base.at });
      else if (zone.vpcs.complete) Object.assign(zone.vpcs, { complete: false, why: base.maybe ? `${r.id} exists only when ${base.maybe}` : vpc.known ? `${r.id}'s zone_id is known only at deploy time` : vpc.why, decides: vpc.known ? r.id : vpc.decides });
    }
  });
}

function zoneVpcs(a: Adapter, r: Resource, v: Value): IdList {
  const what = `${r.id}'s ${a.words.prop('VPCs')}`;
  if (v.kind !== 'list') {
    const f = unknownOf<string>(v, what);
    return { items: [], complete: false, why: f.known ? undefined : f.why, decides: f.known ? undefined : f.decides };
  }
  const out: IdList = { items: [], complete: true };
  for (const item of v.items) {
    const id = item.kind === 'map' ? prop(a, item.node, 'VPCId') : item;
    // The same input variable or data source names the same VPC as the endpoint's (refFact's opaque identity).
    const f = refFact(id, what, undefined, true);
    if (f.known) out.items.push({ id: f.value, at: f.at ?? spanOf(item.node) });
    else if (out.complete) Object.assign(out, { complete: false, why: f.why, decides: f.decides });
  }
  return out;
}

function prop(a: Adapter, props: MapNode, key: string): Value {
  return a.values.prop(props, key);
}
