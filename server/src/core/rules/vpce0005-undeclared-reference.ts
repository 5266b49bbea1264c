import { problemsAsFindings } from './document-problems.js';
import type { Rule } from './types.js';

// Terraform only: a CloudFormation template's references to what it does not declare are the schema
// and resolution checks' (a Ref to a missing parameter fails validation there).
const meta = {
  id: 'VPCE0005',
  severity: 'error',
  title: 'Reference to an undeclared Terraform variable or local value',
  why: 'Terraform rejects a configuration that refers to var.x or local.x without declaring it ("Reference to undeclared input variable"): nothing is planned, and the value it stands for is unknown here, so the checks that need it stay silent.',
  docs: 'https://developer.hashicorp.com/terraform/language/values/variables',
} as const;

export const undeclaredReference: Rule = {
  meta,
  check: (ctx) => problemsAsFindings(meta, ctx.problems, ['undeclared']),
};
