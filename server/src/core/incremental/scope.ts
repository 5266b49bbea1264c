// Each rule's scope for incremental linting (lint.ts): what its findings may rest on.
//   document: the parse itself (VPCE0xxx) — re-run on every version;
//   resource: the resource each finding names, alone (rules/resource-local.ts lists them, for the same
//             reason: they also speak on the resources that parsed when another did not);
//   template: anything in the template — kept only when an edit changes nothing other resources read.
// A rule not listed as resource-scoped is template-scoped: the safe default for a new rule.

import { RESOURCE_LOCAL_RULES } from '../rules/resource-local.js';
import type { RuleScope } from './lint.js';

export function ruleScope(id: string): RuleScope {
  if (id.startsWith('VPCE0')) return 'document';
  return RESOURCE_LOCAL_RULES.has(id) ? 'resource' : 'template';
}
