// Completion of an AWS::EC2::VPCEndpoint's network properties from the network model's facts: the
// subnets, security groups and route tables of the endpoint's VPC (ranked by what makes a working
// endpoint: one subnet per zone, groups that admit from the VPC the ports its service is served on, 443 for
// nearly every AWS service: catalogue servicePorts), its VPC, the IP address types
// the service supports, and DnsOptions from the generated schema.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver/node';
import schema from '../../../../schemas/cfn/AWS_EC2_VPCEndpoint.schema.json';
import { httpsOnly, serviceByPattern, servicePorts, shortName, type EndpointKind } from '../../core/data/catalogue.js';
import type { EndpointFacts, GroupFacts, NetworkFacts, PortsAdmission, Shown } from './assist-types.js';
import { groupText, portsAdmission, portsLabel, routeTableText, subnetText } from './element-text.js';
import type { Slot } from './position.js';

/** How the document writes things: JSON, or YAML with `!Ref` or `{Ref: X}`. */
export interface Style {
  json: boolean;
  shortRef: boolean;
}

export interface Draft {
  label: string;
  /** The value as written in the document (quoted for JSON, `!Ref X` ...). */
  value: string;
  detail?: string;
  documentation?: string;
  kind?: CompletionItemKind;
  /** What the editor filters on, when not the label. */
  filter?: string;
  /** Sent back on completionItem/resolve, which adds the detail and documentation (long lists stay small). */
  data?: { action: string };
  /** A key whose value is a mapping below it (a condition operator): YAML writes `Key:` with no space. */
  opens?: boolean;
}

const props = schema.properties as Record<string, { enum?: string[] }>;
const dnsProps = schema.definitions.DnsOptionsSpecification.properties as Record<string, { enum?: string[]; type?: string }>;

/** Every VpcEndpointType the schema accepts, with what each one is. */
export const ENDPOINT_TYPES: readonly string[] = props.VpcEndpointType!.enum!;
export const TYPE_DETAILS: Record<string, string> = {
  Interface: 'Network interfaces in your subnets (most AWS services)',
  Gateway: 'A route-table target (Amazon S3 and DynamoDB only)',
  GatewayLoadBalancer: 'Traffic to a Gateway Load Balancer endpoint service',
  Resource: 'A resource configuration shared through VPC Lattice',
  ServiceNetwork: 'A VPC Lattice service network',
  Tunnel: 'A tunnel endpoint (accepted by CloudFormation; see the AWS::EC2::VPCEndpoint reference)',
};

/** The drafts for a slot inside an endpoint's Properties (path without the resource's own key). */
export function endpointDrafts(path: string[], slot: Slot, e: EndpointFacts | undefined, net: NetworkFacts | undefined, listed: string[], style: Style): Draft[] {
  const [props0, prop, ...rest] = path;
  if (props0 !== 'Properties' || !prop) return [];
  const inRef = rest[rest.length - 1] === 'Ref' || /^!Ref\s/.test(slot.typed);
  const item = rest[0] === '[]' && (rest.length === 1 || inRef);
  if (slot.at === 'value') {
    if (prop === 'SubnetIds' && item && net) return subnetDrafts(net, e, listed, style, inRef);
    if (prop === 'SecurityGroupIds' && item && net) return groupDrafts(net, e, listed, style, inRef);
    if (prop === 'RouteTableIds' && item && net) return routeTableDrafts(net, e, listed, style, inRef);
    if (prop === 'VpcId' && (rest.length === 0 || inRef) && net) return vpcDrafts(net, e, style, inRef);
    if (prop === 'IpAddressType' && rest.length === 0) return ipDrafts(e, ['ipv4', 'dualstack', 'ipv6'], style);
    if (prop === 'DnsOptions' && rest.length === 1) return dnsValueDrafts(rest[0]!, e, style);
  }
  if (slot.at === 'key' && prop === 'DnsOptions' && rest.length === 0) {
    return Object.entries(dnsProps).map(([k, v]) => ({ label: k, value: k, kind: CompletionItemKind.Property, detail: v.enum ? v.enum.join(' | ') : 'list of domain names' }));
  }
  return [];
}

function ref(id: string, style: Style, inRef: boolean): string {
  if (inRef) return style.json ? JSON.stringify(id) : `!Ref ${id}`;
  if (style.json) return `{"Ref": ${JSON.stringify(id)}}`;
  return style.shortRef ? `!Ref ${id}` : `{Ref: ${id}}`;
}

