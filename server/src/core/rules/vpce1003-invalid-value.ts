import { schemaFindings } from './schema-problems.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE1003',
  severity: 'error',
  title: 'Property value of the wrong type or not allowed',
  why: 'A value of the wrong type (a list where a string belongs) or outside the allowed values fails the deployment.',
  // The fact is in each resource type's own page; hovers link that page (lsp/rule-docs.ts awsDocsFor).
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html',
  noTerraform: 'CloudFormation\'s resource schemas; terraform validate checks a configuration\'s arguments against the AWS provider\'s schema itself.',
} as const;

/** The allowed value the written one most likely means, or: a single value where a list belongs. */
export type InvalidValueData = { suggestion: string } | { wrapInList: true };

export const invalidValue: Rule<InvalidValueData> = {
  meta,
  check: (ctx) =>
    schemaFindings(meta, ctx, ['type', 'enum', 'other'], ({ data, node }): InvalidValueData | undefined => {
      if (data?.suggestion) return { suggestion: data.suggestion };
      // `SubnetIds: subnet-1` or `SubnetIds: !Ref Subnet`: the one value, as a list of one.
      if (data?.expectedType === 'array' && (node.kind === 'scalar' || (node.kind === 'map' && node.shortTag))) return { wrapInList: true };
      return undefined;
    }),
};
