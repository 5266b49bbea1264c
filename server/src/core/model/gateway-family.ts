// Whether a gateway endpoint's route carries IPv6, answered once for the route choice (model/routes.ts)
// and VPCE4002. A gateway endpoint adds the service's IPv4 prefix-list route; since November 2025 an S3
// gateway endpoint set to dual stack (IpAddressType dualstack) adds the IPv6 prefix list too. DynamoDB
// gateway endpoints are IPv4 only. The catalogue records which service supports it (services.json
// `ipv6.Gateway`, cited there: aws-ipv6-support, gateway-endpoints-dynamodb, s3-privatelink).
// https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
// https://aws.amazon.com/about-aws/whats-new/2025/11/ipv6-amazon-s3-gateway-interface-vpc-endpoints/

import { parseServiceName } from '../data/catalogue.js';
import { known, unknownFact, type Endpoint, type Fact } from './types.js';

/** The gateway endpoint's route holds the service's IPv6 addresses. Unknown: the deciding value named. */
export function gatewayRoutesIpv6(e: Endpoint): Fact<boolean> {
  if (!e.service.known) return unknownFact(`${e.id}'s service is not known`, e.service.decides, e.service.at);
  const info = parseServiceName(e.service.value.replace('{region}', '${AWS::Region}'))?.info;
  const supports = info?.ipv6.Gateway;
  if (supports === false) return known(false, e.service.at);
  if (supports !== true) return unknownFact(`whether ${e.service.value} gateway endpoints route IPv6 is not recorded`, `${e.id}'s service`, e.service.at);
  const ip = e.ipAddressType;
  if (!ip.known) return unknownFact(ip.why, ip.decides, ip.at);
  return known(ip.value === 'dualstack' || ip.value === 'ipv6', ip.at);
}
