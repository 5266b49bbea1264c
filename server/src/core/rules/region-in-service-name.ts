// Shared by the two region rules: the hard-coded regions in endpoints' service names.

import { locate } from '../cfn/refs.js';
import type { Endpoint } from '../cfn/endpoints.js';
import { pairOf } from '../document/tree.js';
import type { RuleContext } from './types.js';

export interface HardCodedRegion {
  endpoint: Endpoint;
  region: string;
  span: { start: number; end: number };
  when: string[];
  /** A provider's endpoint service rather than an AWS service. */
  custom: boolean;
}

/** A Terraform endpoint's `provider = aws.<alias>` (tf/lower.ts): its region is that provider's. */
export const PROVIDER_ALIAS = 'TerraformProvider';

export function hardCodedRegions(ctx: RuleContext): HardCodedRegion[] {
  const out: HardCodedRegion[] = [];
  for (const e of ctx.endpoints()) {
    // ServiceRegion makes a cross-Region endpoint: there a literal region is the point.
    if (!e.serviceNode || pairOf(e.props, 'ServiceRegion') || pairOf(e.props, PROVIDER_ALIAS)) continue;
    for (const s of e.services) {
      const r = s.value.literalRegion;
      // A parameter's default is only a default: the deployment may pass another region's name.
      if (r && !s.value.fromParameter) out.push({ endpoint: e, region: r.region, span: locate(ctx.template.text, e.serviceNode, r.region), when: s.when, custom: s.value.isCustom });
    }
  }
  return out;
}
