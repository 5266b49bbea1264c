import type { Finding } from '../findings.js';
import { statementsOf, textsOf } from '../policy/model.js';
import { otherServicePrefix, ownPrefix } from '../policy/other-service.js';
import { contentSpan } from '../policy/spans.js';
import { iam } from '../policy/iam.js';
import { policyLabel, policyNote, serviceSource } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9006',
  severity: 'warning',
  title: 'Action of another service than the endpoint\'s',
  why: 'An endpoint only carries requests to its own service: a statement about dynamodb:* in an S3 endpoint\'s policy never applies, which usually means the policy was copied from another endpoint.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

export const policyOtherService: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      // Prefixes guessed from the actions themselves cannot contradict them.
      const own = ownPrefix(doc);
      if (!own) continue;
      for (const st of statementsOf(doc.root)) {
        for (const { node, text } of textsOf(st.action?.value, ctx.textOf)) {
          const prefix = text === undefined ? undefined : otherServicePrefix(text, own);
          if (!text || !prefix || !iam().hasService(prefix)) continue; // an unknown prefix is VPCE9005's
          out.push(
            finding(meta, node, `${policyLabel(doc)}: ${text} is an action of ${prefix}, but ${serviceSource(doc)} is ${own}; this action never applies to requests through this endpoint${policyNote(doc, st)}`, {
              resource: doc.resource,
              span: contentSpan(ctx.template.text, node, text),
            }),
          );
        }
      }
    }
    return out;
  },
};
