// Whether two VPC facts name VPCs that are certainly different. A VPC the template creates and a VPC id
// written out (vpc-0abc…) are each one VPC; any other identity names some VPC outside the template, which
// one not known: a CloudFormation parameter or import, a Terraform input variable, data source or module
// output (var.vpc_id, data.aws_vpc.x.id, module.net.vpc_id). Two different such names (or one beside a
// written id) may well be the same VPC, so they are never called different; the same name is the same VPC.

import type { NetworkModel } from './types.js';

/** A VPC value that stands for one VPC by itself: a template VPC or an id written out. */
export function definiteVpc(model: Pick<NetworkModel, 'vpcs'>, vpc: string): boolean {
  return model.vpcs.has(vpc) || /^vpc-/.test(vpc);
}

/** Certainly two VPCs: both values definite and unequal, or one a template VPC and the other not it. */
export function otherVpc(model: Pick<NetworkModel, 'vpcs'>, a: string, b: string): boolean {
  if (a === b) return false;
  return model.vpcs.has(a) || model.vpcs.has(b) || (definiteVpc(model, a) && definiteVpc(model, b));
}

/**
 * Two VPCs whatever the deployment: both values definite and unequal. A rule that calls a deployment
 * broken asks this (a parameter could name, on a stack update, the VPC the stack made before).
 */
export function twoDefiniteVpcs(model: Pick<NetworkModel, 'vpcs'>, a: string, b: string): boolean {
  return a !== b && definiteVpc(model, a) && definiteVpc(model, b);
}

/** How a VPC value reads in a sentence: `the VPC of parameter X` (or of an import), else `VPC <value>`. */
export function vpcName(id: string): string {
  return /^(parameter|import) /.test(id) ? `the VPC of ${id}` : `VPC ${id}`;
}
