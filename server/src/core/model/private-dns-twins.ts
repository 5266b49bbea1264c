// Which interface endpoints turn private DNS on, in which VPC, and which of them cannot be created because
// an earlier one already has the service's private DNS name in that VPC: EC2 gives the name to one private
// hosted zone per VPC, so the second endpoint fails to create and the stack with it
// (https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html). VPCE5002 reports it over the
// judged model (each pair whose conditions can hold together); the trace reads it in its deployment.

import { serviceByPattern } from '../data/catalogue.js';
import { nameRegionKey } from './name-region.js';
import { branchConditions, factBranches, type Endpoint, type NetworkModel, type Span } from './types.js';

export interface PrivateDnsOn {
  endpoint: Endpoint;
  /** Where private DNS is turned on (the `PrivateDnsEnabled` value). */
  at: Span;
  /**
   * The endpoint's VPC, when it is known: one of the model's, or one the template only names (a parameter, an
   * import, an id), which is one VPC wherever the same name stands (model/vpc-identity.ts).
   */
  vpc: string | undefined;
  /** The conditions of the branch that turns it on (none: written plainly). */
  when: string[];
}

/** Interface endpoints whose private DNS is written on, per branch where a condition decides it. */
export function privateDnsOn(model: NetworkModel): PrivateDnsOn[] {
  const out: PrivateDnsOn[] = [];
  const compatible = (a: string[], b: string[]) => !a.some((c) => b.includes(c.startsWith('!') ? c.slice(1) : `!${c}`));
  for (const e of model.endpoints.values()) {
    if (e.privateDnsDefaulted) continue;
    const types = factBranches(e.type);
    for (const b of factBranches(e.privateDns)) {
      if (b.value !== true || !b.at) continue;
      if (!types.some((t) => t.value === 'Interface' && compatible(t.when, b.when))) continue;
      out.push({ endpoint: e, at: b.at, vpc: e.vpc.known && e.vpc.value !== null ? e.vpc.value : undefined, when: b.when });
    }
  }
  return out;
}

export interface PrivateDnsTwin {
  /** The endpoint that cannot be created, on the branch that turns its private DNS on. */
  twin: PrivateDnsOn;
  /** The earlier endpoint that holds the name. */
  earlier: PrivateDnsOn;
  /** Every branch of that earlier endpoint that turns its private DNS on and can hold with the twin's (`earlier` first). */
  branches: PrivateDnsOn[];
}


/**
 * Each endpoint whose service's private DNS name an earlier one (in model order) already takes in the same
 * VPC. `compatible`: whether two sets of conditions can hold together (the format's answer); an element's
 * own condition counts with its branch's.
 */
export function privateDnsTwins(on: readonly PrivateDnsOn[], compatible: (a: string[], b: string[]) => boolean): PrivateDnsTwin[] {
  const out: PrivateDnsTwin[] = [];
  const seen = new Map<string, PrivateDnsOn[]>();
  for (const p of on) {
    const service = p.endpoint.service.known ? p.endpoint.service.value : undefined;
    if (!p.vpc || !service || !serviceByPattern(service)) continue;
    // Private DNS names are per Region: names whose Regions may differ (name-region.ts) do not collide.
    const key = `${p.vpc}\u0000${service}\u0000${nameRegionKey(p.endpoint)}`;
    const earlier = seen.get(key) ?? [];
    const first = earlier.find((o) => o.endpoint !== p.endpoint && compatible(branchConditions(o), branchConditions(p)));
    if (first) out.push({ twin: p, earlier: first, branches: earlier.filter((o) => o.endpoint === first.endpoint && compatible(branchConditions(o), branchConditions(p))) });
    earlier.push(p);
    seen.set(key, earlier);
  }
  return out;
}

// The twins of one deployment's model, found once: the trace asks for every path it follows (a 5,000-resource
// template's matrix asked thousands of times, each over every endpoint: 0.9 s of a 2.3 s check).
const twinsIn = new WeakMap<NetworkModel, Map<string, PrivateDnsTwin>>();

/** In one deployment: the endpoint for `pattern` in VPC `vpc` that cannot be created, both it and the earlier one surely there. */
export function privateDnsTwinIn(model: NetworkModel, pattern: string, vpc: string): PrivateDnsTwin | undefined {
  let byPlace = twinsIn.get(model);
  if (!byPlace) {
    byPlace = new Map();
    const on = privateDnsOn(model).filter((p) => !p.endpoint.maybe && p.when.length === 0);
    for (const t of privateDnsTwins(on, () => true)) {
      const key = t.twin.endpoint.service.known ? `${t.twin.vpc}\u0000${t.twin.endpoint.service.value}` : undefined;
      if (key && !byPlace.has(key)) byPlace.set(key, t);
    }
    twinsIn.set(model, byPlace);
  }
  return byPlace.get(`${vpc}\u0000${pattern}`);
}
