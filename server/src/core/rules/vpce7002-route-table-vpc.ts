import type { Finding } from '../findings.js';
import { comparable, restsOn } from './vpce6002-same-vpc.js';
import { conditionsNote } from './conditions.js';
import { perBranch } from '../model/list-branches.js';
import { twoDefiniteVpcs } from '../model/vpc-identity.js';
import { finding, type Rule } from './types.js';
const meta = {
  id: 'VPCE7002',
  severity: 'error',
  title: 'Route table of another VPC',
  why: 'A gateway endpoint can add its route only to route tables of its own VPC; a route table of another VPC fails the deployment.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
  // Terraform: route_table_ids on aws_vpc_endpoint, or aws_vpc_endpoint_route_table_association.
  terraform: {
    why:
      'A Gateway aws_vpc_endpoint can add its route only to route tables of its own vpc_id; a route table of another VPC in its route_table_ids (or an aws_vpc_endpoint_route_table_association) fails at apply.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_route_table_association',
  },
} as const;

export const routeTableVpc: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    if (ctx.endpoints().length === 0) return out;
    const model = ctx.network().judged();
    for (const e of model.endpoints.values()) {
      if (!e.type.known || e.type.value !== 'Gateway') continue;
      const vpc = comparable(e.vpc);
      if (!vpc) continue;
      const resource = ctx.template.byId.get(e.id)!;
      // Where a condition chooses the route tables (Fn::If), each branch's are judged, and a finding says the conditions it needs.
      const judged = perBranch(e.routeTables, (l) => l.items.flatMap((item) => {
        const table = model.routeTables.get(item.id);
        const theirs = table ? comparable(table.vpc) : undefined;
        if (!table || !theirs || !twoDefiniteVpcs(model, vpc, theirs)) return [];
        return [{ item, table }];
      }), (f) => `${f.item.at.start}:${f.item.at.end}|${f.item.id}`);
      for (const { value: { item, table }, when } of judged) {
        out.push(
          finding(meta, resource.key, `${e.id}: route table ${item.id} belongs to another VPC than the endpoint${restsOn(e.vpc, table.vpc)}${conditionsNote(resource, when)}`, {
            resource,
            span: item.at,
            related: [{ ...(table.vpc.at ?? table.at), message: `${item.id}'s VPC` }],
          }),
        );
      }
    }
    return out;
  },
};
