// The trace as the faces call it: text in, verdicts out. Parses and models the template once per call;
// the matrix reuses one model for every cell.

import { parseText } from '../document/parse.js';
import { buildTemplate, looksLikeTemplate } from '../cfn/template.js';
import { Resolver } from '../cfn/resolve.js';
import { buildEndpoints } from '../cfn/endpoints.js';
import { buildNetwork, type Network } from '../network/model.js';
import { trace } from './trace.js';
import { parseTarget, targetName, traceSources, traceTargets } from './targets.js';
import type { TraceOptions, TraceResult, Verdict } from './types.js';

export function networkOf(text: string): Network | undefined {
  const parsed = parseText(text, { json: /^\s*[{[]/.test(text) });
  if (!looksLikeTemplate(parsed.root)) return undefined;
  const template = buildTemplate(text, parsed.root);
  const values = new Resolver(template);
  return buildNetwork(template, values, buildEndpoints(template, values));
}

export type TraceAnswer = { ok: true; result: TraceResult } | { ok: false; error: string };

export function traceText(text: string, from: string, to: string, options: TraceOptions = {}): TraceAnswer {
  const net = networkOf(text);
  if (!net) return { ok: false, error: 'not a CloudFormation template (or it does not parse)' };
  const target = parseTarget(to);
  if (!target) return { ok: false, error: `unknown destination ${to}: use a service (s3, ssm, com.amazonaws.<region>.sqs), "internet" or an IPv4 range` };
  if (!net.template.byId.has(from)) {
    const sources = traceSources(net).map((s) => s.id);
    return { ok: false, error: `${from} is not a resource of this template${sources.length ? `; sources: ${sources.slice(0, 20).join(', ')}` : ''}` };
  }
  return { ok: true, result: trace(net, from, target, options) };
}

export interface Matrix {
  sources: { id: string; kind: string }[];
  targets: string[];
  /** cells[i][j]: source i to target j. */
  cells: { verdict: Verdict; summary: string }[][];
}

export function traceMatrix(net: Network, options: TraceOptions = {}): Matrix {
  const sources = traceSources(net);
  const targets = traceTargets(net);
  const cells = sources.map((s) => targets.map((t) => {
    const r = trace(net, s.id, t, options);
    return { verdict: r.verdict, summary: r.summary };
  }));
  return { sources, targets: targets.map(targetName), cells };
}
