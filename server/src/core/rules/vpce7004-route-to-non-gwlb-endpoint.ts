import type { Finding } from '../findings.js';
import { valueOf } from '../document/tree.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';
const meta = {
  id: 'VPCE7004',
  severity: 'error',
  title: 'Route to a VPC endpoint that is not a Gateway Load Balancer endpoint',
  why:
    "A route's VpcEndpointId target must be a Gateway Load Balancer endpoint: EC2 refuses a route to a Gateway or Interface endpoint. " +
    "A gateway endpoint's routes are made by naming the route tables on the endpoint (its prefix list becomes the destination); an interface endpoint is reached through the VPC's local route.",
  docs: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html',
  // Terraform: aws_route's vpc_endpoint_id is "Identifier of a VPC Endpoint".
  terraform: {
    why:
      'An aws_route\'s vpc_endpoint_id must name a Gateway Load Balancer endpoint: EC2 refuses a route to a Gateway or Interface endpoint. ' +
      'A gateway endpoint\'s routes are made by listing the route table in its route_table_ids (its prefix list becomes the destination); an interface endpoint is reached through the VPC\'s local route.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route',
  },
} as const;

// Reads the model: each route whose target is an endpoint of the template (not the route a gateway
// endpoint adds itself), and that endpoint's type as the adapter resolved it.
export const routeToNonGwlbEndpoint: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    if (ctx.endpoints().length === 0) return out;
    const model = ctx.network().judged();
    for (const table of model.routeTables.values()) {
      for (const route of table.routes) {
        if (route.target.kind !== 'vpc-endpoint' || route.endpoint || !route.target.id) continue;
        const e = model.endpoints.get(route.target.id);
        if (!e || !e.type.known || e.type.value === 'GatewayLoadBalancer') continue;
        const resource = ctx.template.byId.get(route.id);
        if (!resource) continue;
        const at = valueOf(resource.properties, 'VpcEndpointId') ?? resource.key;
        const instead = e.type.value === 'Gateway' ? `name the route table in ${e.id}'s ${ctx.words.prop('RouteTableIds')} instead` : 'an interface endpoint needs no route: the local route reaches it';
        out.push(
          finding(meta, resource.key, `${route.id}: ${e.id} is a${e.type.value === 'Interface' ? 'n' : ''} ${e.type.value} endpoint; a route can target only a Gateway Load Balancer endpoint, so EC2 refuses this route (${instead})${conditionNote(resource, [])}`, {
            resource,
            span: { start: at.start, end: at.end },
            related: [{ ...(e.type.at ?? model.spans.get(e.id) ?? { start: 0, end: 0 }), message: `${e.id}'s type` }],
          }),
        );
      }
    }
    return out;
  },
};
