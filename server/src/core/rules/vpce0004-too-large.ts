import { problemsAsFindings } from './document-problems.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE0004',
  severity: 'error',
  title: 'Document too large or too deep to analyse',
  why: 'Aliases that expand exponentially or absurd nesting would hang any tool that follows them; the part past the limit is not analysed, and CloudFormation limits templates to 1 MB.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html',
} as const;

export const tooLarge: Rule = {
  meta,
  check: (ctx) => problemsAsFindings(meta, ctx.problems, ['too-large']),
};
