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
  // Terraform: service_region is an aws_vpc_endpoint argument (AWS provider 6); vpc_endpoint_type defaults to Gateway.
  terraform: {
    why:
      'service_region makes an interface aws_vpc_endpoint reach its service in another Region of the same partition. ' +
      'It applies to Interface endpoints only (vpc_endpoint_type defaults to "Gateway"), must name a Region, and an AWS service is then named by its service Region\'s name (com.amazonaws.us-west-2.ecr.api with service_region = "us-west-2"): an endpoint written otherwise fails to create at apply. ' +
      'Where the configuration cannot know a value (a variable without a value, the provider\'s region), the rule stays silent.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

/** The model's judgement of each cross-Region endpoint (model/cross-region.ts), where it is certain. */
export const crossRegionImpossible: Rule = {
  meta,
  check: (ctx) => serviceRegionFindings(ctx, meta, (e) => (e.brokenBy === 'cross-region' && e.broken ? e.broken : undefined)),
};
