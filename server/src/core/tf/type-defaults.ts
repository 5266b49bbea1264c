// A variable's type constraint as Terraform applies it to the value: an object attribute declared
// `optional(type)` that the value leaves out (or sets to null) is null, and `optional(type, default)`
// is that default, in objects nested in maps, lists, sets and tuples too, defaults included. Without
// this, `each.value.private_dns_enabled` of `{ service = "ssm" }` typed `optional(bool, true)` was a key
// the value "has no such key" for, where Terraform reads true.
// https://developer.hashicorp.com/terraform/language/expressions/type-constraints#optional-object-type-attributes

import type { Node, Pair } from '../document/tree.js';
import type { Expr } from './hcl-ast.js';
import { computedKeys, instanceAttributes, isIntrinsic, partialMaps } from './functions.js';
import { map, pair, scalar, seq } from './nodes.js';

const MAX_DEPTH = 20;

/**
 * `value` converted by `type` as far as optional attributes go; the value itself where the type adds
 * nothing (new containers only where something is added: the value's own nodes may be shared).
 * `lowerDefault` evaluates a default expression in the variable's module.
 */
export function withTypeDefaults(type: Expr, value: Node, lowerDefault: (e: Expr) => Node, depth = 0): Node {
  if (depth > MAX_DEPTH || type.k !== 'call') return value;
  const [arg] = type.args;
  if (type.name === 'object' && arg?.k === 'object') return objectDefaults(arg, value, lowerDefault, depth);
  if (!arg) return value;
  if (type.name === 'map' && value.kind === 'map' && !isIntrinsic(value)) {
    let changed = false;
    const pairs = value.pairs.map((p) => {
      const v = p.value ? withTypeDefaults(arg, p.value, lowerDefault, depth + 1) : p.value;
      if (v === p.value) return p;
      changed = true;
      return keep(p, { key: p.key, value: v });
    });
    return changed ? copyMarks(value, map(pairs, value)) : value;
  }
  if ((type.name === 'list' || type.name === 'set') && value.kind === 'seq') {
    const items = value.items.map((i) => withTypeDefaults(arg, i, lowerDefault, depth + 1));
    return items.some((i, n) => i !== value.items[n]) ? seq(items, value) : value;
  }
  if (type.name === 'tuple' && arg.k === 'tuple' && value.kind === 'seq') {
    const items = value.items.map((i, n) => (arg.items[n] ? withTypeDefaults(arg.items[n]!, i, lowerDefault, depth + 1) : i));
    return items.some((i, n) => i !== value.items[n]) ? seq(items, value) : value;
  }
  return value;
}

function objectDefaults(spec: Extract<Expr, { k: 'object' }>, value: Node, lowerDefault: (e: Expr) => Node, depth: number): Node {
  // An object not known, or with keys nobody knows, is left as it is.
  if (value.kind !== 'map' || isIntrinsic(value) || value.pairs.some((p) => computedKeys.has(p))) return value;
  let changed = false;
  const pairs = [...value.pairs];
  for (const item of spec.items) {
    const name = item.name ?? (item.key.k === 'literal' && typeof item.key.value === 'string' ? item.key.value : undefined);
    if (name === undefined) continue;
    const optional = item.value.k === 'call' && item.value.name === 'optional' ? item.value : undefined;
    const inner = optional ? optional.args[0] : item.value;
    const i = pairs.findIndex((p) => p.key.value === name);
    const current = i >= 0 ? pairs[i]!.value : undefined;
    const isNull = !current || (current.kind === 'scalar' && current.value === null);
    let next: Node | undefined;
    if (optional && isNull && (i < 0 || optional.args[1])) {
      // Left out: null, or the default (itself converted by the attribute's type).
      const d = optional.args[1];
      next = d ? (inner ? withTypeDefaults(inner, lowerDefault(d), lowerDefault, depth + 1) : lowerDefault(d)) : scalar(null, item.key, 'plain');
    } else if (current && inner) {
      const converted = withTypeDefaults(inner, current, lowerDefault, depth + 1);
      if (converted !== current) next = converted;
    }
    if (!next) continue;
    changed = true;
    if (i >= 0) pairs[i] = keep(pairs[i]!, { key: pairs[i]!.key, value: next });
    else pairs.push(pair(name, item.key, next));
  }
  return changed ? copyMarks(value, map(pairs, value)) : value;
}

function keep(from: Pair, to: Pair): Pair {
  if (computedKeys.has(from)) computedKeys.add(to);
  return to;
}

/** What the value's map was marked as (an instance read whole) holds for its copy too. */
function copyMarks(from: Node, to: Node): Node {
  if (partialMaps.has(from)) partialMaps.add(to);
  const written = instanceAttributes.get(from);
  if (written) instanceAttributes.set(to, written);
  return to;
}
