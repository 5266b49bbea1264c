// The vpc-endpoints module's own security group (create_security_group = true): one group in the call's
// vpc_id, `module.<call>.aws_security_group.this[0]`, with one rule per security_group_rules entry:
//   type       = entry's type, default "ingress"
//   protocol   = entry's protocol, default "tcp"; from_port / to_port = the entry's, default 443
//   cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, self, source_security_group_id = the entry's
// No egress rule unless an entry's type is "egress" (an aws_security_group without egress blocks has
// none: Terraform removes the rule AWS adds). The same in the versions read: main.tf with try()/lookup()
// defaults over a `type = any` variable (5.x) and with optional() defaults in the variable's type (6.x);
// a version without these arguments refuses the call.
// https://github.com/terraform-aws-modules/terraform-aws-vpc/blob/master/modules/vpc-endpoints/main.tf

import type { Node, Pair } from '../document/tree.js';
import { attr, type Block } from './hcl-ast.js';
import { lower } from './eval.js';
import type { ModuleDecls } from './module.js';
import type { Lowered } from './lower-resources.js';
import { fn, map, pair, scalar, seq, unknownNode } from './nodes.js';

const PEERS: Record<'ingress' | 'egress', [string, string][]> = {
  ingress: [['cidr_blocks', 'CidrIp'], ['ipv6_cidr_blocks', 'CidrIpv6'], ['prefix_list_ids', 'SourcePrefixListId'], ['source_security_group_id', 'SourceSecurityGroupId']],
  egress: [['cidr_blocks', 'CidrIp'], ['ipv6_cidr_blocks', 'CidrIpv6'], ['prefix_list_ids', 'DestinationPrefixListId'], ['source_security_group_id', 'DestinationSecurityGroupId']],
};

const isIntrinsic = (n: Node | null | undefined): boolean => n?.kind === 'map' && n.pairs.length === 1 && /^(Ref|Fn::)/.test(String(n.pairs[0]!.key.value));
const isNull = (n: Node | null | undefined) => !n || (n.kind === 'scalar' && n.value === null);

export function moduleGroup(name: string, block: Block, decls: ModuleDecls): Lowered {
  const address = `${decls.prefix}module.${name}.aws_security_group.this[0]`;
  const at = block.typeAt;
  const self = fn('Ref', scalar(address, at, 'plain'), at);
  const vpc = attr(block.body, 'vpc_id');
  const rulesArg = attr(block.body, 'security_group_rules');
  const rules = rulesArg ? lower(rulesArg.value, { decls }) : undefined;
  const lists: Record<'ingress' | 'egress', Node[]> = { ingress: [], egress: [] };
  // A list works as the map does where the variable's type is `any` (5.x: `for k, v in ...`, k its index).
  const entries = rules?.kind === 'seq' ? rules.items.map((item, i) => ({ key: scalar(String(i), item, 'plain'), value: item })) : rules?.kind === 'map' && !isIntrinsic(rules) ? rules.pairs : undefined;
  if (rules && !isNull(rules) && !entries) {
    // Rules not known statically: each direction may hold any rule.
    const why = unknownNode(`module.${name}'s security_group_rules are not known statically`, `module.${name}.security_group_rules`, rulesArg!.value);
    lists.ingress.push(why);
    lists.egress.push(why);
  } else if (entries) {
    for (const entry of entries) {
      const r = entry.value;
      if (r?.kind !== 'map' || isIntrinsic(r)) {
        const why = unknownNode(`module.${name}'s security group rule ${String(entry.key.value)} is not known statically`, `module.${name}.security_group_rules`, entry.key);
        lists.ingress.push(why);
        lists.egress.push(why);
        continue;
      }
      const get = (k: string) => r.pairs.find((p) => p.key.value === k && !isNull(p.value));
      const type = get('type')?.value ?? scalar('ingress', entry.key);
      const dir = type.kind === 'scalar' && (type.value === 'ingress' || type.value === 'egress') ? type.value : undefined;
      if (!dir) {
        const why = unknownNode(`the type of module.${name}'s security group rule ${String(entry.key.value)} is not known statically`, `module.${name}.security_group_rules.${String(entry.key.value)}.type`, type);
        lists.ingress.push(why);
        lists.egress.push(why);
        continue;
      }
      const base: Pair[] = [
        pair('IpProtocol', get('protocol')?.key ?? entry.key, get('protocol')?.value ?? scalar('tcp', entry.key)),
        pair('FromPort', get('from_port')?.key ?? entry.key, get('from_port')?.value ?? scalar(443, entry.key, 'plain')),
        pair('ToPort', get('to_port')?.key ?? entry.key, get('to_port')?.value ?? scalar(443, entry.key, 'plain')),
      ];
      for (const [tf, cfn] of PEERS[dir]) {
        const p = get(tf);
        if (!p?.value) continue;
        const items = p.value.kind === 'seq' ? p.value.items : [p.value];
        for (const item of items) lists[dir].push(map([...base, pair(cfn, p.key, item)], r));
      }
      const s = get('self')?.value;
      if (s && !(s.kind === 'scalar' && s.value === false)) {
        const peer = s.kind === 'scalar' && s.value === true ? self : unknownNode('self is not known statically', `module.${name}.security_group_rules.${String(entry.key.value)}.self`, s);
        lists[dir].push(map([...base, pair(dir === 'ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId', s, peer)], r));
      }
    }
  }
  const props: Pair[] = [
    ...(vpc ? [pair('VpcId', vpc.nameAt, lower(vpc.value, { decls }))] : []),
    pair('SecurityGroupIngress', rulesArg?.nameAt ?? at, seq(lists.ingress, rulesArg?.value ?? at)),
    pair('SecurityGroupEgress', rulesArg?.nameAt ?? at, seq(lists.egress, rulesArg?.value ?? at)),
  ];
  const header = { start: block.start, end: block.labels[block.labels.length - 1]?.end ?? at.end };
  return { address, type: 'AWS::EC2::SecurityGroup', at: header, typeAt: at, props, tfType: 'aws_security_group' };
}

