// A cross-Region interface endpoint (ServiceRegion / service_region): what makes one impossible to
// create, and what leaves it in doubt. Judged once for the model (cfn/network.ts), read by VPCE3004,
// VPCE3005 and the trace.
//
// Facts, each from its page:
// - AWS services reachable from another Region, and the name to use (the service Region's own name,
//   com.amazonaws.us-west-2.ecr.api when the service Region is us-west-2):
//   https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html
//   (the catalogue's crossRegion field, data/services.json).
// - The service Region applies to endpoints of type Interface only (the AWS provider's service_region,
//   as its Pulumi bridge documents it): https://www.pulumi.com/docs/reference/pkg/aws/ec2/vpcendpoint
// - Networking ends at a partition's boundary: a Region of another partition is never reachable.
//   https://blog.intenics.io/working-across-aws-partitions
// - A cross-Region endpoint is created in the VPC's Region with the service Region's name and ServiceRegion;
//   it reaches that Region's service, not the VPC's own Region's (the console's "Enable Cross Region endpoint":
//   https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html): with private DNS it
//   answers the service Region's names (api.ecr.us-east-1.amazonaws.com), while the VPC's own Region's names
//   resolve as they would without it (an endpoint's names carry its service Region:
//   https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html#endpoint-service-dns-hostnames,
//   https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-cross-region-connectivity-for-aws-privatelink).
//   The service Region is resolved against the Regions the endpoint is created in once (answersRegion): the DNS
//   answer, the trace, VPCE3004/3005 and hover read it.
// A provider's endpoint service (com.amazonaws.vpce.…) is reachable from the Regions its provider
// allows, which the template cannot know: only what holds for every service is judged there.

import { isRegionShaped, partitionOfRegion } from '../data/regions.js';
import type { ServiceInfo } from '../data/catalogue.js';
import type { Endpoint, EndpointHome, Fact, NetworkModel } from './types.js';
import { pinnedHome, pinOf } from './zone-region.js';

/**
 * The Regions a VPC is in: the one its endpoints are created in where one says (a Terraform provider's region, a
 * subnet's literal zone), else the one its subnets' literal zones put it in (model/zone-region.ts), else the ones
 * the stack deploys to (the settings'). `deployed`: the format's words for what deploys.
 */
export function vpcRegions(model: NetworkModel, vpc: string, deployed: string): EndpointHome {
  for (const e of model.endpoints.values()) {
    if (e.vpc.known && e.vpc.value === vpc && e.home.regions.length === 1) return e.home;
  }
  return pinnedHome(model.regions ?? [], pinOf(model.regionPins, vpc), deployed);
}

/**
 * Whether an endpoint answers a Region's service names: known, or not known (named by what decides it), with
 * the answer in each Region the endpoint may be created in when several are named.
 */
export type RegionFit = { answers: boolean } | { why: string; decides: string; byRegion?: readonly (readonly [string, boolean])[] };

/**
 * Whether the endpoint answers the names of `target`'s service (undefined: the default names, those of the
 * Region its VPC is in), created in `assume` (the trace's Region, one of several) or else in its home Regions.
 * A same-Region endpoint answers its own Region's names; a cross-Region one its service Region's, which are the
 * VPC's own only where the VPC is in that Region.
 */
export function answersRegion(e: Pick<Endpoint, 'id' | 'serviceRegion' | 'home'>, target?: string, assume?: string): RegionFit {
  const sr = e.serviceRegion;
  if (sr && !sr.known) return { why: sr.why, decides: sr.decides };
  if (sr && target !== undefined) return { answers: sr.value === target };
  if (!sr && target === undefined) return { answers: true };
  // Either a cross-Region endpoint asked for the default names, or a same-Region one asked for a named Region's.
  const wanted = sr ? sr.value : target!;
  const homes = assume !== undefined ? [assume] : e.home.regions;
  const what = sr ? `${e.id} is a cross-Region endpoint for ${wanted}: it answers the VPC's own Region's names only where the VPC is in ${wanted}` : `${e.id} answers ${wanted}'s names only where it is created in ${wanted}`;
  if (homes.length === 0) return { why: `${what}, and where it is created is not known (decided by ${e.home.decides})`, decides: e.home.decides };
  const byRegion = homes.map((h) => [h, h === wanted] as const);
  if (byRegion.every(([, v]) => v === byRegion[0]![1])) return { answers: byRegion[0]![1] };
  return { why: `${what}, and ${e.home.decides} is one of ${homes.join(', ')}`, decides: e.home.decides, byRegion };
}

