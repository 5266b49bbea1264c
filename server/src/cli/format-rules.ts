// The rule catalogue, for `vpce-lens --rules`.

import type { Rule } from '../core/rules/types.js';

export function formatRules(rules: readonly Rule[], format: 'text' | 'json' | 'sarif'): string {
  if (format !== 'text') return JSON.stringify(rules.map((r) => r.meta), null, 2) + '\n';
  // A rule no Terraform file can raise says so, with why: a Terraform user reads the list too.
  return rules.map((r) => `${r.meta.id}  ${r.meta.severity.padEnd(7)}  ${r.meta.title}\n          ${r.meta.docs}${r.meta.noTerraform ? `\n          not raised in Terraform: ${r.meta.noTerraform}` : ''}`).join('\n') + '\n';
}
