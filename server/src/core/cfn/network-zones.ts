// Route 53 private hosted zones: a zone with VPCs answers, inside those VPCs, every name at or under
// its own name (an AWS service's default name too), whatever public DNS or an endpoint would answer.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-route53-hostedzone.html
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html

import { asMap, asSeq, scalarString, valueOf, type MapNode, type Node } from '../document/tree.js';
import type { Resource } from './template.js';
import { withPseudos, type Value } from './values.js';
import { isRegionShaped } from '../data/regions.js';
import { refFact, spanOf, unknownOf } from './facts.js';
import type { Adapter } from './network.js';
import { known, type IdList, type PrivateZone } from '../model/types.js';

type Each = (type: string, fn: (r: Resource, base: { id: string; at: { start: number; end: number }; condition?: string; maybe?: string }) => void) => void;

/** The Terraform adapter's `aws_route53_zone_association`: one more VPC for a zone. */
export const ZONE_ASSOCIATION = 'Terraform::Route53::ZoneAssociation';
/**
 * The Terraform adapter's mark on an `aws_route53_record`: the AWS provider adds the zone's name to a
 * record name that does not end with it (`name = "ssm"` in zone us-east-1.amazonaws.com is
 * ssm.us-east-1.amazonaws.com; `""` the zone's own name). CloudFormation takes the name as written.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_record#name-1
 */
export const NAME_IN_ZONE = 'Terraform::NameInZone';
/**
 * NAME_IN_ZONE's value for a record a module names "${name}.${zone}" whatever the name ends with
 * (terraform-aws-modules' Route 53 modules, tf/route53-module.ts).
 */
export const NAME_PREFIXES_ZONE = 'prefix';

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
      const tail = text === undefined ? literalTail(name.node) : undefined;
      return { ...base, name: text !== undefined ? known(text.replace(/\.$/, ''), spanOf(name.node)) : unknownOf(name, `${r.id}'s ${a.words.prop('Name')}`), ...(tail ? { nameTail: tail } : {}), vpcs: zoneVpcs(a, r, vpcs), records: [] };
    });
    if (zone) model.privateZones.set(r.id, { ...zone, vpcs: { ...zone.vpcs, items: [...zone.vpcs.items] }, records: [] });
  });
  if (!model.privateZones.size) return;
  // A record set of one of those zones (alone, or in a group): its name, and the interface endpoint whose
  // DNS name it gives (`!GetAtt Endpoint.DnsEntries`, picked apart or not). A record that exists only
  // under a condition answers in some deployments only: it is kept as one that may not exist.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-route53-recordset.html
  const addRecords = (r: Resource, base: { maybe?: string }, sets: RecordPart[]) => {
    for (const rec of sets) {
      const zone = model.privateZones.get(rec.zone);
      const name = rec.inZone && zone ? nameInZone(rec.name, zone, rec.inZone === NAME_PREFIXES_ZONE) : rec.name;
      zone?.records.push({ id: r.id, name, endpoint: rec.endpoint, at: rec.at, ...(base.maybe ? { maybe: base.maybe } : {}) });
    }
  };
  each('AWS::Route53::RecordSet', (r, base) => addRecords(r, base, a.part(r, 'record', () => recordPart(a, r.properties, r.properties))));
  each('AWS::Route53::RecordSetGroup', (r, base) =>
    addRecords(r, base, a.part(r, 'record', () => (asSeq(valueOf(r.properties, 'RecordSets'))?.items ?? []).flatMap((set) => recordPart(a, asMap(set), r.properties)))),
  );
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

/** The literal text a name known only at deploy time ends with: `!Sub '${Env}.example.com'`, or Terraform's `"${var.env}.example.com"` (a join whose last piece is text). */
function literalTail(node: Node | null | undefined): string | undefined {
  const map = asMap(node ?? null);
  const sub = map && valueOf(map, 'Fn::Sub');
  const subText = scalarString(asSeq(sub ?? null)?.items[0] ?? sub ?? null);
  if (subText !== undefined) return /\}([^}]*)$/.exec(subText)?.[1] || undefined;
  const join = map && asSeq(valueOf(map, 'Fn::Join') ?? null);
  const parts = join && scalarString(join.items[0] ?? null) === '' ? asSeq(join.items[1] ?? null)?.items : undefined;
  return parts?.length ? scalarString(parts[parts.length - 1] ?? null) || undefined : undefined;
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

