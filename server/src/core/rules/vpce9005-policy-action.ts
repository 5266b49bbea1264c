import type { Finding } from '../findings.js';
import { iam } from '../policy/iam.js';
import { hasPlaceholder, hasVariable, textsOf } from '../policy/model.js';
import { contentSpan } from '../policy/spans.js';
import { policyLabel, policyNote, policyStatements } from './policy-support.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE9005',
  severity: 'error',
  title: 'Unknown action in an endpoint policy',
  why: 'A misspelt action (s3:GetObjekt) or service prefix never matches a request: the statement silently allows or denies nothing, and the endpoint lets through less, or more, than intended.',
  docs: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
} as const;

/** The name IAM most likely means. */
export type SuggestionData = { suggestion: string };

export const policyAction: Rule<SuggestionData> = {
  meta,
  check(ctx) {
    const out: Finding<SuggestionData>[] = [];
    for (const { doc, st } of policyStatements(ctx)) {
      for (const pair of [st.action, st.notAction]) {
        for (const { node, text } of textsOf(pair?.value, ctx.textOf)) {
          if (text === undefined || text === '*' || hasVariable(text) || hasPlaceholder(text)) continue;
          const problem = judge(text);
          if (!problem) continue;
          const span = contentSpan(ctx.template.text, node, text);
          out.push(finding(meta, node, `${policyLabel(doc)}: ${problem.message}${policyNote(doc, st)}`, { resource: doc.resource, span, data: problem.suggestion ? { suggestion: problem.suggestion } : undefined }));
        }
      }
    }
    return out;
  },
};

function judge(action: string): { message: string; suggestion?: string } | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return { message: `${action} is not an action: write service:Action (s3:GetObject)` };
  const prefix = action.slice(0, colon);
  const name = action.slice(colon + 1);
  const index = iam();
  if (!index.hasService(prefix)) {
    const better = index.suggestPrefix(prefix);
    const suggestion = better ? `${better}:${name}` : undefined;
    return { message: `${prefix} is not an AWS service prefix${suggestion ? `; did you mean ${suggestion}?` : ''}`, suggestion };
  }
  if (/[*?]/.test(name)) {
    return index.matchActions(prefix, name).length ? undefined : { message: `${action} matches no ${prefix} action` };
  }
  const canonical = index.action(prefix, name);
  if (canonical) return undefined;
  const better = index.suggestAction(prefix, name);
  const suggestion = better ? `${prefix}:${better}` : undefined;
  return { message: `${action} is not an action of ${prefix}${suggestion ? `; did you mean ${suggestion}?` : ''}`, suggestion };
}
