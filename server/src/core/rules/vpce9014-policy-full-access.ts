import { asScalar, scalarString, valueOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { readStatements } from '../policy/model.js';
import { policyLabel, policyNote } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9014',
  severity: 'info',
  title: 'Endpoint policy that restricts nothing',
  why: 'Allow with Principal "*", Action "*", Resource "*" and no condition is the default endpoint policy: writing it out restricts nothing. Fine if intended; a data perimeter needs conditions (aws:PrincipalOrgID, aws:ResourceOrgID).',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

export const policyFullAccess: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      const { statements, opaque } = readStatements(doc.root);
      // A statement the template computes, or one chosen by a condition, may be the one that restricts.
      if (opaque.length || statements.some((st) => st.when.length || scalarString(st.effect?.value) !== 'Allow')) continue;
      const open = statements.find((st) => !st.condition && isStar(st.principal?.value) && isStar(st.action?.value) && isStar(st.resource?.value));
      if (!open) continue;
      out.push(finding(meta, open.effect?.key ?? open.node, `${policyLabel(doc)} allows every principal every action on every resource: it is the default policy and restricts nothing${policyNote(doc)}`, { resource: doc.resource }));
    }
    return out;
  },
};

function isStar(node: Parameters<typeof asScalar>[0]): boolean {
  if (asScalar(node)?.value === '*') return true;
  if (node?.kind === 'seq') return node.items.some((i) => asScalar(i)?.value === '*');
  // {"AWS": "*"} and {"AWS": ["*"]} are every principal, as "*" is.
  return node?.kind === 'map' && node.pairs.length === 1 && isStar(valueOf(node, 'AWS'));
}
