import { resourcesOfType } from '../cfn/template.js';
import { truthy } from '../cfn/values.js';
import { fromDefaultOf } from '../cfn/facts.js';
import { withDefaultsNote } from '../model/defaults-note.js';
import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE8002',
  severity: 'warning',
  title: 'Endpoint service accepts connections without review',
  why: 'With AcceptanceRequired false (CloudFormation\'s default), every principal allowed by the service\'s permissions connects at once, without the provider accepting the request.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html',
  // Terraform: aws_vpc_endpoint_service's acceptance_required is "(Required)": the provider has no default for it.
  terraform: {
    why:
      'With acceptance_required = false, every principal allowed by the service\'s allowed_principals (or aws_vpc_endpoint_service_allowed_principal resources) connects at once, without the service owner accepting the request. acceptance_required is a required argument of aws_vpc_endpoint_service (the AWS provider has no default): the rule judges the value the configuration gives it.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_service',
  },
} as const;

/**
 * The property to add (exists: false) or to change (true), and its value. `parameter`: the false is that
 * parameter's default; whoever deploys chooses, so no fix writes a literal over the reference.
 */
export type MemberData = { member: string; value: boolean; exists: boolean; parameter?: string };

export const acceptanceRequired: Rule<MemberData> = {
  meta,
  check(ctx) {
    const out: Finding<MemberData>[] = [];
    for (const r of resourcesOfType(ctx.template, 'AWS::EC2::VPCEndpointService')) {
      if (r.propertiesKey && !r.properties) continue;
      const pair = pairOf(r.properties, 'AcceptanceRequired');
      if (pair) {
        const value = ctx.values.value(pair.value);
        if (truthy(value) !== false) continue;
        const from = fromDefaultOf(ctx.values, value);
        const basis = withDefaultsNote([from]);
        const data: MemberData = { member: 'AcceptanceRequired', value: true, exists: true, ...(from ? { parameter: from.parameter } : {}) };
        out.push(finding(meta, pair.value ?? pair.key, `${r.id}: ${ctx.words.prop('AcceptanceRequired')} is false${basis}, so allowed principals connect without your approval${conditionNote(r, [])}`, { resource: r, data }));
      } else {
        out.push(finding(meta, r.propertiesKey ?? r.key, `${r.id}: ${ctx.words.prop('AcceptanceRequired')} is not set (${ctx.words.defaults} is false), so allowed principals connect without your approval${conditionNote(r, [])}`, { resource: r, data: { member: 'AcceptanceRequired', value: true, exists: false } }));
      }
    }
    return out;
  },
};
