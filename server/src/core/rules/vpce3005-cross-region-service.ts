import { serviceRegionFindings } from './service-region-sites.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE3005',
  severity: 'warning',
  title: 'Cross-Region endpoint for a service not on AWS’s cross-Region list',
  why:
    'Only some AWS services can be reached by an interface endpoint in another Region (S3, IAM, ECR, KMS, ECS, Lambda, ' +
    'Data Firehose, Managed Service for Apache Flink and Route 53 when the catalogue was compiled). ' +
    'An endpoint whose ServiceRegion is another Region than the one it is created in, for a service not on that list, ' +
    'is expected to fail to create; the list grows, so this is a warning and the trace calls such a path unknown. ' +
    'A provider’s endpoint service is reachable from the Regions its provider allows, which the template cannot know: never reported.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html',
  // Terraform: service_region is an aws_vpc_endpoint argument (AWS provider 6).
  terraform: {
    why:
      'Only some AWS services can be reached by an interface endpoint in another Region (S3, IAM, ECR, KMS, ECS, Lambda, Data Firehose, Managed Service for Apache Flink and Route 53 when the catalogue was compiled). ' +
      'An aws_vpc_endpoint whose service_region is another Region than the one it is created in (its AWS provider\'s region), for a service not on that list, is expected to fail to create; the list grows, so this is a warning and the trace calls such a path unknown. ' +
      'An endpoint service (com.amazonaws.vpce.…) is reachable from the Regions its owner allows, which the configuration cannot know: never reported.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

export const crossRegionService: Rule = {
  meta,
  check: (ctx) => serviceRegionFindings(ctx, meta, (e) => (e.regionDoubt?.crossRegion && !e.broken ? e.regionDoubt.why : undefined)),
};
