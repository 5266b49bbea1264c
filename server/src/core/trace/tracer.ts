// The state of one trace: the hops so far, the suggestions, and the conditions the path rests on.

import type { NetworkModel, Subnet } from '../model/types.js';
import type { Decision, Hop, Suggestion, TraceResult, Verdict } from './types.js';

export class Tracer {
  readonly hops: Hop[] = [];
  readonly suggestions: Suggestion[] = [];
  /** Conditions of the elements on the path (true in this deployment): the summary says so. */
  readonly conditions = new Set<string>();
  policy: TraceResult['policy'];
  /** The source's own condition: the trace is about the source existing, so summaries do not repeat it. */
  sourceCondition: string | undefined;

  constructor(readonly model: NetworkModel, readonly from: string, readonly to: string) {}

  hop(resource: string, kind: string, decision: Decision, reason: string): Decision {
    // Something outside the template (a VPC given as a parameter) points at where the trace started.
    const at = this.model.spans.get(resource) ?? this.model.spans.get(this.from);
    this.hops.push({ resource, kind, decision, reason, start: at?.start ?? 0, end: at?.end ?? 0 });
    return decision;
  }

  suggest(s: Suggestion): void {
    if (!this.suggestions.some((x) => x.kind === s.kind && x.resource === s.resource)) this.suggestions.push(s);
  }

  /** Notes an element's condition (if any) as one the path rests on. */
  uses(e: { condition?: string } | undefined): void {
    if (e?.condition) this.conditions.add(e.condition);
  }

  done(verdict: Verdict, summary: string): TraceResult {
    // A path is only as certain as its least certain hop: one we cannot decide makes the verdict unknown.
    const doubt = verdict === 'private' || verdict === 'public' ? this.hops.find((h) => h.decision === 'unknown') : undefined;
    const conds = [...this.conditions].filter((c) => c !== this.sourceCondition);
    const note = conds.length && verdict !== 'unknown' ? ` (only when ${conds.length === 1 ? 'condition' : 'conditions'} ${conds.join(' and ')} ${conds.length === 1 ? 'is' : 'are'} true)` : '';
    const final = doubt ? { verdict: 'unknown' as Verdict, summary: `${summary}${note}, if ${doubt.kind} (${doubt.resource}) lets it through: ${doubt.reason}` } : { verdict, summary: `${summary}${note}` };
    return { from: this.from, to: this.to, ...final, ...(this.policy ? { policy: this.policy } : {}), hops: this.hops, suggestions: this.suggestions };
  }
}

export interface Source {
  id: string;
  subnet: Subnet;
  /** The source's security groups; undefined: a subnet (groups depend on the workload). */
  groups: string[] | undefined;
  publicIp: boolean | undefined;
}
