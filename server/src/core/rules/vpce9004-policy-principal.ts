import { scalarString } from '../document/tree.js';
import type { Finding } from '../findings.js';

import { policyLabel, policyNote, policyStatements, statementOpening } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9004',
  severity: 'error',
  title: 'Endpoint policy statement without Principal',
  why:
    'An endpoint policy must contain a Principal element in every statement (or NotPrincipal, which VPC endpoint policies support with Effect Deny only); ' +
    '"*" with conditions on aws:PrincipalArn or aws:PrincipalOrgID is the usual way to name who may use the endpoint.',
  // NotPrincipal: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

/** The member to add to the statement and its value. */
export type MemberData = { member: string; value: string; exists: boolean };

export const policyPrincipal: Rule<MemberData> = {
  meta,
  check(ctx) {
    const out: Finding<MemberData>[] = [];
    for (const { doc, st } of policyStatements(ctx)) {
      // The IAM NotPrincipal page names VPC endpoints among the resource policies that support it, with Deny only.
      if (st.notPrincipal) {
        if (scalarString(st.effect?.value) !== 'Allow') continue;
        out.push(finding(meta, st.notPrincipal.key, `${policyLabel(doc)}: NotPrincipal works with "Effect": "Deny" only; with Allow, use Principal "*" with an aws:PrincipalArn condition${policyNote(doc, st)}`, { resource: doc.resource }));
      } else if (!st.principal) {
        const at = statementOpening(doc, st.node);
        out.push(finding(meta, at.node, `${policyLabel(doc)}: the statement has no Principal; endpoint policies need one (usually "*")${policyNote(doc, st)}`, { resource: doc.resource, span: at.span, data: { member: 'Principal', value: '*', exists: false } }));
      }
    }
    return out;
  },
};
