import { definiteType } from '../cfn/endpoints.js';
import { refList, vpcIdentity } from '../cfn/refs.js';
import { pairOf, valueOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE7002',
  severity: 'error',
  title: 'Route table of another VPC',
  why: 'A gateway endpoint can add its route only to route tables of its own VPC; a route table of another VPC fails the deployment.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
} as const;

export const routeTableVpc: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.endpoints()) {
      if (definiteType(e)?.type !== 'Gateway') continue;
      const vpc = vpcIdentity(e.vpc);
      if (!vpc) continue;
      for (const item of refList(ctx.template, ctx.values, valueOf(e.props, 'RouteTableIds')).items) {
        if (item.resource?.type !== 'AWS::EC2::RouteTable') continue;
        const theirsPair = pairOf(item.resource.properties, 'VpcId');
        const theirs = theirsPair ? vpcIdentity(ctx.values.value(theirsPair.value)) : undefined;
        if (!theirs || theirs === vpc) continue;
        out.push(
          finding(meta, item.node, `${e.resource.id}: route table ${item.resource.id} belongs to another VPC than the endpoint${conditionNote(e.resource, [])}`, {
            resource: e.resource,
            related: [related(theirsPair!.value ?? item.resource.key, `${item.resource.id}'s VPC`)],
          }),
        );
      }
    }
    return out;
  },
};
