// The Region a literal Availability Zone puts a network in. A subnet is created in one zone of the Region its
// VPC is in: a subnet whose zone the template writes (eu-west-1a, euw1-az1) can be created only in that zone's
// Region, so a stack (CloudFormation: one Region for all its resources, nested stacks included) or a VPC
// (Terraform: each resource in its provider's region) holding such a subnet is in that Region wherever it
// deploys successfully. Read once per model (cfn/network.ts buildModel: model.regionPins), by Endpoint.home
// and vpcRegions, and so by every reader of those (DNS, the trace, VPCE3004/3005, hover, the map).
//
// Facts, each from its page:
// - A subnet is created in one Availability Zone (or Local Zone) of the Region its VPC is in, named by its
//   AvailabilityZone or AvailabilityZoneId: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html,
//   https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html
// - A zone's name is its Region's code and a letter (us-east-2a); a zone ID is a short form of the Region's
//   code, its number, `-az` and a number (euw1-az1 is in eu-west-1):
//   https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html,
//   https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
// - A Local Zone's name is its parent Region's code and a location (us-west-2-lax-1a in us-west-2), its ID the
//   parent's zone-ID prefix and the location (use1-qro1-az1):
//   https://docs.aws.amazon.com/local-zones/latest/ug/available-local-zones.html
// - A Wavelength Zone's name is its parent Region's code, `-wl1-`, a place and `-wlz-` and a number
//   (us-east-1-wl1-bos-wlz-1): https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZone.html
// A zone of any other shape, or a zone ID whose prefix is not listed below, pins nothing: a missing pin leaves
// the Region to the settings (or unknown), a wrong one would answer for a Region the network is not in.

import { isRegionShaped } from '../data/regions.js';
import type { EndpointHome, NetworkModel, Subnet } from './types.js';

/**
 * Zone-ID prefixes by Region, as AWS's zone tables list them (aws-availability-zones.html above, and the One
 * Zone tables: https://docs.aws.amazon.com/efs/latest/ug/OneZoneAZs.html). Regions whose prefix those pages did
 * not show are left out (no pin).
 */
const ZONE_ID_PREFIX: Readonly<Record<string, string>> = {
  use1: 'us-east-1', use2: 'us-east-2', usw1: 'us-west-1', usw2: 'us-west-2',
  cac1: 'ca-central-1', sae1: 'sa-east-1',
  euw1: 'eu-west-1', euw2: 'eu-west-2', euw3: 'eu-west-3', euc1: 'eu-central-1', euc2: 'eu-central-2',
  eun1: 'eu-north-1', eus1: 'eu-south-1', eus2: 'eu-south-2',
  apne1: 'ap-northeast-1', apne2: 'ap-northeast-2', apne3: 'ap-northeast-3', ape1: 'ap-east-1',
  aps1: 'ap-south-1', aps2: 'ap-south-2', apse1: 'ap-southeast-1', apse2: 'ap-southeast-2', apse3: 'ap-southeast-3', apse4: 'ap-southeast-4',
  mes1: 'me-south-1', mec1: 'me-central-1', afs1: 'af-south-1', ilc1: 'il-central-1',
  usgw1: 'us-gov-west-1', usge1: 'us-gov-east-1', cnn1: 'cn-north-1', cnnw1: 'cn-northwest-1',
};

const REGION = '([a-z]{2}(?:-[a-z]+)+-\\d+)';
const ZONE_NAMES = [
  new RegExp(`^${REGION}[a-z]$`), // eu-west-1a
  new RegExp(`^${REGION}-[a-z]+-\\d+[a-z]$`), // us-west-2-lax-1a (Local Zone)
  new RegExp(`^${REGION}-wl\\d+-[a-z0-9]+-wlz-\\d+$`), // us-east-1-wl1-bos-wlz-1 (Wavelength Zone)
];
const ZONE_IDS = [
  /^([a-z]+\d+)-az\d+$/, // euw1-az1
  /^([a-z]+\d+)-[a-z]+\d+-az\d+$/, // use1-qro1-az1 (Local Zone)
  /^([a-z]+\d+)-wl\d+-[a-z0-9]+-wlz\d+$/, // use1-wl1-bos-wlz1 (Wavelength Zone)
];

