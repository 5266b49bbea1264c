// A VPC's default security group: one fact for everything that names it or falls into it. AWS puts an
// instance, an ECS task and an interface endpoint given no group into it, and a template names it
// (CloudFormation's !GetAtt Vpc.DefaultSecurityGroup, Terraform's aws_vpc.x.default_security_group_id).
// In the model it is the VPC's id: the group AWS made (inbound from its own members, outbound to all),
// which anyone may have changed since, so only the rules a template adds to it are certain
// (admission.ts) — unless the configuration manages it (Terraform's aws_default_security_group), whose
// rules are then exactly the ones written (the provider removes the others when it adopts the group).
// https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html (SecurityGroupIds)
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html (SecurityGroupId)
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html (securityGroups)
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group

import type { Fact, IdList, NetworkModel } from './types.js';
import { vpcName } from './vpc-identity.js';

/** The group that is `vpc`'s default one: the configuration's managed group, else the VPC's id (AWS's group). */
export function defaultGroupOf(model: NetworkModel, vpc: string): string {
  for (const sg of model.securityGroups.values()) if (sg.defaultOf === vpc && !sg.maybe) return sg.id;
  return vpc;
}

/** A group id as the model judges it: a VPC's id names its default group. */
export function groupOf(model: NetworkModel, id: string): string {
  return !model.securityGroups.has(id) && model.vpcs.has(id) ? defaultGroupOf(model, id) : id;
}

export interface GroupsInEffect {
  /** The groups; undefined: none known (none written and none given by AWS, or `why`). */
  ids?: string[];
  /** Why the groups are not known, and the value that decides them. */
  why?: string;
  decides?: string;
}

/**
 * The groups an interface is in: the ones written, else (`defaulted`: AWS gives it one) its VPC's default
 * group. A list known only at deploy time, or a VPC that is not known, leaves them unknown.
 */
export function groupsInEffect(model: NetworkModel, owner: string, list: IdList, defaulted: boolean, vpc: Fact<string | null> | undefined): GroupsInEffect {
  if (!list.complete) return { why: `${owner}'s security groups are known only at deploy time (decided by ${list.decides})`, decides: list.decides ?? `${owner}'s security groups` };
  if (list.items.length) return { ids: list.items.map((i) => groupOf(model, i.id)) };
  if (!defaulted) return {};
  if (!vpc?.known || vpc.value === null) return { why: `${owner} has no security group written, so it is in its VPC's default group, and that VPC is known only at deploy time${vpc && !vpc.known ? ` (decided by ${vpc.decides})` : ''}`, decides: vpc && !vpc.known ? vpc.decides : `${owner}'s VPC` };
  // A VPC the template only names (a parameter, an import, an id): its default group is AWS's, its rules not here.
  if (!model.vpcs.has(vpc.value) && defaultGroupOf(model, vpc.value) === vpc.value) {
    const group = `the default security group of ${vpcName(vpc.value)}`;
    return { why: `${owner} has no security group written, so it is in ${group}, a VPC this template does not create: that group's rules are not here`, decides: group };
  }
  return { ids: [defaultGroupOf(model, vpc.value)] };
}
