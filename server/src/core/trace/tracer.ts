// The state of one trace: the hops so far, the suggestions, and the conditions the path rests on.

import type { NetworkModel, Subnet } from '../model/types.js';
import { CFN_WORDS, type Words } from '../rules/words.js';
import type { Decision, Hop, Suggestion, TraceResult, Verdict } from './types.js';

export class Tracer {
  readonly hops: Hop[] = [];
  readonly suggestions: Suggestion[] = [];
  /** Conditions of the elements on the path (true in this deployment): the summary says so. */
  readonly conditions = new Set<string>();
  policy: TraceResult['policy'];
  /** The source's own condition: the trace is about the source existing, so summaries do not repeat it. */
  sourceCondition: string | undefined;
  /** The DNS hop whose answer missed the service's endpoint (the path goes for public addresses). */
  diverted: number | undefined;
  /** The hop that decides a private or public path (the DNS answer or the route), when set before done(). */
  decisive: number | undefined;
  /** The service pattern traced to, when the destination is a service. */
  service: string | undefined;

  constructor(readonly model: NetworkModel, readonly from: string, readonly to: string, readonly words: Words = CFN_WORDS) {}

  hop(resource: string, kind: string, decision: Decision, reason: string): Decision {
    // Something outside the template (a VPC given as a parameter) points at where the trace started.
    const at = this.model.spans.get(resource) ?? this.model.spans.get(this.from);
    this.hops.push({ resource, kind, decision, reason, start: at?.start ?? 0, end: at?.end ?? 0 });
    return decision;
  }

  /** A copy of the trace so far, to follow a second way from here (an IPv6 flow and its NAT64 twin). */
  fork(): Tracer {
    const t = new Tracer(this.model, this.from, this.to, this.words);
    t.hops.push(...this.hops.map((h) => ({ ...h })));
    t.suggestions.push(...this.suggestions);
    for (const c of this.conditions) t.conditions.add(c);
    Object.assign(t, { policy: this.policy, sourceCondition: this.sourceCondition, diverted: this.diverted, decisive: this.decisive, service: this.service });
    return t;
  }

  suggest(s: Suggestion): void {
    if (!this.suggestions.some((x) => x.kind === s.kind && x.resource === s.resource)) this.suggestions.push(s);
  }

  /** Notes an element's condition (if any) as one the path rests on. */
  uses(e: { condition?: string } | undefined): void {
    if (e?.condition) this.conditions.add(e.condition);
  }

  done(verdict: Verdict, summary: string): TraceResult {
    // A network resource written twice (CloudFormation keeps one copy) or made by a deploy-time loop is one the
    // model does not hold: any answer, a blocked one too (it may be the missing route), may rest on it.
    const unseen = verdict !== 'unknown' ? this.writtenTwice() : undefined;
    // A path is only as certain as its least certain hop: one we cannot decide makes the verdict unknown.
    const doubt = verdict === 'private' || verdict === 'public' ? this.hops.find((h) => h.decision === 'unknown') : undefined;
    const conds = [...this.conditions].filter((c) => c !== this.sourceCondition);
    const note = conds.length && verdict !== 'unknown' ? ` (only when ${conds.length === 1 ? 'condition' : 'conditions'} ${conds.join(' and ')} ${conds.length === 1 ? 'is' : 'are'} true)` : '';
    let final = unseen
      ? { verdict: 'unknown' as Verdict, summary: `${unseen.reason}; with the resources the trace reads, ${verdict}: ${summary}${note}` }
      : doubt
        ? { verdict: 'unknown' as Verdict, summary: `${summary}${note}, if ${doubt.kind} (${this.named(doubt)}) lets it through: ${doubt.reason}` }
        : { verdict, summary: `${summary}${note}` };
    // A failure after a DNS answer that missed the endpoint is that answer's: the hop says so, and the
    // summary; a public path after it says why it is not private.
    const diverted = this.diverted === undefined ? undefined : this.hops[this.diverted];
    if (diverted && (final.verdict === 'blocked' || final.verdict === 'public')) {
      if (final.verdict === 'blocked') diverted.decision = 'block';
      final = { ...final, summary: `${final.summary}, because the ${this.to} name does not resolve to the endpoint: ${diverted.reason}` };
    }
    const decidingHop = unseen ? this.hops.indexOf(unseen) : this.deciding(final.verdict);
    // A change made without seeing those resources may repeat or undo one of them: none is suggested.
    return { from: this.from, to: this.to, ...final, ...(this.policy ? { policy: this.policy } : {}), hops: this.hops, suggestions: unseen ? [] : this.suggestions, ...(decidingHop === undefined ? {} : { decidingHop }) };
  }

  /** The hop that says which resource the model cannot hold leaves the answer open (written twice, made by a deploy-time loop). */
  private writtenTwice(): Hop | undefined {
    // Interface endpoints for other services, whichever copy is kept, leave a path to this service as it is.
    const written = this.model.writtenTwice?.filter((d) => !(d.services && this.service !== undefined && !d.services.includes(this.service)));
    const twice = written?.[0];
    const loop = this.model.unseenLoops?.[0];
    if (!twice && loop) {
      this.hop(loop.id, 'resources made at deploy time', 'unknown', `${loop.id.replace('Fn::ForEach::', 'Fn::ForEach loop ')} makes its resources (${loop.types.join(', ')}) from a collection known only at deploy time: the trace does not see them, and they may decide this path`);
      return this.hops[this.hops.length - 1];
    }
    if (!twice) return undefined;
    const more = written!.length > 1 ? ` (and ${written!.slice(1).map((d) => d.id).join(', ')})` : '';
    this.hop(twice.id, 'resource written twice', 'unknown', `logical id ${twice.id}${more} is written twice in ${this.words.here} (${twice.types.join(', ')}): CloudFormation deploys one of the copies, which the trace does not guess, and it may decide this path`);
    return this.hops[this.hops.length - 1];
  }

  /** A hop's resource in words: a VPC standing for its default security group is called that. */
  private named(h: Hop): string {
    return h.kind.includes('security group') && this.model.vpcs.has(h.resource) ? `the default security group of ${h.resource}` : h.resource;
  }

  /** The hop that decides the verdict: the failing or undecided one, else the one that chose the way. */
  private deciding(verdict: Verdict): number | undefined {
    const first = (d: Decision) => {
      const i = this.hops.findIndex((h) => h.decision === d);
      return i < 0 ? undefined : i;
    };
    if (verdict === 'blocked') return this.diverted ?? first('block');
    if (verdict === 'unknown') return first('unknown') ?? first('block');
    if (verdict === 'public' && this.diverted !== undefined) return this.diverted;
    if (this.decisive !== undefined) return this.decisive;
    for (let i = this.hops.length - 1; i >= 0; i--) if (this.hops[i]!.kind === 'route') return i;
    return undefined;
  }
}

export interface Source {
  id: string;
  subnet: Subnet;
  /** The source's security groups; undefined: a subnet (groups depend on the workload). */
  groups: string[] | undefined;
  publicIp: boolean | undefined;
  /** What an unknown public IP depends on, when more can be said than "if it has one". */
  publicIpWhy?: string;
  /** Why the source sends no IPv6 traffic though its subnet may have IPv6 (its subnet then says it has none). */
  noIpv6?: string;
}