export interface CrossRegionEndpoint {
  type: Fact<string>;
  /** The type is the format's default (Gateway), not written. */
  typeDefaulted: boolean;
  serviceRegion: Fact<string>;
  /** The catalogue entry of the AWS service the name names; undefined for a provider's service or an unknown name. */
  info: ServiceInfo | undefined;
  /** The region the service name hard-codes, if any. */
  nameRegion?: string;
  /** The Regions the endpoint is created in, when known (a Terraform provider's, or the stack's; Endpoint.home); empty: not known. */
  createdIn: readonly string[];
  /** The format's words for ServiceRegion and for the place the endpoint is created ("the stack deploys to"). */
  words: { serviceRegion: string; createdIn: string };
}

export interface CrossRegionJudgement {
  /** Certain: the endpoint cannot be created as written. */
  broken?: string;
  /** Not certain: an AWS service not on AWS's cross-Region list, asked for from another Region. */
  doubt?: { why: string; decides: string };
}

export function judgeCrossRegion(e: CrossRegionEndpoint): CrossRegionJudgement {
  if (!e.serviceRegion.known) return {};
  const r = e.serviceRegion.value;
  const sr = e.words.serviceRegion;
  if (!isRegionShaped(r)) return { broken: `${sr} ${JSON.stringify(r)} is not a Region name` };
  if (e.type.known && e.type.value !== 'Interface') return { broken: `${sr} applies to interface endpoints only, and this is a ${e.type.value} endpoint${e.typeDefaulted ? ' (the default type, none being written)' : ''}` };
  if (e.info && e.nameRegion !== undefined && e.nameRegion !== r) return { broken: `its service name is for ${e.nameRegion} but ${sr} is ${r}: a cross-Region endpoint names the service by its service Region's name` };
  const theirs = partitionOfRegion(r)?.id;
  const ours = e.createdIn.map((x) => partitionOfRegion(x)?.id);
  if (theirs && ours.length && ours.every((p) => p !== undefined && p !== theirs)) return { broken: `${sr} ${r} is in partition ${theirs} but ${e.words.createdIn} ${e.createdIn.join(', ')} (${ours[0]}): an endpoint reaches Regions of its own partition only` };
  // Cross-Region for certain only when every Region it is created in is another one.
  const cross = e.createdIn.length > 0 && e.createdIn.every((x) => x !== r);
  if (cross && e.info && !e.info.crossRegion) return { doubt: { why: `${e.info.title} is not on AWS's list of services an interface endpoint reaches from another Region, and ${sr} is ${r} while ${e.words.createdIn} ${e.createdIn.join(', ')}`, decides: sr } };
  return {};
}

/**
 * What hover says of a cross-Region endpoint (its ServiceName): the service Region resolved against where it is
 * created, the same answer the trace and the DNS rules read (answersRegion). Plain text of Region names only.
 */
export function crossRegionText(e: Pick<Endpoint, 'id' | 'serviceRegion' | 'home'>): string | undefined {
  const sr = e.serviceRegion;
  if (!sr) return undefined;
  if (!sr.known) return `Cross-Region endpoint: its service Region is known only at deploy time (decided by ${sr.decides}), and with it which names it answers.`;
  const own = answersRegion(e);
  const names = `with private DNS it answers ${sr.value}'s names of the service`;
  if ('answers' in own) return own.answers ? `Service Region ${sr.value}, where it is created: a same-Region endpoint, answering the VPC's own names.` : `Cross-Region endpoint, created in ${e.home.regions.join(', ')} for the service in ${sr.value}: ${names}, not the VPC's own Region's (traced as com.amazonaws.${sr.value}.<service>).`;
  if (own.byRegion) return `Service Region ${sr.value}: ${names}; the VPC's own names too only where it is created in ${sr.value} (${own.byRegion.map(([h, v]) => `${h}: ${v ? 'yes' : 'no'}`).join(', ')}).`;
  return `Service Region ${sr.value}: ${names}; whether those are the VPC's own depends on where it is created (decided by ${own.decides}).`;
}