interface RecordPart {
  zone: string;
  name: string | undefined;
  /** Terraform's: the zone's name is added to a name that does not end with it (true), or to any name (NAME_PREFIXES_ZONE). */
  inZone?: true | typeof NAME_PREFIXES_ZONE;
  endpoint?: string;
  at: { start: number; end: number };
}

/** A record set's zone (a `!Ref` to a zone of the template; else none), name and the endpoint it names. */
function recordPart(a: Adapter, set: MapNode | undefined, group: MapNode | undefined): RecordPart[] {
  const zoneNode = valueOf(set, 'HostedZoneId') ?? valueOf(group, 'HostedZoneId');
  const zone = a.values.value(zoneNode ?? null);
  if (zone.kind !== 'ref' || zone.attr) return [];
  const endpoint = endpointNamed(a, valueOf(set, 'ResourceRecords')) ?? endpointNamed(a, valueOf(asMap(valueOf(set, 'AliasTarget')), 'DNSName'));
  const nameNode = valueOf(set, 'Name');
  const mark = valueOf(set, NAME_IN_ZONE);
  const inZone = mark === undefined ? undefined : scalarString(mark) === NAME_PREFIXES_ZONE ? NAME_PREFIXES_ZONE : true;
  return [{ zone: zone.target, name: dnsName(a.values.value(nameNode ?? null)), ...(endpoint ? { endpoint } : {}), ...(inZone ? { inZone } : {}), at: spanOf(nameNode ?? set ?? null) }];
}

/** A Terraform record's name as the AWS provider sends it: the zone's name added unless the name ends with it (a text suffix, as the provider tests). */
function nameInZone(name: string | undefined, zone: PrivateZone, always = false): string | undefined {
  const z = zone.name.known ? dnsText(zone.name.value) : undefined;
  if (name === undefined || z === undefined) return undefined;
  if (always) return `${name}.${z}`;
  return name.endsWith(z) ? name : name === '' ? z : `${name}.${z}`;
}

/** The resource whose `DnsEntries` a record's value reads (the trace checks it is an interface endpoint of the service). */
function endpointNamed(a: Adapter, node: Node | undefined | null): string | undefined {
  if (!node) return undefined;
  const map = asMap(node);
  if (map) {
    const getAtt = valueOf(map, 'Fn::GetAtt');
    if (getAtt) {
      const parts = asSeq(getAtt) ? asSeq(getAtt)!.items.map(scalarString) : (scalarString(getAtt)?.split('.') ?? []);
      if (parts[0] && parts[1] === 'DnsEntries') return parts[0];
    }
    for (const p of map.pairs) {
      const found = endpointNamed(a, p.value);
      if (found) return found;
    }
    return undefined;
  }
  for (const item of asSeq(node)?.items ?? []) {
    const found = endpointNamed(a, item);
    if (found) return found;
  }
  return undefined;
}

/** A DNS name in one comparable form: lower case, no final dot, the region as `{region}`; undefined when computed. */
export function dnsName(v: Value): string | undefined {
  if (v.kind !== 'str') return undefined;
  const text = withPseudos(v);
  return text === undefined ? undefined : dnsText(text);
}

/** A name's text, pseudo parameters written `${AWS::Region}`, in dnsName's form; undefined when it holds another `${...}`. */
function dnsText(text: string): string | undefined {
  if (/\$\{(?!AWS::Region\}|AWS::URLSuffix\})/i.test(text)) return undefined;
  return text
    .replace(/\$\{AWS::Region\}/gi, '{region}')
    .replace(/\$\{AWS::URLSuffix\}/gi, 'amazonaws.com')
    .toLowerCase()
    .replace(/\.$/, '')
    .split('.')
    .map((label) => (isRegionShaped(label) ? '{region}' : label))
    .join('.');
}
