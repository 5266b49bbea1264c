// A route to a VPC peering connection. A peering connection carries traffic only to the peer VPC's own
// addresses: neither VPC can reach the internet, a NAT device or an AWS service through the other's
// internet gateway, NAT gateway or gateway endpoint ("edge to edge routing through a gateway or private
// connection" is among the peering limitations: https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html;
// a gateway endpoint serves only its own VPC: https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html).
// So a service's public addresses, the internet, or NAT64's 64:ff9b::/96 routed to a peering connection are
// not reached, whichever VPC is the peer: blocked. An address range may be the peer VPC's (an interface
// endpoint there answers on its private addresses), which the trace does not follow: left to the caller.

import type { Route } from '../model/types.js';
import type { Tracer } from './tracer.js';
import type { TraceResult, TraceTarget } from './types.js';
import type { Way } from './routed6.js';

export function peeringPath(t: Tracer, route: Route, target: TraceTarget, way: Way): TraceResult | undefined {
  if (route.target.kind !== 'peering' || (target.kind === 'cidr' && way !== 'nat64')) return undefined;
  // Whichever connection it is (one known only after apply too), it reaches no further than its peer VPC.
  const named = route.target.id ?? route.target.written;
  const pcx = named ? `peering connection ${named}` : `the peering connection of route ${route.id}`;
  const what = way === 'nat64' ? 'the NAT64 addresses (64:ff9b::/96)' : target.kind === 'service' ? `${target.name}'s public addresses` : 'the internet';
  t.hop(route.target.id ?? route.id, 'peering connection', 'block', `${pcx} carries traffic only to the peer VPC's own addresses: ${what} cannot be reached through it, not even by the peer's internet gateway, NAT gateway or gateway endpoint (a peering connection does not extend them)`);
  return t.done('blocked', `${what} routed to ${pcx}, which reaches only the peer VPC's own addresses`);
}
