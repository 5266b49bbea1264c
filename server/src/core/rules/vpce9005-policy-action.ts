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
  why:
    'A misspelt action (s3:GetObjekt) or service prefix never matches a request: the statement silently allows or denies nothing, and the endpoint lets through less, or more, than intended. ' +
    'Names are checked against the IAM reference of the day the index was built (the message names it): a name close to a known one is an error, one far from all is a warning, since AWS may have added it since.',
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
          // A name far from every known one may be newer than the index: a warning, not an error.
          const severity = problem.sure || problem.suggestion ? undefined : 'warning';
          out.push(finding(meta, node, `${policyLabel(doc)}: ${problem.message}${policyNote(doc, st)}`, { resource: doc.resource, span, severity, data: problem.suggestion ? { suggestion: problem.suggestion } : undefined }));
        }
      }
    }
    return out;
  },
};

function judge(action: string): { message: string; suggestion?: string; sure?: boolean } | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return { message: `${action} is not an action: write service:Action (s3:GetObject)`, sure: true };
  const prefix = action.slice(0, colon);
  const name = action.slice(colon + 1);
  const index = iam();
  const reference = `the IAM reference of ${index.date}`;
  if (/[*?]/.test(prefix)) {
    // IAM matches the whole service:action string; a prefix pattern that matches a service is not judged further.
    return index.matchPrefixes(prefix).length ? undefined : { message: `${prefix} matches no service prefix in ${reference}` };
  }
  if (!index.hasService(prefix)) {
    const named = Object.hasOwn(ENDPOINT_NAME_PREFIX, prefix.toLowerCase()) ? ENDPOINT_NAME_PREFIX[prefix.toLowerCase()] : undefined;
    const better = named && index.hasService(named) ? named : index.suggestPrefix(prefix);
    const suggestion = better ? `${better}:${name}` : undefined;
    return { message: `${prefix} is not a service prefix in ${reference}${suggestion ? `; did you mean ${suggestion}?` : ''}`, suggestion };
  }
  if (/[*?]/.test(name)) {
    return index.matchActions(prefix, name).length ? undefined : { message: `${action} matches no ${prefix} action in ${reference}` };
  }
  const canonical = index.action(prefix, name);
  if (canonical) return undefined;
  const better = index.suggestAction(prefix, name);
  const suggestion = better ? `${prefix}:${better}` : undefined;
  return { message: `${action} is not in ${reference}${suggestion ? `; did you mean ${suggestion}?` : ''}`, suggestion };
}

/**
 * Endpoint service names (com.amazonaws.<region>.<name>) that are not their service's IAM prefix: a policy
 * written with the endpoint's name (`monitoring:*` on the CloudWatch endpoint) means that prefix, which
 * spelling distance would not find (it suggested `monitron`). Each pair: the service's PrivateLink page
 * names the endpoint, its Service Authorization Reference page gives the prefix
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 */
const ENDPOINT_NAME_PREFIX: Record<string, string> = {
  monitoring: 'cloudwatch',
  'email-smtp': 'ses',
  'kinesis-streams': 'kinesis',
  'kinesis-firehose': 'firehose',
  'git-codecommit': 'codecommit',
  'bedrock-runtime': 'bedrock',
  'bedrock-agent': 'bedrock',
  'bedrock-agent-runtime': 'bedrock',
  'ecs-agent': 'ecs',
  'ecs-telemetry': 'ecs',
  'elasticbeanstalk-health': 'elasticbeanstalk',
  'sync-states': 'states',
};
