import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { policyLabel, policyNote } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9003',
  severity: 'warning',
  title: 'Endpoint policy without Version',
  why: 'Without "Version": "2012-10-17" a policy is read with the 2008 language version, in which policy variables such as ${aws:PrincipalTag/team} are plain text and never match.',
  docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
} as const;

/** The member to add to the policy and its value. */
export type MemberData = { member: string; value: string; exists: boolean };

export const policyVersion: Rule<MemberData> = {
  meta,
  check(ctx) {
    const out: Finding<MemberData>[] = [];
    for (const doc of ctx.policies()) {
      if (!doc.root || pairOf(doc.root, 'Version')) continue;
      const at = pairOf(doc.root, 'Statement')?.key ?? doc.anchor;
      out.push(finding(meta, at, `${policyLabel(doc)} has no Version; add "Version": "2012-10-17"${policyNote(doc)}`, { resource: doc.resource, data: { member: 'Version', value: '2012-10-17', exists: false } }));
    }
    return out;
  },
};
