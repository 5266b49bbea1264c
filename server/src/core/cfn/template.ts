// The CloudFormation view of a located tree: resources, parameters, conditions, mappings.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html

import { asMap, asSeq, pairOf, scalarString, valueOf, type MapNode, type Node, type Pair, type ScalarNode } from '../document/tree.js';
import { addToGroup } from '../util/group.js';
import { isMacro, LANGUAGE_EXTENSIONS, templateTransforms } from './transforms.js';
import { expandPairs, FOR_EACH } from './language-extensions.js';

export interface Resource {
  id: string;
  key: ScalarNode;
  node: MapNode;
  type: string | undefined;
  typeNode: Node | undefined;
  properties: MapNode | undefined;
  /** The `Properties` key, where "missing required property" findings point. */
  propertiesKey: ScalarNode | undefined;
  /** The resource-level `Condition`, when there is one. */
  condition: string | undefined;
  /** Rule ids listed under `Metadata: { vpce-lens: { ignore: [...] } }`. */
  ignored: Set<string>;
}

export interface Parameter {
  id: string;
  key: ScalarNode;
  node: MapNode | undefined;
  type: string | undefined;
  defaultNode: Node | undefined;
}

export interface Template {
  text: string;
  root: MapNode;
  resources: Resource[];
  byId: Map<string, Resource>;
  /** Resources by type, for the lookups rules make per resource (keeps them linear). */
  byType: Map<string, Resource[]>;
  parameters: Map<string, Parameter>;
  conditions: Map<string, Node | null>;
  mappings: MapNode | undefined;
  isSam: boolean;
  /** The template-level transforms that are macros (not AWS's own): they may rewrite any resource. */
  macros: string[];
  /** `Fn::ForEach::` loops of Resources left as written: their collection is known only at deploy time. */
  deployTimeLoops?: string[];
  /** The types each deploy-time loop's body makes, and where the loop is: resources no rule or trace sees. */
  deployTimeLoopTypes?: { id: string; types: (string | undefined)[]; at: { start: number; end: number } }[];
  /** Logical ids written twice (VPCE0002), with each copy's type: CloudFormation keeps one, which no rule guesses. */
  writtenTwice?: { id: string; types: (string | undefined)[]; at: { start: number; end: number }; copies: (MapNode | undefined)[] }[];
  /** Values the deployment passes for parameters (a nested stack's parent: settings' passedParameters); they replace the defaults. */
  passed?: PassedParameters;
  /** The Regions the stack deploys to (the settings'), when the user said: a Fn::FindInMap keyed by AWS::Region picks its entry in each. */
  regions?: readonly string[];
}

/** By parameter name: the value passed, or why it is not known here (a sentence beginning "parameter <Name>"). */
export type PassedParameters = Record<string, { value: string } | { unknown: string }>;

/**
 * A file is a template when it says so (`AWSTemplateFormatVersion`) or when its `Resources` hold an
 * `AWS::` type. Anything else (a docker-compose file, a k8s manifest) is not ours to judge.
 */
export function looksLikeTemplate(root: Node | null): root is MapNode {
  const map = asMap(root);
  if (!map) return false;
  if (pairOf(map, 'AWSTemplateFormatVersion')) return true;
  const resources = asMap(valueOf(map, 'Resources'));
  if (!resources) return false;
  return resources.pairs.some((p) => scalarString(valueOf(asMap(p.value), 'Type'))?.startsWith('AWS::'));
}

