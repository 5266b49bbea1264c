import { refList, vpcIdentity } from '../cfn/refs.js';
import { literal } from '../cfn/values.js';
import { pairOf, valueOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE6002',
  severity: 'error',
  title: 'Subnet or security group of another VPC',
  why: 'An endpoint\'s subnets, security groups and route tables must all belong to the endpoint\'s VPC; one from another VPC fails the deployment.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
} as const;

export const sameVpc: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.endpoints()) {
      const vpc = vpcIdentity(e.vpc);
      if (!vpc) continue;
      const vpcName = e.vpc.kind === 'ref' ? e.vpc.target : literal(e.vpc);
      for (const [prop, type, what] of [['SubnetIds', 'AWS::EC2::Subnet', 'subnet'], ['SecurityGroupIds', 'AWS::EC2::SecurityGroup', 'security group']] as const) {
        for (const item of refList(ctx.template, ctx.values, valueOf(e.props, prop)).items) {
          if (item.resource?.type !== type) continue;
          const theirsPair = pairOf(item.resource.properties, 'VpcId');
          if (!theirsPair && type === 'AWS::EC2::SecurityGroup' && e.vpc.kind === 'ref') {
            out.push(finding(meta, item.node, `${e.resource.id}: security group ${item.resource.id} has no VpcId, so it is created in the account's default VPC, not in ${vpcName}${conditionNote(e.resource, [])}`, { resource: e.resource, related: [related(item.resource.key, `${item.resource.id} is defined here`)] }));
            continue;
          }
          const theirs = theirsPair ? vpcIdentity(ctx.values.value(theirsPair.value)) : undefined;
          if (!theirs || theirs === vpc) continue;
          out.push(
            finding(meta, item.node, `${e.resource.id}: ${what} ${item.resource.id} belongs to another VPC than the endpoint (${vpcName})${conditionNote(e.resource, [])}`, {
              resource: e.resource,
              related: [related(theirsPair!.value ?? item.resource.key, `${item.resource.id}'s VPC`)],
            }),
          );
        }
      }
    }
    return out;
  },
};
