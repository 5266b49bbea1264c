// A trace across the template's deployments: the verdict with the parameters' defaults, and, when
// another choice of parameters changes it, the verdict per branch, each labelled with the fewest
// conditions that tell the branches apart.

import type { Network } from '../model/network.js';
import { traceModel } from './path.js';
import type { Branch, TraceOptions, TraceResult, TraceTarget } from './types.js';

export function trace(net: Network, from: string, target: TraceTarget, options: TraceOptions = {}): TraceResult {
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
  const all = [...new Set(whens.flatMap((w) => Object.keys(w)))];
  const key = (w: Record<string, boolean>, conds: string[]) => conds.map((c) => (c in w ? String(w[c]) : '?')).join('|');
  const decides = (conds: string[]) => {
    const seen = new Map<string, string>();
    for (let i = 0; i < whens.length; i++) {
      const k = key(whens[i]!, conds);
      // Where the source does not exist is a branch of its own, whatever the verdict says.
      const v = `${results[i]!.verdict}${results[i]!.absent ? ' (absent)' : ''}`;
      if (seen.has(k) && seen.get(k) !== v) return false;
      seen.set(k, v);
    }
    return true;
  };
  // The fewest conditions that still tell the verdicts apart (greedy: drop each one that is not needed).
  let conds = all;
  for (const c of all) {
    const fewer = conds.filter((x) => x !== c);
    if (decides(fewer)) conds = fewer;
  }
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
