import { problemsAsFindings } from './document-problems.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE0003',
  severity: 'error',
  title: 'Unknown YAML tag',
  why: 'CloudFormation understands only the short forms of its own intrinsic functions (!Ref, !Sub, !GetAtt, ...); any other tag fails the deployment.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html',
  noTerraform: 'YAML tags: a Terraform configuration is HCL or JSON and has none.',
} as const;

export const unknownTag: Rule = {
  meta,
  check: (ctx) => problemsAsFindings(meta, ctx.problems, ['unknown-tag']),
};
