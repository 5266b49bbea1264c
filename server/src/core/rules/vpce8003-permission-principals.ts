import { resourcesOfType } from '../cfn/template.js';
import { literal, withPseudos } from '../cfn/values.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE8003',
  severity: 'error',
  title: 'Malformed endpoint service principal',
  why: 'AllowedPrincipals takes principal ARNs (an account root, IAM user or role, an organization or OU, or a service principal such as appflow.amazonaws.com) or "*"; a bare account id or a misspelt ARN is rejected.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions',
  // Terraform: allowed_principals on aws_vpc_endpoint_service; principal_arn on aws_vpc_endpoint_service_allowed_principal.
  terraform: {
    why:
      'allowed_principals of an aws_vpc_endpoint_service (and principal_arn of an aws_vpc_endpoint_service_allowed_principal) take principal ARNs (an account root, IAM user or role, an organization or OU, or a service principal such as appflow.amazonaws.com) or "*"; a bare account id or a misspelt ARN is rejected at apply.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_service_allowed_principal',
  },
} as const;

const PARTITION = '(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc)';
const ACCOUNT = '\\d{12}';
const VALID = [
  /^\*$/,
  // Service principals, for services that connect to a provider's endpoint service (AppFlow, ...).
  /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/,
  new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:(root|user/.+|role/.+)$`),
  new RegExp(`^arn:${PARTITION}:organizations::${ACCOUNT}:(organization/o-[a-z0-9]{10,32}|ou/o-[a-z0-9]{10,32}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})$`),
];

/** The principal ARN a bare account id stands for. */
export type PrincipalData = { suggestion: string };

export const permissionPrincipals: Rule<PrincipalData> = {
  meta,
  check(ctx) {
    const out: Finding<PrincipalData>[] = [];
    for (const r of resourcesOfType(ctx.template, 'AWS::EC2::VPCEndpointServicePermissions')) {
      const list = ctx.values.prop(r.properties, 'AllowedPrincipals');
      if (list.kind !== 'list') continue;
      for (const item of list.items) {
        // ${AWS::Partition} stands for a valid partition; anything else computed is not ours to judge.
        const shown = literal(item) ?? withPseudos(item);
        const text = shown?.replace(/\$\{AWS::Partition\}/g, 'aws');
        if (text === undefined || text.includes('${') || VALID.some((re) => re.test(text))) continue;
        const hint = /^\d{12}$/.test(text) ? `; write arn:\${AWS::Partition}:iam::${text}:root` : '';
        out.push(finding(meta, item.node ?? r.key, `${r.id}: ${shown} is not a principal ARN or "*"${hint}${conditionNote(r, [])}`, { resource: r, data: hint ? { suggestion: `arn:\${AWS::Partition}:iam::${text}:root` } : undefined }));
      }
    }
    return out;
  },
};
