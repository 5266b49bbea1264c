// Customer-managed prefix lists the configuration creates, lowered as CloudFormation's
// AWS::EC2::PrefixList so a security-group rule's prefix_list_ids or a route's destination_prefix_list_id
// that names one stands for its entries (cfn/prefix-lists.ts), as in a template. Entries added by
// aws_ec2_managed_prefix_list_entry resources (the provider's other way, not to be mixed with `entry`
// blocks) leave the list's entries unknown, naming that resource: which ones it adds is not read here.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_managed_prefix_list
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_managed_prefix_list_entry

import type { Pair } from '../document/tree.js';
import { attr } from './hcl-ast.js';
import type { Scope } from './eval.js';
import { map, pair, seq, unknownNode } from './nodes.js';
import { notKnown, props, type Fields, type Lowered } from './lower-resources.js';

type Emit = (l: Lowered) => void;
type Lowerer = (f: Fields, address: string, scope: Scope, emit: Emit) => void;

export const PREFIX_LIST_LOWERERS: Record<string, Lowerer> = {
  aws_ec2_managed_prefix_list: (f, address, scope, emit) => {
    const own = props(f, { name: 'PrefixListName', address_family: 'AddressFamily', max_entries: 'MaxEntries' }, scope);
    const added = entryResource(address, scope);
    const blocks = f.nested('entry', scope);
    const entries = added
      ? unknownNode(`${added} adds entries to ${address}, which are not read statically`, added, f.typeAt)
      : Array.isArray(blocks)
        ? seq(blocks.map((b) => map(props(b, { cidr: 'Cidr' }, scope), b.at)), f.typeAt)
        : notKnown(blocks, f.typeAt);
    const out: Pair[] = [...own, pair('Entries', f.typeAt, entries)];
    emit({ address, type: 'AWS::EC2::PrefixList', at: f.at, typeAt: f.typeAt, props: out, tfType: '' });
  },
};

/** Types whose `.id` is a reference to the lowered resource (module.ts MODELLED). */
export const PREFIX_LIST_TYPES = ['aws_ec2_managed_prefix_list'];

/**
 * An aws_ec2_managed_prefix_list_entry of the module that may add to this list: one naming it
 * (`prefix_list_id = aws_ec2_managed_prefix_list.<name>.id`, any instance), or one naming a list it
 * does not name statically.
 */
function entryResource(address: string, scope: Scope): string | undefined {
  const name = address.slice(scope.decls.prefix.length).replace(/\[.*$/, '').split('.')[1];
  for (const [local, block] of scope.decls.resources) {
    if (!local.startsWith('aws_ec2_managed_prefix_list_entry.')) continue;
    const id = attr(block.body, 'prefix_list_id')?.value;
    const step = id?.k === 'traversal' && id.root === 'aws_ec2_managed_prefix_list' ? id.steps[0] : undefined;
    if (!step || !('attr' in step) || step.attr === name) return scope.decls.prefix + local;
  }
  return undefined;
}
