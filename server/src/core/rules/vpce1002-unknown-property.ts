import { schemaFindings } from './schema-problems.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE1002',
  severity: 'error',
  title: 'Unknown property',
  why: 'A misspelt property (VpcEndpointTyp) is rejected at deploy time; a near miss is most often a typo of a real property.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_EC2.html',
} as const;

export const unknownProperty: Rule = { meta, check: (ctx) => schemaFindings(meta, ctx, ['additionalProperties']) };
