// The VPC network a template describes, as the path trace needs it. Built from the template alone:
// whatever the template does not say (an imported VPC, a parameter without a default) stays
// undefined here, and the trace reports it as unknown.

import type { Node } from '../document/tree.js';
import { valueOf } from '../document/tree.js';
import type { Resource, Template } from '../cfn/template.js';
import type { Resolver } from '../cfn/resolve.js';
import { refList, refResource } from '../cfn/refs.js';
import { literal, truthy, type Value } from '../cfn/values.js';
import { subnetFacts } from '../cfn/subnets.js';
import { definiteType, type Endpoint } from '../cfn/endpoints.js';
import { parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import { readRoutes, type Route } from './routes.js';
import { readNacl, type NaclEntry } from './nacls.js';
import { addToGroup } from '../util/group.js';

export interface Vpc {
  resource: Resource;
  cidr: Ipv4Range | undefined;
  /** VPC attributes; CloudFormation's defaults when absent (support on, hostnames off). */
  dnsSupport: boolean | undefined;
  dnsHostnames: boolean | undefined;
}

export interface Subnet {
  resource: Resource;
  vpc: string | undefined;
  cidr: Ipv4Range | undefined;
  hasIpv6: boolean | undefined;
  /** A comparable zone name (literal or `azs(...)[i]`), undefined when unknown. */
  zone: string | undefined;
  /** The explicitly associated route table; undefined means the VPC's main route table. */
  routeTable: string | undefined;
  /** The explicitly associated network ACL; undefined means the VPC's default ACL (allows all). */
  nacl: string | undefined;
  mapPublicIp: boolean | undefined;
}

export interface RouteTable {
  resource: Resource;
  vpc: string | undefined;
  routes: Route[];
}

export interface NatGateway {
  resource: Resource;
  subnet: string | undefined;
  /** ConnectivityType private: it cannot reach the internet. */
  isPrivate: boolean;
}

export interface Nacl {
  resource: Resource;
  entries: NaclEntry[];
  /** Some entry is computed at deploy time. */
  complete: boolean;
}

/** Something that sends traffic: an instance, a function, a service, with its subnets and groups. */
export interface Workload {
  resource: Resource;
  kind: string;
  subnets: string[];
  securityGroups: string[];
  /** Subnets or groups computed at deploy time. */
  complete: boolean;
  publicIp: boolean | undefined;
}

export interface Network {
  template: Template;
  values: Resolver;
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  natGateways: Map<string, NatGateway>;
  /** Internet gateway → VPCs it is attached to. */
  internetGateways: Map<string, string[]>;
  nacls: Map<string, Nacl>;
  endpoints: Endpoint[];
  /** `vpc|type|pattern` → endpoints, so a trace's lookups do not scan every endpoint. */
  endpointIndex: Map<string, Endpoint[]>;
  workloads: Map<string, Workload>;
}

export function buildNetwork(template: Template, values: Resolver, endpoints: Endpoint[]): Network {
  const net: Network = { template, values, vpcs: new Map(), subnets: new Map(), routeTables: new Map(), natGateways: new Map(), internetGateways: new Map(), nacls: new Map(), endpoints, endpointIndex: new Map(), workloads: new Map() };
  for (const e of endpoints) {
    const type = definiteType(e)?.type;
    const vpc = refResource(template, e.vpc)?.id;
    for (const s of e.services) {
      const key = `${vpc}|${type}|${s.value.pattern}`;
      const list = net.endpointIndex.get(key) ?? [];
      if (!list.includes(e)) list.push(e);
      net.endpointIndex.set(key, list);
    }
  }
  const ref = (v: Value) => refResource(template, v)?.id;
  for (const r of template.resources) {
    const p = r.properties;
    switch (r.type) {
      case 'AWS::EC2::VPC':
        net.vpcs.set(r.id, { resource: r, cidr: cidrOf(values.prop(p, 'CidrBlock')), dnsSupport: boolOr(values.prop(p, 'EnableDnsSupport'), true), dnsHostnames: boolOr(values.prop(p, 'EnableDnsHostnames'), false) });
        break;
      case 'AWS::EC2::Subnet': {
        const facts = subnetFacts(template, values, r);
        const az = facts.az;
        net.subnets.set(r.id, { resource: r, vpc: ref(facts.vpc), cidr: cidrOf(values.prop(p, 'CidrBlock')), hasIpv6: facts.hasIpv6, zone: literal(az) ?? (az.kind === 'unknown' ? az.identity : undefined), routeTable: undefined, nacl: undefined, mapPublicIp: boolOr(values.prop(p, 'MapPublicIpOnLaunch'), false) });
        break;
      }
      case 'AWS::EC2::RouteTable':
        net.routeTables.set(r.id, { resource: r, vpc: ref(values.prop(p, 'VpcId')), routes: [] });
        break;
      case 'AWS::EC2::NatGateway':
        net.natGateways.set(r.id, { resource: r, subnet: ref(values.prop(p, 'SubnetId')), isPrivate: literal(values.prop(p, 'ConnectivityType')) === 'private' });
        break;
      case 'AWS::EC2::NetworkAcl':
        net.nacls.set(r.id, { resource: r, entries: [], complete: true });
        break;
    }
  }
  for (const r of template.resources) {
    const p = r.properties;
    if (r.type === 'AWS::EC2::SubnetRouteTableAssociation') {
      const subnet = net.subnets.get(ref(values.prop(p, 'SubnetId')) ?? '');
      if (subnet) subnet.routeTable = ref(values.prop(p, 'RouteTableId'));
    } else if (r.type === 'AWS::EC2::SubnetNetworkAclAssociation') {
      const subnet = net.subnets.get(ref(values.prop(p, 'SubnetId')) ?? '');
      if (subnet) subnet.nacl = ref(values.prop(p, 'NetworkAclId'));
    } else if (r.type === 'AWS::EC2::VPCGatewayAttachment') {
      const igw = ref(values.prop(p, 'InternetGatewayId'));
      const vpc = ref(values.prop(p, 'VpcId'));
      if (igw && vpc) addToGroup(net.internetGateways, igw, vpc);
    }
  }
  for (const r of template.resources) if (r.type === 'AWS::EC2::InternetGateway' && !net.internetGateways.has(r.id)) net.internetGateways.set(r.id, []);
  readRoutes(net);
  for (const nacl of net.nacls.values()) Object.assign(nacl, readNacl(net, nacl.resource));
  readWorkloads(net);
  return net;
}

function cidrOf(v: Value): Ipv4Range | undefined {
  const text = literal(v);
  return text ? parseIpv4Cidr(text) : undefined;
}

function boolOr(v: Value, fallback: boolean): boolean | undefined {
  return v.kind === 'absent' ? fallback : truthy(v);
}

// Workloads: where their network interfaces go.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html (VpcConfig)
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-awsvpcconfiguration.html
function readWorkloads(net: Network): void {
  const { template, values } = net;
  const ids = (node: Node | undefined) => {
    const list = refList(template, values, node);
    return { ids: list.items.map((i) => i.resource?.id).filter((x): x is string => Boolean(x)), complete: list.complete };
  };
  for (const r of template.resources) {
    const p = r.properties;
    let subnets: Node | undefined;
    let groups: Node | undefined;
    let publicIp: boolean | undefined;
    let kind: string;
    if (r.type === 'AWS::EC2::Instance') {
      kind = 'instance';
      const nic = values.prop(p, 'NetworkInterfaces');
      const first = nic.kind === 'list' && nic.items[0]?.kind === 'map' ? nic.items[0].node : undefined;
      if (first) {
        subnets = valueOf(first, 'SubnetId');
        groups = valueOf(first, 'GroupSet');
        publicIp = truthy(values.value(valueOf(first, 'AssociatePublicIpAddress') ?? null));
      } else {
        subnets = valueOf(p, 'SubnetId');
        groups = valueOf(p, 'SecurityGroupIds');
      }
    } else if (r.type === 'AWS::Lambda::Function' || r.type === 'AWS::Serverless::Function') {
      kind = 'function';
      const vpcConfig = values.prop(p, 'VpcConfig');
      if (vpcConfig.kind !== 'map') continue;
      subnets = valueOf(vpcConfig.node, 'SubnetIds');
      groups = valueOf(vpcConfig.node, 'SecurityGroupIds');
      publicIp = false; // Lambda network interfaces never get a public IP
    } else if (r.type === 'AWS::ECS::Service') {
      kind = 'ECS service';
      const conf = values.prop(p, 'NetworkConfiguration');
      const awsvpc = conf.kind === 'map' ? values.value(valueOf(conf.node, 'AwsvpcConfiguration') ?? null) : undefined;
      if (awsvpc?.kind !== 'map') continue;
      subnets = valueOf(awsvpc.node, 'Subnets');
      groups = valueOf(awsvpc.node, 'SecurityGroups');
      const assign = literal(values.value(valueOf(awsvpc.node, 'AssignPublicIp') ?? null));
      publicIp = assign === undefined ? false : assign === 'ENABLED';
    } else continue;
    const s = subnets?.kind === 'seq' || subnets === undefined ? ids(subnets) : { ids: [ref1(net, subnets)].filter((x): x is string => Boolean(x)), complete: Boolean(ref1(net, subnets)) };
    if (s.ids.length === 0 && s.complete) continue;
    const g = ids(groups);
    net.workloads.set(r.id, { resource: r, kind, subnets: s.ids, securityGroups: g.ids, complete: s.complete && g.complete, publicIp });
  }
}

function ref1(net: Network, node: Node): string | undefined {
  return refResource(net.template, net.values.value(node))?.id;
}

/** The endpoints in a VPC, of one type, for a service pattern. */
export function endpointsFor(net: Network, vpc: string | undefined, type: 'Gateway' | 'Interface', pattern: string): Endpoint[] {
  return net.endpointIndex.get(`${vpc}|${type}|${pattern}`) ?? [];
}
