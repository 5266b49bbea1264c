import { problemsAsFindings } from './document-problems.js';
import type { Rule } from './types.js';

// CloudFormation reads YAML 1.1 without aliases and hash merges (template-formats.html) and answers
// "Template error: YAML aliases are not allowed in CloudFormation templates". `aws cloudformation
// package` (aws/aws-cli#3827) and the SAM CLI expand them before upload, so the template is checked as
// expanded, and the alias is reported once where it is written.
const meta = {
  id: 'VPCE0006',
  severity: 'warning',
  title: 'YAML alias or merge key',
  why: 'CloudFormation does not accept YAML aliases (*name) or merge keys (<<); a template that uses them deploys only after `aws cloudformation package` or `sam deploy` has expanded them.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
  noTerraform: 'YAML aliases and merge keys: a Terraform configuration is HCL or JSON and has none.',
} as const;

export const yamlAlias: Rule = {
  meta,
  check: (ctx) => problemsAsFindings(meta, ctx.problems, ['alias']),
};
