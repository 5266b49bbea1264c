import { shortName, citation } from '../data/catalogue.js';
import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE2004',
  severity: 'warning',
  title: 'Endpoint policy on a service that does not support one',
  why: 'Some services do not support endpoint policies: a PolicyDocument on their endpoint is rejected or has no effect, so the restriction it seems to make does not exist.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
  // Terraform: the AWS provider's aws_vpc_endpoint page (website/docs/r/vpc_endpoint.html.markdown): vpc_endpoint_type
  // "Defaults to Gateway", private_dns_enabled "Defaults to false", policy "a JSON formatted string. Defaults to full access".
  terraform: {
    why:
      'Some services do not support endpoint policies: a policy on their aws_vpc_endpoint (or an aws_vpc_endpoint_policy for it) is rejected or has no effect, so the restriction it seems to make does not exist. ' +
      'An endpoint without policy gets the default full-access policy.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_policy',
  },
} as const;

export const policyUnsupported: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.endpoints()) {
      const policy = pairOf(e.props, 'PolicyDocument');
      if (!policy) continue;
      for (const s of e.services) {
        const info = s.value.info;
        if (!info || info.policy !== false) continue;
        const source = citation(info, 'policy');
        out.push(finding(meta, policy.key, `${e.resource.id}: ${shortName(s.value.pattern)} does not support endpoint policies; this ${ctx.words.prop('PolicyDocument')} restricts nothing${conditionNote(e.resource, s.when)}`, { resource: e.resource, data: source ? { source } : undefined }));
      }
    }
    return out;
  },
};
