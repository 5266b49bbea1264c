// Standalone endpoint-policy files: recognised by name (the face's globs) or by content, with the
// service they are for from a setting, the file name, or the actions themselves — in that order.

import type { ParsedDocument } from '../document/parse.js';
import { asMap, type MapNode, type Node } from '../document/tree.js';
import { namedAsEndpointPolicy, policyKind } from './policy-kind.js';
import { filePolicy } from './extract.js';
import { statementsOf, textReader, textsOf } from './model.js';
import { iamPrefixForService, iamPrefixFromFileName } from './service-prefix.js';
import type { PolicyDoc, ServiceHint } from './policy-doc.js';

/**
 * A JSON file is an endpoint policy when the user's globs match it or its name says so; by content
 * only when it reads like one and like no other kind of policy (see policy-kind.ts).
 */
export function isEndpointPolicyFile(root: Node | null, fileName: string | undefined, matchedGlob: boolean): boolean {
  return matchedGlob || namedAsEndpointPolicy(fileName) || policyKind(root).kind === 'endpoint';
}

export function policyFileDoc(text: string, parsed: ParsedDocument, fileName: string | undefined, setting: string | undefined): PolicyDoc {
  const root = asMap(parsed.root) ?? null;
  const anchor: Node = root ?? { kind: 'scalar', value: null, start: 0, end: Math.min(text.length, 1), style: 'plain' };
  return filePolicy(root, anchor, [], text.length, serviceOf(root, fileName, setting));
}

function serviceOf(root: MapNode | null, fileName: string | undefined, setting: string | undefined): ServiceHint {
  if (setting) {
    // A service whose IAM prefix is not known (bedrock-runtime's actions are bedrock:) is no prefix to judge by.
    const prefix = iamPrefixForService(setting.toLowerCase());
    return prefix ? { prefix, how: 'setting' } : { prefix: undefined, how: 'unknown' };
  }
  const named = fileName ? iamPrefixFromFileName(fileName) : undefined;
  if (named) return { prefix: named, how: 'file name' };
  const read = textReader(undefined);
  const prefixes = new Set<string>();
  for (const st of statementsOf(root)) {
    for (const { text } of textsOf(st.action?.value, read)) if (text && text.includes(':')) prefixes.add(text.slice(0, text.indexOf(':')).toLowerCase());
  }
  return prefixes.size === 1 ? { prefix: [...prefixes][0], how: 'actions' } : { prefix: undefined, how: 'unknown' };
}
