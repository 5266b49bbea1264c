import { serviceRegionFindings } from './service-region-sites.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE3004',
  severity: 'error',
  title: 'Cross-Region endpoint that cannot be created',
  why:
    'ServiceRegion makes an interface endpoint reach its service in another Region of the same partition. ' +
    'It applies to interface endpoints only, must name a Region, and an AWS service is then named by its service Region’s name ' +
    '(com.amazonaws.us-west-2.ecr.api for us-west-2): an endpoint written otherwise fails to create. ' +
    'Where the template cannot know a value (a parameter, the provider’s region), the rule stays silent.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html',
} as const;

/** The model's judgement of each cross-Region endpoint (model/cross-region.ts), where it is certain. */
export const crossRegionImpossible: Rule = {
  meta,
  check: (ctx) => serviceRegionFindings(ctx, meta, (e) => (e.brokenBy === 'cross-region' && e.broken ? e.broken : undefined)),
};
