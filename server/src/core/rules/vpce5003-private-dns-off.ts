import { definiteType, type Endpoint } from '../cfn/endpoints.js';
import { vpcIdentity } from '../cfn/refs.js';
import { shortName } from '../data/catalogue.js';
import { pairOf } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';

const meta = {
  id: 'VPCE5003',
  severity: 'info',
  title: 'Interface endpoint without private DNS',
  why:
    'CloudFormation leaves PrivateDnsEnabled off by default. Without it, clients that use the service\'s default name (every SDK does) keep resolving the public endpoint ' +
    'and reach it through the NAT or internet gateway; only clients configured with the endpoint-specific name use the endpoint.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns',
} as const;

export const privateDnsOff: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.endpoints()) {
      if (definiteType(e)?.type !== 'Interface' || pairOf(e.props, 'PrivateDnsEnabled') || !e.serviceNode) continue;
      const info = e.services.length === 1 ? e.services[0]!.value.info : undefined;
      if (!info?.privateDns) continue;
      // With a gateway endpoint for the service in the same VPC, default-name traffic stays private anyway.
      if (hasGatewayFor(ctx.endpoints(), e, info.pattern)) continue;
      // S3 private DNS defaults to inbound-resolver-only, which needs an S3 gateway endpoint in the VPC:
      // without one the endpoint must also answer all resolvers.
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns
      const s3 = shortName(info.pattern) === 's3';
      const advice = s3 ? 'add PrivateDnsEnabled: true and DnsOptions: {PrivateDnsOnlyForInboundResolverEndpoint: AllResolvers} (there is no S3 gateway endpoint in this VPC)' : 'add PrivateDnsEnabled: true';
      out.push(
        finding(meta, e.serviceNode, `${e.resource.id}: private DNS is off (CloudFormation's default), so clients using the default ${shortName(info.pattern)} name still reach its public endpoint; ${advice}${conditionNote(e.resource, [])}`, {
          resource: e.resource,
          data: s3 ? undefined : { add: 'PrivateDnsEnabled', value: true },
        }),
      );
    }
    return out;
  },
};

function hasGatewayFor(all: Endpoint[], e: Endpoint, pattern: string): boolean {
  const vpc = vpcIdentity(e.vpc);
  return all.some((o) => o !== e && definiteType(o)?.type === 'Gateway' && vpcIdentity(o.vpc) === vpc && o.services.some((s) => s.value.pattern === pattern));
}
