// A subnet whose literal zone is in another Region than the template says the subnet is in: another subnet's
// literal zone in the same stack (CloudFormation: one Region for the whole stack) or VPC (Terraform), or the
// subnet's provider's written region. CreateSubnet takes a zone of the Region it is called in, so one of the two
// cannot be created. The model finds them once (model/zone-region.ts regionPins: conflicts), beside the pin every
// reader of a VPC's Region uses; this rule only reports them.
//
// The settings' Regions (--region, vpceLens.regions, .vpce-lens.yaml) are not judged against a zone: they may be
// one list for many templates, and a template pinned to a Region outside it is deployed elsewhere, not broken.
// AWS's behaviour: a subnet is in one Availability Zone (or Local Zone) of its VPC's Region, chosen by
// AvailabilityZone / AvailabilityZoneId: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html,
// https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html

import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import type { ZoneConflict } from '../model/zone-region.js';
import { finding, type Rule, type RuleContext } from './types.js';

const meta = {
  id: 'VPCE3006',
  severity: 'error',
  title: 'Subnet in a zone of another Region',
  why:
    'A subnet is created in one Availability Zone of the Region its stack deploys to. ' +
    'A stack whose subnets name zones of two Regions (eu-west-1a and us-east-1b, or zone IDs euw1-az1 and use1-az4) ' +
    'cannot be created anywhere: wherever it deploys, one of those subnets fails. ' +
    'The Regions in the settings are not judged against a zone (they may be one list for many templates); ' +
    'zones chosen at deploy time (Fn::GetAZs, a parameter) are not judged.',
  docs: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html',
  terraform: {
    why:
      'An aws_subnet is created in one Availability Zone of its AWS provider’s region (or of its own region argument). ' +
      'A subnet whose availability_zone or availability_zone_id is a zone of another region than its provider’s, or ' +
      'subnets of one VPC naming zones of two regions, fail to apply. ' +
      'Regions known only at apply time (a variable) and zones read from data.aws_availability_zones are not judged.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/subnet',
  },
} as const;

export const subnetZoneRegion: Rule = {
  meta,
  check(ctx: RuleContext): Finding[] {
    const model = ctx.network().judged();
    const out: Finding[] = [];
    for (const c of model.regionPins?.conflicts ?? []) {
      const r = ctx.template.byId.get(c.subnet);
      const site = r?.properties && (pairOf(r.properties, 'AvailabilityZone') ?? pairOf(r.properties, 'AvailabilityZoneId'));
      if (!r || !site) continue;
      out.push(finding(meta, site.value ?? site.key, `${c.subnet}: ${messageOf(c, ctx.words.format === 'terraform')}`, { resource: r }));
    }
    return out;
  },
};

function messageOf(c: ZoneConflict, terraform: boolean): string {
  const mine = `its zone ${c.zone} is in ${c.region}`;
  if (c.against === "its provider's region") return `${mine}, but its provider's region is ${c.otherRegion}: a subnet is created in a zone of the region its provider creates it in`;
  const scope = terraform ? "a VPC's subnets are all in its region" : "a stack's subnets are all in the one Region it deploys to";
  return `${mine}, but ${c.against} is in ${c.otherRegion}: ${scope}, so one of them cannot be created`;
}
