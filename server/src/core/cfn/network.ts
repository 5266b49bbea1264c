// The CloudFormation adapter: one deployment's network model from a template. Only this file and its
// siblings (network-groups.ts, network-workloads.ts) know CloudFormation's property names and defaults;
// rules and the trace read the model.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_EC2.html

import { asMap, pairOf, scalarString, valueOf, type MapNode, type Node } from '../document/tree.js';
import { parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import { templatePolicies } from '../policy/extract.js';
import type { PolicyDoc } from '../policy/policy-doc.js';
import { buildEndpoints, type Endpoint as CfnEndpoint, type UnknownRegion } from './endpoints.js';
import { subnetFacts } from './subnets.js';
import { vpcIpv6Facts, type VpcIpv6 } from './vpc-ipv6.js';
import { parseIpv6Cidr } from '../util/cidr6.js';
import type { Resolver } from './resolve.js';
import { CFN_WORDS, type Words } from '../rules/words.js';
import { DEFAULT_REGION, ENDPOINT_REGION, INPUT_TEXT, OPEN_DEFAULT_REGION } from '../rules/region-in-service-name.js';
import { possibleInRegion, satisfiable } from './scenarios.js';
import { resourcesOfType, type Resource, type Template } from './template.js';
import { branches, literal, withPseudos, type Value } from './values.js';
import { boolFact, fromDefaultOf, idList, inboundOnlyFact, keySpan, refFact, spanOf, textFact, unknownOf, vpcRef } from './facts.js';
import { readSecurityGroups, readNaclEntries, readDefaultNaclEntries } from './network-groups.js';
import { readWorkloads } from './network-workloads.js';
import { readAttachments } from './network-attachments.js';
import { readPrivateZones } from './network-zones.js';
import { readLatticeDns } from './network-lattice.js';
import { readDnsRedirects } from './network-resolver.js';
import { knownPrefixList, readPrefixLists } from './prefix-lists.js';
import { refusesPrivateDns, typeProblem } from '../model/endpoint-type.js';
import { parseServiceName, shortName, type ServiceInfo } from '../data/catalogue.js';
import { judgeCrossRegion } from '../model/cross-region.js';
import { pinnedHome, pinOf, pinWords, regionOfZone, regionPins, type RegionPin } from '../model/zone-region.js';
import { emptyModel, known, unknownFact, type Destination, type Endpoint, type EndpointHome, type Fact, type IdList, type NetworkModel, type Route, type Span, type Subnet, type TargetKind, type Vpc } from '../model/types.js';
import type { OutsideRules } from '../cdk/outside-rules.js';
import { keptPart, movePart, partStats, type KeptPart, type PartsReuse } from './model-reuse.js';

export interface Adapter {
  template: Template;
  values: Resolver;
  model: NetworkModel;
  /** The format's words for the properties a fact is decided by ("aws_vpc.main's enable_dns_hostnames"). */
  words: Words;
  /** The regions the stack deploys to (the settings'; empty when not known). */
  regions: readonly string[];
  /** Security groups other templates of the deployment add rules to (settings' outsideRules). */
  outside?: OutsideRules;
  /** Whether a resource exists in this deployment, and under which condition. */
  state(r: Resource): 'absent' | { condition?: string; maybe?: string };
  /**
   * A resource's part of the model (what reading its values makes): kept from the last version's
   * model, moved to this text, unless the resource is made again (model-reuse.ts). Never changed once
   * made: what other resources add to an element (a route to a table) goes on a copy in the model.
   */
  part<T>(r: Resource, kind: string, make: () => T): T;
}

/**
 * The services of a logical id's copies when every copy is an interface endpoint whose service name the template
 * spells out: whichever copy CloudFormation keeps adds network interfaces for that service's names only, and no
 * route, security group or network ACL, so it decides no path to another service. undefined otherwise.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html
 */
function interfaceServices(copies: readonly (MapNode | undefined)[], values: Resolver): string[] | undefined {
  const out: string[] = [];
  for (const copy of copies) {
    const props = asMap(valueOf(copy, 'Properties'));
    if (scalarString(valueOf(copy, 'Type')) !== 'AWS::EC2::VPCEndpoint' || literal(values.value(valueOf(props, 'VpcEndpointType') ?? null)) !== 'Interface') return undefined;
    const name = withPseudos(values.value(valueOf(props, 'ServiceName') ?? null));
    const pattern = name === undefined ? undefined : parseServiceName(name)?.pattern;
    if (!pattern) return undefined;
    out.push(pattern);
  }
  return out;
}

/** A build's parts: what it may take from the last one, and where it puts its own. */
export interface BuildParts {
  reuse?: PartsReuse;
  out: Map<string, KeptPart>;
}

// The types whose resources the network model reads, or whose values it may (a nested stack's outputs, a
// custom resource's attributes): one of them written twice leaves the model without the copy CloudFormation keeps.
const NETWORK_TYPE = /^(AWS::(EC2|ECS|Lambda|Serverless|VpcLattice|Route53|Route53Resolver|Route53Profiles)::|AWS::CloudFormation::(Stack|CustomResource)$|Custom::)/;

/**
 * `judgeAll`: the deployment rules judge, where no condition is decided: conditional resources count
 * as present (under their condition) rather than as "may not exist".
 */
export function buildModel(template: Template, values: Resolver, judgeAll = false, endpoints?: CfnEndpoint[], words: Words = CFN_WORDS, parts?: BuildParts, regions: readonly string[] = [], outside?: OutsideRules): NetworkModel {
  const model = emptyModel();
  if (regions.length) model.regions = regions;
  if (template.deployTimeLoops) model.deployTimeLoops = template.deployTimeLoops;
  const twice = template.writtenTwice?.filter((d) => d.types.some((t) => t === undefined || NETWORK_TYPE.test(t)));
  if (twice?.length) {
    model.writtenTwice = twice.map((d) => {
      const services = interfaceServices(d.copies, values);
      return { id: d.id, types: [...new Set(d.types.map((t) => t ?? 'no type'))], ...(services ? { services } : {}) };
    });
    for (const d of twice) model.spans.set(d.id, d.at);
  }
  const loops = template.deployTimeLoopTypes?.filter((d) => d.types.some((t) => t === undefined || NETWORK_TYPE.test(t)));
  if (loops?.length) {
    model.unseenLoops = loops.map((d) => ({ id: d.id, types: [...new Set(d.types.map((t) => t ?? 'no type'))] }));
    for (const d of loops) model.spans.set(d.id, d.at);
  }
  const w = words;
  const truth = values.scenario?.truth;
  const reuse = parts?.reuse;
  const a: Adapter = {
    template,
    values,
    model,
    words,
    regions,
    ...(outside ? { outside } : {}),
    state(r) {
      if (!r.condition) return {};
      const t = truth?.get(r.condition);
      if (t === false) return 'absent';
      if (t === true || judgeAll) return { condition: r.condition };
      return { maybe: r.condition };
    },
    part<T>(r: Resource, kind: string, make: () => T): T {
      const key = `${kind}:${r.id}`;
      let kept = reuse && !reuse.dirty.has(r.id) ? reuse.parts.get(key) : undefined;
      if (kept && !movePart(kept, reuse!.edits)) kept = undefined;
      if (kept) partStats.reused++;
      else {
        partStats.made++;
        const made = make();
        if (!parts) return made;
        kept = keptPart(made);
      }
      parts?.out.set(key, kept);
      return kept.value as T;
    },
  };
  const part = a.part;
  const each = (type: string, fn: (r: Resource, base: { id: string; at: { start: number; end: number }; condition?: string; maybe?: string }) => void) => {
    for (const r of resourcesOfType(template, type)) {
      model.spans.set(r.id, keySpan(r));
      const s = a.state(r);
      if (s === 'absent') {
        model.absent.set(r.id, r.condition!);
        continue;
      }
      fn(r, { id: r.id, at: keySpan(r), ...s });
    }
  };
  const prop = (r: Resource, key: string): Value => values.prop(r.properties, key);
  // A NAT gateway is zonal (in its SubnetId) unless AvailabilityMode says regional.
  const natMode = (r: Resource): { regional?: { vpc: Fact<string> } | string } => {
    const mode = prop(r, 'AvailabilityMode');
    if (mode.kind === 'absent') return {};
    const text = literal(mode);
    if (text === undefined) { const f = unknownOf<string>(mode, `${r.id}'s ${w.prop('AvailabilityMode')}`); return { regional: f.known ? 'AvailabilityMode is not a value the template fixes' : f.why }; }
    return text === 'regional' ? { regional: { vpc: vpcRef(values, prop(r, 'VpcId'), `${r.id}'s ${w.prop('VpcId')}`) } } : {};
  };
  // A secondary IPv4 block widens its VPC (one whose VPC we cannot tell may widen any).
  const moreCidrs = new Set<string | undefined>();
  for (const r of resourcesOfType(template, 'AWS::EC2::VPCCidrBlock')) {
    if (prop(r, 'CidrBlock').kind === 'absent' && prop(r, 'Ipv4IpamPoolId').kind === 'absent') continue;
    const v = prop(r, 'VpcId');
    moreCidrs.add(v.kind === 'ref' ? v.target : undefined);
  }
  const ipv6Of = vpcIpv6Facts(a);
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpc.html (DNS defaults)
  each('AWS::EC2::VPC', (r, base) => model.vpcs.set(r.id, part(r, 'vpc', () => vpcOf(a, r, base, moreCidrs.has(r.id) || moreCidrs.has(undefined), ipv6Of(r.id)))));
  // A copy of the part: the subnet's associations set its route table and network ACL below.
  each('AWS::EC2::Subnet', (r, base) => model.subnets.set(r.id, { ...part(r, 'subnet', () => subnetOf(a, r, base)) }));
  const pins = regionPins(model.subnets.values(), w.format === 'cloudformation');
  if (pins.stack || pins.vpcs.size || pins.conflicts.length) model.regionPins = pins;
  each('AWS::EC2::RouteTable', (r, base) => model.routeTables.set(r.id, { ...part(r, 'table', () => ({ ...base, vpc: vpcRef(values, prop(r, 'VpcId'), `${r.id}'s ${w.prop('VpcId')}`) })), routes: [] }));
  each('AWS::EC2::NatGateway', (r, base) => model.natGateways.set(r.id, part(r, 'nat', () => ({ ...base, subnet: refFact(prop(r, 'SubnetId'), `${r.id}'s ${w.prop('SubnetId')}`), isPrivate: literal(prop(r, 'ConnectivityType')) === 'private', ...natMode(r) }))));
  each('AWS::EC2::InternetGateway', (r, base) => model.internetGateways.set(r.id, { ...base, vpcs: [] }));
  each('AWS::EC2::VPCEndpointService', (r, base) => model.endpointServices.set(r.id, base));
  readPrivateZones(a, each);
  readLatticeDns(a, each);
  readDnsRedirects(a, each);
  each('AWS::EC2::VPCGatewayAttachment', (r) => {
    const { igw, vpc } = part(r, 'attachment', () => ({ igw: refFact(prop(r, 'InternetGatewayId'), ''), vpc: refFact(prop(r, 'VpcId'), '', undefined, true) }));
    if (igw.known && vpc.known) model.internetGateways.get(igw.value)?.vpcs.push(vpc.value);
  });
  // Associations: a subnet without one uses the VPC's main route table and default ACL.
  for (const [type, key, field] of [['AWS::EC2::SubnetRouteTableAssociation', 'RouteTableId', 'routeTable'], ['AWS::EC2::SubnetNetworkAclAssociation', 'NetworkAclId', 'nacl']] as const) {
    const associated = new Set<string>();
    const unsure: { id: string; text: string; decides: string; at: Span }[] = [];
    each(type, (r, base) => {
      const { subnet, value, unsure: maybeIt } = part(r, `${field}-association`, () => {
        const raw = prop(r, 'SubnetId');
        const subnet = refFact(raw, '');
        return {
          subnet,
          value: base.maybe ? unknownFact<string | null>(`${r.id} exists only when condition ${base.maybe} is true, which this deployment does not decide`, `condition ${base.maybe}`, base.at) : refFact(prop(r, key), `${r.id}'s ${w.prop(key)}`),
          // A subnet not known that names subnets of the template (a Terraform subnet[each.key] whose
          // for_each is not known): it may be any of them, so none of those is surely without an association.
          unsure: !subnet.known && raw.kind === 'unknown' ? { id: r.id, text: `${raw.why} ${raw.decides ?? ''}`, decides: subnet.decides || `${r.id}'s ${w.prop('SubnetId')}`, at: base.at } : undefined,
        };
      });
      if (!subnet.known) {
        if (maybeIt) unsure.push(maybeIt);
        return;
      }
      const s = model.subnets.get(subnet.value);
      if (!s) return;
      associated.add(subnet.value);
      s[field] = value;
    });
    for (const [id, s] of model.subnets) {
      const base = id.replace(/\[.*$/, '');
      const u = associated.has(id) ? undefined : unsure.find((x) => x.text.split(/[^\w.:-]+/).some((word) => word === base || word.startsWith(`${base}[`) || word.startsWith(`${base}.`)));
      if (u) s[field] = unknownFact(`${u.id}'s ${w.prop('SubnetId')} is known only at deploy time (decided by ${u.decides}): it may be ${id}'s association`, u.decides, u.at);
    }
  }
  readPrefixLists(a);
  each('AWS::EC2::Route', (r, base) => {
    const { table, routes } = part(r, 'route', () => {
      const table = refFact(prop(r, 'RouteTableId'), '');
      const pl = prop(r, 'DestinationPrefixListId');
      const list = prop(r, 'DestinationCidrBlock').kind === 'absent' && prop(r, 'DestinationIpv6CidrBlock').kind === 'absent' ? knownPrefixList(a, pl) : undefined;
      // A prefix list of the template with its entries known: a route to each entry (route-tables-priority.html).
      if (list) return { table, routes: list.entries.map((e): Route => ({ ...base, destination: e.range ? { kind: 'ipv4', range: e.range, text: e.text } : ipv6Destination(e.text), target: targetOf(a, r), prefixList: list.id })) };
      const incomplete = pl.kind === 'ref' ? a.model.prefixLists.get(pl.target) : undefined;
      const destination: Destination = incomplete?.why ? { kind: 'unknown', why: incomplete.why } : destinationOf(prop(r, 'DestinationCidrBlock'), prop(r, 'DestinationIpv6CidrBlock'), pl);
      return { table, routes: [{ ...base, destination, target: targetOf(a, r) } as Route] };
    });
    const t = table.known ? model.routeTables.get(table.value) : undefined;
    t?.routes.push(...routes);
  });
  // A VPN gateway propagates the routes its connections learn into the tables listed (any destination,
  // chosen by the customer gateway): https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
  each('AWS::EC2::VPNGatewayRoutePropagation', (r, base) => {
    const tables = idList(prop(r, 'RouteTableIds'), `${r.id}'s ${w.prop('RouteTableIds')}`);
    const vgw = refFact(prop(r, 'VpnGatewayId'), '');
    const gateway = vgw.known && template.byId.has(vgw.value) ? vgw.value : undefined;
    const why = `route table receives the routes VPN gateway ${gateway ?? '(outside the template)'} propagates, which only its connections know`;
    for (const t of tables.complete ? tables.items.map((i) => model.routeTables.get(i.id)) : [...model.routeTables.values()]) {
      t?.routes.push({ ...base, destination: { kind: 'unknown', why }, target: { kind: 'vpn-gateway', id: gateway }, propagated: true });
    }
  });
  each('AWS::EC2::NetworkAcl', (r, base) => model.nacls.set(r.id, part(r, 'nacl', () => ({ ...base, ...readNaclEntries(a, r) }))));
  const defaultAcls = readDefaultNaclEntries(a);
  if (defaultAcls.size) model.defaultNaclEntries = defaultAcls;
  handedOn(a, model);
  readSecurityGroups(a, each);
  const cfnEndpoints = endpoints ?? buildEndpoints(template, values);
  for (const e of cfnEndpoints) {
    model.spans.set(e.resource.id, keySpan(e.resource));
    const s = a.state(e.resource);
    if (s === 'absent') model.absent.set(e.resource.id, e.resource.condition!);
    else {
      // The pin is part of the key: a subnet's zone changed makes the endpoint's part again.
      const pin = pinOf(pins, pins.stack ? undefined : endpointVpc(a, e));
      const kind = pin ? `endpoint@${pin.region}:${pin.zone}:${pin.subnet}` : 'endpoint';
      // A copy of the part: its VPC may be told by its subnets or route tables (addGatewayRoutes).
      model.endpoints.set(e.resource.id, { ...part(e.resource, kind, () => endpointOf(a, e, s, pin)), policy: policyOf(a, e) });
    }
  }
  // An endpoint handed to a module not read may get more route tables, subnets and groups there.
  for (const [id, who] of model.elsewhere ?? []) {
    const e = model.endpoints.get(id);
    const open = (l: IdList): IdList => (l.complete ? { ...l, complete: false, why: `${who} is handed ${id} and may associate more with it`, decides: who } : l);
    if (e) model.endpoints.set(id, { ...e, routeTables: open(e.routeTables), subnets: open(e.subnets), securityGroups: open(e.securityGroups) });
  }
  for (const e of model.endpoints.values()) addGatewayRoutes(model, e);
  readWorkloads(a, each);
  readAttachments(a);
  // Route targets the model names by id without reading them further: a hop about one points at its own resource,
  // not at where the trace started.
  for (const type of ROUTE_TARGET_TYPES) for (const r of resourcesOfType(template, type)) if (!model.spans.has(r.id)) model.spans.set(r.id, keySpan(r));
  for (const r of template.resources) if (!model.spans.has(r.id) && r.type) (model.others ??= new Map()).set(r.id, r.type);
  return model;
}

const ROUTE_TARGET_TYPES = ['AWS::EC2::EgressOnlyInternetGateway', 'AWS::EC2::TransitGateway', 'AWS::EC2::VPCPeeringConnection', 'AWS::EC2::CarrierGateway', 'AWS::EC2::VPNGateway'];

/** The identity of a value known only at deploy time (the same parameter, the same GetAtt), if it has one. */
export function identityOf(v: Value): string | undefined {
  return v.kind === 'unknown' ? v.identity : undefined;
}

/** The unknown ranges a value is carved from (cfn/values.ts `within`). */
function carvedFrom(v: Value): string[] {
  return v.kind === 'unknown' ? (v.within ?? []) : [];
}

/** A deploy-time range's own identity and those of the ranges it is carved from: each holds all of it. */
function rangeIdentities(v: Value): string[] {
  return [...(identityOf(v) ? [identityOf(v)!] : []), ...carvedFrom(v)];
}

type Base = { id: string; at: Span; condition?: string; maybe?: string };

function vpcOf(a: Adapter, r: Resource, base: Base, moreCidrs: boolean, ipv6: VpcIpv6): Vpc {
  const { values, words: w } = a;
  const prop = (key: string): Value => values.prop(r.properties, key);
  const cidr = textFact(values, prop('CidrBlock'), `${r.id}'s ${w.prop('CidrBlock')}`);
  const cidrIdentity = identityOf(prop('CidrBlock'));
  return {
    ...base,
    cidr: rangeOf(cidr),
    cidrText: cidr.known ? cidr.value : undefined,
    ...(cidrIdentity ? { cidrIdentity } : {}),
    moreCidrs,
    dnsSupport: boolFact(values, prop('EnableDnsSupport'), `${r.id}'s ${w.prop('EnableDnsSupport')}`, { value: true, at: keySpan(r) }),
    dnsHostnames: boolFact(values, prop('EnableDnsHostnames'), `${r.id}'s ${w.prop('EnableDnsHostnames')}`, { value: false, at: keySpan(r) }),
    ipv6: ipv6.has ?? known(false, keySpan(r)),
    ...(ipv6.blocks ? { ipv6Blocks: ipv6.blocks } : {}),
    ...(ipv6.identities ? { ipv6BlockIdentities: ipv6.identities } : {}),
  };
}

function subnetOf(a: Adapter, r: Resource, base: Base): Subnet {
  const { values, words: w } = a;
  const prop = (key: string): Value => values.prop(r.properties, key);
  const facts = subnetFacts(a.template, values, r, (p) => `${r.id}'s ${w.prop(p)}`);
  const az = facts.az;
  const relative = regionRelativeZone(az, w.format === 'cloudformation' ? a.regions : []);
  const zoneText = literal(az) ?? relative ?? (az.kind === 'unknown' ? az.identity : undefined);
  return {
    ...base,
    vpc: vpcRef(values, facts.vpc, `${r.id}'s ${w.prop('VpcId')}`),
    cidr: rangeOf(textFact(values, prop('CidrBlock'), `${r.id}'s ${w.prop('CidrBlock')}`)),
    ...(identityOf(prop('CidrBlock')) ? { cidrIdentity: identityOf(prop('CidrBlock')) } : {}),
    ...(carvedFrom(prop('CidrBlock')).length ? { cidrWithin: carvedFrom(prop('CidrBlock')) } : {}),
    ...(rangeIdentities(prop('Ipv6CidrBlock')).length ? { ipv6Identities: rangeIdentities(prop('Ipv6CidrBlock')) } : {}),
    hasIpv4: facts.hasIpv4,
    hasIpv6: facts.hasIpv6,
    zone: zoneText ? known(zoneText, spanOf(az.node), fromDefaultOf(values, az)) : unknownOf(az, `${r.id}'s Availability Zone`),
    zoneIsName: literal(az) !== undefined || relative !== undefined,
    ...zonePinOf(values, az),
    ...providerRegionOf(r),
    routeTable: known(null, keySpan(r)),
    nacl: known(null, keySpan(r)),
    mapPublicIp: boolFact(values, prop('MapPublicIpOnLaunch'), `${r.id}'s ${w.prop('MapPublicIpOnLaunch')}`, { value: false, at: keySpan(r) }),
    // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html (DNS64 is set per subnet, off by default)
    dns64: boolFact(values, prop('EnableDns64'), `${r.id}'s ${w.prop('EnableDns64')}`, { value: false, at: keySpan(r) }),
  };
}

/**
 * The Region a zone the template writes puts the subnet in (model/zone-region.ts). A parameter's default or a
 * Terraform variable's value is the deployment's choice, not the template's: no pin.
 */
function zonePinOf(values: Resolver, az: Value): { zonePin?: string } {
  const text = literal(az);
  if (text === undefined || fromDefaultOf(values, az) || (az.node && INPUT_TEXT.has(az.node))) return {};
  const region = regionOfZone(text);
  return region ? { zonePin: region } : {};
}

/** A Terraform subnet's provider's region, where the configuration writes it (not a variable's value). */
function providerRegionOf(r: Resource): { providerRegion?: string } {
  const v = r.properties ? pairOf(r.properties, ENDPOINT_REGION)?.value : undefined;
  return v?.kind === 'scalar' && typeof v.value === 'string' && !INPUT_TEXT.has(v) ? { providerRegion: v.value } : {};
}

/**
 * A zone written as the stack's Region and a letter (`!Sub '${AWS::Region}a'`, a Fn::Join of AWS::Region and
 * `a`): the same zone wherever the stack deploys, so `${AWS::Region}a` compares with its like; where the
 * settings name the one Region the stack deploys to, it is that Region's zone by name (eu-west-1a) and
 * compares with literal names too. Terraform's AWS::Region is its default provider's, which the settings
 * do not decide: kept relative there.
 */
function regionRelativeZone(az: Value, regions: readonly string[]): string | undefined {
  if (az.kind !== 'str' || !az.parts.some((p) => 'pseudo' in p)) return undefined;
  if (az.parts.some((p) => 'unknown' in p || ('pseudo' in p && p.pseudo !== 'AWS::Region'))) return undefined;
  const text = withPseudos(az);
  return text !== undefined && regions.length === 1 ? text.split('${AWS::Region}').join(regions[0]) : text;
}

function rangeOf(f: Fact<string>): Fact<Ipv4Range> {
  if (!f.known) return { known: false, why: f.why, decides: f.decides, at: f.at };
  const range = parseIpv4Cidr(f.value);
  return range ? { ...f, value: range } : unknownFact(`${f.value} is not an IPv4 range`, f.value, f.at);
}

// Read only when a trace reaches the endpoint: most lint runs never need it.
function policyOf(a: Adapter, e: CfnEndpoint): () => PolicyDoc | undefined {
  const truth = a.values.scenario?.truth;
  let policy: PolicyDoc | undefined | null = null;
  return () => (policy === null ? (policy = templatePolicies(a.template, [e]).find((d) => d.when.every((c) => (c.startsWith('!') ? truth?.get(c.slice(1)) !== true : truth?.get(c) !== false))) ?? computedPolicy(a, e)) : policy);
}

/**
 * A policy the template sets to a value known only at deploy time (a parameter without default, a
 * Terraform variable, a merged aws_iam_policy_document): a policy is there and may deny anything, so it
 * is a document the trace cannot read (root null, the deciding value named), never "no policy", which
 * is the default policy's full access.
 */
function computedPolicy(a: Adapter, e: CfnEndpoint): PolicyDoc | undefined {
  const v = e.computed ?? a.values.prop(e.props, 'PolicyDocument');
  if (v.kind !== 'unknown' && v.kind !== 'ref' && v.kind !== 'if') return undefined;
  const f = unknownOf<never>(v, `${e.resource.id}'s ${a.words.prop('PolicyDocument')}`);
  const anchor = v.node ?? e.resource.node;
  return {
    root: null,
    anchor,
    form: 'object',
    problems: [],
    size: undefined,
    service: { prefix: undefined, how: 'unknown' },
    endpoint: e,
    resource: e.resource,
    when: [],
    usesPseudoPartition: false,
    ...(f.known ? {} : { computed: { why: f.why, decides: f.decides } }),
  };
}

/** The VPC an endpoint's VpcId names, when the template says it (before its part is made: the pin keys it). */
function endpointVpc(a: Adapter, e: CfnEndpoint): string | undefined {
  if (e.computed) return undefined;
  const vpc = vpcRef(a.values, a.values.prop(e.props, 'VpcId'), '');
  return vpc.known ? vpc.value : undefined;
}

function endpointOf(a: Adapter, e: CfnEndpoint, state: { condition?: string; maybe?: string }, pin: RegionPin | undefined): Omit<Endpoint, 'policy'> {
  const { values } = a;
  const w = a.words;
  const id = e.resource.id;
  const p = (k: string) => e.computed ?? values.prop(e.props, k);
  const types = new Set(e.types.map((t) => t.value.type));
  const first = e.types[0]?.value;
  // A type that is a parameter's (or a Terraform variable's) default says so in the findings it decides.
  const typeDefault = e.typeNode && !e.computed ? fromDefaultOf(values, values.value(e.typeNode)) : undefined;
  const type: Fact<string> = types.size === 1 && first?.type ? known(first.type, spanOf(e.typeNode, keySpan(e.resource)), typeDefault) : typeBranches(e, unknownOf(e.computed ?? values.value(e.typeNode), `${id}'s ${w.prop('VpcEndpointType')}`));
  const patterns = new Set(e.services.map((s) => s.value.pattern));
  const only = e.services[0]?.value;
  // One service on every branch (`!If [IsChina, cn.com.amazonaws…ssm, com.amazonaws…ssm]`) is known; a
  // branch whose name is known only at deploy time (a parameter without default) leaves it unknown.
  const everyBranch = !e.computed && e.services.length === branches(values.value(e.serviceNode)).length;
  const service: Fact<string> = patterns.size === 1 && only && everyBranch ? known(only.pattern, spanOf(e.serviceNode)) : serviceBranches(e, values, unknownOf(e.computed ?? values.value(e.serviceNode), `${id}'s ${w.prop('ServiceName')}`));
  const dnsOptions = p('DnsOptions');
  const inbound = dnsOptions.kind === 'map' ? values.value(valueOf(dnsOptions.node, 'PrivateDnsOnlyForInboundResolverEndpoint') ?? null) : (e.computed ?? ({ kind: 'absent', node: null } as Value));
  const recordType = dnsOptions.kind === 'map' ? values.value(valueOf(dnsOptions.node, 'DnsRecordIpType') ?? null) : ({ kind: 'absent', node: null } as Value);
  const info = service.known ? only?.info : undefined;
  const open = service.known ? only?.unknownRegion : undefined;
  const region = open ? openRegionCheck(a, e, open) : regionCheck(a, e);
  const serviceRegion = p('ServiceRegion').kind !== 'absent' ? textFact(values, p('ServiceRegion'), `${id}'s ${w.prop('ServiceRegion')}`) : undefined;
  const home = homeOf(a, e, pin);
  const cross = serviceRegion ? crossRegionOf(a, e, type, serviceRegion, info, home) : {};
  const privateDns = boolFact(values, p('PrivateDnsEnabled'), `${id}'s ${w.prop('PrivateDnsEnabled')}`, { value: false, at: keySpan(e.resource) });
  const typeBroken = type.known && info ? typeProblem(type.value, info, first?.defaulted ?? false) : undefined;
  // EC2 refuses private DNS on an interface endpoint whose service has no private DNS name (VPCE5005).
  const dnsBroken = type.known && type.value === 'Interface' && refusesPrivateDns(info) && privateDns.known && privateDns.value ? `${shortName(info.pattern)} offers no private DNS name, so EC2 refuses ${w.set('PrivateDnsEnabled', 'true')}` : undefined;
  // The first reason decides what the trace suggests (a type change only for a wrong type).
  const [brokenBy, broken] = ([['type', typeBroken], ['region', region.broken], ['cross-region', cross.broken], ['private-dns', dnsBroken]] as const).find(([, why]) => why !== undefined) ?? [];
  // A list a condition chooses is known per branch, for the branches some deployment of the endpoint takes.
  const possible = (when: string[]) => satisfiable(a.template, [...(e.resource.condition ? [e.resource.condition] : []), ...when]);
  return {
    id,
    at: keySpan(e.resource),
    ...state,
    service,
    type,
    typeDefaulted: first?.defaulted ?? false,
    typeAnchor: spanOf(pairOf(e.props, 'ServiceName')?.key, keySpan(e.resource)),
    ...(broken && brokenBy ? { broken, brokenBy } : {}),
    // A service AWS does not reach across Regions is VPCE3005's doubt, whatever Region the name names.
    ...(region.doubt && !(open && cross.doubt) ? { regionDoubt: region.doubt } : cross.doubt ? { regionDoubt: { ...cross.doubt, crossRegion: true } } : {}),
    ...(open ? { nameRegion: { why: `the Region of ${id}'s ${w.prop('ServiceName')} is known only at deploy time: ${open.why}`, decides: open.decides, identity: open.identity, at: spanOf(open.node ?? e.serviceNode) } } : {}),
    vpc: vpcRef(values, p('VpcId'), `${id}'s ${w.prop('VpcId')}`),
    subnets: { ...idList(p('SubnetIds'), `${id}'s ${w.prop('SubnetIds')}`, possible), ...keyOf(e, 'SubnetIds') },
    securityGroups: { ...idList(p('SecurityGroupIds'), `${id}'s ${w.prop('SecurityGroupIds')}`, possible), ...keyOf(e, 'SecurityGroupIds') },
    routeTables: { ...idList(p('RouteTableIds'), `${id}'s ${w.prop('RouteTableIds')}`, possible), ...keyOf(e, 'RouteTableIds') },
    privateDns,
    privateDnsDefaulted: p('PrivateDnsEnabled').kind === 'absent',
    privateDnsInboundOnly: inboundOnlyFact(values, inbound, `${id}'s ${w.prop('PrivateDnsOnlyForInboundResolverEndpoint')}`, { value: Boolean(info?.privateDns && info.types.includes('Gateway') && info.types.includes('Interface')), at: keySpan(e.resource) }),
    ...(serviceRegion ? { serviceRegion } : {}),
    home,
    ipAddressType: textFact(values, p('IpAddressType'), `${id}'s ${w.prop('IpAddressType')}`, { value: 'ipv4', at: keySpan(e.resource) }),
    ipAddressTypeDefaulted: p('IpAddressType').kind === 'absent',
    ...(recordType.kind !== 'absent' ? { dnsRecordIpType: textFact(values, recordType, `${id}'s ${w.prop('DnsRecordIpType')}`) } : {}),
  };
}

/**
 * A cross-Region endpoint's judgement (model/cross-region.ts), with where it is created: a Terraform
 * provider's region when the configuration says it, else the regions the settings deploy to.
 */
function crossRegionOf(a: Adapter, e: CfnEndpoint, type: Fact<string>, serviceRegion: Fact<string>, info: ServiceInfo | undefined, home: EndpointHome) {
  const where = pairOf(e.props, ENDPOINT_REGION)?.value;
  const createdIn = home.regions;
  const names = new Set(e.services.map((s) => s.value.literalRegion?.region));
  const [nameRegion] = names;
  const aws = e.services.length > 0 && e.services.every((s) => !s.value.isCustom && s.value.info);
  return judgeCrossRegion({
    type,
    typeDefaulted: e.types[0]?.value.defaulted ?? false,
    serviceRegion,
    info: aws ? info : undefined,
    ...(names.size === 1 && nameRegion !== undefined ? { nameRegion } : {}),
    createdIn,
    words: { serviceRegion: a.words.prop('ServiceRegion'), createdIn: home.pin ? `${pinWords(home.pin)} puts it in` : where ? 'it is created in' : `${a.words.deployed} deploys to` },
  });
}

/**
 * Where the endpoint is created (its VPC's Region): a Terraform endpoint's provider region (tf/lower.ts, its
 * VPC's where known), an unknown one named by its value; else the Regions the settings say the stack deploys to.
 */
function homeOf(a: Adapter, e: CfnEndpoint, pin: RegionPin | undefined): EndpointHome {
  // The default provider's region a variable without a value decides is the settings' where they name any.
  const where = pairOf(e.props, ENDPOINT_REGION)?.value ?? (a.regions.length ? undefined : pairOf(e.props, OPEN_DEFAULT_REGION)?.value);
  if (where?.kind === 'scalar' && typeof where.value === 'string') return { regions: [where.value], decides: 'the region it is created in' };
  // A provider's region known only at apply time: a subnet's literal zone in its VPC says which it must be.
  if (where && pin) return pinnedHome([], pin, a.words.deployed);
  if (where) {
    const items = where.kind === 'map' && where.pairs[0]?.key.value === 'Fn::Unknown' && where.pairs[0].value?.kind === 'seq' ? where.pairs[0].value.items : [];
    const decides = items[1]?.kind === 'scalar' ? String(items[1].value) : 'the region of its provider';
    return { regions: [], decides };
  }
  return pinnedHome(a.regions, pin, a.words.deployed);
}

/**
 * A service name whose Region only the deployment knows (cfn/endpoints.ts): the endpoint reaches its own
 * Region's services only, so whether it serves anything is in doubt, named by that value, unless the endpoint
 * is created in (or, cross-Region, its ServiceRegion is) the Region the same value names (a Terraform provider's
 * `region = var.aws_region` with `com.amazonaws.${var.aws_region}.sqs`).
 */
function openRegionCheck(a: Adapter, e: CfnEndpoint, open: UnknownRegion): { broken?: string; doubt?: { why: string; decides: string } } {
  // A cross-Region endpoint names its service by the service Region's name: the same value there is the same Region.
  const serviceRegion = pairOf(e.props, 'ServiceRegion');
  if (serviceRegion) {
    const v = a.values.value(serviceRegion.value);
    if (v.kind === 'unknown' && (v.identity ?? v.decides) === open.identity) return {};
    const text = literal(v);
    return { doubt: { why: `its service name is for whatever Region ${open.decides} names, and whether that is its ${a.words.prop('ServiceRegion')}${text ? ` (${text})` : ''} is not known`, decides: open.decides } };
  }
  const where = pairOf(e.props, ENDPOINT_REGION)?.value ?? pairOf(e.props, OPEN_DEFAULT_REGION)?.value;
  const items = where?.kind === 'map' && where.pairs[0]?.key.value === 'Fn::Unknown' && where.pairs[0].value?.kind === 'seq' ? where.pairs[0].value.items.map((i) => (i.kind === 'scalar' ? String(i.value) : undefined)) : undefined;
  if (items && (items[2] ?? items[1]) === open.identity) return {};
  const createdIn = where?.kind === 'scalar' && typeof where.value === 'string' ? where.value : undefined;
  const there = createdIn ? `the region it is created in (${createdIn})` : where ? 'the region it is created in' : a.regions.length ? `the Region ${a.words.deployed} deploys to (${a.regions.join(', ')})` : `the Region ${a.words.deployed} deploys to`;
  return { doubt: { why: `its service name is for whatever Region ${open.decides} names, and whether that is ${there} is not known`, decides: open.decides } };
}

/**
 * A Terraform endpoint whose region (its VPC's or its provider's, tf/providers.ts) is not the one its
 * service name names: an endpoint reaches its own region's services only (unless service_region).
 * Both known: it cannot be created. Either one unknown: whether it can is in doubt. Without a provider's
 * region (a template), the settings' regions judge (settingsRegionCheck).
 */
function regionCheck(adapter: Adapter, e: CfnEndpoint): { broken?: string; doubt?: { why: string; decides: string } } {
  const where = pairOf(e.props, ENDPOINT_REGION)?.value;
  if (pairOf(e.props, 'ServiceRegion') || e.services.length !== 1) return {};
  if (!where) return settingsRegionCheck(adapter, e);
  const name = e.services[0]!.value;
  // `${AWS::Region}` in an aliased provider's endpoint is the default provider's region; in any other, its own.
  const named = name.literalRegion ? name.literalRegion.region : name.pattern.includes('{region}') ? pairOf(e.props, DEFAULT_REGION)?.value : undefined;
  if (named === undefined) return {};
  const text = (n: Node | string | null | undefined) => (typeof n === 'string' ? n : n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined);
  const [a, b] = [text(where), text(named)];
  if (a !== undefined && b !== undefined) return a === b ? {} : { broken: `its service name is for ${b} but it is created in ${a}, the region of its provider (service_region would make it cross-Region)` };
  const unknown = typeof named !== 'string' && b === undefined ? named : where;
  const [why, decides] = unknown && typeof unknown !== 'string' && unknown.kind === 'map' && unknown.pairs[0]?.value?.kind === 'seq' ? unknown.pairs[0].value.items.map((i) => (i.kind === 'scalar' ? String(i.value) : '')) : [];
  return { doubt: { why: `whether its service${b ? ` (in ${b})` : ''} is in the region it is created in${a ? ` (${a})` : ''} is not known: ${why ?? 'a region is not known statically'}`, decides: decides ?? 'the provider region' } };
}

// Without a provider's region, the regions the settings say the stack deploys to decide what VPCE3001
// judges by: a service name hard-coding another region cannot be created there, so the trace through
// that endpoint is as unknown as through one of the wrong type, never "private" past an error.
// A name from a parameter's or variable's default is the deployment's choice, not hard-coded.
// With none named, a name read from a region map (`!FindInMap [Map, !Ref AWS::Region, Key]`) is read only in
// the Regions of the map's entries (cfn/find-in-map.ts): elsewhere the stack does not deploy. A name those entries
// all give in another Region's words (VPCE3001 on each entry) cannot be created in any of them.
function settingsRegionCheck(a: Adapter, e: CfnEndpoint): { broken?: string; doubt?: { why: string; decides: string } } {
  const s = e.services[0]!;
  const r = s.value.literalRegion?.region;
  const lookup = a.regions.length || !e.serviceNode ? undefined : a.values.lookup(e.serviceNode);
  const regions = lookup?.regions === 'entries' ? lookup.reads.flatMap((x) => ('entry' in x ? [x.top] : [])) : a.regions;
  if (!r || regions.length === 0 || s.value.fromParameter || (e.serviceNode && INPUT_TEXT.get(e.serviceNode)?.some((t) => t.includes(r)))) return {};
  const conditions = [...(e.resource.condition ? [e.resource.condition] : []), ...s.when];
  const possible = regions.filter((x) => conditions.length === 0 || possibleInRegion(a.template, conditions, x));
  const wrong = possible.filter((x) => x !== r);
  if (wrong.length === 0) return {};
  const deploys = lookup?.regions === 'entries' ? `mapping ${lookup.keys[0]} has entries only for ${regions.join(', ')}, where the stack deploys` : `the stack deploys to ${a.regions.join(', ')}`;
  if (wrong.length === possible.length) return { broken: `its service name is for ${r} but ${deploys}` };
  return { doubt: { why: `its service name is for ${r}, and ${deploys}`, decides: 'the region the stack deploys to' } };
}

// The type on each branch of the conditions that decide it, when every branch's type is known.
function typeBranches(e: CfnEndpoint, unknown: Fact<string>): Fact<string> {
  if (unknown.known || e.computed || e.types.some((t) => !t.value.type)) return unknown;
  return { ...unknown, branches: e.types.map((t) => ({ when: t.when, value: t.value.type!, at: spanOf(e.typeNode, keySpan(e.resource)), defaulted: t.value.defaulted })) };
}

// The service on each branch, when every branch names one.
function serviceBranches(e: CfnEndpoint, values: Resolver, unknown: Fact<string>): Fact<string> {
  if (unknown.known || e.computed || !e.services.length || e.services.length !== branches(values.value(e.serviceNode)).length) return unknown;
  return { ...unknown, branches: e.services.map((s) => ({ when: s.when, value: s.value.pattern, at: spanOf(e.serviceNode) })) };
}

function keyOf(e: CfnEndpoint, key: string): { keyAt?: Span; valueAt?: Span } {
  const pair = pairOf(e.props, key);
  return pair ? { keyAt: spanOf(pair.key), valueAt: spanOf(pair.value, spanOf(pair.key)) } : {};
}

// A gateway endpoint adds a prefix-list route to each route table it lists; an endpoint whose VPC
// value is unknown is in the VPC of its subnets or route tables when those agree.
// https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-routing
function addGatewayRoutes(model: NetworkModel, e: Endpoint): void {
  // An endpoint's subnets and route tables must be in its VPC: they name it better than a VPC value
  // known only at deploy time.
  if (!e.vpc.known || /^(parameter|import) /.test(e.vpc.value)) {
    const owners = e.type.known && e.type.value === 'Gateway' ? e.routeTables.items.map((i) => model.routeTables.get(i.id)?.vpc) : e.subnets.items.map((i) => model.subnets.get(i.id)?.vpc);
    const vpcs = new Set(owners.map((f) => (f?.known ? f.value : undefined)));
    const [only] = vpcs;
    if (owners.length && vpcs.size === 1 && only !== undefined) e.vpc = known(only, e.vpc.at);
  }
  if (!e.type.known || e.type.value !== 'Gateway' || !e.service.known || e.broken) return;
  for (const item of e.routeTables.items) {
    const table = model.routeTables.get(item.id);
    const route: Route = { id: e.id, at: item.at, destination: { kind: 'service', pattern: e.service.value }, target: { kind: 'vpc-endpoint', id: e.id }, endpoint: e.id };
    if (e.condition) route.condition = e.condition;
    if (e.maybe) route.maybe = e.maybe;
    table?.routes.push(route);
  }
}

function destinationOf(v4: Value, v6: Value, pl: Value): Destination {
  if (v4.kind !== 'absent') {
    const text = literal(v4);
    const range = text ? parseIpv4Cidr(text) : undefined;
    return range && text ? { kind: 'ipv4', range, text } : { kind: 'unknown', why: unknownReason(v4, 'the destination'), family: 'ipv4' };
  }
  if (v6.kind !== 'absent') {
    const text = literal(v6);
    return text ? ipv6Destination(text) : { kind: 'unknown', why: unknownReason(v6, 'the IPv6 destination'), family: 'ipv6' };
  }
  const text = literal(pl);
  return text ? { kind: 'prefix-list', text } : { kind: 'unknown', why: unknownReason(pl, 'the destination') };
}

function ipv6Destination(text: string): Destination {
  const range = parseIpv6Cidr(text);
  return range ? { kind: 'ipv6', text, range } : { kind: 'ipv6', text };
}

function unknownReason(v: Value, what: string): string {
  const f = unknownOf<string>(v, what);
  return f.known ? what : f.why;
}

const TARGETS: [string, TargetKind][] = [
  ['NatGatewayId', 'nat-gateway'],
  ['EgressOnlyInternetGatewayId', 'egress-only-gateway'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcPeeringConnectionId', 'peering'],
  ['VpcEndpointId', 'vpc-endpoint'],
  ['NetworkInterfaceId', 'network-interface'],
  ['InstanceId', 'instance'],
  ['CarrierGatewayId', 'other'],
  ['LocalGatewayId', 'other'],
  ['CoreNetworkArn', 'other'],
];

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-route.html
function targetOf(a: Adapter, route: Resource): Route['target'] {
  const { template, values } = a;
  const gateway = values.prop(route.properties, 'GatewayId');
  if (gateway.kind !== 'absent') {
    const res = gateway.kind === 'ref' ? template.byId.get(gateway.target) : undefined;
    if (res?.type === 'AWS::EC2::InternetGateway') return { kind: 'internet-gateway', id: res.id };
    if (res?.type === 'AWS::EC2::VPNGateway') return { kind: 'vpn-gateway', id: res.id };
    // EC2 takes a NAT gateway's id as GatewayId too and makes the route to that NAT gateway (it reads
    // back as NatGatewayId: Terraform's perpetual diff, hashicorp/terraform#8035, terraform-provider-aws#1239).
    if (res?.type === 'AWS::EC2::NatGateway') return { kind: 'nat-gateway', id: res.id };
    const text = literal(gateway);
    if (text?.startsWith('nat-')) return { kind: 'nat-gateway', id: undefined };
    if (text?.startsWith('igw-')) return { kind: 'internet-gateway', id: undefined };
    if (text?.startsWith('vgw-')) return { kind: 'vpn-gateway', id: undefined };
    const why = res ? `its GatewayId is ${res.id}, a ${res.type ?? 'resource'} that is not a gateway` : text !== undefined ? `its GatewayId ${text} is neither an internet gateway (igw-), a virtual private gateway (vgw-) nor a NAT gateway (nat-)` : unknownReason(gateway, 'its GatewayId');
    return { kind: 'unknown', id: res?.id, why };
  }
  for (const [prop, kind] of TARGETS) {
    const v = values.prop(route.properties, prop);
    if (v.kind === 'absent') continue;
    if (v.kind === 'ref' && template.byId.has(v.target)) return { kind, id: v.target };
    const written = literal(v);
    return written !== undefined ? { kind, id: undefined, written } : { kind, id: undefined, why: unknownReason(v, `its ${prop}`) };
  }
  return { kind: 'unknown', id: undefined };
}

// A nested stack given a VPC may create endpoints in it, one given a route table may add routes: the
// trace must not answer for them (trace/open-world.ts). Any reference in its Parameters counts, and any in a
// custom resource's Properties.
// Terraform::Module: a Terraform module call the adapter does not read (tf/lower.ts), named by its address.
const NESTED: [string, string][] = [['AWS::CloudFormation::Stack', 'nested stack '], ['AWS::Serverless::Application', 'nested application '], ['Terraform::Module', '']];

function handedOn(a: Adapter, model: NetworkModel): void {
  // A custom resource's function gets its Properties and may do anything with them: add a route to a route table
  // it is given (a Lambda calling CreateRoute), create an endpoint in a VPC.
  const custom = a.template.resources.filter((r) => r.type === 'AWS::CloudFormation::CustomResource' || r.type?.startsWith('Custom::'));
  for (const [type, label] of [...NESTED, ['custom', 'custom resource '] as [string, string]]) {
    for (const r of type === 'custom' ? custom : resourcesOfType(a.template, type)) {
      if (a.state(r) === 'absent') continue;
      const params = type === 'custom' ? r.properties : valueOf(r.properties, 'Parameters');
      for (const id of referenced(params)) {
        // A Terraform module may also associate route tables, subnets or groups with an endpoint it is handed
        // (aws_vpc_endpoint_route_table_association); CloudFormation has no such resource for a nested stack.
        const endpoint = type === 'Terraform::Module' && a.template.byId.get(id)?.type === 'AWS::EC2::VPCEndpoint';
        if (model.vpcs.has(id) || model.routeTables.has(id) || endpoint) (model.elsewhere ??= new Map()).set(id, `${label}${r.id}`);
      }
    }
  }
}

function referenced(n: Node | null | undefined, out = new Set<string>()): Set<string> {
  if (!n) return out;
  if (n.kind === 'seq') for (const i of n.items) referenced(i, out);
  if (n.kind !== 'map') return out;
  for (const p of n.pairs) {
    const v = p.value;
    if (p.key.value === 'Ref' && v?.kind === 'scalar') out.add(String(v.value));
    else if (p.key.value === 'Fn::GetAtt' && v?.kind === 'scalar') out.add(String(v.value).split('.')[0]!);
    else if (p.key.value === 'Fn::GetAtt' && v?.kind === 'seq' && v.items[0]?.kind === 'scalar') out.add(String(v.items[0].value));
    else if (p.key.value === 'Fn::Sub') {
      const text = v?.kind === 'scalar' ? v.value : v?.kind === 'seq' && v.items[0]?.kind === 'scalar' ? v.items[0].value : undefined;
      for (const m of String(text ?? '').matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) out.add(m[1]!);
      if (v?.kind === 'seq') referenced(v.items[1], out);
    } else referenced(v, out);
  }
  return out;
}
