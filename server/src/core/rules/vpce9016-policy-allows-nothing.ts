import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { allowsNothing } from '../policy/allows-nothing.js';
import { policyLabel, policyNote } from './policy-support.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE9016',
  severity: 'warning',
  title: 'Endpoint policy that allows nothing',
  why: 'An endpoint policy is an IAM resource-based policy: a request through the endpoint that no statement allows is implicitly denied. When every statement is Deny, or every Allow can never match (NotAction "*", a condition on aws:SourceIp, which requests through an endpoint do not carry), every request through the endpoint is denied.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

export const policyAllowsNothing: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      if (!doc.root) continue;
      // A statement that is not known (computed, an Effect from a parameter) may be the Allow: say nothing.
      const verdict = allowsNothing(doc);
      if (verdict.kind !== 'nothing') continue;
      const through = doc.resource ? `through ${doc.resource.id}` : 'through the endpoint';
      const at = pairOf(doc.root, 'Statement')?.key ?? doc.anchor;
      out.push(finding(meta, at, `${policyLabel(doc)} allows nothing: ${verdict.reason}, so every request ${through} is denied${policyNote(doc)}`, {
        resource: doc.resource,
        related: verdict.statements.map((st) => related(st.effect?.key ?? st.node, 'this statement allows nothing')),
      }));
    }
    return out;
  },
};
