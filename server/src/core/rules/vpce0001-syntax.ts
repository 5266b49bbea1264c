import { problemsAsFindings } from './document-problems.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE0001',
  severity: 'error',
  title: 'YAML or JSON syntax error',
  why: 'CloudFormation rejects a template it cannot parse; tabs are not allowed as YAML indentation.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
} as const;

export const syntaxError: Rule = {
  meta,
  check: (ctx) => problemsAsFindings(meta, ctx.problems, ['syntax', 'tab']),
};
