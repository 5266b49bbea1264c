// Shared by the private DNS rules: which interface endpoints turn private DNS on, and in which VPC —
// read from the network model (model/private-dns-twins.ts, per branch where a condition decides it), as the
// trace reads it.

import { privateDnsOn, type PrivateDnsOn } from '../model/private-dns-twins.js';
import type { Resource } from '../cfn/template.js';
import type { RuleContext } from './types.js';

export interface PrivateDnsEndpoint extends PrivateDnsOn {
  /** The template resource the findings name. */
  resource: Resource;
}

export function privateDnsEndpoints(ctx: RuleContext): PrivateDnsEndpoint[] {
  const out: PrivateDnsEndpoint[] = [];
  for (const p of privateDnsOn(ctx.network().judged())) {
    const resource = ctx.template.byId.get(p.endpoint.id);
    if (resource) out.push({ ...p, resource });
  }
  return out;
}
