// Hovers: on a ServiceName value, what the catalogue knows about the service; on a subnet, route table
// or security group, its facts from the network model (complete/element-text.ts); on a finding's range,
// the rule's title, why it matters and its documentation. The service texts are made in the lint
// worker with the version's Analysis (serviceSpans); the hover itself only looks them up.

import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/engine.js';
import { serviceByPattern, shortName } from '../core/data/catalogue.js';
import { ruleById } from '../core/rules/index.js';
import { rangeOf, ruleDocUrl } from './diagnostics.js';
import { describeService } from './service-text.js';
import { codeSpan, escapeMarkdown } from '../core/util/markdown.js';
import { pairOf } from '../core/document/tree.js';
import { crossRegionText } from '../core/model/cross-region.js';
import type { AnalysisView, ResourceIndex, ServiceSpan } from './lint-protocol.js';
import { awsDocsFor } from './rule-docs.js';
import { isTerraformDocument } from './terraform-watch.js';
import { elementText } from './complete/element-text.js';
import { elementAt, type ElementAt } from './complete/element-at.js';
import { policyHover } from './complete/policy-hover.js';

/**
 * `across`: the element's texts as the networks across stacks know it (a nested template read with its parents:
 * element-across.ts), asked of the worker for the element elementMark finds; they stand for the document's own.
 */
export function hover(doc: TextDocument, offset: number, view: AnalysisView, docsBase: string, across?: readonly string[] | null): Hover | null {
  const sections: string[] = [];
  let range: { start: number; end: number } | undefined;
  const service = view.services.find((s) => s.start <= offset && offset <= s.end);
  if (service) {
    sections.push(serviceText(service));
    if (service.region) sections.push(escapeMarkdown(service.region));
    range = service;
  }
  // A subnet, route table or security group (its key, or a Ref / GetAtt to it): its facts from the model.
  const mark = elementMark(doc, offset, view);
  const facts = mark && (across?.length ? across.join('\n\n---\n\n') : elementText(view.assist!.network!, mark.kind, mark.id));
  if (mark && facts) {
    sections.push(facts);
    range ??= mark;
  }
  // In an endpoint policy: an action's description, an operator's or a condition key's types.
  const policy = view.kind === 'template' || view.kind === 'policy' ? policyHover(doc.getText(), offset, view) : undefined;
  if (policy) {
    sections.push(policy.markdown);
    range ??= policy;
  }
  const terraform = isTerraformDocument(doc.uri);
  for (const f of view.findings) {
    if (offset < f.start || offset > f.end) continue;
    const meta = ruleById(f.ruleId)?.meta;
    if (!meta) continue;
    const aws = awsDocsFor(meta.id, meta.docs, resourceTypeAt(view.resources, f.start));
    // A Terraform document's finding is explained in Terraform's words, with the registry page beside AWS's.
    const tf = terraform ? meta.terraform : undefined;
    const links = [`[${meta.id} documentation](${ruleDocUrl(docsBase, meta.id)})`, ...(tf ? [`[Terraform documentation](${tf.docs})`] : []), ...(aws === tf?.docs ? [] : [`[${aws.startsWith('https://docs.aws.amazon.com/') ? 'AWS' : 'Terraform'} documentation](${aws})`])];
    sections.push(`**${meta.id}: ${meta.title}**\n\n${tf?.why ?? meta.why}\n\n${links.join(' · ')}`);
    range ??= f;
  }
  if (sections.length === 0) return null;
  const contents: MarkupContent = { kind: 'markdown', value: [...new Set(sections)].join('\n\n---\n\n') };
  return { contents, range: range ? rangeOf(doc, range.start, range.end) : undefined };
}

/** The subnet, route table or security group the cursor names (its declaration, or a Ref / GetAtt to it). */
export function elementMark(doc: TextDocument, offset: number, view: AnalysisView): ElementAt | undefined {
  const net = view.assist?.network;
  return net && view.kind === 'template' ? elementAt(doc.getText(), offset, view.resources, net) : undefined;
}

/** Each endpoint's ServiceName value and the services it names, one per `Fn::If` branch that names another. */
export function serviceSpans(a: Analysis): ServiceSpan[] {
  if (a.kind !== 'template') return [];
  const out: ServiceSpan[] = [];
  for (const endpoint of a.endpoints()) {
    if (!endpoint.serviceNode) continue;
    const seen = new Set<string>();
    const services: ServiceSpan['services'] = [];
    for (const { value } of endpoint.services) {
      if (seen.has(value.pattern)) continue;
      seen.add(value.pattern);
      services.push({ pattern: value.pattern, custom: value.isCustom });
    }
    // The model is made only for an endpoint that writes a ServiceRegion (the one fact hover, trace and rules read).
    const region = pairOf(endpoint.props, 'ServiceRegion') ? crossRegionText(a.network()?.judged().endpoints.get(endpoint.resource.id) ?? NO_ENDPOINT) : undefined;
    if (services.length) out.push({ start: endpoint.serviceNode.start, end: endpoint.serviceNode.end, services, ...(region ? { region } : {}) });
  }
  return out;
}

const NO_ENDPOINT = { id: '', home: { regions: [], decides: '' } };

/** What the catalogue says of each service a ServiceName names (written when hovered, not per keystroke). */
function serviceText(span: ServiceSpan): string {
  return span.services
    .map(({ pattern, custom }) => {
      const info = serviceByPattern(pattern);
      if (info) return describeService(info);
      // The template's own text: shown as code that cannot close early (codeSpan), never as markdown.
      if (custom) return `${codeSpan(pattern)}: an endpoint service of another provider; its features are not in the catalogue.`;
      return `${codeSpan(shortName(pattern))} is not in the catalogue of AWS endpoint services: endpoint types and features unknown.`;
    })
    .join('\n\n');
}

/** The type of the resource whose entry holds `offset` (a finding's start), from the view's resource index. */
function resourceTypeAt(index: ResourceIndex, offset: number): string | undefined {
  for (let i = 0; i < index.starts.length; i++) {
    if (index.starts[i]! <= offset && offset < index.valueEnds[i]!) return index.typeNames[index.types[i]!];
  }
  return undefined;
}
