import type { Finding } from '../findings.js';
import { iam } from '../policy/iam.js';

import { fits, operatorNames, parseOperator } from '../policy/operators.js';
import { contentSpan } from '../policy/spans.js';
import { closest } from '../util/suggest.js';
import { policyLabel, policyNote, policyConditions } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9008',
  severity: 'warning',
  title: 'Condition operator unknown or unfit for its key',
  why:
    'An operator IAM does not know (operator names are case-sensitive) makes the policy invalid; an operator of another family than its key\'s type (NumericEquals on a string, IpAddress on an ARN) ' +
    'does not compare the key as the type AWS documents for it, so the condition may silently fail to match.',
  docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
} as const;

/** The operator as written and the one IAM most likely means (the quick fix replaces the first). */
export type OperatorData = { operator: string; suggestion: string };

// For a key of another type, the operator of that type with the same sense (equal or not).
const SAME_SENSE: Record<string, Record<string, string>> = {
  IPAddress: { StringEquals: 'IpAddress', StringLike: 'IpAddress', StringNotEquals: 'NotIpAddress', StringNotLike: 'NotIpAddress' },
  Numeric: { StringEquals: 'NumericEquals', StringNotEquals: 'NumericNotEquals' },
  Date: { StringEquals: 'DateEquals', StringNotEquals: 'DateNotEquals' },
  Bool: { StringEquals: 'Bool' },
};

export const policyOperator: Rule<OperatorData> = {
  meta,
  check(ctx) {
    const out: Finding<OperatorData>[] = [];
    const seen = new Set<unknown>();
    for (const { doc, st, c } of policyConditions(ctx)) {
      const name = String(c.operator.key.value);
      const op = parseOperator(name);
      if (!op) {
        if (seen.has(c.operator)) continue;
        seen.add(c.operator);
        const base = name.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
        const better = closest(base, operatorNames());
        const suggestion = better ? name.replace(base, better) : undefined;
        out.push(
          finding(meta, c.operator.key, `${policyLabel(doc)}: ${name} is not a condition operator${suggestion ? `; did you mean ${suggestion}?` : ''}${policyNote(doc, st)}`, {
            resource: doc.resource,
            severity: 'error',
            span: contentSpan(ctx.template.text, c.operator.key, name),
            data: suggestion ? { operator: name, suggestion } : undefined,
          }),
        );
        continue;
      }
      const name0 = String(c.key.key.value);
      const key = iam().conditionKey(name0);
      if (!key || fits(op, key.type, key.key)) continue;
      const better = SAME_SENSE[key.type]?.[op.base];
      const suggestion = better ? name.replace(op.base, better) : undefined;
      out.push(
        finding(meta, c.key.key, `${policyLabel(doc)}: ${op.base} is not an operator for ${key.key}, a ${key.type} key${suggestion ? `; use ${suggestion}` : ''}${policyNote(doc, st)}`, {
          resource: doc.resource,
          span: contentSpan(ctx.template.text, c.key.key, name0),
          data: suggestion ? { operator: name, suggestion } : undefined,
        }),
      );
    }
    return out;
  },
};
