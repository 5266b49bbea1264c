// Every rule's documentation from its metadata: what the editor's rule page shows, and what
// docs/rules.md is generated from (scripts/rules-doc.ts), so the two never say different things.

import { rules } from '../core/rules/index.js';
import { fixRegistry } from '../core/fixes/registry.js';
import type { RuleDoc } from '../protocol/editor.js';

/** Rule id prefix → the area its rules are listed under. */
export const RULE_AREAS: readonly (readonly [string, string])[] = [
  ['VPCE0', 'Document'],
  ['VPCE1', 'Schema'],
  ['VPCE2', 'Endpoint type and service'],
  ['VPCE3', 'Region and partition'],
  ['VPCE4', 'IP address type'],
  ['VPCE5', 'Private DNS'],
  ['VPCE6', 'Subnets and security groups'],
  ['VPCE7', 'Route tables'],
  ['VPCE8', 'Endpoint services (PrivateLink provider)'],
  ['VPCE9', 'Endpoint policies'],
];

/** '' (no quick fix), 'yes', or 'yes, in Fix all' (applied by Fix all too). */
export function fixLabel(id: string): string {
  const entry = Object.hasOwn(fixRegistry, id) ? fixRegistry[id] : undefined;
  return entry ? (entry.preferred ? 'yes, in Fix all' : 'yes') : '';
}

export function ruleDocs(): RuleDoc[] {
  return rules.map(({ meta }) => ({
    id: meta.id,
    severity: meta.severity,
    title: meta.title,
    why: meta.why,
    docs: meta.docs,
    area: RULE_AREAS.find(([prefix]) => meta.id.startsWith(prefix))?.[1] ?? 'Other',
    fix: fixLabel(meta.id),
    ...(meta.terraform ? { terraform: { why: meta.terraform.why, docs: meta.terraform.docs } } : {}),
    ...(meta.noTerraform ? { noTerraform: meta.noTerraform } : {}),
  }));
}

/** Rules whose fact is stated on the page of the resource type the finding is on. */
const PER_RESOURCE_TYPE = new Set(['VPCE1001', 'VPCE1002', 'VPCE1003']);

/**
 * The AWS page for one finding: for the schema rules, the CloudFormation reference page of the finding's
 * resource type (`AWS::EC2::VPCEndpoint` → aws-resource-ec2-vpcendpoint.html), which lists its properties,
 * which are required and their types; else the rule's own page.
 */
export function awsDocsFor(ruleId: string, ruleDocs: string, resourceType: string | undefined): string {
  const m = resourceType && PER_RESOURCE_TYPE.has(ruleId) ? /^AWS::(\w+)::(\w+)$/.exec(resourceType) : null;
  return m ? `https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-${m[1]!.toLowerCase()}-${m[2]!.toLowerCase()}.html` : ruleDocs;
}
