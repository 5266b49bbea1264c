// A path trace's suggestions as edits: each becomes the same change a quick fix would make (and a
// missing endpoint a whole new resource, in the template's style), so the trace panel's Apply button
// and the code actions agree. Undefined when the template does not hold what the change needs.

import { serviceByPattern, servicePorts, shortName } from '../data/catalogue.js';
import type { Suggestion } from '../trace/types.js';
import { pairOf, type MapNode, type Node } from '../document/tree.js';
import { setMembers } from './set-members.js';
import { resourceNodes } from './tree-path.js';
import type { Fix, TextEdit } from './types.js';
import { admitHttps } from './families/admit-https.js';
import { appendRef } from './families/append-ref.js';
import { turnOnVpcDns } from './families/vpc-dns.js';
import { joined } from './families/with-vpc-dns.js';
import { freeId, securityGroup } from './families/convert.js';
import { dnsOff, networkFor, serviceGroup, onePerZone, privateSubnets, vpcOf, type FixNetwork as Network } from './network.js';
import { addMember, Fn, styleOf, type Value } from './write.js';

export interface SuggestionSource {
  text: string;
  root: Node | null;
  json: boolean;
}

/** The fix for a suggestion of the trace from `from`. */
export function suggestionFix(src: SuggestionSource, suggestion: Suggestion, from: string): Fix | undefined {
  const d = suggestion.data;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  const one = (title: string, edits: TextEdit[] | undefined): Fix | undefined => (edits?.length ? { title, isPreferred: false, edits } : undefined);
  const finding = { ruleId: 'trace', severity: 'info' as const, message: '', start: 0, end: 0 };
  switch (suggestion.kind) {
    case 'enable-private-dns': {
      const endpoint = str('endpoint');
      const props = endpoint ? resourceNodes(src.root, endpoint)?.properties : undefined;
      const own = props && one(`Turn on private DNS for ${endpoint}`, setMembers(src.text, props, [['PrivateDnsEnabled', true]], src.json));
      // The VPC's DNS attributes private DNS needs, where the trace found them off: the same change as VPCE5003's fix.
      const v = d.vpcDns as { vpc: string; attributes: string[] } | undefined;
      if (!own || !v) return own;
      const [dns] = turnOnVpcDns({ ...src, finding: { ...finding, resource: endpoint }, data: v });
      return dns ? one(joined(own, dns).title, joined(own, dns).edits) : undefined;
    }
    case 'enable-vpc-dns': {
      const vpc = str('vpc');
      // Only the attributes the trace found off (EnableDnsSupport is on unless the template turns it off).
      const names = (Array.isArray(d.attributes) ? d.attributes : []).filter((a): a is string => a === 'EnableDnsSupport' || a === 'EnableDnsHostnames');
      const props = vpc && names.length ? resourceNodes(src.root, vpc)?.properties : undefined;
      return props && one(`Turn on ${names.join(' and ')} on ${vpc}`, setMembers(src.text, props, names.map((n): [string, true] => [n, true]), src.json));
    }
    case 'associate-route-table': {
      const endpoint = str('endpoint');
      const ref = str('routeTable');
      if (!endpoint || !ref) return undefined;
      const [fix] = appendRef({ ...src, finding: { ...finding, resource: endpoint }, data: { appendRef: 'RouteTableIds', ref } });
      return fix && one(fix.title, fix.edits);
    }
    case 'allow-https': {
      const groups = Array.isArray(d.securityGroups) ? d.securityGroups.filter((g): g is string => typeof g === 'string') : [];
      const net = networkFor(src.text, src.root);
      const group = groups[0];
      if (!group || !net) return undefined;
      const [fix] = admitHttps({ ...src, finding, data: { admitHttpsIn: group, vpc: vpcOf(net, group) ?? null, vpcCidr: null } });
      return fix && one(fix.title, fix.edits);
    }
    case 'create-endpoint': {
      const vpc = str('vpc');
      const service = str('service');
      const net = networkFor(src.text, src.root);
      return vpc && service && net ? createEndpoint(src, net, vpc, service, from) : undefined;
    }
  }
  return undefined;
}

