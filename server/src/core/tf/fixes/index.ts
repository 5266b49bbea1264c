// Quick fixes for Terraform, as HCL edits in the file's own layout (layout.ts, lists.ts): a value
// replaced in place, an argument or list item added or removed with the run of aligned `=` kept as
// `terraform fmt` writes it, a block added. Found by rule id and the finding's data, like the
// CloudFormation fixes; whether a rule's fixes are preferred ("fix all") is the CloudFormation
// registry's word for that rule, so the two formats agree. Verified by a lint of the fixed module
// (tf/analysis.ts).

import type { Finding } from '../../findings.js';
import { fixRegistry } from '../../fixes/registry.js';
import type { Fix } from '../../fixes/types.js';
import { removeArgument, replaceService, setFlag, setType, substitutePartition, substituteRegion } from './endpoint.js';
import { addRouteTable, admitHttps, removeSubnet, turnOnVpcDns, withTfVpcDns } from './network.js';
import { addPolicyMember, replaceName } from './policy.js';
import { convert, toInterface } from './convert.js';
import { renameReference } from './reference.js';
import type { FixTarget, TfFamily } from './target.js';

export type { FixTarget } from './target.js';

export const TF_FIXES: Readonly<Record<string, TfFamily>> = {
  VPCE0005: renameReference,
  // The whole conversion first; the bare type where no conversion can be made.
  VPCE2001: (ctx) => { const whole = toInterface(ctx); return whole.length ? whole : setType(ctx); },
  // The conversion to the endpoint's own type, the plain removal, then the other type's conversion.
  VPCE2002: (ctx) => {
    const conversions = convert(ctx);
    return [...conversions.filter((f) => f.isPreferred !== false), ...removeArgument(ctx), ...conversions.filter((f) => f.isPreferred === false)];
  },
  VPCE2003: replaceService,
  VPCE2005: setType,
  VPCE3001: substituteRegion,
  VPCE3002: substituteRegion,
  VPCE3003: substitutePartition,
  VPCE5001: turnOnVpcDns,
  VPCE5003: withTfVpcDns(setFlag),
  VPCE5005: setFlag,
  VPCE6001: removeSubnet,
  VPCE6003: admitHttps,
  VPCE7003: addRouteTable,
  VPCE8002: setFlag,
  VPCE9003: addPolicyMember,
  VPCE9004: addPolicyMember,
  VPCE9005: replaceName,
  VPCE9007: replaceName,
  VPCE9008: replaceName,
};

export function terraformFixes(m: FixTarget, finding: Finding): Fix[] {
  const family = TF_FIXES[finding.ruleId];
  if (!family) return [];
  const preferred = fixRegistry[finding.ruleId]?.preferred ?? false;
  const data = (finding.data ?? {}) as Record<string, unknown>;
  return family({ m, finding, data }).map((f) => ({ ...f, isPreferred: f.isPreferred ?? preferred }));
}