/** The Region a zone's name or ID is in; undefined where its shape does not tell. */
export function regionOfZone(zone: string): string | undefined {
  for (const re of ZONE_NAMES) {
    const m = re.exec(zone);
    if (m && isRegionShaped(m[1]!)) return m[1];
  }
  for (const re of ZONE_IDS) {
    const m = re.exec(zone);
    if (m && ZONE_ID_PREFIX[m[1]!]) return ZONE_ID_PREFIX[m[1]!];
  }
  return undefined;
}

/** What puts a network in one Region: a subnet's literal zone. */
export interface RegionPin {
  region: string;
  zone: string;
  subnet: string;
}

/**
 * A subnet that cannot be created where the rest of the template says it is: its zone's Region is not that of
 * another subnet's literal zone in the same stack or VPC, or (Terraform) not its provider's written region.
 * `against`: what says the other Region ("subnet AppSubnetA's zone eu-west-1a", "its provider's region").
 */
export interface ZoneConflict extends RegionPin {
  against: string;
  otherRegion: string;
}

/** A model's pins: the whole stack's (CloudFormation), else each VPC's (Terraform); and the subnets that cannot be. */
export interface RegionPins {
  stack?: RegionPin;
  vpcs: ReadonlyMap<string, RegionPin>;
  conflicts: readonly ZoneConflict[];
}

/**
 * The pins the model's subnets make. Only a subnet every deployment of the model creates pins (one under a
 * condition may not exist). Subnets pinning two Regions cannot all be created: no pin then (the settings
 * decide), and each subnet of another Region than the first one's is a conflict. A Terraform subnet whose zone is
 * not in its provider's written region is a conflict and pins nothing: the provider's region wins.
 * `stackWide`: CloudFormation, where every resource of a stack is in the stack's one Region.
 */
export function regionPins(subnets: Iterable<Subnet>, stackWide: boolean): RegionPins {
  const byScope = new Map<string, RegionPin[]>();
  const conflicts: ZoneConflict[] = [];
  for (const s of subnets) {
    if (!s.zonePin || s.condition || s.maybe) continue;
    const pin = { region: s.zonePin, zone: s.zone.known ? s.zone.value : s.zonePin, subnet: s.id };
    if (s.providerRegion !== undefined && s.providerRegion !== pin.region) {
      conflicts.push({ ...pin, against: `its provider's region`, otherRegion: s.providerRegion });
      continue;
    }
    const scope = stackWide ? '' : s.vpc.known ? s.vpc.value : undefined;
    if (scope === undefined) continue;
    const list = byScope.get(scope) ?? [];
    list.push(pin);
    byScope.set(scope, list);
  }
  const one = (list: RegionPin[]) => {
    const first = list[0];
    const other = list.filter((p) => p.region !== first?.region);
    for (const p of other) conflicts.push({ ...p, against: `subnet ${first!.subnet}'s zone ${first!.zone}`, otherRegion: first!.region });
    return other.length ? undefined : first;
  };
  const vpcs = new Map<string, RegionPin>();
  if (stackWide) {
    const stack = one(byScope.get('') ?? []);
    return stack ? { stack, vpcs, conflicts } : { vpcs, conflicts };
  }
  for (const [vpc, list] of byScope) {
    const pin = one(list);
    if (pin) vpcs.set(vpc, pin);
  }
  return { vpcs, conflicts };
}

/** The pin of a VPC of the model (the stack's, or its own), if any. */
export function pinOf(pins: RegionPins | undefined, vpc: string | undefined): RegionPin | undefined {
  return pins?.stack ?? (vpc !== undefined ? pins?.vpcs.get(vpc) : undefined);
}

/** What a pin says decides the Region: "the zone eu-west-1a of subnet AppSubnetA". */
export function pinWords(pin: RegionPin): string {
  return `the zone ${pin.zone} of subnet ${pin.subnet}`;
}

/**
 * Where a network the settings (or nothing) place is: its pinned Region when it has one, whatever the settings
 * list (a stack cannot be created in their other Regions, and where it cannot be created there is no network to
 * trace), else the settings' Regions, decided by where `deployed` deploys to.
 */
export function pinnedHome(regions: readonly string[], pin: RegionPin | undefined, deployed: string): EndpointHome {
  if (pin) return { regions: [pin.region], decides: pinWords(pin), pin };
  return { regions, decides: `the Region ${deployed} deploys to` };
}
