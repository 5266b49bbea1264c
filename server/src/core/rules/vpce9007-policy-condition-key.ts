import type { Finding } from '../findings.js';
import { iam } from '../policy/iam.js';
import { hasPlaceholder, hasVariable } from '../policy/model.js';
import { contentSpan } from '../policy/spans.js';
import { policyLabel, policyNote, policyConditions } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9007',
  severity: 'error',
  title: 'Unknown condition key',
  why:
    'A condition on a key that does not exist is never satisfied (or, with IfExists, always is): the statement silently stops doing what it says. Keys are global (aws:) or the service\'s own. ' +
    'Keys are checked against the IAM reference of the day the index was built (the message names it): a key close to a known one is an error, one far from all is a warning, since AWS may have added it since.',
  docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
} as const;

/** The name IAM most likely means. */
export type SuggestionData = { suggestion: string };

export const policyConditionKey: Rule<SuggestionData> = {
  meta,
  check(ctx) {
    const out: Finding<SuggestionData>[] = [];
    for (const { doc, st, c } of policyConditions(ctx)) {
      const key = String(c.key.key.value);
      if (hasVariable(key) || hasPlaceholder(key) || iam().conditionKey(key)) continue;
      const prefix = key.includes(':') ? key.slice(0, key.indexOf(':')) : '';
      const reference = `the IAM reference of ${iam().date}`;
      if (prefix && prefix !== 'aws' && !iam().hasService(prefix)) {
        out.push(finding(meta, c.key.key, `${policyLabel(doc)}: ${key} is not a condition key in ${reference}: ${prefix} is not a service prefix there${policyNote(doc, st)}`, { resource: doc.resource, span: contentSpan(ctx.template.text, c.key.key, key), severity: 'warning' }));
        continue;
      }
      const pattern = iam().patternMissingPart(key);
      if (pattern) {
        out.push(finding(meta, c.key.key, `${policyLabel(doc)}: ${key} needs its variable part, as in ${pattern}${policyNote(doc, st)}`, { resource: doc.resource, span: contentSpan(ctx.template.text, c.key.key, key) }));
        continue;
      }
      const suggestion = iam().suggestKey(key);
      out.push(
        finding(meta, c.key.key, `${policyLabel(doc)}: ${key} is not a condition key in ${reference}${suggestion ? `; did you mean ${suggestion}?` : ''}${policyNote(doc, st)}`, {
          resource: doc.resource,
          // A key far from every known one may be newer than the index: a warning, not an error.
          severity: suggestion ? undefined : 'warning',
          span: contentSpan(ctx.template.text, c.key.key, key),
          data: suggestion ? { suggestion } : undefined,
        }),
      );
    }
    return out;
  },
};
