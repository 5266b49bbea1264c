// Which deploy-time ranges surely hold every address of a subnet or an endpoint, by the values that
// name them. A range known only at deploy time (a parameter, aws_vpc.x.ipv6_cidr_block) cannot be
// compared by its addresses, but a security group rule naming the same value admits whatever lies in
// it: the subnet's own block, a block it is carved from (!Select [i, !Cidr [X, n, b]], cidrsubnet(X, 8,
// i)), and its VPC's block where the VPC has only that one. EC2 puts a subnet's range inside its VPC's
// (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html), its IPv6 /64 inside one of the
// VPC's IPv6 blocks (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html); with several
// IPv6 blocks, a subnet carved from one is in no other, so only its own carving names it then.

import type { Endpoint, NetworkModel, Subnet } from './types.js';

export type RangeFamily = 'ipv4' | 'ipv6';

/**
 * The identity of a VPC's deploy-time IPv4 range when every address in the VPC is in it: a VPC with a
 * secondary block may hold subnets outside the primary one.
 */
export function vpcRangeIdentities(model: NetworkModel, vpcId: string, family: RangeFamily = 'ipv4'): string[] {
  const vpc = model.vpcs.get(vpcId);
  if (family === 'ipv6') return vpc?.ipv6BlockIdentities ?? [];
  return vpc?.cidrIdentity && !vpc.moreCidrs ? [vpc.cidrIdentity] : [];
}

/** The ranges, named by the values that make them, that hold every address of the subnet in this family. */
export function subnetRangeIdentities(model: NetworkModel, subnet: Subnet, family: RangeFamily): string[] {
  const own = family === 'ipv6' ? (subnet.ipv6Identities ?? []) : [...(subnet.cidrIdentity ? [subnet.cidrIdentity] : []), ...(subnet.cidrWithin ?? [])];
  return [...new Set([...own, ...(subnet.vpc.known ? vpcRangeIdentities(model, subnet.vpc.value, family) : [])])];
}

/**
 * The ranges that hold every address of the endpoint's network interfaces: those holding each of its
 * subnets (all known), else its VPC's.
 */
export function endpointRangeIdentities(model: NetworkModel, e: Endpoint, family: RangeFamily): string[] {
  const vpc = e.vpc.known ? vpcRangeIdentities(model, e.vpc.value, family) : [];
  const subnets = e.subnets.items.map((i) => model.subnets.get(i.id));
  if (!e.subnets.complete || subnets.length === 0 || subnets.some((s) => !s)) return vpc;
  const each = subnets.map((s) => subnetRangeIdentities(model, s!, family));
  return [...new Set([...vpc, ...each[0]!.filter((id) => each.every((l) => l.includes(id)))])];
}
