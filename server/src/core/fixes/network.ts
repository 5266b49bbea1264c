// The network model of a text, for the fixes that build whole resources from network facts (which
// subnets use a route table, which group admits HTTPS from the VPC). One place builds it, through the
// model's public API, so that fixes never walk CloudFormation properties for these facts themselves.

import type { Node } from '../document/tree.js';
import { buildTemplate, looksLikeTemplate } from '../cfn/template.js';
import { Resolver } from '../cfn/resolve.js';
import { buildEndpoints } from '../cfn/endpoints.js';
import { refResource } from '../cfn/refs.js';
import { buildNetwork, type Network } from '../network/model.js';
import { evaluateGroups } from '../trace/security-groups.js';

export function networkFor(text: string, root: Node | null): Network | undefined {
  if (!root || !looksLikeTemplate(root)) return undefined;
  const template = buildTemplate(text, root);
  const values = new Resolver(template);
  return buildNetwork(template, values, buildEndpoints(template, values));
}

/** The VPC (logical id) a resource's `VpcId` names, when it is a VPC of this template. */
export function vpcOf(net: Network, resource: string): string | undefined {
  const r = net.template.byId.get(resource);
  const id = r ? refResource(net.template, net.values.prop(r.properties, 'VpcId'))?.id : undefined;
  return id && net.vpcs.has(id) ? id : undefined;
}

/** Subnets of the VPC, one per Availability Zone (the first of each known zone), in template order. */
export function onePerZone(net: Network, subnets: string[]): string[] {
  const zones = new Set<string>();
  const out: string[] = [];
  for (const id of subnets) {
    const zone = net.subnets.get(id)?.zone;
    if (zone === undefined || zones.has(zone)) continue;
    zones.add(zone);
    out.push(id);
  }
  // Zones unknown everywhere: one subnet, rather than two that may share a zone (VPCE6001).
  return out.length ? out : subnets.slice(0, 1);
}

/** Subnets of the VPC whose route table sends nothing to an internet gateway. */
export function privateSubnets(net: Network, vpc: string): string[] {
  return [...net.subnets.values()]
    .filter((s) => s.vpc === vpc && s.mapPublicIp !== true)
    .filter((s) => !(s.routeTable && net.routeTables.get(s.routeTable)?.routes.some((r) => r.target.kind === 'internet-gateway')))
    .map((s) => s.resource.id);
}

/** A security group of the template in the VPC that admits TCP 443 from the whole VPC. */
export function httpsGroup(net: Network, vpc: string): string | undefined {
  const range = net.vpcs.get(vpc)?.cidr;
  if (!range) return undefined;
  return net.template.resources.find((r) => r.type === 'AWS::EC2::SecurityGroup' && vpcOf(net, r.id) === vpc && evaluateGroups(net, [r.id], 'ingress', { range }, 443).decision === 'pass')?.id;
}

/** The VPC's DNS attributes that are off, each to be turned on (private DNS needs both). */
export function dnsOff(v: { dnsSupport: boolean | undefined; dnsHostnames: boolean | undefined }): [string, true][] {
  return [v.dnsSupport === false ? 'EnableDnsSupport' : '', v.dnsHostnames === false ? 'EnableDnsHostnames' : ''].filter(Boolean).map((a): [string, true] => [a, true]);
}
