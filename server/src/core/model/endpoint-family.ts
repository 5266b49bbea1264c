// The IP address types an interface endpoint may have, answered once for the trace and VPCE6003. Written:
// that type. Known only at deploy time: not CloudFormation's default (ipv4), but each type AWS would create
// the endpoint with in its subnets — ipv4 needs subnets with IPv4 ranges, dualstack subnets with both
// families, ipv6 IPv6-only subnets — and its service supports (IPv6 on interface endpoints); a value per
// branch when conditions decide it.
// https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html (IP address type)

import { parseServiceName } from '../data/catalogue.js';
import { knownValue, type Endpoint, type NetworkModel, type Subnet } from './types.js';

export type IpType = 'ipv4' | 'dualstack' | 'ipv6';
const TYPES: IpType[] = ['ipv4', 'dualstack', 'ipv6'];

const isType = (v: string): v is IpType => (TYPES as string[]).includes(v);

/** Whether AWS creates an endpoint of this type in the subnet (a family not known does not rule one out). */
function fits(type: IpType, s: Subnet): boolean {
  const v4 = knownValue(s.hasIpv4);
  const v6 = knownValue(s.hasIpv6);
  if (type === 'ipv4') return v4 !== false;
  if (type === 'dualstack') return v4 !== false && v6 !== false;
  return v4 !== true && v6 !== false;
}

/**
 * The types the endpoint may have, in the order ipv4, dualstack, ipv6. A written value that is none of
 * them (VPCE1003's) is taken as written, alone; a list that no type fits (VPCE4001's) is every type.
 */
export function endpointIpTypes(model: NetworkModel, e: Endpoint): IpType[] {
  const f = e.ipAddressType;
  if (f.known) return isType(f.value) ? [f.value] : [];
  if (f.branches?.length) return TYPES.filter((t) => f.branches!.some((b) => b.value === t));
  const info = e.service.known ? parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info : undefined;
  const supported = info?.ipv6.Interface === false ? TYPES.slice(0, 1) : TYPES;
  // Only the subnets the template shows: an unknown member may be of any family.
  const subnets = e.subnets.complete ? e.subnets.items.map((i) => model.subnets.get(i.id)) : [];
  if (subnets.some((s) => !s)) return supported;
  const fitting = supported.filter((t) => (subnets as Subnet[]).every((s) => fits(t, s)));
  return fitting.length ? fitting : supported;
}

/** What decides the type when more than one may be: the value named. */
export function ipTypeDecides(e: Endpoint): string | undefined {
  return e.ipAddressType.known ? undefined : e.ipAddressType.decides;
}
