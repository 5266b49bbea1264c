// Renders docs/rules.md from the rules' own metadata, so the document never drifts from the code.

import type { Rule } from '../server/src/core/rules/types.js';
import { fixLabel as fixCell, RULE_AREAS as AREAS } from '../server/src/lsp/rule-docs.js';


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
    'the author may have chosen, or pick among several candidates, so they wait to be asked.',
    '',
    '| Id | Severity | Title | Quick fix |',
    '| --- | --- | --- | --- |',
    ...rules.map((r) => `| [${r.meta.id}](#${r.meta.id.toLowerCase()}) | ${r.meta.severity} | ${r.meta.title} | ${fixCell(r.meta.id)} |`),
    '',
  ];
  for (const [prefix, area] of AREAS) {
    const inArea = rules.filter((r) => r.meta.id.startsWith(prefix));
    if (inArea.length === 0) continue;
    out.push(`## ${area}`, '');
    for (const r of inArea) {
      out.push(`### ${r.meta.id}`, '', `**${r.meta.title}** — default severity: ${r.meta.severity}`, '', r.meta.why, '', `AWS documentation: <${r.meta.docs}>`, '');
    }
  }
  return out.join('\n');
}
