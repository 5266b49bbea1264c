import { refList } from '../cfn/refs.js';
import { subnetFacts } from '../cfn/subnets.js';
import { literal } from '../cfn/values.js';
import { definiteType } from '../cfn/endpoints.js';
import { shortName } from '../data/catalogue.js';
import { asMap, valueOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE4001',
  severity: 'error',
  title: 'IP address type does not fit the service or the subnets',
  why:
    'An IPv6 or dual-stack endpoint needs a service that supports IPv6 and subnets of the same families: ipv6 needs IPv6-only subnets, ' +
    'dualstack needs subnets with both IPv4 and IPv6 ranges, ipv4 cannot use IPv6-only subnets. The DNS record type must be one the endpoint has addresses for.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
} as const;

// Which DNS record types an endpoint of each address type can serve.
const DNS_FITS: Record<string, string[]> = {
  ipv4: ['ipv4', 'not-specified'],
  ipv6: ['ipv6', 'not-specified'],
  dualstack: ['ipv4', 'ipv6', 'dualstack', 'service-defined', 'not-specified'],
};

const DNS_TYPES = new Set(['ipv4', 'ipv6', 'dualstack', 'service-defined', 'not-specified']);

export const ipAddressType: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.endpoints()) {
      const node = valueOf(e.props, 'IpAddressType');
      const ipType = node ? literal(ctx.values.value(node)) : undefined;
      if (!node || !ipType || !DNS_FITS[ipType]) continue;
      const note = conditionNote(e.resource, []);
      const kind = definiteType(e)?.type;
      if (ipType !== 'ipv4' && (kind === 'Interface' || kind === 'Gateway')) {
        for (const s of e.services) {
          if (s.value.info?.ipv6[kind] === false) {
            out.push(finding(meta, node, `${e.resource.id}: ${shortName(s.value.pattern)} does not support IPv6 on ${kind} endpoints; IpAddressType ${ipType} fails${note}`, { resource: e.resource }));
          }
        }
      }
      if (kind === 'Gateway') continue; // a gateway endpoint has no subnets and no DNS records of its own
      const subnets = refList(ctx.template, ctx.values, valueOf(e.props, 'SubnetIds'));
      for (const item of subnets.items) {
        if (item.resource?.type !== 'AWS::EC2::Subnet') continue;
        const facts = subnetFacts(ctx.template, ctx.values, item.resource);
        const problem =
          ipType === 'ipv6' && facts.hasIpv4 === true ? 'is not IPv6-only (an ipv6 endpoint needs Ipv6Native subnets)'
          : ipType === 'dualstack' && facts.hasIpv6 === false ? 'has no IPv6 range (a dualstack endpoint needs both)'
          : ipType === 'dualstack' && facts.hasIpv4 === false ? 'is IPv6-only (a dualstack endpoint needs IPv4 too)'
          : ipType === 'ipv4' && facts.hasIpv4 === false ? 'is IPv6-only (an ipv4 endpoint needs IPv4 addresses)'
          : undefined;
        if (problem) out.push(finding(meta, item.node, `${e.resource.id}: subnet ${item.resource.id} ${problem}${note}`, { resource: e.resource, related: [related(item.resource.key, `${item.resource.id} is defined here`)] }));
      }
      const dnsNode = valueOf(asMap(valueOf(e.props, 'DnsOptions')), 'DnsRecordIpType');
      const dnsType = dnsNode ? literal(ctx.values.value(dnsNode)) : undefined;
      // A record type that is not one of the allowed values is VPCE1003's; judging it here would say
      // "dual-stack needs dualstack addresses, but IpAddressType is dualstack".
      if (dnsNode && dnsType && DNS_TYPES.has(dnsType) && !DNS_FITS[ipType]!.includes(dnsType)) {
        out.push(finding(meta, dnsNode, `${e.resource.id}: DNS records of type ${dnsType} need an endpoint with ${dnsType === 'dualstack' || dnsType === 'service-defined' ? 'dualstack' : `${dnsType} or dualstack`} addresses, but IpAddressType is ${ipType}${note}`, { resource: e.resource }));
      }
    }
    return out;
  },
};
