import { compatible } from '../cfn/refs.js';
import { shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { clashWhen, gatewayRouteClashes, gatewayRoutes, type GatewayRouteClash } from '../model/gateway-route-clashes.js';
import { conditionsNote, mergedAlternatives } from './conditions.js';
import { finding, type Rule } from './types.js';
const meta = {
  id: 'VPCE7001',
  severity: 'error',
  title: 'Two gateway endpoints for one service on one route table',
  why: 'A route table can hold one route per destination prefix list: a second gateway endpoint for the same service on the same route table fails to create.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
  // Terraform: route_table_ids on aws_vpc_endpoint, or aws_vpc_endpoint_route_table_association.
  terraform: {
    why:
      'A route table can hold one route per destination prefix list: a second Gateway aws_vpc_endpoint for the same service whose route_table_ids (or aws_vpc_endpoint_route_table_association) name the same route table fails at apply.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint_route_table_association',
  },
} as const;

// Which route EC2 refuses is the model's answer (model/gateway-route-clashes.ts), the one the trace reads.
export const duplicateGatewayRoute: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    if (ctx.endpoints().length < 2) return out;
    const model = ctx.network().judged();
    // One finding per place the later endpoint names the table and earlier endpoint, whichever branches of its
    // list (Fn::If among the items) name it there: both routes exist only where both endpoints' conditions hold.
    const found = new Map<string, { clash: GatewayRouteClash; when: string[][] }>();
    const together = (a: string[], b: string[]) => compatible(a, b, ctx.template);
    for (const clash of gatewayRouteClashes(gatewayRoutes(model, together), together)) {
      const { route } = clash;
      const key = `${route.endpoint.id}|${route.at.start}:${route.at.end}|${clash.earlier.endpoint.id}`;
      const f = found.get(key) ?? { clash, when: [] };
      f.when.push(...clashWhen(clash));
      found.set(key, f);
    }
    for (const { clash, when } of found.values()) {
      const { route, earlier } = clash;
      const e = route.endpoint;
      const resource = ctx.template.byId.get(e.id)!;
      out.push(
        finding(meta, resource.key, `${e.id}: route table ${route.table} already routes ${shortName((e.service as { value: string }).value)} through gateway endpoint ${earlier.endpoint.id}${conditionsNote(resource, mergedAlternatives(when))}`, {
          resource,
          span: route.at,
          related: [{ ...earlier.at, message: `${earlier.endpoint.id} uses ${route.table} here` }],
        }),
      );
    }
    return out;
  },
};
