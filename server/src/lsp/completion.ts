// Completion of the two values people most often get wrong on an AWS::EC2::VPCEndpoint: ServiceName,
// from the service catalogue (written with ${AWS::Region} so the template stays portable), and
// VpcEndpointType (every type the generated schema accepts). The other endpoint properties and the
// endpoint policies are complete/assist.ts's. Which resource the line belongs to comes from the
// version's analysis (its resource index); the value being typed is read off the line.

import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { allServices, isNameForm, shortName } from '../core/data/catalogue.js';
import { rangeOf } from './diagnostics.js';
import { resourceTypeAt, valueSlotAt, type ValueSlot } from './template-position.js';
import { describeService } from './service-text.js';
import type { AnalysisView } from './lint-protocol.js';
import { resourceSlotAt, snippetItems } from './snippet-slot.js';
import { assistCompletions } from './complete/assist.js';
import { ENDPOINT_TYPES, TYPE_DETAILS } from './complete/endpoint-values.js';
import { describeAction } from './complete/policy-values.js';

/**
 * The items for the slot. `shared`: the client takes a list's item defaults (LSP 3.17), so the range
 * and format common to every item are sent once instead of with each of the ~450 services.
 */
export function completions(doc: TextDocument, offset: number, view: AnalysisView, shared = false): CompletionItem[] | CompletionList {
  const text = doc.getText();
  const slot = valueSlotAt(text, offset);
  if (!slot) {
    // A property of an endpoint, or a place in an endpoint policy (complete/assist.ts).
    const assisted = assistCompletions(doc, offset, view, shared);
    if (assisted) return assisted;
    // Not a value being typed: a whole resource may start here, and only then are snippets offered.
    const json = /^\uFEFF?\s*\{/.test(text);
    const at = resourceSlotAt(text, view.resources, offset, json);
    return at ? snippetItems(doc, at, json) : [];
  }
  const type = resourceTypeAt(view.resources, slot.start);
  // An unparsable resource has no type yet (null): a half-typed endpoint still deserves completion.
  if (type === undefined || (type !== null && type !== 'AWS::EC2::VPCEndpoint')) return [];
  const json = /^\uFEFF?\s*\{/.test(text);
  const range = rangeOf(doc, slot.start, slot.end);
  // `ServiceName:|` — YAML needs a space after the colon.
  const pad = text[slot.start - 1] === ':' ? ' ' : '';
  if (slot.key === 'VpcEndpointType') {
    return ENDPOINT_TYPES.map((value, i) => {
      const detail = TYPE_DETAILS[value] ?? 'An endpoint type the CloudFormation schema accepts';
      const newText = pad + (json ? JSON.stringify(value) : value);
      return { label: value, kind: CompletionItemKind.EnumMember, detail, sortText: String(i), filterText: filterText(slot, newText, value), textEdit: { range, newText } };
    });
  }
  // A name form (`…dsql-{cluster}`) is no name to insert; the index stays the catalogue's for resolve.
  const items = textsOf().flatMap((t, i) => (t.form ? [] : [serviceItem(t, i, slot, json, shared ? undefined : range, pad)]));
  return shared ? { isIncomplete: false, itemDefaults: { editRange: range, insertTextFormat: InsertTextFormat.PlainText }, items } : items;
}

/** What a service's item says, whatever the slot: worked out once per process, not per request. */
interface ServiceText {
  label: string;
  detail: string;
  yaml: string;
  json: string;
  form: boolean;
}

let serviceTexts: ServiceText[] | undefined;

function textsOf(): ServiceText[] {
  return (serviceTexts ??= allServices().map((s) => {
    const name = s.pattern.replace('{region}', '${AWS::Region}');
    const sub = name !== s.pattern;
    return {
      label: shortName(s.pattern),
      detail: `${s.title} (${s.types.join(', ')})`,
      yaml: sub ? `!Sub ${name}` : name,
      json: sub ? `{"Fn::Sub": ${JSON.stringify(name)}}` : JSON.stringify(name),
      form: isNameForm(s),
    };
  }));
}

/** `range` undefined: the list's item defaults carry the range and the format. */
function serviceItem(t: ServiceText, index: number, slot: ValueSlot, json: boolean, range: ReturnType<typeof rangeOf> | undefined, pad: string): CompletionItem {
  const newText = pad + (json ? t.json : t.yaml);
  const item: CompletionItem = {
    label: t.label,
    kind: CompletionItemKind.Value,
    detail: t.detail,
    // The documentation comes with completionItem/resolve, for the one item the user looks at:
    // the list itself stays small enough to answer in a few milliseconds.
    data: { service: index },
    filterText: filterText(slot, newText, t.label),
  };
  if (!range) item.textEditText = newText;
  else {
    // The ${...} is CloudFormation's, not a snippet variable.
    item.insertTextFormat = InsertTextFormat.PlainText;
    item.textEdit = { range, newText };
  }
  return item;
}

/**
 * Editors filter items on the text typed since the range's start: the short name ("ssm") while that
 * is what is typed, the full form once the user types it (`!Sub com.amazonaws...`, `"Interface"`).
 */
function filterText(slot: ValueSlot, newText: string, short: string): string {
  const typed = slot.typed.trimEnd();
  const full = newText.trimStart();
  if (!typed || short.startsWith(typed)) return short;
  if (full.startsWith(typed)) return full;
  const bare = full.replace(/^!Sub /, '');
  return bare.startsWith(typed) ? bare : short;
}

/** completionItem/resolve: a ServiceName item gets the catalogue's description of its service, an action its description. */
export function resolveCompletion(item: CompletionItem): CompletionItem {
  const action = (item.data as { action?: unknown } | undefined)?.action;
  if (typeof action === 'string') {
    const d = describeAction(action);
    return d ? { ...item, detail: d.detail, documentation: { kind: 'markdown', value: d.documentation } } : item;
  }
  const index = (item.data as { service?: unknown } | undefined)?.service;
  const service = typeof index === 'number' ? allServices()[index] : undefined;
  return service ? { ...item, documentation: { kind: 'markdown', value: describeService(service) } } : item;
}
