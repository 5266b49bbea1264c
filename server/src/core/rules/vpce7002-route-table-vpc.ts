import type { Finding } from '../findings.js';
import { comparable, restsOn } from './vpce6002-same-vpc.js';
import { conditionNote } from './conditions.js';
import { twoDefiniteVpcs } from '../model/vpc-identity.js';
import { finding, type Rule } from './types.js';
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
    if (ctx.endpoints().length === 0) return out;
    const model = ctx.network().judged();
    for (const e of model.endpoints.values()) {
      if (!e.type.known || e.type.value !== 'Gateway') continue;
      const vpc = comparable(e.vpc);
      if (!vpc) continue;
      const resource = ctx.template.byId.get(e.id)!;
      for (const item of e.routeTables.items) {
        const table = model.routeTables.get(item.id);
        const theirs = table ? comparable(table.vpc) : undefined;
        if (!table || !theirs || !twoDefiniteVpcs(model, vpc, theirs)) continue;
        out.push(
          finding(meta, resource.key, `${e.id}: route table ${item.id} belongs to another VPC than the endpoint${restsOn(e.vpc, table.vpc)}${conditionNote(resource, [])}`, {
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
