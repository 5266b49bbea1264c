import { parseServiceName, shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { trace } from '../trace/trace.js';
import { traceModel } from '../trace/path.js';
import type { Endpoint } from '../model/types.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';
import { addToGroup } from '../util/group.js';

const meta = {
  id: 'VPCE7003',
  severity: 'info',
  title: 'Subnet bypasses the VPC\'s gateway endpoint',
  why:
    'A gateway endpoint serves only the route tables it lists. A subnet whose route table is not among them reaches S3 or DynamoDB through its NAT or internet gateway: ' +
    'the traffic leaves the private path, pays NAT data processing, and escapes the endpoint policy.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-routing',
  // Terraform: route_table_ids on aws_vpc_endpoint, or aws_vpc_endpoint_route_table_association; a subnet's route table by aws_route_table_association.
  terraform: {
    why:
      'A gateway endpoint serves only the route tables in its route_table_ids (and its aws_vpc_endpoint_route_table_association resources). ' +
      'A subnet whose route table (by aws_route_table_association, else the VPC\'s main route table) is not among them reaches S3 or DynamoDB through its NAT or internet gateway: the traffic leaves the private path, pays NAT data processing, and escapes the endpoint policy.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

// The rule is the trace's verdict, said where the fix goes: it claims a bypass only when the trace
// (with the parameters' defaults) says the subnet's traffic leaves publicly and suggests this endpoint.
/** The list property of the endpoint to add a reference to, and the resource to reference. */
export type AppendRefData = { appendRef: string; ref: string };

export const routeTableBypassesEndpoint: Rule<AppendRefData> = {
  meta,
  check(ctx) {
    if (!ctx.endpoints().some((e) => e.types.some((t) => t.value.type === 'Gateway'))) return [];
    const net = ctx.network();
    const model = net.defaults;
    const byVpc = new Map<string, Endpoint[]>();
    for (const e of model.endpoints.values()) {
      if (!e.type.known || e.type.value !== 'Gateway' || !e.service.known || e.broken || !e.vpc.known) continue;
      if (!parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info) continue;
      addToGroup(byVpc, e.vpc.value, e);
    }
    if (byVpc.size === 0) return [];
    const out: Finding<AppendRefData>[] = [];
    const reported = new Set<string>();
    for (const subnet of model.subnets.values()) {
      const table = subnet.routeTable.known ? subnet.routeTable.value : null;
      if (!table || !subnet.vpc.known) continue;
      for (const e of byVpc.get(subnet.vpc.value) ?? []) {
        const pattern = (e.service as { value: string }).value;
        const key = `${e.id}\u0000${table}`;
        if (reported.has(key)) continue;
        // A table the endpoint lists holds its prefix-list route for the service, and route selection then
        // answers a prefix-list route or unknown, never no route or a NAT gateway (model/routes.ts), the only
        // places the trace suggests adding the table (trace/routed.ts): no trace needed. One trace per
        // subnet was most of this rule's cost on every keystroke in a large template.
        if (e.routeTables.items.some((i) => i.id === table)) continue;
        // The defaults' verdict decides; the other deployments are looked at only to say whether they differ.
        const target = { kind: 'service' as const, pattern, name: shortName(pattern) };
        const first = traceModel(model, subnet.id, target);
        if (first.verdict !== 'public' || !first.suggestions.some((s) => s.kind === 'associate-route-table' && s.resource === e.id)) continue;
        const result = trace(net, subnet.id, target);
        reported.add(key);
        const via = result.hops.find((h) => h.kind === 'NAT gateway' || h.kind === 'internet gateway');
        const resource = ctx.template.byId.get(e.id)!;
        const anchor = e.routeTables.keyAt ?? e.at;
        const tableAt = model.routeTables.get(table)?.at ?? subnet.at;
        const branches = result.branches ? ' (with the parameters\' defaults; other parameters change the path)' : '';
        out.push(
          finding(meta, resource.key, `${e.id}: route table ${table} (subnet ${subnet.id}) is not on this endpoint, so its ${shortName(pattern)} traffic goes out through ${via ? `${via.kind} ${via.resource}` : 'the internet'}; add it to ${ctx.words.prop('RouteTableIds')}${conditionNote(resource, [])}${branches}`, {
            resource,
            span: anchor,
            related: [{ ...tableAt, message: `${table} sends ${shortName(pattern)} traffic out` }],
            data: { appendRef: 'RouteTableIds', ref: table },
          }),
        );
      }
    }
    return out;
  },
};
