// Which fix family repairs which rule: the one place a rule opts in to quick fixes. Each entry is
// registered against the rule itself, so the family's data type is checked against the data the rule
// declares (`Rule<Data>`): a fix that reads a field the rule no longer writes does not compile.
//
// `preferred` marks fixes that are what the finding plainly calls for; they go into "fix all".
// Not preferred: fixes that change behaviour the author may have chosen (private DNS on, acceptance
// required) and guesses among several plausible names (an unknown service).

import type { FindingData } from '../findings.js';
import type { Rule } from '../rules/types.js';
import { syntaxError } from '../rules/vpce0001-syntax.js';
import { unresolvedReference } from '../rules/vpce0007-unresolved-reference.js';
import { getAttAttribute } from '../rules/vpce0008-getatt-attribute.js';
import { unknownProperty } from '../rules/vpce1002-unknown-property.js';
import { invalidValue } from '../rules/vpce1003-invalid-value.js';
import { endpointTypeUnsupported } from '../rules/vpce2001-endpoint-type-unsupported.js';
import { propertiesByType } from '../rules/vpce2002-properties-by-type.js';
import { unknownService } from '../rules/vpce2003-unknown-service.js';
import { endpointServiceType } from '../rules/vpce2005-endpoint-service-type.js';
import { regionMismatch } from '../rules/vpce3001-region-mismatch.js';
import { hardCodedRegion } from '../rules/vpce3002-hard-coded-region.js';
import { hardCodedPartition } from '../rules/vpce3003-hard-coded-partition.js';
import { privateDnsNeedsVpcDns } from '../rules/vpce5001-private-dns-needs-vpc-dns.js';
import { privateDnsOff } from '../rules/vpce5003-private-dns-off.js';
import { privateDnsNotOffered } from '../rules/vpce5005-private-dns-not-offered.js';
import { oneSubnetPerAz } from '../rules/vpce6001-one-subnet-per-az.js';
import { securityGroup443 } from '../rules/vpce6003-security-group-443.js';
import { routeTableBypassesEndpoint } from '../rules/vpce7003-route-table-bypasses-endpoint.js';
import { acceptanceRequired } from '../rules/vpce8002-acceptance-required.js';
import { permissionPrincipals } from '../rules/vpce8003-permission-principals.js';
import { policyVersion } from '../rules/vpce9003-policy-version.js';
import { policyPrincipal } from '../rules/vpce9004-policy-principal.js';
import { policyAction } from '../rules/vpce9005-policy-action.js';
import { policyConditionKey } from '../rules/vpce9007-policy-condition-key.js';
import { policyOperator } from '../rules/vpce9008-policy-operator.js';
import { renameKey } from './families/rename-key.js';
import { renameReference } from './families/rename-reference.js';
import { replaceWithEach, replaceWithSuggestion } from './families/suggestion.js';
import { setEndpointType } from './families/endpoint-type.js';
import { removeMember } from './families/remove-member.js';
import { substitutePartition, substituteRegion } from './families/substitute.js';
import { turnOnVpcDns } from './families/vpc-dns.js';
import { addOrSet } from './families/add-or-set.js';
import { appendRef } from './families/append-ref.js';
import { removeListItem } from './families/remove-item.js';
import { admitHttps } from './families/admit-https.js';
import { replaceOperator } from './families/operator.js';
import { fixInvalidValue } from './families/invalid-value.js';
import { convertEndpoint } from './families/convert.js';
import { quoteValue } from './families/quote-value.js';
import { withVpcDns } from './families/with-vpc-dns.js';
import type { FixFamily, RegistryEntry } from './types.js';

/** An entry: the family must read only what the rule's data type has (`NoInfer`: the rule decides). */
function fix<Data extends FindingData>(rule: Rule<Data>, family: FixFamily<NoInfer<Data>>, preferred: boolean): [string, RegistryEntry] {
  return [rule.meta.id, { family: family as FixFamily, preferred }];
}

function orElse<T>(first: T[], then: () => T[]): T[] {
  return first.length ? first : then();
}

export const fixRegistry: Readonly<Record<string, RegistryEntry>> = Object.fromEntries([
  // The value as written, quoted: what CloudFormation's YAML reader needs to read it.
  fix(syntaxError, quoteValue, true),
  // A near name is a guess at what the author meant: offered, never applied by fix-all.
  fix(unresolvedReference, renameReference, false),
  fix(getAttAttribute, renameReference, false),
  fix(unknownProperty, renameKey, true),
  fix(invalidValue, fixInvalidValue, true),
  // The whole conversion first (type, subnets or route tables, security group, DNS); the bare type
  // change where a conversion cannot be made (a computed property, no Properties to edit).
  fix(endpointTypeUnsupported, (ctx) => orElse(convertEndpoint(ctx), () => setEndpointType(ctx)), true),
  fix(propertiesByType, (ctx) => [...convertEndpoint(ctx), ...removeMember(ctx)], true),
  fix(endpointServiceType, setEndpointType, true),
  fix(unknownService, replaceWithEach, false),
  fix(regionMismatch, substituteRegion, true),
  fix(hardCodedRegion, substituteRegion, true),
  fix(hardCodedPartition, substitutePartition, true),
  fix(privateDnsNeedsVpcDns, turnOnVpcDns, true),
  // With the VPC's DNS attributes it needs, where they are off: private DNS alone would not deploy.
  fix(privateDnsOff, withVpcDns(addOrSet('resource-properties')), false),
  // The endpoint cannot be created with private DNS on: turning it off is what it takes.
  fix(privateDnsNotOffered, addOrSet('resource-properties'), true),
  // Which of two subnets in one zone should stay is the author's choice.
  fix(oneSubnetPerAz, removeListItem, false),
  // Opens a security group: the author decides.
  fix(securityGroup443, admitHttps, false),
  fix(routeTableBypassesEndpoint, appendRef, false),
  // Not where the false is a parameter's default: a literal over the `!Ref` would take the choice from the deployment.
  fix(acceptanceRequired, (ctx) => (ctx.data.parameter ? [] : addOrSet('resource-properties')(ctx)), false),
  fix(permissionPrincipals, replaceWithSuggestion, true),
  // Endpoint policies. Names IAM might mean differently (a near action, condition key or operator) are
  // not preferred: fix-all must never change what a policy allows.
  fix(policyVersion, addOrSet('enclosing-map'), true),
  fix(policyPrincipal, addOrSet('enclosing-map'), false),
  fix(policyAction, replaceWithSuggestion, false),
  fix(policyConditionKey, replaceWithSuggestion, false),
  fix(policyOperator, replaceOperator, false),
]);
