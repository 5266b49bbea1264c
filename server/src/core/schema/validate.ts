// Resource properties against the generated JSON Schemas, with each ajv error placed on the node it
// is about: a missing property on the `Properties` key, an unknown property on its own key, a wrong
// value on the value. Values computed by intrinsic functions are not judged here: their type is
// whatever CloudFormation makes of them at deploy time.

import type { ErrorObject, ValidateFunction } from 'ajv';
// Compiled from the schemas at build time (scripts/gen-validators.mjs): no schema is compiled at run time.
import * as compiledValidators from './validators.generated.js';
import { asMap, asSeq, toPlain, type MapNode, type Node, type Pair, type ScalarNode } from '../document/tree.js';
import { isIntrinsicKey } from '../document/cfn-tags.js';
import type { Resource } from '../cfn/template.js';
import { closest } from '../util/suggest.js';
import { YAML_ALIAS } from '../document/yaml-alias.js';

export interface SchemaProblem {
  keyword: 'required' | 'additionalProperties' | 'type' | 'enum' | 'other';
  message: string;
  node: Node;
  /** For unknown properties: the property and the nearest valid name. */
  data?: { property?: string; suggestion?: string; missing?: string; expectedType?: string };
}

function validatorFor(type: string): ValidateFunction | undefined {
  const table = compiledValidators.byType;
  const name = Object.hasOwn(table, type) ? table[type] : undefined; // a Type of `constructor` is no type
  return name ? (compiledValidators as unknown as Record<string, ValidateFunction>)[name] : undefined;
}

// By the resource's own text: while a template is typed, every other resource validates from here,
// even when the edit moved it (its problems are moved along). Two generations, the last lint's and
// this one's, so the cache holds what is in use and nothing older (its keys keep their text alive).
type Entry = { base: number; problems: SchemaProblem[] };
let previous = new Map<string, Entry>();
let current = new Map<string, Entry>();

/** Called once per lint: what the lint before last used is let go. */
export function newSchemaGeneration(): void {
  previous = current;
  current = new Map();
}

export function validateResource(resource: Resource, text?: string): SchemaProblem[] {
  if (text === undefined) return validateUncached(resource);
  const base = resource.key.start;
  const own = text.slice(base, resource.node.end);
  // A resource that aliases another's text (`<<: *interface`) means what that text says: its own text is no key.
  if (YAML_ALIAS.test(own)) return validateUncached(resource);
  const key = `${resource.type}\u0000${own}`;
  const known = current.get(key) ?? previous.get(key);
  if (known) {
    current.set(key, known);
    return known.base === base ? known.problems : known.problems.map((p) => moved(p, base - known.base));
  }
  const problems = validateUncached(resource);
  current.set(key, { base, problems });
  return problems;
}

function moved(p: SchemaProblem, delta: number): SchemaProblem {
  return { ...p, node: { ...p.node, start: p.node.start + delta, end: p.node.end + delta } as Node };
}

function validateUncached(resource: Resource): SchemaProblem[] {
  if (!resource.type) return [];
  const validate = validatorFor(resource.type);
  if (!validate) return [];
  const props = resource.properties;
  if (resource.propertiesKey && !props) return []; // Properties is an intrinsic or null: not ours to judge
  const instance = props ? toPlain(props) : {};
  if (validate(instance)) return [];
  const problems: SchemaProblem[] = [];
  const subject: Subject = { label: resource.id, rootName: 'Properties', typeName: resource.type ?? 'the resource', rootAnchor: resource.propertiesKey ?? resource.key };
  for (const err of validate.errors ?? []) {
    if (isBooleanSpelling(err)) continue;
    const problem = placeAjvError(err, props, subject);
    if (problem) problems.push(problem);
  }
  return problems;
}

// CloudFormation takes "True" and "TRUE" for a boolean as it takes "true" (so does cfn-lint); ajv's
// coercion knows only the lower-case spelling.
function isBooleanSpelling(err: ErrorObject): boolean {
  return err.keyword === 'type' && err.params.type === 'boolean' && typeof err.data === 'string' && /^(?:True|TRUE|False|FALSE)$/.test(err.data);
}

