// An interface endpoint created with no security_group_ids is in its VPC's default security group (AWS
// gives it that one), and aws_vpc_endpoint_security_group_association adds a group beside it: only an
// association with `replace_default_association = true` takes the default group's place. So the
// endpoint's groups are the default one and the associated ones, not the associated ones alone.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_security_group_association
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html (SecurityGroupId)

import type { Node } from '../document/tree.js';
import type { Lowered } from './lower-resources.js';
import { fn, scalar, seq, unknownNode } from './nodes.js';
import { unknownWhy } from './dynamic.js';

/**
 * `e`: an endpoint lowered with no SecurityGroupIds, whose list the associations made; `replaces`: each
 * association's replace_default_association (undefined: not written, false). Adds its VPC's default group
 * to the list unless one replaces it; where that is not known, an unknown member naming the value.
 */
export function keepDefaultGroup(e: Lowered, replaces: readonly (Node | undefined)[]): void {
  const list = e.props.find((p) => p.key.value === 'SecurityGroupIds')?.value;
  if (list?.kind !== 'seq') return;
  if (replaces.some((r) => r?.kind === 'scalar' && r.value === true)) return;
  const open = replaces.find((r) => r && !(r.kind === 'scalar' && r.value === false));
  if (open) {
    const { why, decides } = unknownWhy(open, `whether ${e.address} stays in its VPC's default security group is not known: replace_default_association`, 'replace_default_association');
    list.items.unshift(unknownNode(why, decides, open));
    return;
  }
  // The VPC's default group, as aws_vpc.x.default_security_group_id names it (module.ts); a VPC not
  // known statically is the member's unknown (the VpcId's own reason and deciding value).
  const vpc = e.props.find((p) => p.key.value === 'VpcId')?.value;
  const ref = vpc?.kind === 'map' && vpc.pairs.length === 1 && vpc.pairs[0]!.key.value === 'Ref' ? vpc.pairs[0]!.value : undefined;
  if (ref?.kind === 'scalar') list.items.unshift(fn('Fn::GetAtt', seq([scalar(String(ref.value), ref, 'plain'), scalar('DefaultSecurityGroup', ref, 'plain')], ref), ref));
  else list.items.unshift(vpc ?? unknownNode(`${e.address}'s VPC, whose default security group it is in, is not known statically`, `${e.address}'s vpc_id`, list));
}
