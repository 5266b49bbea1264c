// "Ignore VPCExxxx for Resource": the rule id goes into the resource's `Metadata: vpce-lens: ignore`
// list (what the engine reads, cfn/template.ts), which is extended when it exists and created, with
// whatever of `Metadata` / `vpce-lens` is missing, in the template's style when it does not.

import { parseText } from '../document/parse.js';
import { asMap, pairOf } from '../document/tree.js';
import { resourceNodes } from './tree-path.js';
import type { Fix, TextEdit } from './types.js';
import { addItem, addMember, styleOf } from './write.js';

export function ignoreFix(text: string, root: Parameters<typeof resourceNodes>[0], json: boolean, resource: string, ruleId: string): Fix | undefined {
  const edit = ignoreEdit(text, root, json, resource, ruleId);
  return edit ? { title: `Ignore ${ruleId} for ${resource}`, isPreferred: false, edits: [edit] } : undefined;
}

function ignoreEdit(text: string, root: Parameters<typeof resourceNodes>[0], json: boolean, resource: string, ruleId: string): TextEdit | undefined {
  const res = resourceNodes(root, resource);
  if (!res || res.node.shortTag) return undefined;
  const s = styleOf(text, json);
  const metadataPair = pairOf(res.node, 'Metadata');
  if (!metadataPair) return addMember(text, res.node, 'Metadata', { 'vpce-lens': { ignore: [ruleId] } }, s);
  const metadata = asMap(metadataPair.value);
  if (!metadata || metadata.shortTag) return undefined;
  const oursPair = pairOf(metadata, 'vpce-lens');
  if (!oursPair) return addMember(text, metadata, 'vpce-lens', { ignore: [ruleId] }, s);
  const ours = asMap(oursPair.value);
  if (!ours) return undefined;
  const listPair = pairOf(ours, 'ignore');
  if (!listPair) return addMember(text, ours, 'ignore', [ruleId], s);
  const list = listPair.value;
  if (list?.kind === 'seq') return addItem(text, list, ruleId, s);
  // `ignore: VPCE1234` (one id as a string): it becomes a list of both.
  if (list?.kind === 'scalar' && typeof list.value === 'string') {
    const written = text.slice(list.start, list.end);
    return { start: list.start, end: list.end, newText: `[${written}, ${json ? JSON.stringify(ruleId) : ruleId}]` };
  }
  return undefined;
}

/**
 * The project file's text with `rules: {<ruleId>: 'off'}` set (quoted: YAML 1.1 readers take a plain off for false): the existing severity replaced, or the
 * rule added to `rules`, or `rules` added. Undefined when the file is not a mapping we can edit.
 */
export function ruleOffEdit(configText: string, json: boolean, ruleId: string): TextEdit | undefined {
  const s = styleOf(configText, json);
  if (!configText.trim()) return { start: 0, end: configText.length, newText: json ? `{"rules": {${JSON.stringify(ruleId)}: "off"}}${s.nl}` : `rules:${s.nl}  ${ruleId}: 'off'${s.nl}` };
  const root = asMap(parseText(configText, { json }).root);
  if (!root || root.shortTag) return undefined;
  const rulesPair = pairOf(root, 'rules');
  if (!rulesPair) return addMember(configText, root, 'rules', { [ruleId]: 'off' }, s);
  const rules = asMap(rulesPair.value);
  if (!rules) return undefined;
  const existing = pairOf(rules, ruleId)?.value;
  if (existing?.kind === 'scalar') return { start: existing.start, end: existing.end, newText: json ? '"off"' : "'off'" };
  return existing ? undefined : addMember(configText, rules, ruleId, 'off', s);
}
