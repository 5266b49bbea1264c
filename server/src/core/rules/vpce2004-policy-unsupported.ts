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
