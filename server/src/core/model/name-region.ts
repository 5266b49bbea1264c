// Whether two endpoints' service names are for one Region. A name written with the stack's Region (or a
// literal one, which VPCE3001 judges against it) is in the Region the endpoint is created in; a name whose
// Region only the deployment knows is in the Region its deciding value names: the same value names the same
// Region, two different values may name two (nothing assumes them equal).

import type { Endpoint } from './types.js';

/** The key of the Region an endpoint's service name is for: '' for the endpoint's own, else the deciding value's identity. */
export function nameRegionKey(e: Endpoint): string {
  return e.nameRegion ? `unknown ${e.nameRegion.identity}` : '';
}

/** How a message says where a name with an unknown Region is: "in whatever Region parameter Region names". */
export function nameRegionWords(e: Endpoint): string {
  return e.nameRegion ? ` in whatever Region ${e.nameRegion.decides} names` : '';
}
