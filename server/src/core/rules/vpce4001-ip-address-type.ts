import { parseServiceName, shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { conditionNote, conditionsNote } from './conditions.js';
import { perBranch } from '../model/list-branches.js';
import { finding, type Rule } from './types.js';
import { knownValue } from '../model/types.js';
import { withDefaultsNote } from '../model/defaults-note.js';
const meta = {
  id: 'VPCE4001',
  severity: 'error',
  title: 'IP address type does not fit the service or the subnets',
  why:
    'An IPv6 or dual-stack endpoint needs a service that supports IPv6 and subnets of the same families: ipv6 needs IPv6-only subnets, ' +
    'dualstack needs subnets with both IPv4 and IPv6 ranges, ipv4 cannot use IPv6-only subnets. The DNS record type must be one the endpoint has addresses for.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
  // Terraform: ip_address_type is ipv4, dualstack or ipv6; dns_options' dns_record_ip_type ipv4, dualstack, service-defined or ipv6
  // (aws_vpc_endpoint's page); aws_subnet's ipv6_native "Indicates whether to create an IPv6-only subnet".
  terraform: {
    why:
      'An ip_address_type of "ipv6" or "dualstack" needs a service that supports IPv6 and subnets of the same families: ipv6 needs IPv6-only subnets (aws_subnet ipv6_native = true), dualstack needs subnets with both a cidr_block and an ipv6_cidr_block, ipv4 cannot use IPv6-only subnets. dns_options\' dns_record_ip_type must be one the endpoint has addresses for.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
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
    if (ctx.endpoints().length === 0) return out;
    const model = ctx.network().judged();
    for (const e of model.endpoints.values()) {
      const ip = e.ipAddressType;
      if (e.ipAddressTypeDefaulted || !ip.known || !DNS_FITS[ip.value]) continue;
      const ipType = ip.value;
      const resource = ctx.template.byId.get(e.id)!;
      const anchor = { resource, span: ip.at ?? e.at };
      const withDefault = withDefaultsNote([ip.fromDefault]);
      const note = `${withDefault}${conditionNote(resource, [])}`;
      const kind = e.type.known ? e.type.value : undefined;
      const info = e.service.known ? parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info : undefined;
      if (ipType !== 'ipv4' && (kind === 'Interface' || kind === 'Gateway') && info?.ipv6[kind] === false) {
        out.push(finding(meta, resource.key, `${e.id}: ${shortName(info.pattern)} does not support IPv6 on ${kind} endpoints; ${ctx.words.prop('IpAddressType')} ${ipType} fails${note}`, anchor));
      }
      if (kind === 'Gateway') continue; // a gateway endpoint has no subnets and no DNS records of its own
      // Where a condition chooses the subnets (Fn::If), each branch's are judged, and a finding says the conditions it needs.
      const judged = perBranch(e.subnets, (l) => l.items.flatMap((item) => {
        const subnet = model.subnets.get(item.id);
        if (!subnet) return [];
        const problem =
          ipType === 'ipv6' && knownValue(subnet.hasIpv4) === true ? 'is not IPv6-only (an ipv6 endpoint needs Ipv6Native subnets)'
          : ipType === 'dualstack' && knownValue(subnet.hasIpv6) === false ? 'has no IPv6 range (a dualstack endpoint needs both)'
          : ipType === 'dualstack' && knownValue(subnet.hasIpv4) === false ? 'is IPv6-only (a dualstack endpoint needs IPv4 too)'
          : ipType === 'ipv4' && knownValue(subnet.hasIpv4) === false ? 'is IPv6-only (an ipv4 endpoint needs IPv4 addresses)'
          : undefined;
        return problem ? [{ item, subnet, problem }] : [];
      }), (f) => `${f.item.at.start}:${f.item.at.end}|${f.item.id}`);
      for (const { value: { item, subnet, problem }, when } of judged) {
        out.push(finding(meta, resource.key, `${e.id}: subnet ${item.id} ${problem}${withDefault}${conditionsNote(resource, when)}`, { resource, span: item.at, related: [{ ...subnet.at, message: `${item.id} is defined here` }] }));
      }
      const dns = e.dnsRecordIpType;
      // A record type that is not one of the allowed values is VPCE1003's; judging it here would say
      // "dual-stack needs dualstack addresses, but IpAddressType is dualstack".
      if (dns?.known && DNS_TYPES.has(dns.value) && !DNS_FITS[ipType]!.includes(dns.value)) {
        const dnsType = dns.value;
        out.push(finding(meta, resource.key, `${e.id}: DNS records of type ${dnsType} need an endpoint with ${dnsType === 'dualstack' || dnsType === 'service-defined' ? 'dualstack' : `${dnsType} or dualstack`} addresses, but ${ctx.words.prop('IpAddressType')} is ${ipType}${note}`, { resource, span: dns.at ?? e.at }));
      }
    }
    return out;
  },
};
