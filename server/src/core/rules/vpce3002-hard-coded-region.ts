import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { hardCodedRegions } from './region-in-service-name.js';
import { finding, type Rule } from './types.js';
import { knownRegions } from '../data/regions.js';
import { literal, type Value } from '../cfn/values.js';

const meta = {
  id: 'VPCE3002',
  severity: 'warning',
  title: 'Hard-coded region in a service name',
  why:
    'A region written into ServiceName breaks the template the day it deploys to another region; ${AWS::Region} keeps it portable. ' +
    'A name read from a region map with !FindInMap [Map, !Ref AWS::Region, Key] is not hard-coded: each region reads its own entry, and an entry holding its own region is that region\'s name (an entry naming another region is VPCE3001\'s, on the entry).',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html',
  // Terraform: AWS provider 6.0 deprecated data.aws_region's name for region (tf/provider-version.ts; the v6.0.0 release notes).
  terraform: {
    why:
      'A Region written into service_name breaks the configuration the day it is applied with a provider for another Region. ' +
      'Build the name from the provider\'s Region: com.amazonaws.${data.aws_region.current.region}.s3 with AWS provider 6 or later, ${data.aws_region.current.name} before it (6.0 deprecated name for region).',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/region',
  },
} as const;

/** The hard-coded region in the string and what replaces it. */
export type HardCodedRegionData = { region: string; replacement: string };

export const hardCodedRegion: Rule<HardCodedRegionData> = {
  meta,
  check(ctx) {
    const regions = ctx.settings.regions;
    const out: Finding<HardCodedRegionData>[] = [];
    for (const h of hardCodedRegions(ctx)) {
      // An aliased Terraform provider's endpoint is meant for its region.
      if (h.aliased) continue;
      // A region that contradicts the configured ones (or the provider's) is VPCE3001's error; this is the portability warning.
      if (h.deployedIn !== undefined ? h.deployedIn !== h.region : regions.some((r) => r !== h.region)) continue;
      // A provider's service (vpce-svc-…) exists in one region: its name is region-specific by nature.
      if (h.custom) continue;
      // Under a condition that holds only in that region, the name cannot meet another one.
      if (![...knownRegions(), null].some((r) => r !== h.region && h.possibleIn(r))) continue;
      // An endpoint in a VPC the template names by id (vpc-0abc…, as cdk synth writes a looked-up VPC) can be
      // created only in that VPC's region: ${AWS::Region} would not let it deploy anywhere else.
      if (inVpcById(h.endpoint.vpc)) continue;
      out.push(
        finding(meta, h.endpoint.serviceNode!, `${h.endpoint.resource.id}: the service name hard-codes ${h.region}; use ${ctx.words.regionAdvice} so ${ctx.words.source} deploys in any region${conditionNote(h.endpoint.resource, h.when)}`, {
          resource: h.endpoint.resource,
          span: h.span,
          data: { region: h.region, replacement: '${AWS::Region}' },
        }),
      );
    }
    return out;
  },
};

// A VPC is a regional resource (https://docs.aws.amazon.com/vpc/latest/userguide/configure-your-vpc.html); a
// parameter's default is not the VPC's id, only a default.
function inVpcById(vpc: Value): boolean {
  return vpc.kind === 'str' && !vpc.fromParameter && /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/.test(literal(vpc) ?? '');
}
