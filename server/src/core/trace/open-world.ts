// What the template does not show can still change a path: a VPC it does not create (a parameter, an
// import, an id) may already hold interface endpoints with private DNS and has a main route table of
// its own; a nested stack that receives a VPC or a route table may create endpoints in it or add
// routes to it. A path that would not be private is then unknown, naming what decides it.

import type { NetworkModel, Vpc } from '../model/types.js';
import type { TraceResult, TraceTarget } from './types.js';
import { vpcName } from '../model/vpc-identity.js';

/** Why the service's name may resolve to an endpoint the template does not show; undefined: it cannot. */
export function unseenEndpoint(model: NetworkModel, vpc: Vpc, target: TraceTarget): string | undefined {
  if (target.kind !== 'service') return undefined;
  const what = `an interface endpoint for ${target.name} with private DNS`;
  if (!model.vpcs.has(vpc.id)) return `${vpcName(vpc.id)} is not created by this template and may already hold ${what}`;
  const who = model.elsewhere?.get(vpc.id);
  return who ? `${who} receives ${vpc.id} and may create ${what} in it` : undefined;
}

/** Why the route table may hold routes the template does not show; undefined: it holds only its own. */
export function unseenRoutes(model: NetworkModel, table: string): string | undefined {
  const who = model.elsewhere?.get(table);
  return who ? `${who} receives route table ${table} and may add routes to it` : undefined;
}

/**
 * A path that is not private may be, through what the template does not show: unknown, decided there. An
 * answer already unknown at a later hop (the main route table) is decided here first: what the template does not
 * show comes before it on the path (the name's answer, the table's routes).
 */
export function openWorld(r: TraceResult, why: string | undefined, hopIndex: number | undefined): TraceResult {
  if (!why || r.verdict === 'private') return r;
  if (r.verdict === 'unknown' && (hopIndex === undefined || r.decidingHop === undefined || r.decidingHop <= hopIndex)) return r;
  const hop = hopIndex === undefined ? undefined : r.hops[hopIndex];
  if (hop) {
    hop.decision = 'unknown';
    hop.reason = `${hop.reason}; but ${why}`;
  }
  return { ...r, verdict: 'unknown', summary: `${why}; if it does not: ${r.summary}`, ...(hop ? { decidingHop: hopIndex } : {}) };
}

// A VPC named by the model's value for it: one wording wherever a VPC the template only names is spoken of.
export { vpcName };
