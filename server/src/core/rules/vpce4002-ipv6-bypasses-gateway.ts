import { parseServiceName, shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { knownValue, type NetworkModel, type RouteTable, type Subnet } from '../model/types.js';
import { gatewayRoutesIpv6 } from '../model/gateway-family.js';
import { chooseRoute, targetName } from '../model/routes.js';
import { addToGroup } from '../util/group.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';
const meta = {
  id: 'VPCE4002',
  severity: 'warning',
  title: 'IPv6 traffic bypasses an IPv4-only gateway endpoint',
  why:
    'A gateway endpoint adds a route for the service\'s IPv4 prefix list only, unless the service supports IPv6 on gateway endpoints. ' +
    'From dual-stack subnets, IPv6 traffic to the service does not match it and follows the IPv6 routes instead: out through an internet or egress-only gateway, or nowhere.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
} as const;

export const ipv6BypassesGateway: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.endpoints().some((e) => e.types.some((t) => t.value.type === 'Gateway'))) return out;
    const model = ctx.network().judged();
    const byTable = new Map<string, Subnet[]>();
    for (const s of model.subnets.values()) if (s.routeTable.known && s.routeTable.value) addToGroup(byTable, s.routeTable.value, s);
    for (const e of model.endpoints.values()) {
      if (!e.type.known || e.type.value !== 'Gateway' || !e.service.known || e.broken) continue;
      // The model's answer, as the route choice reads it: only a route certain not to carry IPv6 is reported.
      const v6 = gatewayRoutesIpv6(e);
      if (!v6.known || v6.value) continue;
      const info = parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info;
      const name = shortName(info?.pattern ?? e.service.value);
      const fix = info?.ipv6.Gateway === true ? `; set ${ctx.words.set('IpAddressType', 'dualstack')}` : '';
      const resource = ctx.template.byId.get(e.id)!;
      for (const item of e.routeTables.items) {
        const table = model.routeTables.get(item.id);
        if (!table) continue;
        const instead = ipv6Way(model, table, e.service.value);
        for (const subnet of byTable.get(item.id) ?? []) {
          if (knownValue(subnet.hasIpv6) !== true) continue;
          out.push(
            finding(meta, resource.key, `${e.id}: subnet ${subnet.id} uses route table ${item.id} and has IPv6, but this ${name} gateway endpoint routes IPv4 only; its IPv6 traffic to ${name} ${instead}${fix}${conditionNote(resource, [])}`, {
              resource,
              span: item.at,
              related: [{ ...subnet.at, message: `${subnet.id} has an IPv6 range` }],
            }),
          );
        }
      }
    }
    return out;
  },
};

// Where the table sends IPv6 traffic to the service instead: the route choice the trace makes.
function ipv6Way(model: NetworkModel, table: RouteTable, pattern: string): string {
  const choice = chooseRoute(model, table, { kind: 'service', pattern }, undefined, 'ipv6');
  if (choice.kind === 'route') {
    const r = choice.route;
    const d = r.destination;
    return `bypasses the endpoint (route ${r.id}: ${d.kind === 'ipv6' ? d.text : 'its destination'} → ${targetName(r.target.kind)}${r.target.id ? ` ${r.target.id}` : ''})`;
  }
  if (choice.kind === 'none') return `does not use the endpoint: route table ${table.id} has no IPv6 route for it, so it fails unless the client falls back to IPv4`;
  return 'bypasses the endpoint';
}
