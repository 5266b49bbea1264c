import type { Finding } from '../findings.js';
import { policyLabel, policyNote } from './policy-support.js';
import { type Rule } from './types.js';

const meta = {
  id: 'VPCE9001',
  severity: 'error',
  title: 'Endpoint policy string is not valid JSON',
  why: 'A PolicyDocument given as a string must hold a JSON policy; a stray comma or quote makes the endpoint fail to create or update.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
  // Terraform: the AWS provider's aws_vpc_endpoint page (website/docs/r/vpc_endpoint.html.markdown): vpc_endpoint_type
  // "Defaults to Gateway", private_dns_enabled "Defaults to false", policy "a JSON formatted string. Defaults to full access".
  terraform: {
    why:
      'policy (on aws_vpc_endpoint or aws_vpc_endpoint_policy) is a JSON string. jsonencode() always makes valid JSON; a heredoc or a quoted string with a stray comma or quote is not, and the endpoint is not created or updated.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_policy',
  },
} as const;

export const policyJson: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      if (doc.form !== 'string') continue;
      for (const p of doc.problems) {
        out.push({ ruleId: meta.id, severity: meta.severity, message: `${policyLabel(doc)}: ${p.message}${policyNote(doc)}`, start: p.start, end: p.end, ...(doc.resource ? { resource: doc.resource.id } : {}) });
      }
    }
    return out;
  },
};