/** What the validated object is, for messages and anchors. */
export interface Subject {
  /** Names the subject in messages (a resource's logical id, "Endpoint policy"). */
  label: string;
  /** What the root is called in paths ("Properties"). */
  rootName: string;
  /** What unknown top-level properties are "not a property of". */
  typeName: string;
  /** Where "missing property" findings go when the root itself has no key. */
  rootAnchor: Node;
}

export function placeAjvError(err: ErrorObject, root: MapNode | undefined, subject: Subject): SchemaProblem | undefined {
  const path = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const walk = walkPath(root, path);
  if (!walk) return undefined; // the path crosses an intrinsic: computed at deploy time
  const { node, key } = walk;
  const where = path.length ? path.join('.') : subject.rootName;
  const label = subject.label;
  switch (err.keyword) {
    case 'required': {
      const missing = String(err.params.missingProperty);
      // The object's own key; for a list item, its first key; for the root, the Properties key.
      const anchor = key ?? (path.length ? (asMap(node)?.pairs[0]?.key ?? node) : undefined) ?? subject.rootAnchor;
      const message = !root && !path.length ? `${label} has no ${subject.rootName}; ${missing} is required` : `${label}: ${where} is missing required property ${missing}`;
      return { keyword: 'required', node: anchor!, message, data: { missing } };
    }
    case 'additionalProperties': {
      const property = String(err.params.additionalProperty);
      const map = asMap(node);
      const keyNode = map ? pairByKey(map, property)?.key : undefined;
      if (!keyNode) return undefined;
      const known = Object.keys((err.parentSchema as { properties?: object })?.properties ?? {});
      const suggestion = closest(property, known);
      const hint = suggestion ? `; did you mean ${suggestion}?` : '';
      return {
        keyword: 'additionalProperties',
        node: keyNode,
        message: `${label}: ${property} is not a property of ${path.length ? where : subject.typeName}${hint}`,
        data: suggestion ? { property, suggestion } : { property },
      };
    }
    case 'type':
      if (!node) return undefined;
      return { keyword: 'type', node, message: `${label}: ${where} must be ${article(String(err.params.type))}`, data: { expectedType: String(err.params.type) } };
    case 'enum': {
      if (!node) return undefined;
      const allowed = (err.params.allowedValues as unknown[]).map(String);
      const got = node.kind === 'scalar' ? String(node.value) : '';
      const suggestion = closest(got, allowed);
      return {
        keyword: 'enum',
        node,
        message: `${label}: ${where} must be one of ${allowed.join(', ')}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
        data: suggestion ? { suggestion } : {},
      };
    }
    default:
      if (!node) return undefined;
      return { keyword: 'other', node, message: `${label}: ${where} ${err.message ?? 'is not valid'}` };
  }
}

/**
 * Follows an ajv instance path through the located tree. Returns undefined when the path passes
 * through an intrinsic function, and the key of the last map entry for "missing property" anchors.
 */
function walkPath(props: MapNode | undefined, path: string[]): { node: Node | undefined; key: ScalarNode | undefined } | undefined {
  let node: Node | undefined = props;
  let key: ScalarNode | undefined;
  if (node && isIntrinsic(node)) return undefined;
  for (const segment of path) {
    if (!node) return { node: undefined, key };
    if (node.kind === 'map') {
      const pair: Pair | undefined = pairByKey(node, segment);
      key = pair?.key;
      node = pair?.value ?? undefined;
    } else if (node.kind === 'seq') {
      node = asSeq(node)!.items[Number(segment)];
      key = undefined;
    } else return { node, key };
    if (node && isIntrinsic(node)) return undefined;
  }
  return { node, key };
}

// One ajv error per unknown property: searching the map's pairs for each would make a mapping with
// n unknown keys cost n² (80,000 keys took 14 s). Each map is indexed once, on first use; the first
// pair of a duplicated key wins, as a search would find it.
const pairIndex = new WeakMap<MapNode, Map<string, Pair>>();

function pairByKey(map: MapNode, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.pairs) {
      const k = String(p.key.value);
      if (!index.has(k)) index.set(k, p);
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
}

function isIntrinsic(node: Node): boolean {
  return node.kind === 'map' && node.pairs.length === 1 && isIntrinsicKey(String(node.pairs[0]!.key.value));
}

function article(type: string): string {
  const words = type.split(',').map((t) => (t === 'integer' ? 'an integer' : t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : `a ${t}`));
  return words.join(' or ');
}
