// Completion across an endpoint on the main thread: which slot the cursor is in (a property of an
// AWS::EC2::VPCEndpoint, or a place in its endpoint policy or in a policy file), answered from the
// version's AssistView. While the text does not parse, the view has no network model: the last one of
// the document is used (its facts are about resources, found by logical id, never by offset).

import { InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf } from '../diagnostics.js';
import type { AnalysisView } from '../lint-protocol.js';
import { resourceAt } from '../template-position.js';
import type { EndpointFacts, NetworkFacts } from './assist-types.js';
import { documentHost, joinHost, stringHost, type Host } from './policy-host.js';
import { endpointDrafts, type Draft, type Style } from './endpoint-values.js';
import { policyDrafts } from './policy-values.js';
import { jsonSlot, yamlSlot, type Slot } from './position.js';
import { iamPrefixForService } from '../../core/policy/service-prefix.js';
import { shortName } from '../../core/data/catalogue.js';

/** The items for the cursor, or undefined when it is in none of these slots. */
export function assistCompletions(doc: TextDocument, offset: number, view: AnalysisView, shared = false): CompletionItem[] | CompletionList | undefined {
  const place = placeAt(doc.getText(), offset, view);
  if (!place) return undefined;
  const { host, slot, style } = place;
  if (host.editable && !host.editable(slot.start, slot.end)) return undefined;
  // No drafts: not one of these slots (a snippet may still start there).
  const drafts = place.policy
    ? policyDrafts(place.path, slot, place.prefix, style, keysBelow(host.text, slot, style.json))
    : endpointDrafts(place.path, slot, place.endpoint, place.net, listedIds(host.text, place.entry.from, place.entry.to, place.path[1], slot, place.net), style);
  return drafts.length ? itemsOf(doc, host, slot, drafts, shared) : undefined;
}

/** Where the cursor is: in an endpoint policy (its path from the policy's root) or among an endpoint's properties. */
export type Place =
  | { policy: true; host: Host; slot: Slot; path: string[]; prefix: string | undefined; style: Style }
  | { policy: false; host: Host; slot: Slot; path: string[]; style: Style; endpoint: EndpointFacts | undefined; net: NetworkFacts | undefined; entry: { from: number; to: number } };

const JSON_STYLE: Style = { json: true, shortRef: false };

