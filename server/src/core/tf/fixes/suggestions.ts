// The trace's suggestions for a Terraform module as HCL edits: the same families as the quick fixes,
// given the suggestion's data, so the trace panel's Apply and the light bulb make one change.

import type { Finding } from '../../findings.js';
import type { Fix } from '../../fixes/types.js';
import type { Suggestion } from '../../trace/types.js';
import { attr, traversalNames } from '../hcl-ast.js';
import { setFlag } from './endpoint.js';
import { addRouteTable, admitHttps, turnOnVpcDns, withTfVpcDns } from './network.js';
import { blockAt, type FixTarget, type TfFamily } from './target.js';

export function terraformSuggestionFix(m: FixTarget, suggestion: Suggestion): Fix | undefined {
  const d = suggestion.data;
  const run = (family: TfFamily, resource: unknown, data: Record<string, unknown>): Fix | undefined => {
    const finding: Finding = { ruleId: 'trace', severity: 'info', message: '', start: 0, end: 0, ...(typeof resource === 'string' ? { resource } : {}) };
    const [fix] = family({ m, finding, data });
    return fix && { ...fix, isPreferred: false };
  };
  switch (suggestion.kind) {
    case 'enable-private-dns':
      return run(withTfVpcDns(setFlag), d.endpoint, { member: 'PrivateDnsEnabled', value: true, ...(d.vpcDns ? { vpcDns: d.vpcDns } : {}) });
    case 'enable-vpc-dns':
      return run(turnOnVpcDns, undefined, { vpc: d.vpc, attributes: d.attributes });
    case 'associate-route-table':
      return run(addRouteTable, d.endpoint, { ref: d.routeTable });
    case 'allow-https': {
      const group = Array.isArray(d.securityGroups) ? d.securityGroups.find((g): g is string => typeof g === 'string') : undefined;
      // The group's VPC, as its vpc_id refers to it: the rule admits that VPC's range.
      const vpcId = group ? attr(blockAt(m, group)?.body, 'vpc_id') : undefined;
      const names = vpcId && traversalNames(vpcId.value);
      const vpc = names && names.length === 3 && names[0] === 'aws_vpc' && names[2] === 'id' ? `${names[0]}.${names[1]}` : null;
      return run(admitHttps, undefined, { admitHttpsIn: group, vpc, vpcCidr: null });
    }
  }
  return undefined;
}
