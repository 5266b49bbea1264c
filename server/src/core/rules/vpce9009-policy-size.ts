import { pairOf, toPlain } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { policyLabel, policyNote } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9009',
  severity: 'error',
  title: 'Endpoint policy larger than 20,480 characters',
  why: 'An endpoint policy cannot exceed 20,480 characters, white space included; a larger one is rejected.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

const LIMIT = 20_480;

export const policySize: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      // A mapping in a template is sent as compact JSON: its smallest possible size is what counts.
      const size = doc.size ?? (doc.root ? JSON.stringify(toPlain(doc.root)).length : 0);
      if (size <= LIMIT) continue;
      const what = doc.size === undefined ? 'at least ' : '';
      out.push(finding(meta, pairOf(doc.root, 'Statement')?.key ?? doc.anchor, `${policyLabel(doc)} is ${what}${size.toLocaleString('en-US')} characters; endpoint policies are limited to 20,480${policyNote(doc)}`, { resource: doc.resource }));
    }
    return out;
  },
};
