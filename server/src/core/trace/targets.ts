// What a user may trace to: a service by short name (s3, ssm, ecr.api) or full name, the internet,
// or an IPv4 range. And what the matrix traces: the template's subnets and workloads × services.

import { allServices, parseServiceName, shortName } from '../data/catalogue.js';
import { parseIpv4Cidr } from '../util/cidr.js';
import type { Network } from '../network/model.js';
import type { TraceTarget } from './types.js';

export function parseTarget(text: string): TraceTarget | undefined {
  const t = text.trim();
  if (t.toLowerCase() === 'internet') return { kind: 'internet' };
  if (parseIpv4Cidr(t)) return { kind: 'cidr', text: t };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t)) return { kind: 'cidr', text: `${t}/32` };
  const byShort = allServices().find((s) => shortName(s.pattern) === t.toLowerCase());
  if (byShort) return { kind: 'service', pattern: byShort.pattern, name: shortName(byShort.pattern) };
  const parsed = parseServiceName(t.replace('{region}', '${AWS::Region}'));
  if (parsed?.info) return { kind: 'service', pattern: parsed.pattern, name: shortName(parsed.pattern) };
  return undefined;
}

/** Subnets and workloads, in template order: what a trace can start from. */
export function traceSources(net: Network): { id: string; kind: string }[] {
  const out: { id: string; kind: string }[] = [];
  for (const r of net.template.resources) {
    if (net.subnets.has(r.id)) out.push({ id: r.id, kind: 'subnet' });
    else if (net.workloads.has(r.id)) out.push({ id: r.id, kind: net.workloads.get(r.id)!.kind });
  }
  return out;
}

const COMMON = ['s3', 'dynamodb', 'ssm', 'sqs', 'sts', 'logs', 'ecr.api', 'ecr.dkr', 'secretsmanager', 'kms'];

/** The services the template has endpoints for, then common ones, then the internet. */
export function traceTargets(net: Network): TraceTarget[] {
  const patterns = new Set<string>();
  for (const e of net.endpoints) for (const s of e.services) if (s.value.info) patterns.add(s.value.pattern);
  const out: TraceTarget[] = [...patterns].map((pattern) => ({ kind: 'service' as const, pattern, name: shortName(pattern) }));
  for (const name of COMMON) {
    const target = parseTarget(name);
    if (target?.kind === 'service' && !patterns.has(target.pattern)) out.push(target);
  }
  out.push({ kind: 'internet' });
  return out;
}

export function targetName(t: TraceTarget): string {
  return t.kind === 'service' ? t.name : t.kind === 'internet' ? 'internet' : t.text;
}
