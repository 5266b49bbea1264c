// The identity of a function's result known only after apply. A function of an unknown argument is
// another value than that argument (cidrsubnet(var.cidr, 8, 1) is not var.cidr, nor cidrsubnet(var.cidr,
// 8, 2)), so it is named by the call itself; the same call written twice is the same value. A range
// carved from a block (cidrsubnet, cidrsubnets) also records the block's identity: every address of it
// lies in that block, which lets a rule admitting the block be judged (model/range-identity.ts).
// https://developer.hashicorp.com/terraform/language/functions/cidrsubnet
//
// Across module calls: a value a caller passes keeps the caller's identity inside the module (the same
// value on both sides of the call), and a value a module instance makes is named with the instance's
// address where it could otherwise be taken for another instance's. `exact` marks the identities that
// say which instance they belong to; only those may record the block a range is carved from.

import type { Node } from '../document/tree.js';
import type { Located } from './hcl-ast.js';
import { isUnknownNode, unknownNode } from './nodes.js';

/** Conversions return their argument's value: the result keeps its identity. */
const SAME_VALUE = new Set(['tostring', 'tolist', 'toset', 'sensitive', 'nonsensitive']);
/** Functions whose result is a range inside their first argument. */
const CARVES = new Set(['cidrsubnet', 'cidrsubnets']);

/**
 * Unknowns whose identity names one value in the whole configuration: every one made in the root
 * module (one instance), a resource's range attribute named by its instance address, a function's
 * result named with its module instance's address, and (eval.ts lower()) any other name made from a
 * called module's text once the instance is added to it. Until then such a name (var.cfg.cidr as
 * written) reads the same in every instance of the module.
 */
const EXACT = new WeakSet<Node>();
/** Exact unknowns whose identity already names their resource instance: a count or for_each key adds nothing to it. */
const INSTANCE_NAMED = new WeakSet<Node>();

export function markExact<T extends Node>(n: T, instanceNamed = false): T {
  EXACT.add(n);
  if (instanceNamed) INSTANCE_NAMED.add(n);
  return n;
}

export function isExact(n: Node): boolean {
  return EXACT.has(n);
}

export function isInstanceNamed(n: Node): boolean {
  return INSTANCE_NAMED.has(n);
}

/** An unknown node's identity (its own, else what decides it) and the ranges that hold it. */
export function unknownIdentity(n: Node | undefined): { identity: string; within: string[] } | undefined {
  if (!n || !isUnknownNode(n) || n.kind !== 'map') return undefined;
  const v = n.pairs[0]!.value;
  const items = v?.kind === 'seq' ? v.items : [];
  const own = items[2] ?? items[1];
  if (own?.kind !== 'scalar') return undefined;
  const held = items[3]?.kind === 'seq' ? items[3].items.flatMap((i) => (i.kind === 'scalar' ? [String(i.value)] : [])) : [];
  return { identity: String(own.value), within: held };
}

/**
 * The unknown result of calling `name` on `args` (`text`: the call as written, in the module whose
 * addresses start with `prefix`). A conversion's result is its argument's value and keeps its identity.
 * In a called module the call is named with the module's address, and the block it is carved from is
 * recorded only when that block's identity is exact: a reference named as written would read the same
 * in every instance of the module, so it would not say which block holds the range.
 */
export function calledUnknown(name: string, args: readonly Node[], text: string, why: string, decides: string, at: Located, prefix = ''): Node | undefined {
  if (SAME_VALUE.has(name)) {
    const arg = args[0];
    const same = arg && args.length === 1 ? unknownIdentity(arg) : undefined;
    if (!same) return undefined;
    const out = unknownNode(why, decides, at, same.identity, same.within);
    return isExact(arg!) ? markExact(out, isInstanceNamed(arg!)) : out;
  }
  const block = CARVES.has(name) && args[0] && (prefix === '' || isExact(args[0])) ? unknownIdentity(args[0]) : undefined;
  const out = unknownNode(why, decides, at, `${prefix}${text.replace(/\s+/g, ' ').trim()}`, block ? [block.identity, ...block.within] : []);
  return prefix === '' ? out : markExact(out);
}
