// Shared by the private DNS rules: which interface endpoints turn private DNS on, and in which VPC.

import { definiteType, type Endpoint } from '../cfn/endpoints.js';
import { compatible } from '../cfn/refs.js';
import { branches, truthy } from '../cfn/values.js';
import { valueOf, type Node } from '../document/tree.js';
import type { RuleContext } from './types.js';

export interface PrivateDnsEndpoint {
  endpoint: Endpoint;
  /** The `PrivateDnsEnabled` value node. */
  node: Node;
  /** The endpoint's VPC, when it is one of the template's (from the network model). */
  vpc: string | undefined;
  when: string[];
}

export function privateDnsEndpoints(ctx: RuleContext): PrivateDnsEndpoint[] {
  const out: PrivateDnsEndpoint[] = [];
  for (const e of ctx.endpoints()) {
    const node = valueOf(e.props, 'PrivateDnsEnabled');
    if (!node) continue;
    const vpcOf = () => {
      const model = ctx.network().judged();
      const v = model.endpoints.get(e.resource.id)?.vpc;
      return v?.known && model.vpcs.has(v.value) ? v.value : undefined;
    };
    const type = definiteType(e);
    for (const b of branches(ctx.values.value(node))) {
      if (truthy(b.value) !== true) continue;
      const interfaceOnBranch = type ? type.type === 'Interface' : e.types.some((t) => t.value.type === 'Interface' && compatible(t.when, b.when));
      if (!interfaceOnBranch) continue;
      out.push({ endpoint: e, node, vpc: vpcOf(), when: b.when });
    }
  }
  return out;
}
