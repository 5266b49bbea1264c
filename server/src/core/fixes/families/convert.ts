// Whole conversions of an endpoint, each one action that leaves an endpoint that deploys and works:
// - to Interface: type set, RouteTableIds removed, SubnetIds added (one per Availability Zone, from the
//   subnets that used those route tables, else the VPC's private subnets), SecurityGroupIds added (a
//   group of the template admitting from the VPC a port the service is served on, TCP 443 for nearly every
//   one, else a new one that admits each of them: catalogue servicePorts), private DNS on
//   where the service has it, and the VPC's DNS attributes on when they are off;
// - to Gateway (S3, DynamoDB): the reverse, with the route tables of the endpoint's subnets.
// Network facts come from the model (fixes/network.ts); what cannot be chosen for the author is left
// and said in the title ("..., then choose subnets").

import { pairOf, type MapNode } from '../../document/tree.js';
import { httpsOnly } from '../../data/catalogue.js';
import { definiteType } from '../../cfn/endpoints.js';
import { removePair } from '../map-edits.js';
import { replaceScalarContent } from '../render.js';
import { setMembers } from '../set-members.js';
import { resourceNodes } from '../tree-path.js';
import type { FamilyFix, FixContext, FixFamily, TextEdit } from '../types.js';
import { dnsOff, endpointPortsOf, endpointSubnets, networkFor, serviceGroup, onePerZone, privateSubnets, vpcOf, type FixNetwork as Network } from '../network.js';
import { addMember, Fn, styleOf, type Style, type Value } from '../write.js';

type Result = FamilyFix;

/**
 * `{type}`: VPCE2001 (the type the service offers) and VPCE2002 (the type the endpoint has): the
 * conversion to that type; where the service offers the other type too (S3, DynamoDB), the conversion
 * to it as well, not preferred (which one the author meant is theirs to say).
 */
export const convertEndpoint: FixFamily<{ type: string }> = (ctx) => {
  const id = ctx.finding.resource;
  const type = ctx.data.type;
  if (!id || (type !== 'Interface' && type !== 'Gateway')) return [];
  const net = networkFor(ctx.text, ctx.root);
  if (!net) return [];
  const other = type === 'Interface' ? 'Gateway' : 'Interface';
  const endpoint = net.endpoints.find((e) => e.resource.id === id);
  const both = Boolean(endpoint?.services.length) && endpoint!.services.every((sv) => sv.value.info?.types.includes(other) && sv.value.info.types.includes(type));
  const convert = (t: string) => (t === 'Interface' ? toInterface(ctx, net, id) : toGateway(ctx, net, id));
  const main = convert(type);
  const alt = both && ctx.finding.ruleId === 'VPCE2002' ? convert(other) : undefined;
  return [...(main ? [main] : []), ...(alt ? [{ ...alt, isPreferred: false }] : [])];
};

const ref = (id: string) => new Fn('Ref', id);

function setType(ctx: FixContext, props: MapNode, type: string): TextEdit | undefined | null {
  const pair = pairOf(props, 'VpcEndpointType');
  if (!pair) return null; // added with the other members
  if (pair.value?.kind !== 'scalar' || pair.value.style === 'block') return undefined; // computed: the author's
  if (pair.value.value === type) return null;
  return replaceScalarContent(pair.value, type, props.flow || ctx.json) ?? undefined;
}

function toInterface(ctx: FixContext, net: Network, id: string): Result | undefined {
  const res = resourceNodes(ctx.root, id);
  const props = res?.properties;
  const endpoint = net.endpoints.find((e) => e.resource.id === id);
  if (!res || !props || props.shortTag || !endpoint) return undefined;
  const s = styleOf(ctx.text, ctx.json);
  const edits: TextEdit[] = [];
  const add: [string, Value][] = [];
  const todo: string[] = [];
  const type = setType(ctx, props, 'Interface');
  if (type === undefined) return undefined;
  if (type) edits.push(type);
  else if (!pairOf(props, 'VpcEndpointType')) add.push(['VpcEndpointType', 'Interface']);
  const tables = [...net.routeTables.values()].filter((t) => t.routes.some((r) => r.endpoint === endpoint)).map((t) => t.resource.id);
  const rtPair = pairOf(props, 'RouteTableIds');
  const removed: string[] = [];
  if (rtPair) {
    const removal = removePair(ctx.text, props, rtPair, ctx.json);
    if (!removal) return undefined;
    edits.push(removal);
    removed.push('RouteTableIds');
  }
  const vpc = vpcOf(net, id);
  if (!pairOf(props, 'SubnetIds')) {
    const used = [...net.subnets.values()].filter((sn) => sn.routeTable && tables.includes(sn.routeTable) && (!vpc || sn.vpc === vpc)).map((sn) => sn.resource.id);
    const subnets = onePerZone(net, used.length ? used : vpc ? privateSubnets(net, vpc) : []);
    if (subnets.length) add.push(['SubnetIds', subnets.map(ref)]);
    else todo.push('choose subnets');
  }
  let newGroup: [string, Value] | undefined;
  if (!pairOf(props, 'SecurityGroupIds') && vpc) {
    const ports = endpointPortsOf(endpoint);
    const group = serviceGroup(net, vpc, ports);
    if (group) add.push(['SecurityGroupIds', [ref(group)]]);
    else if (net.vpcs.get(vpc)?.cidr) {
      const name = freeId(net, `${id}SecurityGroup`);
      newGroup = [name, securityGroup(id, vpc, ports)];
      add.push(['SecurityGroupIds', [ref(name)]]);
    }
  }
  const info = endpoint.services[0]?.value.info;
  const dns = pairOf(props, 'PrivateDnsEnabled');
  const dnsOn = dns?.value?.kind === 'scalar' && (dns.value.value === true || dns.value.value === 'true');
  if (info?.privateDns === true || dnsOn) {
    if (!dns) add.push(['PrivateDnsEnabled', true]);
    else if (!dnsOn) {
      const set = setMembers(ctx.text, props, [['PrivateDnsEnabled', true]], ctx.json);
      if (set) edits.push(...set);
    }
    const v = vpc ? net.vpcs.get(vpc) : undefined;
    const vpcProps = vpc ? resourceNodes(ctx.root, vpc)?.properties : undefined;
    if (v && vpcProps && (v.dnsSupport === false || v.dnsHostnames === false)) {
      const on = setMembers(ctx.text, vpcProps, dnsOff(v), ctx.json);
      if (on) edits.push(...on);
    }
  }
  if (!addAll(ctx, props, add, s, edits)) return undefined;
  if (newGroup) {
    const resources = resourcesMap(ctx);
    const edit = resources && addMember(ctx.text, resources, newGroup[0], newGroup[1], s, true);
    if (!edit) return undefined;
    edits.push(edit);
  }
  if (onlyType(add, removed, removedByFinding(ctx))) return undefined;
  return { title: `Make ${id} an Interface endpoint${todo.length ? `, then ${todo.join(' and ')}` : ''}`, edits, ...(todo.length ? { leaves: ['VPCE2002'] } : {}) };
}

