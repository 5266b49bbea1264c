// The explicit rule registry, in id order. A test checks that every rule file is listed here and that
// ids are unique.

import type { Rule } from './types.js';
import { syntaxError } from './vpce0001-syntax.js';
import { duplicateKey } from './vpce0002-duplicate-key.js';
import { unknownTag } from './vpce0003-unknown-tag.js';
import { tooLarge } from './vpce0004-too-large.js';
import { undeclaredReference } from './vpce0005-undeclared-reference.js';
import { yamlAlias } from './vpce0006-yaml-alias.js';
import { unresolvedReference } from './vpce0007-unresolved-reference.js';
import { getAttAttribute } from './vpce0008-getatt-attribute.js';
import { circularDependency } from './vpce0009-circular-dependency.js';
import { mappingKeyMissing } from './vpce0010-mapping-key-missing.js';
import { missingProperty } from './vpce1001-missing-property.js';
import { unknownProperty } from './vpce1002-unknown-property.js';
import { invalidValue } from './vpce1003-invalid-value.js';
import { placeholderId } from './vpce1004-placeholder-id.js';
import { endpointTypeUnsupported } from './vpce2001-endpoint-type-unsupported.js';
import { propertiesByType } from './vpce2002-properties-by-type.js';
import { unknownService } from './vpce2003-unknown-service.js';
import { policyUnsupported } from './vpce2004-policy-unsupported.js';
import { endpointServiceType } from './vpce2005-endpoint-service-type.js';
import { regionMismatch } from './vpce3001-region-mismatch.js';
import { hardCodedRegion } from './vpce3002-hard-coded-region.js';
import { hardCodedPartition } from './vpce3003-hard-coded-partition.js';
import { crossRegionImpossible } from './vpce3004-cross-region-impossible.js';
import { crossRegionService } from './vpce3005-cross-region-service.js';
import { subnetZoneRegion } from './vpce3006-subnet-zone-region.js';
import { ipAddressType } from './vpce4001-ip-address-type.js';
import { ipv6BypassesGateway } from './vpce4002-ipv6-bypasses-gateway.js';
import { subnetIpv6WithoutVpcBlock } from './vpce4003-subnet-ipv6-without-vpc-block.js';
import { privateDnsNeedsVpcDns } from './vpce5001-private-dns-needs-vpc-dns.js';
import { duplicatePrivateDns } from './vpce5002-duplicate-private-dns.js';
import { privateDnsOff } from './vpce5003-private-dns-off.js';
import { inboundOnlyNeedsGateway } from './vpce5004-inbound-only-needs-gateway.js';
import { privateDnsNotOffered } from './vpce5005-private-dns-not-offered.js';
import { oneSubnetPerAz } from './vpce6001-one-subnet-per-az.js';
import { sameVpc } from './vpce6002-same-vpc.js';
import { securityGroup443 } from './vpce6003-security-group-443.js';
import { duplicateGatewayRoute } from './vpce7001-duplicate-gateway-route.js';
import { routeTableVpc } from './vpce7002-route-table-vpc.js';
import { routeTableBypassesEndpoint } from './vpce7003-route-table-bypasses-endpoint.js';
import { routeToNonGwlbEndpoint } from './vpce7004-route-to-non-gwlb-endpoint.js';
import { serviceLoadBalancers } from './vpce8001-service-load-balancers.js';
import { acceptanceRequired } from './vpce8002-acceptance-required.js';
import { permissionPrincipals } from './vpce8003-permission-principals.js';
import { policyJson } from './vpce9001-policy-json.js';
import { policyStructure } from './vpce9002-policy-structure.js';
import { policyVersion } from './vpce9003-policy-version.js';
import { policyPrincipal } from './vpce9004-policy-principal.js';
import { policyAction } from './vpce9005-policy-action.js';
import { policyOtherService } from './vpce9006-policy-other-service.js';
import { policyConditionKey } from './vpce9007-policy-condition-key.js';
import { policyOperator } from './vpce9008-policy-operator.js';
import { policySize } from './vpce9009-policy-size.js';
import { policyConditionValues } from './vpce9010-policy-condition-values.js';
import { policyArnAccount } from './vpce9011-policy-arn-account.js';
import { gatewayPrincipal } from './vpce9012-gateway-principal.js';
import { policyResource } from './vpce9013-policy-resource.js';
import { policyFullAccess } from './vpce9014-policy-full-access.js';
import { policyPlaceholder } from './vpce9015-policy-placeholder.js';
import { policyAllowsNothing } from './vpce9016-policy-allows-nothing.js';

export const rules: readonly Rule[] = [
  syntaxError,
  duplicateKey,
  unknownTag,
  tooLarge,
  undeclaredReference,
  yamlAlias,
  unresolvedReference,
  getAttAttribute,
  circularDependency,
  mappingKeyMissing,
  missingProperty,
  unknownProperty,
  invalidValue,
  placeholderId,
  endpointTypeUnsupported,
  propertiesByType,
  unknownService,
  policyUnsupported,
  endpointServiceType,
  regionMismatch,
  hardCodedRegion,
  hardCodedPartition,
  crossRegionImpossible,
  crossRegionService,
  subnetZoneRegion,
  ipAddressType,
  ipv6BypassesGateway,
  subnetIpv6WithoutVpcBlock,
  privateDnsNeedsVpcDns,
  duplicatePrivateDns,
  privateDnsOff,
  inboundOnlyNeedsGateway,
  privateDnsNotOffered,
  oneSubnetPerAz,
  sameVpc,
  securityGroup443,
  duplicateGatewayRoute,
  routeTableVpc,
  routeTableBypassesEndpoint,
  routeToNonGwlbEndpoint,
  serviceLoadBalancers,
  acceptanceRequired,
  permissionPrincipals,
  policyJson,
  policyStructure,
  policyVersion,
  policyPrincipal,
  policyAction,
  policyOtherService,
  policyConditionKey,
  policyOperator,
  policySize,
  policyConditionValues,
  policyArnAccount,
  gatewayPrincipal,
  policyResource,
  policyFullAccess,
  policyPlaceholder,
  policyAllowsNothing,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
