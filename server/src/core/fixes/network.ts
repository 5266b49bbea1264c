// The network model of a text, for the fixes that build whole resources from network facts (which
// subnets use a route table, which group admits from the VPC the ports the endpoint's service is served on). One place builds it, through the
// model (core/model, filled by the CloudFormation adapter) and its admission question, so that fixes
// never walk CloudFormation properties for these facts themselves. The view keeps what the fixes
// read: the template (to place edits), the endpoints as written, and the facts the model knows.

import type { Node } from '../document/tree.js';
import { buildTemplate, looksLikeTemplate, type Resource, type Template } from '../cfn/template.js';
import { Resolver } from '../cfn/resolve.js';
import { buildEndpoints, type Endpoint } from '../cfn/endpoints.js';
import { cfnNetwork } from '../cfn/network-set.js';
import { admitsAny } from '../model/admission.js';
import { servicePorts } from '../data/catalogue.js';
import type { NetworkModel, Subnet } from '../model/types.js';
import { sameZone } from '../model/zones.js';
import type { Ipv4Range } from '../util/cidr.js';

export interface FixNetwork {
  template: Template;
  values: Resolver;
  /** The endpoints as the template writes them. */
  endpoints: Endpoint[];
  /** The model every rule judges: conditional resources present under their condition. */
  model: NetworkModel;
  vpcs: Map<string, { cidr: Ipv4Range | undefined; dnsSupport: boolean | undefined; dnsHostnames: boolean | undefined }>;
  subnets: Map<string, { resource: Resource; vpc: string | undefined; zone: string | undefined; routeTable: string | undefined; mapPublicIp: boolean | undefined }>;
  routeTables: Map<string, { resource: Resource; routes: { target: { kind: string }; endpoint?: Endpoint }[] }>;
  workloads: Map<string, { subnets: string[] }>;
}

export function networkFor(text: string, root: Node | null): FixNetwork | undefined {
  if (!root || !looksLikeTemplate(root)) return undefined;
  const template = buildTemplate(text, root);
  const values = new Resolver(template);
  const endpoints = buildEndpoints(template, values);
  const model = cfnNetwork(template, { values, endpoints }).judged();
  const val = <T>(f: { known: true; value: T } | { known: false }): T | undefined => (f.known ? f.value : undefined);
  const byId = new Map(endpoints.map((e) => [e.resource.id, e]));
  return {
    template,
    values,
    endpoints,
    model,
    vpcs: new Map([...model.vpcs.values()].map((v) => [v.id, { cidr: v.moreCidrs ? undefined : val(v.cidr), dnsSupport: val(v.dnsSupport), dnsHostnames: val(v.dnsHostnames) }])),
    subnets: new Map([...model.subnets.values()].map((s) => [s.id, { resource: template.byId.get(s.id)!, vpc: val(s.vpc), zone: val(s.zone), routeTable: val(s.routeTable) ?? undefined, mapPublicIp: val(s.mapPublicIp) }])),
    routeTables: new Map([...model.routeTables.values()].map((t) => [t.id, { resource: template.byId.get(t.id)!, routes: t.routes.map((r) => ({ target: r.target, ...(r.endpoint && byId.get(r.endpoint) ? { endpoint: byId.get(r.endpoint)! } : {}) })) }])),
    workloads: new Map([...model.workloads.values()].map((w) => [w.id, { subnets: w.subnets.items.map((i) => i.id) }])),
  };
}

/** The VPC (logical id) a resource belongs to, when it is a VPC of this template. */
export function vpcOf(net: FixNetwork, resource: string): string | undefined {
  const m = net.model;
  const f = m.securityGroups.get(resource)?.vpc ?? m.subnets.get(resource)?.vpc ?? m.routeTables.get(resource)?.vpc ?? m.endpoints.get(resource)?.vpc;
  const id = f?.known ? f.value : undefined;
  return id && net.vpcs.has(id) ? id : undefined;
}

/** The subnets a list property of an endpoint names that are subnets of the template. */
export function endpointSubnets(net: FixNetwork, endpoint: string): string[] {
  return (net.model.endpoints.get(endpoint)?.subnets.items ?? []).map((i) => i.id).filter((id) => net.subnets.has(id));
}

/**
 * Subnets of the VPC, one per Availability Zone (the first of each known zone), in template order. A subnet
 * joins only when its zone surely differs from every one chosen (model/zones.ts): eu-west-1a beside
 * `!Select [0, !GetAZs '']` may be one zone, and two subnets in one zone fail the endpoint's creation.
 */
export function onePerZone(net: FixNetwork, subnets: string[]): string[] {
  const chosen: Subnet[] = [];
  for (const id of subnets) {
    const subnet = net.model.subnets.get(id);
    if (!subnet?.zone.known || !chosen.every((c) => sameZone(c, subnet) === false)) continue;
    chosen.push(subnet);
  }
  const out = chosen.map((s) => s.id);
  // Zones unknown everywhere: one subnet, rather than two that may share a zone (VPCE6001).
  return out.length ? out : subnets.slice(0, 1);
}

/** Subnets of the VPC whose route table sends nothing to an internet gateway. */
export function privateSubnets(net: FixNetwork, vpc: string): string[] {
  return [...net.subnets.values()]
    .filter((s) => s.vpc === vpc && s.mapPublicIp !== true)
    .filter((s) => !(s.routeTable && net.routeTables.get(s.routeTable)?.routes.some((r) => r.target.kind === 'internet-gateway')))
    .map((s) => s.resource.id);
}

/**
 * A security group of the template in the VPC that admits from the whole VPC one of the ports the service is
 * served on (the model's admission; 443 for nearly every AWS service, catalogue servicePorts).
 */
export function serviceGroup(net: FixNetwork, vpc: string, ports: readonly number[]): string | undefined {
  const range = net.vpcs.get(vpc)?.cidr;
  if (!range) return undefined;
  return [...net.model.securityGroups.values()].find((g) => vpcOf(net, g.id) === vpc && admitsAny(net.model, [g.id], 'ingress', { range, cover: 'all', family: 'ipv4' }, ports).decision === 'pass')?.id;
}

/** The ports an endpoint as written is reached on: its (first) service's, HTTPS while the template does not name one. */
export function endpointPortsOf(endpoint: Endpoint | undefined): readonly number[] {
  const pattern = endpoint?.services[0]?.value.pattern;
  return pattern ? servicePorts(pattern) : [443];
}

/** The VPC's DNS attributes that are off, each to be turned on (private DNS needs both). */
export function dnsOff(v: { dnsSupport: boolean | undefined; dnsHostnames: boolean | undefined }): [string, true][] {
  return [v.dnsSupport === false ? 'EnableDnsSupport' : '', v.dnsHostnames === false ? 'EnableDnsHostnames' : ''].filter(Boolean).map((a): [string, true] => [a, true]);
}
