import { definiteType } from '../cfn/endpoints.js';
import { refList } from '../cfn/refs.js';
import { subnetsOfRouteTable } from '../cfn/route-tables.js';
import { subnetFacts } from '../cfn/subnets.js';
import { shortName } from '../data/catalogue.js';
import { valueOf } from '../document/tree.js';
import { literal } from '../cfn/values.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, related, type Rule } from './types.js';

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
    for (const e of ctx.endpoints()) {
      if (definiteType(e)?.type !== 'Gateway') continue;
      const info = e.services.length === 1 ? e.services[0]!.value.info : undefined;
      if (!info || info.ipv6.Gateway === undefined || info.ipv6.Gateway === null) continue;
      // A gateway endpoint routes IPv6 only when its service supports it and it is set to dual stack.
      const ipType = literal(ctx.values.prop(e.props, 'IpAddressType'));
      if (info.ipv6.Gateway === true && (ipType === undefined ? ctx.values.prop(e.props, 'IpAddressType').kind !== 'absent' : ipType === 'dualstack' || ipType === 'ipv6')) continue;
      const fix = info.ipv6.Gateway === true ? '; set IpAddressType: dualstack' : '';
      for (const item of refList(ctx.template, ctx.values, valueOf(e.props, 'RouteTableIds')).items) {
        if (item.resource?.type !== 'AWS::EC2::RouteTable') continue;
        for (const subnet of subnetsOfRouteTable(ctx.template, ctx.values, item.resource)) {
          if (subnetFacts(ctx.template, ctx.values, subnet).hasIpv6 !== true) continue;
          out.push(
            finding(meta, item.node, `${e.resource.id}: subnet ${subnet.id} uses route table ${item.resource.id} and has IPv6, but this ${shortName(info.pattern)} gateway endpoint routes IPv4 only; its IPv6 traffic to ${shortName(info.pattern)} bypasses the endpoint${fix}${conditionNote(e.resource, item.when)}`, {
              resource: e.resource,
              related: [related(subnet.key, `${subnet.id} has an IPv6 range`)],
            }),
          );
        }
      }
    }
    return out;
  },
};
