// What a user may trace to: a service by short name (s3, ssm, ecr.api) or full name, the internet,
// or an IPv4 or IPv6 range (an address alone is its /32 or /128). And what the matrix traces: the template's subnets and workloads × services.

import { allServices, parseServiceName, shortName } from '../data/catalogue.js';
import { parseIpv4Cidr } from '../util/cidr.js';
import { parseIpv6Cidr } from '../util/cidr6.js';
import type { Network } from '../model/network.js';
import type { TraceTarget } from './types.js';

export function parseTarget(text: string): TraceTarget | undefined {
  const t = text.trim();
  if (t.toLowerCase() === 'internet') return { kind: 'internet' };
  if (parseIpv4Cidr(t)) return { kind: 'cidr', text: t };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t)) return { kind: 'cidr', text: `${t}/32` };
  if (t.includes(':') && parseIpv6Cidr(t)) return { kind: 'cidr', text: t };
  if (t.includes(':') && parseIpv6Cidr(`${t}/128`)) return { kind: 'cidr', text: `${t}/128` };
  const byShort = allServices().find((s) => shortName(s.pattern) === t.toLowerCase());
  if (byShort) return { kind: 'service', pattern: byShort.pattern, name: shortName(byShort.pattern) };
  const parsed = parseServiceName(t.replace('{region}', '${AWS::Region}'));
  if (!parsed?.info) return undefined;
  // A region written in the name is that region's service, which is the stack's own only if it deploys there.
  const region = parsed.literalRegion?.region;
  return region ? { kind: 'service', pattern: parsed.pattern, name: shortName(parsed.pattern), region } : { kind: 'service', pattern: parsed.pattern, name: shortName(parsed.pattern) };
}

export interface TraceSource {
  id: string;
  kind: string;
  /** The source does not exist with the parameters' defaults (its condition is false). */
  absentByDefault?: true;
}

/** Subnets and workloads of any deployment, in template order: what a trace can start from. */
export function traceSources(net: Network): TraceSource[] {
  const model = net.judged();
  const out: (TraceSource & { at: number })[] = [];
  for (const s of model.subnets.values()) out.push({ id: s.id, kind: 'subnet', at: s.at.start });
  for (const w of model.workloads.values()) out.push({ id: w.id, kind: w.kind, at: w.at.start });
  out.sort((a, b) => a.at - b.at);
  return out.map(({ id, kind }) => (net.defaults.absent.has(id) ? { id, kind, absentByDefault: true as const } : { id, kind }));
}

const COMMON = ['s3', 'dynamodb', 'ssm', 'sqs', 'sts', 'logs', 'ecr.api', 'ecr.dkr', 'secretsmanager', 'kms'];

/** The services the template has endpoints for, then common ones, then the internet. */
export function traceTargets(net: Network): TraceTarget[] {
  const patterns = new Set<string>();
  for (const e of net.judged().endpoints.values()) if (e.service.known && parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info) patterns.add(e.service.value);
  const out: TraceTarget[] = [...patterns].map((pattern) => ({ kind: 'service' as const, pattern, name: shortName(pattern) }));
  // A cross-Region endpoint answers its service Region's names (model/cross-region.ts): that Region's service too,
  // unless the endpoint is created there (then it is the VPC's own).
  const named = new Set<string>();
  for (const e of net.judged().endpoints.values()) {
    const region = e.serviceRegion?.known ? e.serviceRegion.value : undefined;
    if (!region || !e.service.known || !patterns.has(e.service.value) || (e.home.regions.length === 1 && e.home.regions[0] === region)) continue;
    if (named.has(`${e.service.value} ${region}`)) continue;
    named.add(`${e.service.value} ${region}`);
    out.push({ kind: 'service', pattern: e.service.value, name: shortName(e.service.value), region });
  }
  for (const name of COMMON) {
    const target = parseTarget(name);
    if (target?.kind === 'service' && !patterns.has(target.pattern)) out.push(target);
  }
  out.push({ kind: 'internet' });
  return out;
}

export function targetName(t: TraceTarget): string {
  return t.kind === 'service' ? (t.region ? `${t.name} in ${t.region}` : t.name) : t.kind === 'internet' ? 'internet' : t.text;
}

/** Services the workloads of almost any VPC use: object storage and DynamoDB (free gateway endpoints). */
const ALWAYS_LIKELY = ['s3', 'dynamodb'];

/**
 * What a source most likely talks to, for the "Trace to …" CodeLens: s3 and dynamodb, the services with
 * an endpoint in the source's VPC (any VPC of the template when the source's is not known), then the
 * user's `extra` short names (vpceLens.traceServices). Names the catalogue does not know are left out.
 */
export function likelyTargets(net: Network, source: string, extra: readonly string[] = []): string[] {
  const model = net.judged();
  const w = model.workloads.get(source);
  const subnet = model.subnets.get(source) ?? (w ? w.subnets.items.map((i) => model.subnets.get(i.id)).find(Boolean) : undefined);
  const vpc = subnet?.vpc.known ? subnet.vpc.value : undefined;
  const out: string[] = [];
  const add = (name: string) => {
    const t = parseTarget(name);
    if (t?.kind === 'service' && !out.includes(t.name)) out.push(t.name);
  };
  ALWAYS_LIKELY.forEach(add);
  for (const e of model.endpoints.values()) {
    if (!e.service.known || (vpc && e.vpc.known && e.vpc.value !== vpc)) continue;
    const parsed = parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'));
    if (parsed?.info) add(shortName(e.service.value));
  }
  extra.forEach(add);
  return out;
}
