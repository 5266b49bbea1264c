// Hovers: on a ServiceName value, what the catalogue knows about the service; on a finding's range,
// the rule's title, why it matters and its documentation.

import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseText } from '../core/document/parse.js';
import { buildTemplate, looksLikeTemplate } from '../core/cfn/template.js';
import { Resolver } from '../core/cfn/resolve.js';
import { buildEndpoints } from '../core/cfn/endpoints.js';
import { shortName } from '../core/data/catalogue.js';
import { ruleById } from '../core/rules/index.js';
import type { Finding } from '../core/findings.js';
import { rangeOf, ruleDocUrl } from './diagnostics.js';
import { describeService } from './service-text.js';

export function hover(doc: TextDocument, offset: number, findings: readonly Finding[], docsBase: string): Hover | null {
  const sections: string[] = [];
  let range: { start: number; end: number } | undefined;
  const service = serviceHover(doc.getText(), offset);
  if (service) {
    sections.push(service.text);
    range = service;
  }
  for (const f of findings) {
    if (offset < f.start || offset > f.end) continue;
    const meta = ruleById(f.ruleId)?.meta;
    if (!meta) continue;
    sections.push(`**${meta.id}: ${meta.title}**\n\n${meta.why}\n\n[${meta.id} documentation](${ruleDocUrl(docsBase, meta.id)}) · [AWS documentation](${meta.docs})`);
    range ??= f;
  }
  if (sections.length === 0) return null;
  const contents: MarkupContent = { kind: 'markdown', value: [...new Set(sections)].join('\n\n---\n\n') };
  return { contents, range: range ? rangeOf(doc, range.start, range.end) : undefined };
}

/** The service(s) the ServiceName under the cursor names; one per `Fn::If` branch that names another. */
function serviceHover(text: string, offset: number): { text: string; start: number; end: number } | undefined {
  const root = parseText(text).root;
  if (!looksLikeTemplate(root)) return undefined;
  const template = buildTemplate(text, root);
  const endpoint = buildEndpoints(template, new Resolver(template)).find((e) => e.serviceNode && e.serviceNode.start <= offset && offset <= e.serviceNode.end);
  if (!endpoint?.serviceNode) return undefined;
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const { value } of endpoint.services) {
    if (seen.has(value.pattern)) continue;
    seen.add(value.pattern);
    if (value.info) parts.push(describeService(value.info));
    else if (value.isCustom) parts.push(`\`${value.pattern}\`: an endpoint service of another provider; its features are not in the catalogue.`);
    else parts.push(`\`${shortName(value.pattern)}\` is not in the catalogue of AWS endpoint services: endpoint types and features unknown.`);
  }
  if (parts.length === 0) return undefined;
  return { text: parts.join('\n\n'), start: endpoint.serviceNode.start, end: endpoint.serviceNode.end };
}