function toGateway(ctx: FixContext, net: Network, id: string): Result | undefined {
  const res = resourceNodes(ctx.root, id);
  const props = res?.properties;
  const endpoint = net.endpoints.find((e) => e.resource.id === id);
  if (!res || !props || props.shortTag || !endpoint) return undefined;
  if (!endpoint.services.every((sv) => sv.value.info?.types.includes('Gateway'))) return undefined;
  const s = styleOf(ctx.text, ctx.json);
  const edits: TextEdit[] = [];
  const add: [string, Value][] = [];
  const todo: string[] = [];
  const type = setType(ctx, props, 'Gateway');
  if (type === undefined) return undefined;
  if (type) edits.push(type);
  else if (!pairOf(props, 'VpcEndpointType') && definiteType(endpoint)?.type !== 'Gateway') add.push(['VpcEndpointType', 'Gateway']);
  const removed: string[] = [];
  const subnets = endpointSubnets(net, id);
  for (const name of ['SubnetIds', 'SecurityGroupIds', 'PrivateDnsEnabled']) {
    const pair = pairOf(props, name);
    if (!pair) continue;
    const removal = removePair(ctx.text, props, pair, ctx.json);
    if (!removal) return undefined;
    edits.push(removal);
    removed.push(name);
  }
  if (!pairOf(props, 'RouteTableIds')) {
    const tables = [...new Set(subnets.map((sn) => net.subnets.get(sn)?.routeTable).filter((t): t is string => Boolean(t)))];
    if (tables.length) add.push(['RouteTableIds', tables.map(ref)]);
    else todo.push('choose route tables');
  }
  if (!addAll(ctx, props, add, s, edits)) return undefined;
  if (onlyType(add, removed, removedByFinding(ctx))) return undefined;
  return { title: `Make ${id} a Gateway endpoint${todo.length ? `, then ${todo.join(' and ')}` : ''}`, edits, ...(todo.length ? { leaves: ['VPCE2002'] } : {}) };
}

/**
 * Nothing is added but the type: that is the plain "Set VpcEndpointType" / "Remove X" fix, offered on
 * its own, not a conversion.
 */
function onlyType(add: [string, Value][], removed: string[], finding: string | null | undefined): boolean {
  return add.every(([k]) => k === 'VpcEndpointType') && removed.every((r) => r === finding);
}

/** The property the finding itself asks to remove (VPCE2002), which its own "Remove X" fix does. */
function removedByFinding(ctx: FixContext): string | undefined {
  const r = (ctx.data as { remove?: unknown }).remove;
  return typeof r === 'string' ? r : undefined;
}

function addAll(ctx: FixContext, props: MapNode, add: [string, Value][], s: Style, edits: TextEdit[]): boolean {
  for (const [k, v] of add) {
    const edit = addMember(ctx.text, props, k, v, s);
    if (!edit) return false;
    edits.push(edit);
  }
  return true;
}

/** A group admitting from the VPC each port the endpoint's service is served on (HTTPS, or SES's SMTP ports ...). */
export function securityGroup(endpoint: string, vpc: string, ports: readonly number[] = [443]): Value {
  return {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      // EC2 takes no apostrophe in a description (a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*:
      // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html): the ports by number.
      GroupDescription: `${httpsOnly(ports) ? 'HTTPS' : `TCP ${ports.join(', ')}`} from the VPC to ${endpoint}`,
      VpcId: ref(vpc),
      SecurityGroupIngress: ports.map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: new Fn('Fn::GetAtt', [vpc, 'CidrBlock']) })),
    },
  };
}

export function freeId(net: Network, wanted: string): string {
  if (!net.template.byId.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!net.template.byId.has(`${wanted}${i}`)) return `${wanted}${i}`;
}

function resourcesMap(ctx: FixContext): MapNode | undefined {
  const top = ctx.root?.kind === 'map' ? ctx.root : undefined;
  const v = top && pairOf(top, 'Resources')?.value;
  return v?.kind === 'map' ? v : undefined;
}
