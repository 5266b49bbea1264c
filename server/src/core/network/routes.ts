// Routes: AWS::EC2::Route resources, and the prefix-list routes that gateway endpoints add to their
// route tables. https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html
// https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-routing

import type { Node } from '../document/tree.js';
import { resourcesOfType, type Resource } from '../cfn/template.js';
import { refList, refResource } from '../cfn/refs.js';
import { definiteType, type Endpoint } from '../cfn/endpoints.js';
import { literal } from '../cfn/values.js';
import { valueOf } from '../document/tree.js';
import { parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import type { Network } from './model.js';

export type Destination =
  | { kind: 'ipv4'; range: Ipv4Range; text: string }
  | { kind: 'ipv6'; text: string }
  /** A gateway endpoint's route: the service's prefix list. */
  | { kind: 'service'; pattern: string }
  | { kind: 'prefix-list'; text: string }
  | { kind: 'unknown' };

export type TargetKind = 'internet-gateway' | 'nat-gateway' | 'egress-only-gateway' | 'transit-gateway' | 'peering' | 'vpc-endpoint' | 'vpn-gateway' | 'network-interface' | 'instance' | 'other' | 'unknown';

export interface Route {
  /** The Route resource, or the gateway endpoint that adds the route. */
  resource: Resource;
  node: Node;
  destination: Destination;
  target: { kind: TargetKind; id: string | undefined };
  endpoint?: Endpoint;
  /** The resource-level Condition of the route, if any. */
  condition: string | undefined;
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

export function readRoutes(net: Network): void {
  const { template, values } = net;
  for (const r of resourcesOfType(template, 'AWS::EC2::Route')) {
    const p = r.properties;
    const table = net.routeTables.get(refResource(template, values.prop(p, 'RouteTableId'))?.id ?? '');
    if (!table) continue;
    table.routes.push({ resource: r, node: r.key, destination: destinationOf(values.prop(p, 'DestinationCidrBlock'), values.prop(p, 'DestinationIpv6CidrBlock'), values.prop(p, 'DestinationPrefixListId')), target: targetOf(net, r), condition: r.condition });
  }
  for (const e of net.endpoints) {
    if (definiteType(e)?.type !== 'Gateway' || e.services.length !== 1) continue;
    const pattern = e.services[0]!.value.pattern;
    for (const item of refList(template, values, valueOf(e.props, 'RouteTableIds')).items) {
      const table = item.resource ? net.routeTables.get(item.resource.id) : undefined;
      table?.routes.push({ resource: e.resource, node: item.node, destination: { kind: 'service', pattern }, target: { kind: 'vpc-endpoint', id: e.resource.id }, endpoint: e, condition: e.resource.condition });
    }
  }
}

function destinationOf(v4: ReturnType<Network['values']['prop']>, v6: ReturnType<Network['values']['prop']>, pl: ReturnType<Network['values']['prop']>): Destination {
  if (v4.kind !== 'absent') {
    const text = literal(v4);
    const range = text ? parseIpv4Cidr(text) : undefined;
    return range && text ? { kind: 'ipv4', range, text } : { kind: 'unknown' };
  }
  if (v6.kind !== 'absent') {
    const text = literal(v6);
    return text ? { kind: 'ipv6', text } : { kind: 'unknown' };
  }
  const text = literal(pl);
  return text ? { kind: 'prefix-list', text } : { kind: 'unknown' };
}

function targetOf(net: Network, route: Resource): Route['target'] {
  const { template, values } = net;
  const p = route.properties;
  const gateway = values.prop(p, 'GatewayId');
  if (gateway.kind !== 'absent') {
    const res = refResource(template, gateway);
    if (res?.type === 'AWS::EC2::InternetGateway') return { kind: 'internet-gateway', id: res.id };
    if (res?.type === 'AWS::EC2::VPNGateway') return { kind: 'vpn-gateway', id: res.id };
    const text = literal(gateway);
    if (text?.startsWith('igw-')) return { kind: 'internet-gateway', id: undefined };
    if (text?.startsWith('vgw-')) return { kind: 'vpn-gateway', id: undefined };
    return { kind: 'unknown', id: res?.id };
  }
  for (const [prop, kind] of TARGETS) {
    const v = values.prop(p, prop);
    if (v.kind !== 'absent') return { kind, id: refResource(template, v)?.id };
  }
  return { kind: 'unknown', id: undefined };
}
