import { parseServiceName, shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { knownValue, type Subnet } from '../model/types.js';
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
      const info = parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info;
      if (!info || info.ipv6.Gateway === undefined || info.ipv6.Gateway === null) continue;
      // A gateway endpoint routes IPv6 only when its service supports it and it is set to dual stack
      // (or to a value known only at deploy time: then we cannot tell).
      const ip = e.ipAddressType;
      if (info.ipv6.Gateway === true && (!ip.known || ip.value === 'dualstack' || ip.value === 'ipv6')) continue;
      const fix = info.ipv6.Gateway === true ? '; set IpAddressType: dualstack' : '';
      const resource = ctx.template.byId.get(e.id)!;
      for (const item of e.routeTables.items) {
        if (!model.routeTables.has(item.id)) continue;
        for (const subnet of byTable.get(item.id) ?? []) {
          if (knownValue(subnet.hasIpv6) !== true) continue;
          out.push(
            finding(meta, resource.key, `${e.id}: subnet ${subnet.id} uses route table ${item.id} and has IPv6, but this ${shortName(info.pattern)} gateway endpoint routes IPv4 only; its IPv6 traffic to ${shortName(info.pattern)} bypasses the endpoint${fix}${conditionNote(resource, [])}`, {
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