export function placeAt(text: string, offset: number, view: AnalysisView): Place | undefined {
  const json = /^\uFEFF?\s*[{[]/.test(text);
  const style: Style = { json, shortRef: json ? false : text.includes('!Ref ') || !/[{\s]Ref:\s/.test(text) };
  const inJson = (host: Host, open: number, prefix: string | undefined): Place | undefined => {
    const at = host.at(offset);
    const slot = open >= 0 && open < at ? jsonSlot(host.text, open, at) : undefined;
    return slot && { policy: true, host, slot, path: slot.path, prefix, style: JSON_STYLE };
  };
  if (view.kind === 'policy') return inJson(documentHost(text), text.indexOf('{'), view.assist?.policies[0]?.prefix);
  // A quoted string of JSON (`PolicyDocument: '{"Statement": ...}'`): its value is the policy.
  const quoted = view.assist?.policies.find((p) => p.syntax === 'string' && p.quote && p.start < offset && offset < p.end);
  if (quoted) {
    const host = stringHost(text, quoted.start, quoted.end, quoted.quote!);
    return inJson(host, host.text.indexOf('{'), quoted.prefix);
  }
  // The pieces of a `Fn::Join`: the cursor's quoted piece is typed in, the others are read around it.
  const joined = view.assist?.policies.find((p) => p.syntax === 'join' && p.pieces && p.start < offset && offset < p.end);
  if (joined) {
    const host = joinHost(text, joined.start, joined.pieces!, offset);
    return host && inJson(host, host.text.indexOf('{'), joined.prefix);
  }
  // JSON in a block scalar (`PolicyDocument: |`): its own region.
  const block = view.assist?.policies.find((p) => p.syntax === 'json' && !json && p.start < offset && offset <= p.end);
  if (block) return inJson(documentHost(text), block.start, block.prefix);
  const i = resourceAt(view.resources, offset);
  if (i < 0) return undefined;
  const t = view.resources.types[i]!;
  if (t >= 0 && view.resources.typeNames[t] !== 'AWS::EC2::VPCEndpoint') return undefined;
  const keyStart = view.resources.starts[i]!;
  const regionStart = json ? view.resources.valueStarts[i]! : keyStart;
  if (json && (regionStart === 0 || offset <= regionStart)) return undefined;
  const slot = json ? jsonSlot(text, regionStart, offset) : yamlSlot(text, regionStart, offset);
  if (!slot) return undefined;
  const path = json ? slot.path : slot.path.slice(1);
  const id = /^["']?([A-Za-z0-9]+)/.exec(text.slice(keyStart, keyStart + 300))?.[1];
  const net = view.assist?.network;
  const endpoint = net?.endpoints.find((e) => e.id === id);
  const host = documentHost(text);
  if (path[0] === 'Properties' && path[1] === 'PolicyDocument') {
    const prefixes = new Set((endpoint?.services ?? []).map((p) => iamPrefixForService(shortName(p))).filter(Boolean));
    return { policy: true, host, slot, path: path.slice(2), prefix: prefixes.size === 1 ? [...prefixes][0] : undefined, style };
  }
  const entry = { from: keyStart, to: view.resources.starts[i + 1] ?? view.resources.valueEnds[i] ?? text.length };
  return { policy: false, host, slot, path, style, endpoint, net, entry };
}

/**
 * The keys already written in the block of the key being typed (a condition operator's keys), read off
 * the text after it: YAML, the lines indented deeper than the key; JSON, the object that follows it.
 */
function keysBelow(text: string, slot: Slot, json: boolean): string[] {
  if (slot.at !== 'key') return [];
  if (json) {
    const block = /^"?\s*:\s*\{([^{}]*)\}/.exec(text.slice(slot.end, slot.end + 2000));
    return block ? [...block[1]!.matchAll(/"([^"]+)"\s*:/g)].map((m) => m[1]!) : [];
  }
  const lineStart = text.lastIndexOf('\n', slot.start - 1) + 1;
  const col = slot.start - lineStart;
  const keys: string[] = [];
  let inner = -1;
  for (const line of text.slice(text.indexOf('\n', slot.end) + 1, slot.end + 4000).split('\n')) {
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const indent = /^ */.exec(line)![0].length;
    if (indent <= col) break;
    if (inner < 0) inner = indent;
    const key = indent === inner ? /^\s*["']?([^"'\s]+?)["']?\s*:(\s|$)/.exec(line) : null;
    if (key) keys.push(key[1]!);
  }
  return keys;
}

/** Ids of the model's elements already written under the property (other than in the slot itself). */
function listedIds(text: string, from: number, to: number, prop: string | undefined, slot: Slot, net: NetworkFacts | undefined): string[] {
  if (!prop || !net || !/^(SubnetIds|SecurityGroupIds|RouteTableIds)$/.test(prop)) return [];
  const entry = text.slice(from, Math.max(to, slot.end));
  const key = new RegExp(`["']?${prop}["']?[ \\t]*:`).exec(entry);
  if (!key) return [];
  const lineStart = entry.lastIndexOf('\n', key.index) + 1;
  const indent = key.index - lineStart;
  let value = '';
  if (/^[ \t]*\[/.test(entry.slice(key.index + key[0].length))) value = entry.slice(key.index, entry.indexOf(']', key.index) + 1 || undefined);
  else {
    // YAML block list: the lines below the key indented deeper than it (or `- ` at its column).
    const lines = entry.slice(key.index + key[0].length).split('\n');
    const kept = [lines[0]!];
    for (const l of lines.slice(1)) {
      const lead = /^ */.exec(l)![0].length;
      if (l.trim() && !(lead > indent || (lead === indent && l.trimStart().startsWith('- ')))) break;
      kept.push(l);
    }
    value = kept.join('\n');
  }
  const base = from + key.index;
  const outside = value.slice(0, slot.start - base) + ' '.repeat(Math.max(0, slot.end - slot.start)) + value.slice(slot.end - base);
  const words = new Set(outside.match(/[A-Za-z0-9]+/g) ?? []);
  const ids = [...net.subnets, ...net.groups, ...net.routeTables].map((e) => e.id);
  return ids.filter((id) => words.has(id));
}

/**
 * `shared`: the client takes a list's item defaults (LSP 3.17): the common range is sent once. The edit
 * is worked out in the host's text (a quoted string's value) and written back into the document's.
 */
function itemsOf(doc: TextDocument, host: Host, slot: Slot, drafts: Draft[], shared: boolean): CompletionItem[] | CompletionList {
  const text = host.text;
  const toRange = (start: number, end: number) => rangeOf(doc, host.source(start), host.source(end));
  const range = toRange(slot.start, slot.end);
  const items = drafts.flatMap((d, n) => {
    let start = slot.start;
    let end = slot.end;
    let newText = (slot.pad ? ' ' : '') + d.value;
    if (slot.quoted) {
      if (d.value.startsWith('"') && d.value.endsWith('"') && !d.value.startsWith('{')) newText = d.value.slice(1, -1);
      else {
        // An object (`{"Ref": ...}`) in place of the string being typed: its quotes go too.
        start -= 1;
        if (text[end] === '"') end += 1;
      }
    }
    // An edit may not reach into text the document does not hold there (another piece of a Fn::Join).
    if (host.editable && !host.editable(start, end)) return [];
    // A YAML key gets its colon, unless one follows already.
    if (slot.at === 'key' && !slot.quoted && !/^\s*"/.test(newText) && !/^[ \t]*:/.test(text.slice(end))) newText += d.opens ? ':' : ': ';
    newText = host.encode(newText);
    const typed = host.encode(slot.typed);
    const filterText = newText.trimStart().startsWith(typed) ? newText.trimStart() : d.filter ?? d.label;
    const item: CompletionItem = { label: d.label, kind: d.kind, sortText: String(n).padStart(5, '0'), filterText };
    if (shared && start === slot.start && end === slot.end) item.textEditText = newText;
    else {
      item.insertTextFormat = InsertTextFormat.PlainText;
      item.textEdit = { range: start === slot.start && end === slot.end ? range : toRange(start, end), newText };
    }
    if (d.detail) item.detail = d.detail;
    if (d.documentation) item.documentation = { kind: 'markdown', value: d.documentation };
    if (d.data) item.data = d.data;
    return [item];
  });
  return shared ? { isIncomplete: false, itemDefaults: { editRange: range, insertTextFormat: InsertTextFormat.PlainText }, items } : items;
}
