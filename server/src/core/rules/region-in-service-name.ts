// Shared by the two region rules: the hard-coded regions in endpoints' service names.

import { locate } from '../cfn/refs.js';
import type { Endpoint } from '../cfn/endpoints.js';
import { pairOf } from '../document/tree.js';
import { possibleInRegion } from '../cfn/scenarios.js';
import { foreignEntries, fromForeignEntry } from './region-map-entries.js';
import type { RuleContext } from './types.js';

export interface HardCodedRegion {
  endpoint: Endpoint;
  region: string;
  span: { start: number; end: number };
  when: string[];
  /** A provider's endpoint service rather than an AWS service. */
  custom: boolean;
  /** The region the endpoint is created in, when its configuration says (a Terraform provider's region). */
  deployedIn?: string;
  /** Created by an aliased Terraform provider: its region is not the configuration's. */
  aliased: boolean;
  /** Whether the conditions the name rests on can hold in a stack in this region (null: a region no condition names). */
  possibleIn(region: string | null): boolean;
}

/** A Terraform endpoint's `provider = aws.<alias>` (tf/lower.ts): its region is that provider's. */
export const PROVIDER_ALIAS = 'TerraformProvider';
/**
 * A Terraform endpoint's region, from its VPC's or its own provider configuration (tf/providers.ts): a string, or unknown;
 * a subnet's, its own provider's, only where known (tf/lower.ts).
 */
export const ENDPOINT_REGION = 'TerraformRegion';
/** On an aliased Terraform provider's endpoint: the region `${AWS::Region}` in its service name stands for (the default provider's). */
export const DEFAULT_REGION = 'TerraformDefaultRegion';
/** On a Terraform endpoint of the default provider whose region is known only at run time: the value deciding it (tf/providers.ts openDefaultRegion). */
export const OPEN_DEFAULT_REGION = 'TerraformOpenDefaultRegion';

/**
 * Terraform (tf/eval.ts): a value's text that comes from an input variable's default or tfvars value,
 * by node. A region there is the deployment's choice, as a CloudFormation parameter's default is.
 */
export const INPUT_TEXT = new WeakMap<object, string[]>();

/**
 * Terraform (tf/eval.ts): the values a text was made of (a template's parts, a function's arguments), by node.
 * A service name made of the very value its provider's `region` reads (`local.region` in both) names the
 * Region the endpoint is created in wherever that value is changed: it is not hard-coded.
 */
export const MADE_FROM = new WeakMap<object, object[]>();

export function hardCodedRegions(ctx: RuleContext): HardCodedRegion[] {
  const out: HardCodedRegion[] = [];
  const foreign = foreignEntries(ctx);
  for (const e of ctx.endpoints()) {
    // ServiceRegion makes a cross-Region endpoint: there a literal region is the point.
    if (!e.serviceNode || pairOf(e.props, 'ServiceRegion')) continue;
    const region = pairOf(e.props, ENDPOINT_REGION)?.value;
    const deployedIn = region?.kind === 'scalar' && typeof region.value === 'string' ? region.value : undefined;
    const aliased = Boolean(pairOf(e.props, PROVIDER_ALIAS));
    const fromRegion = region != null && e.serviceNode !== undefined && (MADE_FROM.get(e.serviceNode)?.includes(region) ?? false);
    // A region not known (an aliased provider's without one) decides nothing.
    if ((region && deployedIn === undefined) || (aliased && deployedIn === undefined)) continue;
    for (const s of e.services) {
      const r = s.value.literalRegion;
      // A parameter's default is only a default: the deployment may pass another region's name.
      if (!r || s.value.fromParameter || fromRegion || INPUT_TEXT.get(e.serviceNode)?.some((t) => t.includes(r.region))) continue;
      // Read from a Region's mapping entry that names another Region: judged on the entry (region-map-entries.ts).
      if (fromForeignEntry(foreign, e, r.region)) continue;
      const conditions = [...(e.resource.condition ? [e.resource.condition] : []), ...s.when];
      const possibleIn = (region: string | null) => conditions.length === 0 || possibleInRegion(ctx.template, conditions, region);
      out.push({ endpoint: e, region: r.region, span: locate(ctx.template.text, e.serviceNode, r.region), when: s.when, custom: s.value.isCustom, possibleIn, aliased, ...(deployedIn ? { deployedIn } : {}) });
    }
  }
  return out;
}
