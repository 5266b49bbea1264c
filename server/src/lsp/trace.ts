// The path trace in the language server: trace requests from the "Trace Path" command and the
// webview, and the "Trace to …" CodeLens above subnets and workloads. All of them read the network
// model of the document version's Analysis (built once, in the lint worker), never the text again.

import type { CodeLens } from 'vscode-languageserver/node';
import type { Analysis } from '../core/engine.js';
import type { Position } from '../core/document/line-index.js';
import { traceMatrix } from '../core/trace/api.js';
import { trace } from '../core/trace/trace.js';
import { traceView } from '../core/trace/view.js';
import { parseTarget, targetName, traceSources, traceTargets } from '../core/trace/targets.js';
import { TRACE_COMMAND, type MatrixResponse, type TraceCommandArgs, type TraceOptionsResult, type TraceParams, type TraceResponse, type TraceView } from '../protocol/trace.js';

const NOT_A_TEMPLATE = 'The file is not a CloudFormation template that parses.';

export function traceOptions(a: Analysis): TraceOptionsResult {
  const net = a.network();
  if (!net) return { error: 'The active file is not a CloudFormation template that parses.' };
  return { sources: traceSources(net), targets: traceTargets(net).map(targetName) };
}

export function traceAnswer(a: Analysis, params: TraceParams, positionAt: (offset: number) => Position): TraceResponse {
  const net = a.network();
  if (!net) return { error: NOT_A_TEMPLATE };
  const target = parseTarget(params.to);
  if (!target) return { error: `Unknown destination ${params.to}: use a service (s3, ssm, ...), "internet" or an IPv4 range.` };
  if (!net.template.byId.has(params.from)) return { error: `${params.from} is no longer in the template.` };
  const view: TraceView = traceView(trace(net, params.from, target, { action: params.action }), positionAt);
  return { result: view };
}

export function traceMatrixAnswer(a: Analysis): MatrixResponse {
  const net = a.network();
  if (!net) return { error: NOT_A_TEMPLATE };
  const m = traceMatrix(net);
  return { matrix: { sources: m.sources, targets: m.targets, verdicts: m.cells.map((row) => row.map((c) => c.verdict)) } };
}

/** "Trace to s3 · ssm" above each subnet and workload, for the services the template has endpoints for. */
export function traceLenses(a: Analysis, uri: string, positionAt: (offset: number) => Position): CodeLens[] {
  const net = a.network();
  if (!net) return [];
  const services = traceTargets(net).filter((t) => t.kind === 'service' && net.endpoints.some((e) => e.services.some((s) => s.value.pattern === t.pattern)));
  if (services.length === 0) return [];
  const lenses: CodeLens[] = [];
  for (const source of traceSources(net)) {
    const key = net.template.byId.get(source.id)!.key;
    const range = { start: positionAt(key.start), end: positionAt(key.end) };
    for (const t of services.slice(0, 4)) {
      const args: TraceCommandArgs = { uri, from: source.id, to: targetName(t) };
      lenses.push({ range, command: { title: `Trace to ${targetName(t)}`, command: TRACE_COMMAND, arguments: [args] } });
    }
  }
  return lenses;
}
