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
// A provider's endpoint service (com.amazonaws.vpce.…) is reachable from the Regions its provider
// allows, which the template cannot know: only what holds for every service is judged there.

import { isRegionShaped, partitionOfRegion } from '../data/regions.js';
import type { ServiceInfo } from '../data/catalogue.js';
import type { Fact } from './types.js';

export interface CrossRegionEndpoint {
  type: Fact<string>;
  /** The type is the format's default (Gateway), not written. */
  typeDefaulted: boolean;
  serviceRegion: Fact<string>;
  /** The catalogue entry of the AWS service the name names; undefined for a provider's service or an unknown name. */
  info: ServiceInfo | undefined;
  /** The region the service name hard-codes, if any. */
  nameRegion?: string;
  /** The Regions the endpoint is created in, when known (a Terraform provider's, or the stack's); empty: not known. */
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
