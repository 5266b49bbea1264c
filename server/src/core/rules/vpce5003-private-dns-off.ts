import { endpointsFor, mayAnswerName, mayHaveGateway, vpcDns, zoneFor } from '../model/dns.js';
import { redirectFor } from '../model/dns-redirects.js';
import { nameRegionKey } from '../model/name-region.js';
import { factBranches, type NetworkModel } from '../model/types.js';
import { serviceByPattern, shortName } from '../data/catalogue.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { privateDnsEndpoints, type PrivateDnsEndpoint } from './private-dns.js';
import { finding, type Rule } from './types.js';
import type { Words } from './words.js';

const meta = {
  id: 'VPCE5003',
  severity: 'info',
  title: 'Interface endpoint without private DNS',
  why:
    'CloudFormation leaves PrivateDnsEnabled off by default. Without it, clients that use the service\'s default name (every SDK does) keep resolving the public endpoint ' +
    'and reach it through the NAT or internet gateway, or not at all; only clients configured with the endpoint\'s own DNS names use the endpoint. ' +
    'Where the catalogue does not know whether the service offers private DNS, the finding says so and offers no quick fix.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns',
  // Terraform: the AWS provider's aws_vpc_endpoint page (website/docs/r/vpc_endpoint.html.markdown): vpc_endpoint_type
  // "Defaults to Gateway", private_dns_enabled "Defaults to false", policy "a JSON formatted string. Defaults to full access".
  terraform: {
    why:
      'The AWS provider defaults private_dns_enabled to false. ' +
      'Without private_dns_enabled = true, clients that use the service\'s default name (every SDK does) keep resolving the public endpoint and reach it through the NAT or internet gateway, or not at all; only clients configured with the endpoint\'s own DNS names (its dns_entry) use the endpoint. ' +
      'Where the catalogue does not know whether the service offers private DNS, the finding says so and offers no quick fix.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint',
  },
} as const;

/**
 * The property to add (exists: false) or to change (true), and its value. `vpcDns`: the VPC's DNS
 * attributes that are off, which private DNS needs too (VPCE5001): the fix turns them on in one change.
 */
export type MemberData = { member: string; value: boolean; exists: boolean; vpcDns?: { vpc: string; attributes: string[] } };

const VPC_DNS = { support: 'EnableDnsSupport', hostnames: 'EnableDnsHostnames' } as const;

export const privateDnsOff: Rule<MemberData> = {
  meta,
  check(ctx) {
    const out: Finding<MemberData>[] = [];
    const model = ctx.network().judged();
    let withDns: PrivateDnsEndpoint[] | undefined;
    for (const e of model.endpoints.values()) {
      const resource = ctx.template.byId.get(e.id);
      const types = factBranches(e.type);
      if (!resource || !types.length || types.some((t) => t.value !== 'Interface') || !e.privateDnsDefaulted || !e.service.known) continue;
      // A service that offers no private DNS leaves nothing to advise; a provider's endpoint service
      // (not in the catalogue) has its own (optional) private name, which is the provider's business.
      const info = serviceByPattern(e.service.value);
      if (!info || info.privateDns === false) continue;
      // With a gateway endpoint for the service in the same VPC, default-name traffic stays private anyway;
      // with another endpoint that has the private DNS, it goes there (and a second would not deploy).
      // The endpoint's own name, not its catalogue form: two DSQL clusters' endpoints are two services.
      const pattern = e.service.value;
      // One the model cannot rule out (its service, type or private DNS known only at deploy time) may be it.
      if (hasGatewayFor(model, e.id, pattern) || hasPrivateDnsElsewhere(model, (withDns ??= privateDnsEndpoints(ctx)), e.id, pattern)) continue;
      // A private hosted zone of the template answers the default name in the VPC (a centralised endpoint's alias);
      // a Resolver rule or DHCP options may hand it to resolvers that answer with this endpoint's addresses.
      const vpc = model.vpcs.get(vpcOf(model, e.id) ?? '');
      const name = shortName(pattern);
      if (vpc && (zoneFor(model, vpc, pattern) || redirectFor(model, vpc, pattern, name, 0))) continue;
      const off = vpc ? vpcDns(vpc).off : [];
      const vpcOff = vpc && off.length ? { vpcDns: { vpc: vpc.id, attributes: off.map((a) => ctx.words.prop(VPC_DNS[a])) } } : {};
      out.push(
        finding(meta, resource.key, `${e.id}: private DNS is off (${ctx.words.defaults}), so clients using the default ${name} name do not use this endpoint; ${advice(name, info.privateDns, ctx.words)}${conditionNote(resource, [])}`, {
          resource,
          span: e.service.at,
          // The quick fix only where the service is known to offer private DNS: elsewhere it may not deploy.
          data: info.privateDns && name !== 's3' ? { member: 'PrivateDnsEnabled', value: true, exists: false, ...vpcOff } : undefined,
        }),
      );
    }
    return out;
  },
};

function advice(name: string, offered: boolean | null, w: Words): string {
  const enable = w.set('PrivateDnsEnabled', 'true');
  // S3 private DNS defaults to inbound-resolver-only, which needs an S3 gateway endpoint in the VPC:
  // without one the endpoint must also answer all resolvers.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns
  const allResolvers = w.format === 'terraform' ? 'dns_options { private_dns_only_for_inbound_resolver_endpoint = false }' : 'DnsOptions: {PrivateDnsOnlyForInboundResolverEndpoint: AllResolvers}';
  if (name === 's3') return `add ${enable} and ${allResolvers} (there is no S3 gateway endpoint in this VPC)`;
  if (offered) return `add ${enable}`;
  return `they must use the endpoint's own DNS names, or add ${enable} if ${name} offers private DNS`;
}

// The VPCs are the model's: an endpoint whose VpcId is a parameter is in the VPC of its subnets.
function vpcOf(model: NetworkModel, id: string): string | undefined {
  const vpc = model.endpoints.get(id)?.vpc;
  return vpc?.known ? vpc.value : undefined;
}

function hasPrivateDnsElsewhere(model: NetworkModel, withDns: PrivateDnsEndpoint[], id: string, pattern: string): boolean {
  const vpc = vpcOf(model, id);
  // Another endpoint's private DNS takes this one's names only where both answer one Region's (a cross-Region endpoint
  // answers its service Region's: model/name-region.ts).
  const e = model.endpoints.get(id);
  const key = e ? nameRegionKey(e) : '';
  return vpc !== undefined && (mayAnswerName(model, vpc, pattern, id) || withDns.some((p) => p.endpoint.id !== id && vpcOf(model, p.endpoint.id) === vpc && nameRegionKey(p.endpoint) === key && factBranches(p.endpoint.service).some((s) => s.value === pattern)));
}

function hasGatewayFor(model: NetworkModel, id: string, pattern: string): boolean {
  const vpc = vpcOf(model, id);
  // A VPC the model does not know (a Terraform reference to a VPC its folder does not declare) may be one
  // with a gateway endpoint for the service, as one the template does not create may (mayHaveGateway).
  if (vpc === undefined) return serviceByPattern(pattern)?.types.includes('Gateway') ?? false;
  return endpointsFor(model, vpc, 'Gateway', pattern).length > 0 || mayHaveGateway(model, vpc, pattern);
}
