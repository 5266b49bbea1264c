import { problemsAsFindings } from './document-problems.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE0002',
  severity: 'error',
  title: 'Duplicate key',
  why: 'With a key written twice, one of the two values silently wins (or the template is rejected); either way one of them is not what gets deployed.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
  noTerraform: 'Terraform checks its own syntax: an argument set twice in one block is an error terraform validate reports itself.',
} as const;

export const duplicateKey: Rule = {
  meta,
  check: (ctx) => problemsAsFindings(meta, ctx.problems, ['duplicate-key']),
};
