import { schemaFindings } from './schema-problems.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE1002',
  severity: 'error',
  title: 'Unknown property',
  why: 'A misspelt property (VpcEndpointTyp) is rejected at deploy time; a near miss is most often a typo of a real property.',
  // The fact is in each resource type's own page; hovers link that page (lsp/rule-docs.ts awsDocsFor).
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html',
  noTerraform: 'CloudFormation\'s resource schemas; terraform validate checks a configuration\'s arguments against the AWS provider\'s schema itself.',
} as const;

/** The misspelt key and the property it most likely means (the quick fix renames it). */
export type UnknownPropertyData = { property: string; suggestion: string };

export const unknownProperty: Rule<UnknownPropertyData> = {
  meta,
  check: (ctx) => schemaFindings(meta, ctx, ['additionalProperties'], ({ data }) => (data?.property && data.suggestion ? { property: data.property, suggestion: data.suggestion } : undefined)),
};
