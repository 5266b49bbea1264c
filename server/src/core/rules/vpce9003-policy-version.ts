import { pairOf, type Node } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { POLICY_VARIABLE } from '../policy/language.js';
import { policyLabel, policyNote } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9003',
  severity: 'warning',
  title: 'Endpoint policy without Version, or on the 2008 language with policy variables',
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
      if (!doc.root) continue;
      const version = pairOf(doc.root, 'Version');
      if (!version) {
        const at = pairOf(doc.root, 'Statement')?.key ?? doc.anchor;
        out.push(finding(meta, at, `${policyLabel(doc)} has no Version; add "Version": "2012-10-17"${policyNote(doc)}`, { resource: doc.resource, data: { member: 'Version', value: '2012-10-17', exists: false } }));
        continue;
      }
      // The 2008 language is valid, but it reads policy variables as literal text: only then is it a mistake.
      if (!version.value || ctx.textOf(version.value) !== '2008-10-17') continue;
      const variable = firstVariable(doc.root, ctx.textOf);
      if (!variable) continue;
      out.push(finding(meta, version.key, `${policyLabel(doc)} uses Version 2008-10-17, which does not support policy variables: ${variable} is literal text there and never matches as a variable; use "2012-10-17"${policyNote(doc)}`, { resource: doc.resource, data: { member: 'Version', value: '2012-10-17', exists: true } }));
    }
    return out;
  },
};

function firstVariable(node: Node | null, read: (n: Node) => string | undefined, depth = 0): string | undefined {
  if (!node || depth > 40) return undefined;
  if (node.kind === 'seq') {
    for (const i of node.items) {
      const v = firstVariable(i, read, depth + 1);
      if (v) return v;
    }
    return undefined;
  }
  const text = read(node);
  const found = text !== undefined ? POLICY_VARIABLE.exec(text)?.[0] : undefined;
  if (found || node.kind === 'scalar') return found?.replace('${!', '${');
  for (const p of node.pairs) {
    const v = POLICY_VARIABLE.exec(String(p.key.value))?.[0] ?? firstVariable(p.value, read, depth + 1);
    if (v) return v.replace('${!', '${');
  }
  return undefined;
}