export function buildTemplate(text: string, root: MapNode): Template {
  const parameters = new Map<string, Parameter>();
  for (const pair of asMap(valueOf(root, 'Parameters'))?.pairs ?? []) {
    const node = asMap(pair.value);
    parameters.set(String(pair.key.value), {
      id: String(pair.key.value),
      key: pair.key,
      node,
      type: scalarString(valueOf(node, 'Type')),
      defaultNode: valueOf(node, 'Default'),
    });
  }
  const mappings = asMap(valueOf(root, 'Mappings'));
  const transforms = templateTransforms(root);
  const written = asMap(valueOf(root, 'Resources'))?.pairs ?? [];
  // With AWS::LanguageExtensions, CloudFormation reads the template after unrolling Fn::ForEach:
  // so do the rules. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-languageextensions.html
  const parameterDefault = (name: string) => {
    const p = parameters.get(name);
    return p && { type: p.type, node: p.defaultNode };
  };
  const extended = transforms.includes(LANGUAGE_EXTENSIONS);
  const expand = (section: readonly Pair[]) => (extended ? expandPairs(section, { parameterDefault, mappings }) : section);
  const pairs = expand(written);
  const loops = extended ? pairs.map((p) => String(p.key.value)).filter((k) => k.startsWith(FOR_EACH)) : [];
  const resources: Resource[] = [];
  const byId = new Map<string, Resource>();
  const byType = new Map<string, Resource[]>();
  const duplicated = duplicatedKeys(pairs);
  for (const pair of pairs) {
    const node = asMap(pair.value);
    const id = String(pair.key.value);
    // Which of two resources with one logical id CloudFormation would keep is not ours to guess: the
    // duplicate-key error (VPCE0002) stands alone, and no rule judges either of them.
    if (!node || duplicated.has(id)) continue;
    const propsPair = pairOf(node, 'Properties');
    const resource: Resource = {
      id,
      key: pair.key,
      node,
      type: scalarString(valueOf(node, 'Type')),
      typeNode: valueOf(node, 'Type'),
      properties: asMap(propsPair?.value),
      propertiesKey: propsPair?.key,
      condition: scalarString(valueOf(node, 'Condition')),
      ignored: ignoredRules(node),
    };
    resources.push(resource);
    byId.set(id, resource);
    if (resource.type) addToGroup(byType, resource.type, resource);
  }
  const conditions = new Map<string, Node | null>();
  // Loops in Conditions are unrolled too, so a condition made by Fn::ForEach is known by its name.
  // (Outputs may hold loops as well; no rule reads Outputs.)
  for (const pair of expand(asMap(valueOf(root, 'Conditions'))?.pairs ?? [])) conditions.set(String(pair.key.value), pair.value);
  return {
    text,
    root,
    resources,
    byId,
    byType,
    parameters,
    conditions,
    mappings,
    isSam: transforms.some((t) => t.startsWith('AWS::Serverless')),
    macros: transforms.filter(isMacro),
    ...(loops.length ? { deployTimeLoops: loops, deployTimeLoopTypes: pairs.filter((p) => loops.includes(String(p.key.value))).map(loopBody) } : {}),
    ...(duplicated.size ? { writtenTwice: [...duplicated].map((id) => writtenTwice(pairs, id)) } : {}),
  };
}

/** A deploy-time loop of Resources: the types its body's resources have, and where its key is. */
function loopBody(pair: Pair): { id: string; types: (string | undefined)[]; at: { start: number; end: number } } {
  const body = asMap(asSeq(pair.value)?.items[2] ?? null);
  return { id: String(pair.key.value), types: body?.pairs.map((p) => scalarString(valueOf(asMap(p.value), 'Type'))) ?? [undefined], at: { start: pair.key.start, end: pair.key.end } };
}

/** A logical id written twice: each copy's type, and where the second copy's key is (VPCE0002's place). */
function writtenTwice(pairs: readonly Pair[], id: string): { id: string; types: (string | undefined)[]; at: { start: number; end: number }; copies: (MapNode | undefined)[] } {
  const copies = pairs.filter((p) => String(p.key.value) === id);
  const second = copies[1]!.key;
  return { id, types: copies.map((p) => scalarString(valueOf(asMap(p.value), 'Type'))), at: { start: second.start, end: second.end }, copies: copies.map((p) => asMap(p.value)) };
}

function duplicatedKeys(pairs: readonly { key: ScalarNode }[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const p of pairs) {
    const id = String(p.key.value);
    if (seen.has(id)) twice.add(id);
    seen.add(id);
  }
  return twice;
}

function ignoredRules(node: MapNode): Set<string> {
  const ours = asMap(valueOf(asMap(valueOf(node, 'Metadata')), 'vpce-lens'));
  const list = valueOf(ours, 'ignore');
  const ids = asSeq(list)?.items.map(scalarString) ?? [scalarString(list)];
  return new Set(ids.filter((x): x is string => Boolean(x)));
}

export function resourcesOfType(template: Template, type: string): Resource[] {
  return template.byType.get(type) ?? [];
}
