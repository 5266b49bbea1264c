import type { Finding } from '../findings.js';
import { conditionsOf, hasPlaceholder, splitArn, textsOf, type Text } from '../policy/model.js';
import { contentSpan } from '../policy/spans.js';
import { policyLabel, policyNote, policyStatements } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9011',
  severity: 'error',
  title: 'ARN account mixes an id and a wildcard',
  why: 'In an endpoint policy, the account part of an ARN in Resource or a condition is either an account id or a wildcard, not both (1234* is rejected).',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

export const policyArnAccount: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const { doc, st } of policyStatements(ctx)) {
      const texts: Text[] = [...textsOf(st.resource?.value, ctx.textOf), ...textsOf(st.notResource?.value, ctx.textOf), ...conditionsOf(st, ctx.textOf).flatMap((c) => c.values)];
      for (const { node, text } of texts) {
        if (!text?.startsWith('arn:') || hasPlaceholder(text)) continue;
        const account = splitArn(text)[4] ?? '';
        if (!/[*?]/.test(account) || /^[*?]+$/.test(account)) continue;
        out.push(finding(meta, node, `${policyLabel(doc)}: the account part of ${text} mixes an account id and a wildcard; use one or the other${policyNote(doc, st)}`, { resource: doc.resource, span: contentSpan(ctx.template.text, node, text) }));
      }
    }
    return out;
  },
};
