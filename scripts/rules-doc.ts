// Renders docs/rules.md from the rules' own metadata, so the document never drifts from the code.

import type { Rule } from '../server/src/core/rules/types.js';
import { fixLabel as fixCell, RULE_AREAS as AREAS } from '../server/src/lsp/rule-docs.js';
import { TF_FIXES } from '../server/src/core/tf/fixes/index.js';
import { TF_ONLY_RULES } from '../server/src/core/tf/analysis.js';

/** Whether a Terraform configuration can raise the rule, and whether its quick fix is made in Terraform too. */
function tfCell(rule: Rule): string {
  const id = rule.meta.id;
  if (rule.meta.noTerraform) return '—';
  if (TF_ONLY_RULES.has(id)) return 'only';
  return Object.hasOwn(TF_FIXES, id) ? 'yes' : '';
}


export function renderRulesDoc(rules: readonly Rule[]): string {
  const out: string[] = [
    '# VPC Endpoint Lens rules',
    '',
    '<!-- Generated from the rules\' metadata by `npm run gen:rules-doc`. Do not edit by hand. -->',
    '',
    'Each rule has a stable id. Change a rule\'s severity or turn it off in `.vpce-lens.yaml` (`rules: {VPCE5003: off}`),',
    'or silence it for one resource with `Metadata: {vpce-lens: {ignore: [VPCE5003]}}`.',
    '',
    'Quick fix: the editor offers one on the light bulb where the finding has what the fix needs (a suggestion, a value that',
    'is known). "in Fix all": **Fix all** applies it too, as what the finding plainly calls for; the others change something',
    'the author may have chosen, or pick among several candidates, so they wait to be asked. "Terraform": "yes", the fix is made',
    'in `.tf` files too, as an HCL edit in the file\'s layout; "only": Terraform only; blank: the rule judges Terraform too, its fix (if any) is',
    'CloudFormation\'s only; "—": a Terraform configuration or plan never gets the rule\'s finding (its entry says why). Where Terraform words a rule\'s facts differently (its arguments, the AWS provider\'s defaults), "In Terraform:" says them so, with',
    'the Terraform registry page; the editor\'s hover on a `.tf` finding, the rule page and SARIF for a Terraform finding show that text.',
    '',
    '| Id | Severity | Title | Quick fix | Terraform |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map((r) => `| [${r.meta.id}](#${r.meta.id.toLowerCase()}) | ${r.meta.severity} | ${r.meta.title} | ${fixCell(r.meta.id) || (TF_ONLY_RULES.has(r.meta.id) && Object.hasOwn(TF_FIXES, r.meta.id) ? 'yes' : '')} | ${tfCell(r)} |`),
    '',
  ];
  for (const [prefix, area] of AREAS) {
    const inArea = rules.filter((r) => r.meta.id.startsWith(prefix));
    if (inArea.length === 0) continue;
    out.push(`## ${area}`, '');
    for (const r of inArea) {
      out.push(`### ${r.meta.id}`, '', `**${r.meta.title}** — default severity: ${r.meta.severity}`, '', r.meta.why, '', `${r.meta.docs.startsWith('https://docs.aws.amazon.com/') ? 'AWS documentation' : 'Terraform documentation'}: <${r.meta.docs}>`, '');
      // The same rule in Terraform's words (arguments, the AWS provider's defaults), with the registry page.
      const tf = r.meta.terraform;
      if (tf) out.push(`In Terraform: ${tf.why}`, '', `Terraform documentation: <${tf.docs}>`, '');
      if (r.meta.noTerraform) out.push(`Not raised in Terraform: ${r.meta.noTerraform}`, '');
    }
  }
  return out.join('\n');
}
