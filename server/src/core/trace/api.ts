// The trace as the faces call it: text in, verdicts out. Parses and models the template once per call;
// the matrix reuses one network (all its deployments) for every cell.

import { parseText, treeBrokenBy } from '../document/parse.js';
import { buildTemplate, looksLikeTemplate, type PassedParameters } from '../cfn/template.js';
import { cfnNetwork } from '../cfn/network-set.js';
import type { Network } from '../model/network.js';
import type { OutsideRules } from '../cdk/outside-rules.js';
import { trace } from './trace.js';
import { parseTarget, targetName, traceSources, traceTargets, type TraceSource } from './targets.js';
import type { Branch, Hop, TraceOptions, TraceResult, Verdict } from './types.js';

export type TemplateNetwork = { ok: true; network: Network } | { ok: false; error: string; /** Where the text breaks, when it does. */ at?: number };

/**
 * The network of a CloudFormation text, or why there is none. After a syntax error the tree the parser
 * recovers is a guess, which the trace does not judge (as the analysis does not model it): the answer
 * names the first error and its offset, so a face can say where it is as `check` does.
 * `regions`: where the stack deploys (the settings'), as the analysis's network is told them.
 */
export function templateNetwork(text: string, regions: readonly string[] = [], outside?: OutsideRules, passed?: PassedParameters): TemplateNetwork {
  const parsed = parseText(text, { json: /^\s*[{[]/.test(text) });
  const broken = treeBrokenBy(parsed.problems);
  if (broken) return { ok: false, error: `the template does not parse: ${broken.message}`, at: broken.start };
  if (!looksLikeTemplate(parsed.root)) return { ok: false, error: 'not a CloudFormation template' };
  const template = buildTemplate(text, parsed.root);
  if (passed) template.passed = passed;
  if (regions.length) template.regions = regions;
  return { ok: true, network: cfnNetwork(template, undefined, undefined, undefined, regions, outside) };
}

/** `regions` and `outside`: where the stack deploys and what other templates add to its groups (the settings'), as the analysis's network is told them. */
export function networkOf(text: string, regions: readonly string[] = [], outside?: OutsideRules, passed?: PassedParameters): Network | undefined {
  const n = templateNetwork(text, regions, outside, passed);
  return n.ok ? n.network : undefined;
}

export type TraceAnswer = { ok: true; result: TraceResult } | { ok: false; error: string };

export function traceText(text: string, from: string, to: string, options: TraceOptions = {}): TraceAnswer {
  const n = templateNetwork(text);
  if (!n.ok) return { ok: false, error: n.error };
  return traceNetwork(n.network, from, to, options);
}

export function traceNetwork(net: Network, from: string, to: string, options: TraceOptions = {}): TraceAnswer {
  const target = parseTarget(to);
  if (!target) return { ok: false, error: `unknown destination ${to}: use a service (s3, ssm, com.amazonaws.<region>.sqs), "internet" or an IPv4 or IPv6 range` };
  if (!net.spanOf(from)) {
    const sources = traceSources(net).map((s) => s.id);
    return { ok: false, error: `${from} is not a resource of ${net.words?.here ?? 'this template'}${sources.length ? `; sources: ${sources.slice(0, 20).join(', ')}` : ''}` };
  }
  return { ok: true, result: trace(net, from, target, options) };
}

export interface MatrixCell {
  verdict: Verdict;
  summary: string;
  /** Another choice of parameters changes the verdict (`branches` says how). */
  conditional: boolean;
  /** The hop that decides the verdict: what a cell's explanation names. */
  deciding?: Hop;
  branches?: Branch[];
}

export interface Matrix {
  sources: TraceSource[];
  targets: string[];
  /** cells[i][j]: source i to target j; `conditional` when another choice of parameters changes the verdict. */
  cells: MatrixCell[][];
  /** The template has more deployments than were looked at. */
  bounded?: { explored: number; total: number };
}

export function traceMatrix(net: Network, options: TraceOptions = {}): Matrix {
  const sources = traceSources(net);
  const targets = traceTargets(net);
  const cells = sources.map((s) => targets.map((t) => {
    const r = trace(net, s.id, t, options);
    const deciding = r.decidingHop === undefined ? undefined : r.hops[r.decidingHop];
    return { verdict: r.verdict, summary: r.summary, conditional: Boolean(r.branches), ...(deciding ? { deciding } : {}), ...(r.branches ? { branches: r.branches } : {}) };
  }));
  const bounded = net.bounded();
  return { sources, targets: targets.map(targetName), cells, ...(bounded ? { bounded } : {}) };
}
