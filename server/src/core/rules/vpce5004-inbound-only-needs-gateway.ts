import { endpointsFor, mayHaveGateway } from '../model/dns.js';
import { serviceByPattern, shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE5004',
  severity: 'error',
  title: 'Inbound-resolver-only private DNS needs the gateway endpoint',
  why:
    'For a service with both gateway and interface endpoints (S3), private DNS on the interface endpoint answers only inbound resolver queries ' +
    'unless DnsOptions says AllResolvers: that is AWS\'s default when DnsOptions does not set it. It needs a gateway endpoint for the service in the same VPC; ' +
    'without one AWS rejects the endpoint ("To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC must have a Gateway endpoint for the service").',
  docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns',
  // Terraform: the registry page says private_dns_only_for_inbound_resolver_endpoint "Default is false", but an endpoint created
  // without dns_options gets AWS's default, true: https://github.com/hashicorp/terraform-provider-aws/issues/46404 (provider 6.31).
  terraform: {
    why:
      'For a service with both gateway and interface endpoints (S3), private DNS on the interface endpoint answers only inbound resolver queries unless dns_options sets private_dns_only_for_inbound_resolver_endpoint = false. ' +
      'The registry page gives false as that argument\'s default, but an aws_vpc_endpoint created without dns_options gets AWS\'s default, true (hashicorp/terraform-provider-aws issue 46404). ' +
      'Inbound-only private DNS needs a Gateway aws_vpc_endpoint for the service in the same VPC; without one the apply fails ("To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC must have a Gateway endpoint for the service").',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint#dns_options',
  },
} as const;

export const inboundOnlyNeedsGateway: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const model = ctx.network().judged();
    for (const e of model.endpoints.values()) {
      const resource = ctx.template.byId.get(e.id);
      if (!resource || e.maybe || !e.type.known || e.type.value !== 'Interface' || !e.service.known || !e.vpc.known) continue;
      if (!e.privateDns.known || !e.privateDns.value || !e.privateDnsInboundOnly.known || !e.privateDnsInboundOnly.value) continue;
      if (endpointsFor(model, e.vpc.value, 'Gateway', e.service.value).length || mayHaveGateway(model, e.vpc.value, e.service.value)) continue;
      const info = serviceByPattern(e.service.value);
      const name = info ? shortName(info.pattern) : e.service.value;
      const defaulted = e.privateDnsInboundOnly.at?.start === e.at.start;
      const why = defaulted ? `private DNS answers inbound resolvers only (AWS's default when ${ctx.words.prop('DnsOptions')} does not set it)` : 'private DNS answers inbound resolvers only';
      const allResolvers = ctx.words.format === 'terraform' ? 'dns_options { private_dns_only_for_inbound_resolver_endpoint = false }' : 'DnsOptions: {PrivateDnsOnlyForInboundResolverEndpoint: AllResolvers}';
      out.push(
        finding(meta, resource.key, `${e.id}: ${why}, which needs a gateway endpoint for ${name} in ${e.vpc.value}, and there is none: AWS rejects the endpoint; add the gateway endpoint or set ${allResolvers}${conditionNote(resource, [])}`, {
          resource,
          span: defaulted ? (e.privateDns.at ?? e.at) : e.privateDnsInboundOnly.at!,
        }),
      );
    }
    return out;
  },
};
