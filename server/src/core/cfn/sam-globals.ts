// SAM's Globals section: a property of `Globals: Function:` applies to every AWS::Serverless::Function
// of a template with the AWS::Serverless-2016-10-31 transform, merged with the function's own value as
// SAM merges it: maps key by key (recursively), lists as the global entries followed by the function's,
// anything else (a string, a number, an intrinsic function such as !Ref or !If, or values of different
// kinds) the function's own value when it has one.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
// (aws/serverless-application-model, samtranslator/plugins/globals/globals.py: GlobalProperties)
//
// The merged value is made of the template's own nodes, so a fact read from it points where its text is
// written: in Globals for what the function inherits, in the function for what it writes itself.

import { asMap, valueOf, type MapNode, type Node, type Pair } from '../document/tree.js';
import type { Resource, Template } from './template.js';

const SAM_TYPES: Record<string, string> = { 'AWS::Serverless::Function': 'Function' };

const merged = new WeakMap<Resource, Map<string, Node | null>>();

/** A property of a resource as the template's SAM transform hands it to CloudFormation (Globals applied). */
export function samProperty(template: Template, r: Resource, name: string): Node | null {
  const own = valueOf(r.properties, name) ?? null;
  const section = r.type ? SAM_TYPES[r.type] : undefined;
  if (!template.isSam || !section) return own;
  let byName = merged.get(r);
  if (!byName) merged.set(r, (byName = new Map()));
  if (byName.has(name)) return byName.get(name)!;
  const global = valueOf(asMap(valueOf(asMap(valueOf(template.root, 'Globals')), section)), name);
  const hasOwn = Boolean(r.properties?.pairs.some((p) => p.key.value === name));
  const value = global === undefined ? own : hasOwn ? mergeValues(global, own) : global;
  byName.set(name, value);
  return value;
}

function token(node: Node | null): 'dict' | 'list' | 'primitive' {
  if (node?.kind === 'seq') return 'list';
  if (node?.kind !== 'map') return 'primitive';
  // An intrinsic function resolves to a primitive when the stack is created: SAM merges it as one.
  const only = node.pairs.length === 1 ? String(node.pairs[0]!.key.value) : '';
  return only === 'Ref' || only === 'Condition' || only.startsWith('Fn::') ? 'primitive' : 'dict';
}

function mergeValues(global: Node | null, local: Node | null): Node | null {
  const kind = token(global);
  if (kind !== token(local) || kind === 'primitive') return local;
  if (global!.kind === 'seq' && local!.kind === 'seq') return { ...local!, items: [...global!.items, ...local!.items] };
  const g = global as MapNode;
  const l = local as MapNode;
  const pairs: Pair[] = g.pairs.map((p) => {
    const mine = l.pairs.find((q) => q.key.value === p.key.value);
    return mine ? { key: mine.key, value: mergeValues(p.value, mine.value) } : p;
  });
  for (const q of l.pairs) if (!g.pairs.some((p) => p.key.value === q.key.value)) pairs.push(q);
  return { ...l, pairs };
}
