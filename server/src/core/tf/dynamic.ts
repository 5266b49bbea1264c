// Terraform's `dynamic` blocks, expanded as Terraform expands them where the configuration alone makes
// the result certain: one nested block per element of `for_each` (a list's or tuple's elements in order,
// a map's or object's in key order), its `content` evaluated with the iterator (the block's label, or
// `iterator = name`) bound to `{ key, value }`; nested dynamic blocks see the outer iterators. A list's
// key is the element's index; a set's key is its value ("If the for_each expression produces a set
// value then key is identical to value"). A `for_each` not known statically makes the nested blocks of
// that type unknown, naming the value that decides them; never "none".
// https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks

import type { Node } from '../document/tree.js';
import { attr, blocksOf, type Block, type Body, type Expr, type Located } from './hcl-ast.js';
import { lower, textOf, type Scope } from './eval.js';
import { knownMap, sortedPairs } from './functions.js';
import { map, pair, scalar, unknownNode } from './nodes.js';

/** One nested block as Terraform sees it: a block written as such, or one a dynamic block makes. */
export interface NestedBlock {
  /** The block whose body it is (a dynamic block's `content`). */
  block: Block;
  /** The scope its arguments are evaluated in (with the iterators of the dynamic blocks around it). */
  scope: Scope;
}

/** Why the nested blocks of a type are not known, and the value that decides them. */
export interface NotKnown {
  why: string;
  decides: string;
  at: Located;
}

// More elements than this are not expanded (as for `for` expressions: only time would be spent).
const MAX_ELEMENTS = 1000;

/** The `name` blocks of a body in written order, dynamic ones expanded; NotKnown when any is not certain. */
export function nestedBlocks(body: Body, name: string, scope: Scope): NestedBlock[] | NotKnown {
  const out: NestedBlock[] = [];
  for (const b of body.blocks) {
    if (b.type === name) out.push({ block: b, scope });
    else if (b.type === 'dynamic' && b.labels[0]?.value === name) {
      const made = expand(b, name, scope);
      if (!Array.isArray(made)) return made;
      out.push(...made);
    }
  }
  return out;
}

function expand(b: Block, name: string, scope: Scope): NestedBlock[] | NotKnown {
  const what = `dynamic "${name}"`;
  const forEach = attr(b.body, 'for_each');
  const content = blocksOf(b.body, 'content');
  if (!forEach || content.length !== 1) return { why: `${what} has ${forEach ? 'no single content block' : 'no for_each'}`, decides: what, at: b.typeAt };
  const it = attr(b.body, 'iterator');
  const iterator = !it ? name : it.value.k === 'traversal' && it.value.steps.length === 0 ? it.value.root : undefined;
  if (!iterator) return { why: `${what}'s iterator is not a name`, decides: clip(textOf(scope, it!.value)), at: it!.value };
  const coll = lower(forEach.value, scope);
  const decides = clip(textOf(scope, forEach.value));
  const m = knownMap(coll);
  const size = coll.kind === 'seq' ? coll.items.length : m ? m.pairs.length : 0;
  if ((coll.kind !== 'seq' && !m) || size > MAX_ELEMENTS) return { ...unknownWhy(coll, `${what} iterates over ${decides}`, decides), at: forEach.value };
  const kind = coll.kind === 'seq' ? listOrSet(forEach.value, scope) : undefined;
  const elements: [Node, Node][] =
    coll.kind === 'seq' ? coll.items.map((v, i) => [seqKey(kind, v, i, iterator, decides), v]) : sortedPairs(m!).map((p) => [scalar(String(p.key.value), p.key), p.value ?? scalar(null, p.key)]);
  return elements.map(([key, value], i) => {
    const vars = new Map(scope.vars ?? []);
    vars.set(iterator, map([pair('key', key, key), pair('value', value, value)], forEach.value));
    return { block: content[0]!, scope: { ...scope, vars, element: `${scope.element ? `${scope.element}, ` : ''}${iterator} = element ${i}` } };
  });
}

/**
 * A list element's key is its index, a set element's its value; the engine's lists do not say which of
 * the two a value is, so only the written form does (listOrSet).
 */
function seqKey(kind: 'list' | 'set' | undefined, value: Node, index: number, iterator: string, decides: string): Node {
  if (kind === 'list') return scalar(index, value, 'plain');
  if (kind === 'set') return value;
  return unknownNode(`${iterator}.key is the index or the value, as ${decides} is a list or a set, which is not known statically`, decides, value);
}

const LIST_FUNCTIONS = new Set(['tolist', 'concat', 'distinct', 'sort', 'reverse', 'flatten', 'compact', 'slice', 'keys', 'values', 'range', 'split', 'chunklist', 'coalescelist', 'formatlist']);
const SET_FUNCTIONS = new Set(['toset', 'setunion', 'setintersection', 'setsubtract', 'setproduct']);

/**
 * Whether a value is a list (or tuple) or a set, from how it is written: `[...]`, a `for` list and the
 * list functions make lists; `toset` and the set functions sets; a variable is what its `type` says
 * (`list(...)`, `set(...)`), and without one its value's written form (a default or tfvars value written
 * `[...]` is a tuple: HCL and JSON have no set literal); a local is its expression's. Else undefined.
 */
export function listOrSet(e: Expr, scope: Scope, depth = 0): 'list' | 'set' | undefined {
  if (depth > 8) return undefined;
  switch (e.k) {
    case 'tuple':
      return 'list';
    case 'for':
      return e.key ? undefined : 'list';
    case 'call':
      return LIST_FUNCTIONS.has(e.name) ? 'list' : SET_FUNCTIONS.has(e.name) ? 'set' : undefined;
    case 'cond': {
      const a = listOrSet(e.then, scope, depth + 1);
      return a === listOrSet(e.else, scope, depth + 1) ? a : undefined;
    }
    case 'traversal': {
      const step = e.steps.length === 1 ? e.steps[0] : undefined;
      const name = step && 'attr' in step ? step.attr : undefined;
      if (name === undefined || scope.vars?.has(e.root)) return undefined;
      if (e.root === 'local') {
        const l = scope.decls.locals.get(name);
        return l && listOrSet(l, { decls: scope.decls }, depth + 1);
      }
      if (e.root !== 'var') return undefined;
      const v = scope.decls.variable(name);
      if (!v) return undefined;
      const type = attr(v.block.body, 'type')?.value;
      const declared = type && /^\s*(list|tuple|set)\b/.exec(textOf(scope, type))?.[1];
      if (declared) return declared === 'set' ? 'set' : 'list';
      // A value a module call passes may be a set; one written in this module's files is what it reads.
      if (type && !/^\s*any\s*$/.test(textOf(scope, type))) return undefined;
      return v.node || !v.value ? undefined : listOrSet(v.value, { decls: scope.decls }, depth + 1);
    }
    default:
      return undefined;
  }
}

/** An unknown's reason, keeping what decides an unknown operand. */
export function unknownWhy(n: Node, why: string, decides: string): { why: string; decides: string } {
  const v = n.kind === 'map' && n.pairs.length === 1 && n.pairs[0]!.key.value === 'Fn::Unknown' ? n.pairs[0]!.value : undefined;
  const [w, d] = v?.kind === 'seq' ? v.items : [];
  if (w?.kind === 'scalar' && d?.kind === 'scalar') return { why: `${why}: ${String(w.value)}`, decides: String(d.value) };
  return { why: `${why}, which is not known statically`, decides };
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
