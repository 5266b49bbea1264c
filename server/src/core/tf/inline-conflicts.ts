// A route table with in-line `route` blocks and a separate aws_route to it, or a security group with
// in-line `ingress`/`egress` and a separate rule resource for that direction: the AWS provider's docs
// say the two "cause a conflict of rule settings and will overwrite rules" — each apply of the table or
// group removes what it does not list, and the separate resource adds it back on the next. Whether the
// separate route or rule is there is not known: it is lowered with its target (route) or protocol
// (rule) unknown, naming the conflict, so the trace answers unknown rather than pass or block on it.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route_table
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group

import { attr, blocksOf, type Block } from './hcl-ast.js';
import type { Scope } from './eval.js';
import type { Lowered, Fields } from './lower-resources.js';
import { pair, unknownNode } from './nodes.js';
import { ROUTE_TARGETS } from './lower-resources.js';

type Lowerer = (f: Fields, address: string, scope: Scope, emit: (l: Lowered) => void, merge: never) => void;

/** The block a reference argument names (`aws_route_table.x.id`) when it is one of `types` in this module. */
function named(f: Fields, arg: string, types: string[], scope: Scope): { address: string; block: Block } | undefined {
  const e = f.get(arg)?.value;
  const step = e?.k === 'traversal' && types.includes(e.root) ? e.steps[0] : undefined;
  if (!step || !('attr' in step) || !e || e.k !== 'traversal') return undefined;
  const address = `${e.root}.${step.attr}`;
  const block = scope.decls.resources.get(address);
  return block ? { address, block } : undefined;
}

/** Whether the block manages that nested list in-line: blocks, a dynamic block, or the argument (even `[]`). */
function inline(block: Block, nested: string): boolean {
  return blocksOf(block.body, nested).length > 0 || !!attr(block.body, nested) || blocksOf(block.body, 'dynamic').some((d) => d.labels[0]?.value === nested);
}

const ROUTE_TARGET_KEYS = new Set(Object.values(ROUTE_TARGETS));

export function withInlineConflicts<L extends Lowerer>(lowerers: Record<string, L>): void {
  const route = lowerers.aws_route;
  if (route) {
    lowerers.aws_route = ((f, address, scope, emit, merge) => {
      const table = named(f, 'route_table_id', ['aws_route_table', 'aws_default_route_table'], scope);
      if (!table || !inline(table.block, 'route')) return route(f, address, scope, emit, merge);
      const why = `${table.address} lists its routes in-line (route blocks), which conflicts with ${address}: each apply of the table removes it`;
      route(f, address, scope, (l) => emit({ ...l, props: [...l.props.filter((p) => !ROUTE_TARGET_KEYS.has(String(p.key.value))), pair('GatewayId', f.typeAt, unknownNode(why, address, f.typeAt))] }), merge);
    }) as L;
  }
  for (const [type, fixed] of [['aws_security_group_rule', undefined], ['aws_vpc_security_group_ingress_rule', 'ingress'], ['aws_vpc_security_group_egress_rule', 'egress']] as const) {
    const rule = lowerers[type];
    if (!rule) continue;
    lowerers[type] = ((f, address, scope, emit, merge) => {
      const group = named(f, 'security_group_id', ['aws_security_group', 'aws_default_security_group'], scope);
      const t = f.get('type')?.value;
      const dir = fixed ?? (t?.k === 'literal' && (t.value === 'ingress' || t.value === 'egress') ? t.value : undefined);
      if (!group || !dir || !inline(group.block, dir)) return rule(f, address, scope, emit, merge);
      const why = `${group.address} lists its ${dir} rules in-line, which conflicts with ${address}: each apply of the group removes it`;
      rule(f, address, scope, (l) => emit({ ...l, props: [...l.props.filter((p) => p.key.value !== 'IpProtocol'), pair('IpProtocol', f.typeAt, unknownNode(why, address, f.typeAt))] }), merge);
    }) as L;
  }
}