/**
 * Whether an element is in the endpoint's VPC. Two different VPCs of the template are different; a VPC
 * the template does not create (a parameter, an import, a custom resource's answer) might be any, so
 * "unknown" — and a group without VpcId (the default VPC) is not in a VPC the template creates.
 */
function inVpc(vpc: Shown<string | null>, e: EndpointFacts | undefined, net: NetworkFacts): 'yes' | 'no' | 'unknown' {
  if (!e || !('value' in e.vpc) || !('value' in vpc)) return 'unknown';
  if (vpc.value === e.vpc.value) return 'yes';
  const ours = (id: string | null) => id !== null && net.vpcs.some((v) => v.id === id);
  return ours(e.vpc.value) && (vpc.value === null || ours(vpc.value)) ? 'no' : 'unknown';
}

function vpcNote(e: EndpointFacts | undefined): string {
  return e && 'unknown' in e.vpc ? ` · the endpoint's VPC is unknown: ${e.vpc.unknown}` : '';
}

function conditional(c: string | undefined): string {
  return c ? ` · conditional (${c})` : '';
}

function subnetDrafts(net: NetworkFacts, e: EndpointFacts | undefined, listed: string[], style: Style, inRef: boolean): Draft[] {
  const subnets = net.subnets.filter((s) => inVpc(s.vpc, e, net) !== 'no');
  const zoneOf = (id: string) => {
    const s = net.subnets.find((x) => x.id === id);
    return s && 'value' in s.zone ? s.zone.value : undefined;
  };
  const used = new Set(listed.map(zoneOf).filter((z): z is string => z !== undefined));
  const firstOfZone = new Set<string>();
  // Subnets that may be in another VPC rank after those known to be in the endpoint's, zone by zone.
  const tier = (s: (typeof subnets)[number]): number => (listed.includes(s.id) ? 9 : zoneTier(s) + (inVpc(s.vpc, e, net) === 'unknown' ? 4 : 0));
  const zoneTier = (s: (typeof subnets)[number]): number => {
    if (!('value' in s.zone)) return 2;
    if (used.has(s.zone.value)) return 3;
    if (firstOfZone.has(s.zone.value)) return 1;
    firstOfZone.add(s.zone.value);
    return 0;
  };
  const ranked = subnets.map((s) => ({ s, t: tier(s) })).sort((a, b) => a.t - b.t);
  return ranked.map(({ s, t }) => {
    const zone = !('value' in s.zone) ? 'zone unknown' : s.zoneIsName ? s.zone.value : `deploy-time zone ${s.zone.value}`;
    const cidr = 'value' in s.cidr ? ` · ${s.cidr.value}` : '';
    const why = t === 9 ? ' · already listed' : t % 4 === 3 ? ' · zone already used' : '';
    const vpc = inVpc(s.vpc, e, net) === 'unknown' ? " · may not be in the endpoint's VPC" : '';
    return { label: s.id, value: ref(s.id, style, inRef), kind: CompletionItemKind.Reference, detail: `${zone}${cidr}${why}${vpc}${conditional(s.condition)}${vpcNote(e)}`, documentation: subnetText(s, net) };
  });
}

function groupDrafts(net: NetworkFacts, e: EndpointFacts | undefined, listed: string[], style: Style, inRef: boolean): Draft[] {
  const rank = { pass: 0, unknown: 1, block: 2 } as const;
  const groups = net.groups.filter((g) => inVpc(g.vpc, e, net) !== 'no');
  // The ports the endpoint's service is reached on (its first, when Fn::If names several): 443 for nearly all.
  const pattern = e?.services[0];
  const ports = pattern ? servicePorts(pattern) : [443];
  // Facts kept from a version without this service (mid-edit) lack its ports: unknown, never 443's answer.
  const admission = (g: (typeof groups)[number]) => portsAdmission(g, ports) ?? { services: [shortName(pattern!)], ports: [...ports], decision: 'unknown' as const, reason: '' };
  const tier = (g: (typeof groups)[number]) => (listed.includes(g.id) ? 3 : rank[admission(g).decision]);
  return groups
    .map((g) => ({ g, t: tier(g) }))
    .sort((a, b) => a.t - b.t)
    .map(({ g, t }) => {
      const a = admission(g);
      const said = !pattern || httpsOnly(ports) || a === g.https ? httpsDetail(a.decision) : portsDetail(a as Exclude<typeof a, GroupFacts['https']>);
      return { label: g.id, value: ref(g.id, style, inRef), kind: CompletionItemKind.Reference, detail: `${said}${t === 3 ? ' · already listed' : ''}${conditional(g.condition)}${vpcNote(e)}`, documentation: groupText(g, net) };
    });
}

