// Whether two endpoints' service names are for one Region. A name written with the stack's Region (or a
// literal one, which VPCE3001 judges against it) is in the Region the endpoint is created in; a name whose
// Region only the deployment knows is in the Region its deciding value names: the same value names the same
// Region, two different values may name two (nothing assumes them equal).

import type { Endpoint } from './types.js';

/** The key of the Region an endpoint's service name is for: '' for the endpoint's own, else the deciding value's identity. */
export function nameRegionKey(e: Endpoint): string {
  // Created in the Region the same value names (a Terraform default provider's `region = var.aws_region`): its own.
  if (!e.nameRegion || (!e.regionDoubt && !e.serviceRegion)) return '';
  return `unknown ${e.nameRegion.identity}`;
}