/** The subnets a trace source sends from: the subnet itself or a workload's. */
function sourceSubnets(net: Network, from: string): string[] {
  if (net.subnets.has(from)) return [from];
  return net.workloads.get(from)?.subnets ?? [];
}

/**
 * A new endpoint for `pattern` in `vpc`, placed after the template's last resource: a Gateway endpoint
 * on the source's route tables where the service has one (S3, DynamoDB: no hourly charge), else an
 * Interface endpoint in one private subnet per zone (the source's first) with a group admitting from the VPC
 * the ports its service is served on (HTTPS for nearly all) and private DNS on (the VPC's DNS attributes too).
 */
function createEndpoint(src: SuggestionSource, net: Network, vpc: string, pattern: string, from: string): Fix | undefined {
  const info = serviceByPattern(pattern);
  const resources = resourcesMap(src.root);
  if (!info || !resources || !net.vpcs.has(vpc)) return undefined;
  const s = styleOf(src.text, src.json);
  const name = shortName(pattern);
  const serviceName: Value = pattern.includes('{region}') ? new Fn('Fn::Sub', pattern.replace('{region}', '${AWS::Region}')) : pattern;
  const ref = (id: string) => new Fn('Ref', id);
  const subnets = sourceSubnets(net, from);
  const edits: TextEdit[] = [];
  let resource: Value;
  let kind: string;
  if (info.types.includes('Gateway')) {
    const tables = [...new Set(subnets.map((sn) => net.subnets.get(sn)?.routeTable).filter((t): t is string => Boolean(t)))];
    if (!tables.length) return undefined;
    kind = 'a gateway';
    resource = { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway', VpcId: ref(vpc), ServiceName: serviceName, RouteTableIds: tables.map(ref) } };
  } else if (info.types.includes('Interface')) {
    kind = 'an interface';
    const chosen = onePerZone(net, [...subnets.filter((sn) => net.subnets.get(sn)?.vpc === vpc), ...privateSubnets(net, vpc)]);
    if (!chosen.length) return undefined;
    const id = freeId(net, `${pascal(name)}Endpoint`);
    // A group admitting a port the service is served on (SES's SMTP interface is not HTTPS), else a new one for each.
    const ports = servicePorts(pattern);
    let group = serviceGroup(net, vpc, ports);
    const extra: [string, Value][] = [];
    if (!group) {
      if (!net.vpcs.get(vpc)?.cidr) return undefined;
      group = freeId(net, `${id}SecurityGroup`);
      extra.push([group, securityGroup(id, vpc, ports)]);
    }
    const props: Record<string, Value> = { VpcEndpointType: 'Interface', VpcId: ref(vpc), ServiceName: serviceName, SubnetIds: chosen.map(ref), SecurityGroupIds: [ref(group)] };
    if (info.privateDns === true) {
      props.PrivateDnsEnabled = true;
      const v = net.vpcs.get(vpc)!;
      const vpcProps = resourceNodes(src.root, vpc)?.properties;
      if (vpcProps && (v.dnsSupport === false || v.dnsHostnames === false)) edits.push(...(setMembers(src.text, vpcProps, dnsOff(v), src.json) ?? []));
    }
    const main = addMember(src.text, resources, id, { Type: 'AWS::EC2::VPCEndpoint', Properties: props }, s, true);
    if (!main) return undefined;
    edits.push(main);
    for (const [k, v] of extra) {
      const e = addMember(src.text, resources, k, v, s, true);
      if (!e) return undefined;
      edits.push(e);
    }
    return { title: `Create ${kind} endpoint for ${name} here`, isPreferred: false, edits };
  } else return undefined;
  const id = freeId(net, `${pascal(name)}GatewayEndpoint`);
  const edit = addMember(src.text, resources, id, resource, s, true);
  return edit ? { title: `Create ${kind} endpoint for ${name} here`, isPreferred: false, edits: [...edits, edit] } : undefined;
}

function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function resourcesMap(root: Node | null): MapNode | undefined {
  const v = root?.kind === 'map' ? pairOf(root, 'Resources')?.value : undefined;
  return v?.kind === 'map' ? v : undefined;
}
