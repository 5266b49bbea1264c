// Whether an endpoint of a type can exist for a service: a premise every rule and the trace share, so
// that an endpoint whose type is wrong gets one answer ("fix the type"), not advice that rests on it.
// https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html

import { shortName, type ServiceInfo } from '../data/catalogue.js';

/** Why an endpoint of this type for this service cannot be created; undefined when it can (or we cannot tell). */
export function typeProblem(type: string, info: ServiceInfo, defaulted: boolean): string | undefined {
  const name = shortName(info.pattern);
  if (type === 'GatewayLoadBalancer') return `a GatewayLoadBalancer endpoint connects to a Gateway Load Balancer endpoint service, not to ${name}`;
  // A VPC Lattice endpoint names a service network (ServiceNetworkArn) or a resource configuration
  // (ResourceConfigurationArn), never a service: EC2 refuses one written with an AWS service's name.
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
  if (type === 'ServiceNetwork' || type === 'Resource') return `${name} has no ${type} endpoint, only ${info.types.join(' or ')}`;
  if ((type !== 'Gateway' && type !== 'Interface') || info.types.includes(type)) return undefined;
  const offered = info.types.join(' or ');
  return defaulted ? `its type is not set, so it is a Gateway endpoint, but ${name} has ${offered} endpoints only` : `${name} has no ${type} endpoint, only ${offered}`;
}

/**
 * Whether EC2 refuses private DNS on an Interface endpoint of this service: the service has no private DNS
 * name (DynamoDB). The model marks such an endpoint broken and VPCE5005 reports it: one fact for both.
 */
export function refusesPrivateDns(info: ServiceInfo | undefined): info is ServiceInfo {
  return info?.privateDns === false;
}
