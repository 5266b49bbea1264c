import { schemaFindings } from './schema-problems.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE1001',
  severity: 'error',
  title: 'Required property missing',
  why: 'CloudFormation rejects a resource without its required properties when the stack is created or updated.',
  // The fact is in each resource type's own page; hovers link that page (lsp/rule-docs.ts awsDocsFor).
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html',
  noTerraform: 'CloudFormation\'s resource schemas; terraform validate checks a configuration\'s arguments against the AWS provider\'s schema itself.',
} as const;

export const missingProperty: Rule = { meta, check: (ctx) => schemaFindings(meta, ctx, ['required'], (p) => (p.data?.missing ? { missing: p.data.missing } : undefined)) };
