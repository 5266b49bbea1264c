// A trace result with line/character ranges, as the faces show it (CLI JSON, the language server's
// trace request, the webview). The conversion is the faces' only job, so it lives here once.

import type { Position } from '../document/line-index.js';
import type { TraceResult } from './types.js';

export interface TraceHopView {
  resource: string;
  kind: string;
  decision: TraceResult['hops'][number]['decision'];
  reason: string;
  range: { start: Position; end: Position };
  /** The file the hop's resource is written in, when not the traced template (a CDK nested stack's). */
  file?: string;
}

export interface TraceViewData {
  from: string;
  to: string;
  verdict: TraceResult['verdict'];
  summary: string;
  policy?: string;
  hops: TraceHopView[];
  suggestions: TraceResult['suggestions'];
  branches?: TraceResult['branches'];
  branchesBounded?: TraceResult['branchesBounded'];
  decidingHop?: number;
}

export function traceView(r: TraceResult, positionAt: (offset: number) => Position): TraceViewData {
  return {
    from: r.from,
    to: r.to,
    verdict: r.verdict,
    summary: r.summary,
    ...(r.policy ? { policy: r.policy } : {}),
    hops: r.hops.map((h) => ({ resource: h.resource, kind: h.kind, decision: h.decision, reason: h.reason, range: { start: positionAt(h.start), end: positionAt(h.end) } })),
    suggestions: r.suggestions,
    ...(r.branches ? { branches: r.branches } : {}),
    ...(r.branchesBounded ? { branchesBounded: r.branchesBounded } : {}),
    ...(r.decidingHop === undefined ? {} : { decidingHop: r.decidingHop }),
  };
}
