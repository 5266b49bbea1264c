// VPCE3004 and VPCE3005 report one verdict of the model's (model/cross-region.ts) on the same site: the
// endpoint's ServiceRegion value, for each endpoint the model judged. Only the verdict each reads differs.

import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import type { Endpoint } from '../model/types.js';
import { conditionNote } from './conditions.js';
import { finding, type RuleContext, type RuleMeta } from './types.js';

/** A finding at each endpoint's ServiceRegion where `verdict` gives the model's reason. */
export function serviceRegionFindings(ctx: RuleContext, meta: RuleMeta, verdict: (e: Endpoint) => string | undefined): Finding[] {
  const out: Finding[] = [];
  const byId = new Map(ctx.endpoints().map((e) => [e.resource.id, e]));
  for (const e of ctx.network().judged().endpoints.values()) {
    const cfn = byId.get(e.id);
    const pair = cfn && pairOf(cfn.props, 'ServiceRegion');
    const why = pair && verdict(e);
    if (!cfn || !pair || !why) continue;
    out.push(finding(meta, pair.value ?? pair.key, `${e.id}: ${why}${conditionNote(cfn.resource, [])}`, { resource: cfn.resource }));
  }
  return out;
}
