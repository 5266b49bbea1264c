import { serviceByPattern } from '../data/catalogue.js';
import { pairOf } from '../document/tree.js';
import { factBranches } from '../model/types.js';
import type { Finding } from '../findings.js';
import { allowsNothing } from '../policy/allows-nothing.js';
import { policyLabel, policyNote } from './policy-support.js';
import { finding, related, type Rule, type RuleContext } from './types.js';
import type { PolicyDoc } from '../policy/policy-doc.js';

const meta = {
  id: 'VPCE9016',
  severity: 'warning',
  title: 'Endpoint policy that allows nothing',
  why: 'An endpoint policy is an IAM resource-based policy: a request through the endpoint that no statement allows is implicitly denied. When every statement is Deny, or every Allow can never match (NotAction "*", a condition on aws:SourceIp, which requests through an endpoint do not carry, or only actions of another service than the endpoint\'s, a misspelt prefix among them), every request through the endpoint is denied.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

export const policyAllowsNothing: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      if (!doc.root || mayIgnorePolicies(ctx, doc)) continue;
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

/**
 * Whether the endpoint's service may be one that takes no endpoint policy (VPCE2004's case): then the
 * policy denies nothing, and "every request is denied" would be a guess. So when its service name is
 * known only at deploy time, or one of its services is known to take none.
 */
function mayIgnorePolicies(ctx: RuleContext, doc: PolicyDoc): boolean {
  if (!doc.resource) return false;
  const e = ctx.network().judged().endpoints.get(doc.resource.id);
  if (!e) return false;
  const services = factBranches(e.service);
  return services.length === 0 || services.some((s) => serviceByPattern(s.value)?.policy === false);
}
