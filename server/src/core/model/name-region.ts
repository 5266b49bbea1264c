// Whether two endpoints' service names are for one Region. A name written with the stack's Region (or a
// literal one, which VPCE3001 judges against it) is in the Region the endpoint is created in; a name whose
// Region only the deployment knows is in the Region its deciding value names: the same value names the same
// Region, two different values may name two (nothing assumes them equal).

import { answersRegion } from './cross-region.js';
import type { Endpoint } from './types.js';

/**
 * The key of the Region whose names an endpoint answers: '' for the VPC's own, else the deciding value's identity,
 * or a cross-Region endpoint's service Region where it is not surely the one it is created in (cross-region.ts):
 * api.ecr.us-east-1.amazonaws.com and api.ecr.eu-west-1.amazonaws.com are two names.
 */
export function nameRegionKey(e: Endpoint): string {
  // Created in the Region the same value names (a Terraform default provider's `region = var.aws_region`): its own.
  if (e.nameRegion && (e.regionDoubt || e.serviceRegion)) return `unknown ${e.nameRegion.identity}`;
  if (!e.serviceRegion) return '';
  const own = answersRegion(e);
  if ('answers' in own && own.answers) return '';
  // Where it is created is not known, or is several Regions: its names are not surely the VPC's own, and no twin is claimed.
  return e.serviceRegion.known ? `region ${e.serviceRegion.value}` : `unknown ${e.id}'s service Region`;
}
