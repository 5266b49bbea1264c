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
  }));
}
