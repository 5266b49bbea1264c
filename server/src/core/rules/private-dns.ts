// Shared by the private DNS rules: which interface endpoints turn private DNS on, and in which VPC —
// read from the network model (per branch where a condition decides it), as the trace reads it.

import { compatible } from '../cfn/refs.js';
import { factBranches, type Endpoint, type NetworkModel, type Span } from '../model/types.js';
import type { Resource } from '../cfn/template.js';
import type { RuleContext } from './types.js';

export interface PrivateDnsEndpoint {
  endpoint: Endpoint;
  /** The template resource the findings name. */
  resource: Resource;
  /** Where private DNS is turned on (the `PrivateDnsEnabled` value). */
  at: Span;
  /** The endpoint's VPC, when it is one of the template's. */
  vpc: string | undefined;
  when: string[];
}

export function privateDnsEndpoints(ctx: RuleContext): PrivateDnsEndpoint[] {
  const model = ctx.network().judged();
  const out: PrivateDnsEndpoint[] = [];
  for (const e of model.endpoints.values()) {
    const resource = ctx.template.byId.get(e.id);
    if (e.privateDnsDefaulted || !resource) continue;
    const types = factBranches(e.type);
    for (const b of factBranches(e.privateDns)) {
      if (b.value !== true || !b.at) continue;
      if (!types.some((t) => t.value === 'Interface' && compatible(t.when, b.when))) continue;
      out.push({ endpoint: e, resource, at: b.at, vpc: vpcOf(model, e), when: b.when });
    }
  }
  return out;
}

function vpcOf(model: NetworkModel, e: Endpoint): string | undefined {
  return e.vpc.known && model.vpcs.has(e.vpc.value) ? e.vpc.value : undefined;
}
