import { definiteType } from '../cfn/endpoints.js';
import { refResource } from '../cfn/refs.js';
import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { buildNetwork } from '../network/model.js';
import { trace } from '../trace/trace.js';
import { shortName } from '../data/catalogue.js';
import { conditionNote } from './conditions.js';
import { finding, related, type Rule } from './types.js';
import { addToGroup } from '../util/group.js';

const meta = {
  id: 'VPCE7003',
  severity: 'info',
  title: 'Subnet bypasses the VPC\'s gateway endpoint',
  why:
    'A gateway endpoint serves only the route tables it lists. A subnet whose route table is not among them reaches S3 or DynamoDB through its NAT or internet gateway: ' +
    'the traffic leaves the private path, pays NAT data processing, and escapes the endpoint policy.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-routing',
} as const;

/** The list property of the endpoint to add a reference to, and the resource to reference. */
export type AppendRefData = { appendRef: string; ref: string };

export const routeTableBypassesEndpoint: Rule<AppendRefData> = {
  meta,
  check(ctx) {
    const gateways = ctx.endpoints().filter((e) => definiteType(e)?.type === 'Gateway' && e.services.length === 1 && e.services[0]!.value.info);
    if (gateways.length === 0) return [];
    const net = buildNetwork(ctx.template, ctx.values, ctx.endpoints());
    const byVpc = new Map<string, typeof gateways>();
    for (const e of gateways) {
      const vpc = refResource(ctx.template, e.vpc)?.id;
      if (vpc) addToGroup(byVpc, vpc, e);
    }
    const out: Finding<AppendRefData>[] = [];
    const reported = new Set<string>();
    for (const subnet of net.subnets.values()) {
      if (!subnet.routeTable || !subnet.vpc) continue;
      for (const e of byVpc.get(subnet.vpc) ?? []) {
        const pattern = e.services[0]!.value.pattern;
        const key = `${e.resource.id}\u0000${subnet.routeTable}`;
        if (reported.has(key)) continue;
        const result = trace(net, subnet.resource.id, { kind: 'service', pattern, name: shortName(pattern) });
        const fix = result.suggestions.find((s) => s.kind === 'associate-route-table' && s.resource === e.resource.id);
        if (result.verdict !== 'public' || !fix) continue;
        reported.add(key);
        const via = result.hops.find((h) => h.kind === 'NAT gateway' || h.kind === 'internet gateway');
        const anchor = pairOf(e.props, 'RouteTableIds')?.key ?? e.resource.key;
        out.push(
          finding(meta, anchor, `${e.resource.id}: route table ${subnet.routeTable} (subnet ${subnet.resource.id}) is not on this endpoint, so its ${shortName(pattern)} traffic goes out through ${via ? `${via.kind} ${via.resource}` : 'the internet'}; add it to RouteTableIds${conditionNote(e.resource, [])}`, {
            resource: e.resource,
            related: [related(net.routeTables.get(subnet.routeTable)?.resource.key ?? subnet.resource.key, `${subnet.routeTable} sends ${shortName(pattern)} traffic out`)],
            data: { appendRef: 'RouteTableIds', ref: subnet.routeTable },
          }),
        );
      }
    }
    return out;
  },
};
