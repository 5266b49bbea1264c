// The identity of a function's result known only after apply. A function of an unknown argument is
// another value than that argument (cidrsubnet(var.cidr, 8, 1) is not var.cidr, nor cidrsubnet(var.cidr,
// 8, 2)), so it is named by the call itself; the same call written twice is the same value. A range
// carved from a block (cidrsubnet, cidrsubnets) also records the block's identity: every address of it
// lies in that block, which lets a rule admitting the block be judged (model/range-identity.ts).
// https://developer.hashicorp.com/terraform/language/functions/cidrsubnet

import type { Node } from '../document/tree.js';
import type { Located } from './hcl-ast.js';
import { isUnknownNode, unknownNode } from './nodes.js';

/** Conversions return their argument's value: the result keeps its identity. */
const SAME_VALUE = new Set(['tostring', 'tolist', 'toset', 'sensitive', 'nonsensitive']);
/** Functions whose result is a range inside their first argument. */
const CARVES = new Set(['cidrsubnet', 'cidrsubnets']);

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
 * addresses start with `prefix`): undefined where the result is its argument's value, which keeps the
 * argument's identity. In a called module the call is named with the module's address, and the block
 * it is carved from is not recorded: a reference there (aws_vpc.this.ipv6_cidr_block) is named as
 * written, the same text in every instance of the module, so it would not say which block holds it.
 */
export function calledUnknown(name: string, args: readonly Node[], text: string, why: string, decides: string, at: Located, prefix = ''): Node | undefined {
  if (SAME_VALUE.has(name)) return undefined;
  const block = CARVES.has(name) && prefix === '' ? unknownIdentity(args[0]) : undefined;
  return unknownNode(why, decides, at, `${prefix}${text.replace(/\s+/g, ' ').trim()}`, block ? [block.identity, ...block.within] : []);
}