function httpsDetail(d: GroupFacts['https']['decision']): string {
  return d === 'pass' ? 'admits 443 from the VPC' : d === 'block' ? 'does not admit 443 from the VPC' : '443 from the VPC: unknown';
}

function portsDetail(p: PortsAdmission): string {
  const name = portsLabel(p);
  return p.decision === 'pass' ? `admits TCP ${p.port} from the VPC, one of ${name}` : p.decision === 'block' ? `admits none of ${name} (${p.ports.join(', ')}) from the VPC` : `${name} from the VPC: unknown`;
}

function routeTableDrafts(net: NetworkFacts, e: EndpointFacts | undefined, listed: string[], style: Style, inRef: boolean): Draft[] {
  return net.routeTables
    .filter((t) => inVpc(t.vpc, e, net) !== 'no')
    .map((t) => ({ t, r: listed.includes(t.id) ? 1 : 0 }))
    .sort((a, b) => a.r - b.r)
    .map(({ t, r }) => ({
      label: t.id,
      value: ref(t.id, style, inRef),
      kind: CompletionItemKind.Reference,
      detail: `${t.subnets.length ? `subnets: ${t.subnets.join(', ')}` : 'no subnets associated'}${r ? ' · already listed' : ''}${conditional(t.condition)}${vpcNote(e)}`,
      documentation: routeTableText(t, net),
    }));
}

function vpcDrafts(net: NetworkFacts, e: EndpointFacts | undefined, style: Style, inRef: boolean): Draft[] {
  const mine = e && 'value' in e.vpc ? e.vpc.value : undefined;
  return [...net.vpcs]
    .sort((a, b) => Number(b.id === mine) - Number(a.id === mine))
    .map((v) => ({ label: v.id, value: ref(v.id, style, inRef), kind: CompletionItemKind.Reference, detail: `${'value' in v.cidr ? v.cidr.value : 'CIDR unknown'}${v.id === mine ? " · the VPC of the endpoint's subnets" : ''}${conditional(v.condition)}` }));
}

/** IPv6 support of the endpoint's services for its type: true, false, or undefined (unknown), with why. */
function ipv6Support(e: EndpointFacts | undefined): { support: boolean | undefined; why: string } {
  if (!e || e.services.length === 0) return { support: undefined, why: "the endpoint's service is unknown" };
  const type = ('value' in e.type ? e.type.value : 'Interface') as EndpointKind;
  let support: boolean | undefined = true;
  const names: string[] = [];
  for (const pattern of e.services) {
    const info = serviceByPattern(pattern);
    const v = info?.ipv6[type];
    names.push(shortName(pattern));
    if (v === false) return { support: false, why: `${shortName(pattern)} (${type}) does not support IPv6 (service catalogue)` };
    if (typeof v !== 'boolean') support = undefined;
  }
  return support ? { support, why: `${names.join(', ')} (${type}) supports IPv6 (service catalogue)` } : { support, why: `the catalogue does not say whether ${names.join(', ')} (${type}) supports IPv6` };
}

function quote(v: string, style: Style): string {
  return style.json ? JSON.stringify(v) : v;
}

function ipDrafts(e: EndpointFacts | undefined, values: string[], style: Style): Draft[] {
  const { support, why } = ipv6Support(e);
  return values
    .filter((v) => support !== false || !/ipv6|dualstack/.test(v))
    .map((v) => ({ label: v, value: quote(v, style), kind: CompletionItemKind.EnumMember, detail: /ipv6|dualstack/.test(v) ? (support ? why : `IPv6 support unknown: ${why}`) : v === 'ipv4' ? 'IPv4 addresses only' : undefined }));
}

function dnsValueDrafts(key: string, e: EndpointFacts | undefined, style: Style): Draft[] {
  const values = dnsProps[key]?.enum;
  if (!values) return [];
  if (key === 'DnsRecordIpType') return ipDrafts(e, values, style);
  return values.map((v) => ({ label: v, value: quote(v, style), kind: CompletionItemKind.EnumMember }));
}
