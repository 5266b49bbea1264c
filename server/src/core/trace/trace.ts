// A trace across the template's deployments: the verdict with the parameters' defaults, and, when
// another choice of parameters changes it, the verdict per branch, each labelled with the fewest
// conditions that tell the branches apart.

import { tellingConditions, type Network } from '../model/network.js';
import { vpcRegions } from '../model/cross-region.js';
import type { EndpointHome, NetworkModel } from '../model/types.js';
import { pinWords } from '../model/zone-region.js';
import { traceModel, tracedSubnet } from './path.js';
import { targetName } from './targets.js';
import type { Branch, TraceOptions, TraceResult, TraceTarget } from './types.js';

export function trace(net: Network, from: string, target: TraceTarget, options: TraceOptions = {}): TraceResult {
  if (target.kind !== 'service') return traceAll(net, from, target, options);
  const model = net.defaults;
  const vpc = sourceVpc(model, from);
  const homes = vpc ? vpcRegions(model, vpc, (options.words ?? net.words)?.deployed ?? 'the stack') : undefined;
  const named = target.region;
  // Where the VPC is not known to be: a named Region's service is that Region's own where the VPC is there.
  if (!homes?.regions.length) return named ? { ...inRegion(traceAll(net, from, target, { ...options, region: { assume: named } }), named, homes?.decides), to: targetName(target) } : traceAll(net, from, target, options);
  // Only a named Region or a cross-Region endpoint makes the answer depend on the Region: else one trace.
  if (!named && ![...model.endpoints.values()].some((e) => e.serviceRegion)) return traceAll(net, from, target, options);
  const per = homes.regions.map((home) => [home, traceAll(net, from, target, { ...options, region: named && named !== home ? { target: named, assume: home } : { assume: home } })] as const);
  return { ...pinned(byRegion(per, homes.decides), homes, model, vpc!), to: targetName(target) };
}

/**
 * The answer rests on the Region a subnet's literal zone puts the VPC in (model/zone-region.ts): a last note
 * says so, at that subnet, the verdict and the deciding hop unchanged.
 */
function pinned(r: TraceResult, homes: EndpointHome, model: NetworkModel, vpc: string): TraceResult {
  if (!homes.pin || r.absent) return r;
  const at = model.spans.get(homes.pin.subnet);
  const reason = `${vpc} is in ${homes.pin.region}, the Region of ${pinWords(homes.pin)}: a subnet is created in its VPC's Region only`;
  return { ...r, hops: [...r.hops, { resource: homes.pin.subnet, kind: 'region', decision: 'note', reason, start: at?.start ?? 0, end: at?.end ?? 0 }] };
}

/** The VPC the source is in (a subnet's, or that of the subnet a workload is traced from), when the model knows it. */
function sourceVpc(model: NetworkModel, from: string): string | undefined {
  const workload = model.workloads.get(from);
  const subnet = model.subnets.get(from) ?? (workload && tracedSubnet(model, workload));
  return subnet?.vpc.known ? subnet.vpc.value : undefined;
}

/**
 * The trace in each Region the VPC may be in (the stack deploys to several): one answer where they agree, else
 * unknown, the Region deciding, with each Region's verdict; the hops are the first Region's.
 */
function byRegion(per: readonly (readonly [string, TraceResult])[], decides: string): TraceResult {
  const [home, first] = per[0]!;
  if (per.every(([, r]) => r.verdict === first.verdict && r.summary === first.summary)) return first;
  const summary = `${decides} decides: ${per.map(([h, r]) => `in ${h}, ${r.verdict} (${r.summary})`).join('; ')}`;
  const { policy: _, ...rest } = first;
  return regionDecides(rest, summary, `the hops above hold where the VPC is in ${home}; ${decides} is one of ${per.map(([h]) => h).join(', ')}`);
}

/**
 * A trace whose hops hold in one Region only: unknown, a last "region" hop (at the first hop's place) deciding.
 * A suggestion for one Region may be wrong for another: none is made.
 */
function regionDecides(r: TraceResult, summary: string, reason: string): TraceResult {
  const first = r.hops[0];
  const hop = { resource: first?.resource ?? r.from, kind: 'region', decision: 'unknown' as const, reason, start: first?.start ?? 0, end: first?.end ?? 0 };
  const { branches: _, ...rest } = r;
  return { ...rest, verdict: 'unknown', summary, hops: [...r.hops, hop], decidingHop: r.hops.length, suggestions: [] };
}

/**
 * A service in a region the user named (com.amazonaws.eu-west-1.s3) from a VPC whose Region is not known: the
 * traced path (the VPC taken to be in that Region) is the answer only where it is; elsewhere the name is another
 * region's, which no same-region endpoint serves: unknown, the VPC's region decides.
 */
function inRegion(r: TraceResult, region: string, decides = 'the Region the stack deploys to'): TraceResult {
  if (r.absent) return r;
  const summary = `the VPC's region decides: where it is in ${region}, ${r.verdict} (${r.summary}); in any other region the name is another region's service, which the trace does not follow`;
  return regionDecides(r, summary, `the hops above hold where the VPC is in ${region}; the trace does not know the VPC's region (decided by ${decides})`);
}

function traceAll(net: Network, from: string, target: TraceTarget, options: TraceOptions): TraceResult {
  const deployments = net.deployments();
  const all = deployments.map((d) => traceModel(d.model, from, target, { ...options, words: options.words ?? net.words }));
  const base = all[0]!;
  const bounded = net.bounded();
  const out: TraceResult = { ...base };
  if (bounded) out.branchesBounded = bounded;
  // Where the source does not exist there is no path to compare; those deployments count only when
  // the defaults' is one of them (then the branches say where the source exists).
  const keep = all.map((r, i) => i === 0 || !r.absent);
  const results = all.filter((_, i) => keep[i]);
  const whens = deployments.map((d) => d.when).filter((_, i) => keep[i]);
  if (results.every((r) => r.verdict === base.verdict && Boolean(r.absent) === Boolean(base.absent))) return out;
  if (!base.absent && results.slice(1).every((r) => r.verdict === base.verdict)) return out;
  out.branches = branchesOf(whens, results);
  return out;
}

function branchesOf(whens: Record<string, boolean>[], results: TraceResult[]): Branch[] {
  const key = (w: Record<string, boolean>, conds: string[]) => conds.map((c) => (c in w ? String(w[c]) : '?')).join('|');
  // Where the source does not exist is a branch of its own, whatever the verdict says.
  const conds = tellingConditions(whens, results.map((r) => `${r.verdict}${r.absent ? ' (absent)' : ''}`));
  const out: Branch[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < whens.length; i++) {
    const k = key(whens[i]!, conds);
    // A deployment that leaves a telling condition open adds nothing but "unknown" (the defaults' own
    // answer is the verdict above).
    if (seen.has(k) || (i > 0 && k.split('|').includes('?'))) continue;
    seen.add(k);
    const when: Record<string, boolean> = {};
    for (const c of conds) if (c in whens[i]!) when[c] = whens[i]![c]!;
    out.push({ when, verdict: results[i]!.verdict, summary: results[i]!.summary });
  }
  return out;
}
