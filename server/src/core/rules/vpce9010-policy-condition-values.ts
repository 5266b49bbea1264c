import type { Finding } from '../findings.js';
import { hasPlaceholder } from '../policy/model.js';
import { isLike, parseOperator } from '../policy/operators.js';
import { contentSpan } from '../policy/spans.js';
import { policyLabel, policyNote, policyConditions } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9010',
  severity: 'error',
  title: 'Condition value breaks an endpoint-policy constraint',
  why:
    'Endpoint policies accept no wildcards (* or ?) and no numeric operators on global keys that hold system-generated identifiers (aws:PrincipalAccount, aws:SourceVpc ...), ' +
    'and with a string operator every wildcard needs at least six consecutive characters before or after it.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
} as const;

// Global keys whose values AWS generates (account, organization, VPC and endpoint ids).
const SYSTEM_IDS = new Set(['aws:principalaccount', 'aws:principalorgid', 'aws:resourceaccount', 'aws:resourceorgid', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:vpceaccount', 'aws:vpceorgid']);

export const policyConditionValues: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const { doc, st, c } of policyConditions(ctx)) {
      const op = parseOperator(String(c.operator.key.value));
      if (!op) continue;
      const key = String(c.key.key.value);
      const system = SYSTEM_IDS.has(key.toLowerCase());
      if (system && op.family === 'Numeric') {
        out.push(finding(meta, c.operator.key, `${policyLabel(doc)}: ${key} holds a system-generated identifier; endpoint policies allow no numeric operator on it${policyNote(doc, st)}`, { resource: doc.resource }));
      }
      for (const v of c.values) {
        if (v.text === undefined || hasPlaceholder(v.text) || !/[*?]/.test(v.text)) continue;
        const span = contentSpan(ctx.template.text, v.node, v.text);
        if (system) {
          out.push(finding(meta, v.node, `${policyLabel(doc)}: ${key} holds a system-generated identifier; endpoint policies allow no wildcard in its value${policyNote(doc, st)}`, { resource: doc.resource, span }));
        } else if (isLike(op) && !sixAroundEachWildcard(v.text)) {
          out.push(finding(meta, v.node, `${policyLabel(doc)}: ${v.text} needs at least six consecutive characters before or after each wildcard in an endpoint policy${policyNote(doc, st)}`, { resource: doc.resource, span }));
        }
      }
    }
    return out;
  },
};

function sixAroundEachWildcard(value: string): boolean {
  const runs = value.split(/[*?]/).map((r) => r.length);
  // Wildcard i sits between runs[i] and runs[i + 1].
  for (let i = 0; i < runs.length - 1; i++) if (runs[i]! < 6 && runs[i + 1]! < 6) return false;
  return true;
}
