import { forEachKeyOrScalar } from '../document/walk.js';
import { locate } from '../cfn/refs.js';
import type { Node } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { PLACEHOLDER } from '../policy/model.js';
import { policyLabel, policyNote } from './policy-support.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE9015',
  severity: 'warning',
  title: 'Placeholder left in an endpoint policy',
  why: 'Published example policies carry placeholders such as <my-org-id>; deployed as they are, the conditions compare against that text and never match. Each placeholder is reported once, and the values that hold it are not judged further.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

export const policyPlaceholder: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      const seen = new Map<string, { node: Node; more: Node[] }>();
      forEachKeyOrScalar(doc.root, (s) => {
        const text = typeof s.value === 'string' ? s.value : '';
        for (const m of text.matchAll(PLACEHOLDER)) {
          const entry = seen.get(m[0]);
          if (entry) entry.more.push(s);
          else seen.set(m[0], { node: s, more: [] });
        }
      });
      for (const [placeholder, { node, more }] of seen) {
        const where = more.length ? ` (and ${more.length} more place${more.length === 1 ? '' : 's'})` : '';
        const at = locate(ctx.template.text, node, placeholder);
        out.push(
          finding(meta, node, `${policyLabel(doc)}: replace the placeholder ${placeholder}${where} before deploying${policyNote(doc)}`, {
            resource: doc.resource,
            span: at,
            related: more.slice(0, 20).map((n) => related(n, `${placeholder} also here`)),
          }),
        );
      }
    }
    return out;
  },
};
