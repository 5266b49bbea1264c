import type { Finding } from '../findings.js';
import { policyLabel, policyNote } from './policy-support.js';
import { type Rule } from './types.js';

const meta = {
  id: 'VPCE9001',
  severity: 'error',
  title: 'Endpoint policy string is not valid JSON',
  why: 'A PolicyDocument given as a string must hold a JSON policy; a stray comma or quote makes the endpoint fail to create or update.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

export const policyJson: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      if (doc.form !== 'string') continue;
      for (const p of doc.problems) {
        out.push({ ruleId: meta.id, severity: meta.severity, message: `${policyLabel(doc)}: ${p.message}${policyNote(doc)}`, start: p.start, end: p.end, ...(doc.resource ? { resource: doc.resource.id } : {}) });
      }
    }
    return out;
  },
};
