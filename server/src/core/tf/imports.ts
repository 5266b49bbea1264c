// `import` blocks: the resources they name exist before the configuration. Terraform adopts them and
// sets what the configuration writes; an Optional+Computed argument it does not write keeps the
// existing resource's value, so it is unknown here, not the value AWS gives a resource it creates:
//   aws_vpc_endpoint: route_table_ids, subnet_ids, security_group_ids, private_dns_enabled, policy,
//                     ip_address_type (provider schema, internal/service/ec2/vpc_endpoint.go)
//   aws_vpc: enable_dns_hostnames (and its main route table and default ACL: lower-defaults.ts)
//   aws_route_table: route; aws_security_group, aws_network_acl: ingress, egress (attributes as
//                     blocks: omitted, they are left as they are)
//   aws_subnet: its route table and network ACL associations
// https://developer.hashicorp.com/terraform/language/import
// https://developer.hashicorp.com/terraform/language/attr-as-blocks

import type { Node } from '../document/tree.js';
import { attr, blocksOf, type Block, type Expr } from './hcl-ast.js';
import { lower } from './eval.js';
import type { ModuleDecls } from './module.js';
import { instanceAddress } from './module.js';
import { pair, scalar, seq, unknownNode } from './nodes.js';
import { ref, type Lowered } from './lower-resources.js';

/** Whether an address (`aws_vpc.v[0]`, `module.net.aws_vpc.this`) is one an import block names. */
export type Imported = (address: string) => boolean;

export function importedAddresses(blocks: readonly Block[] | undefined, decls: ModuleDecls): Imported {
  const exact = new Set<string>();
  const whole: string[] = [];
  for (const b of blocks ?? []) {
    const to = attr(b.body, 'to')?.value;
    const a = to && addressOf(to, decls);
    if (!a) continue;
    // An instance key not known statically (an import with for_each): any instance may be imported.
    if (a.open || attr(b.body, 'for_each')) whole.push(a.address);
    else exact.add(a.address);
  }
  if (!exact.size && !whole.length) return () => false;
  return (address) => exact.has(address) || whole.some((w) => address === w || address.startsWith(`${w}[`));
}

function addressOf(e: Expr, decls: ModuleDecls): { address: string; open?: true } | undefined {
  // JSON syntax writes the address as a string.
  if (e.k === 'literal' && typeof e.value === 'string') return { address: e.value.trim() };
  if (e.k === 'template' && e.parts.length === 1 && 'lit' in e.parts[0]!) return { address: e.parts[0].lit.trim() };
  if (e.k !== 'traversal') return undefined;
  let address = e.root;
  for (const s of e.steps) {
    if ('attr' in s) address += `.${s.attr}`;
    else if ('index' in s) {
      const k = lower(s.index, { decls });
      if (k.kind !== 'scalar' || (typeof k.value !== 'number' && typeof k.value !== 'string')) return { address, open: true };
      address = instanceAddress(address, k.value);
    } else return { address, open: true };
  }
  return { address };
}

const written = (block: Block | undefined, name: string) => !!block && (!!attr(block.body, name) || blocksOf(block.body, name).length > 0 || block.body.blocks.some((d) => d.type === 'dynamic' && d.labels[0]?.value === name));

const ENDPOINT_ARGS: { tf: string; cfn: string; list: boolean; types: string[] }[] = [
  { tf: 'route_table_ids', cfn: 'RouteTableIds', list: true, types: ['Gateway'] },
  { tf: 'subnet_ids', cfn: 'SubnetIds', list: true, types: ['Interface', 'GatewayLoadBalancer'] },
  { tf: 'security_group_ids', cfn: 'SecurityGroupIds', list: true, types: ['Interface'] },
  { tf: 'private_dns_enabled', cfn: 'PrivateDnsEnabled', list: false, types: ['Interface'] },
  { tf: 'policy', cfn: 'PolicyDocument', list: false, types: ['Gateway', 'Interface'] },
  { tf: 'ip_address_type', cfn: 'IpAddressType', list: false, types: ['Interface', 'GatewayLoadBalancer'] },
];

/** The imported resources' unwritten Optional+Computed arguments, made unknown (after the associations are merged). */
export function importedParts(lowered: Lowered[], imported: Imported, blockOf: (address: string) => Block | undefined): void {
  const base = (address: string) => address.replace(/\[[^\]]*\]$/, '');
  const added: Lowered[] = [];
  for (const l of lowered) {
    if (!imported(l.address)) continue;
    const block = blockOf(base(l.address));
    const unknownAt = (what: string): Node => unknownNode(`${l.address} is imported: its ${what} are the existing resource's, which the configuration does not write`, `${l.address}'s ${what}`, l.typeAt);
    if (l.type === 'AWS::EC2::VPCEndpoint' && l.tfType === 'aws_vpc_endpoint') {
      const typeNode = l.props.find((p) => p.key.value === 'VpcEndpointType')?.value;
      const type = typeNode === undefined ? 'Gateway' : typeNode?.kind === 'scalar' ? String(typeNode.value) : undefined;
      for (const a of ENDPOINT_ARGS) {
        if (block ? written(block, a.tf) : l.props.some((p) => p.key.value === a.cfn)) continue;
        if (type !== undefined && !a.types.includes(type)) continue;
        const existing = l.props.find((p) => p.key.value === a.cfn);
        const item = unknownAt(a.tf.replace(/_/g, ' '));
        if (a.list && existing?.value?.kind === 'seq') existing.value.items.push(item);
        else if (!existing) l.props.push(pair(a.cfn, l.typeAt, a.list ? seq([item], l.typeAt) : item));
      }
    } else if (l.type === 'AWS::EC2::VPC' && l.tfType === 'aws_vpc' && !written(block, 'enable_dns_hostnames')) {
      l.props = [...l.props.filter((p) => p.key.value !== 'EnableDnsHostnames'), pair('EnableDnsHostnames', l.typeAt, unknownAt('DNS hostnames setting'))];
    } else if (l.type === 'AWS::EC2::RouteTable' && l.tfType === 'aws_route_table' && !written(block, 'route')) {
      const n = unknownAt('routes');
      added.push({ address: `${l.address}.route`, type: 'AWS::EC2::Route', at: l.at, typeAt: l.typeAt, props: [pair('RouteTableId', l.typeAt, ref(l.address, l.typeAt)), pair('DestinationCidrBlock', l.typeAt, n), pair('GatewayId', l.typeAt, n)], tfType: l.tfType });
    } else if (l.type === 'AWS::EC2::SecurityGroup' && l.tfType === 'aws_security_group') {
      for (const [dir, key] of [['ingress', 'SecurityGroupIngress'], ['egress', 'SecurityGroupEgress']] as const) {
        if (written(block, dir)) continue;
        const list = l.props.find((p) => p.key.value === key)?.value;
        if (list?.kind === 'seq') list.items.push(unknownAt(`${dir} rules`));
      }
    } else if (l.type === 'AWS::EC2::NetworkAcl' && l.tfType === 'aws_network_acl') {
      for (const dir of ['ingress', 'egress'] as const) {
        if (written(block, dir)) continue;
        added.push({ address: `${l.address}.${dir}`, type: 'AWS::EC2::NetworkAclEntry', at: l.at, typeAt: l.typeAt, props: [pair('NetworkAclId', l.typeAt, ref(l.address, l.typeAt)), pair('RuleNumber', l.typeAt, unknownAt(`${dir} rules`)), pair('Egress', l.typeAt, scalar(dir === 'egress', l.typeAt, 'plain'))], tfType: l.tfType });
      }
    } else if (l.type === 'AWS::EC2::Subnet' && l.tfType === 'aws_subnet') {
      for (const [type, key, what] of [['AWS::EC2::SubnetRouteTableAssociation', 'RouteTableId', 'route table association'], ['AWS::EC2::SubnetNetworkAclAssociation', 'NetworkAclId', 'network ACL association']] as const) {
        const has = lowered.some((x) => x.type === type && refTarget(x.props.find((p) => p.key.value === 'SubnetId')?.value) === l.address);
        if (!has) added.push({ address: `${l.address}.imported_${key}`, type, at: l.at, typeAt: l.typeAt, props: [pair('SubnetId', l.typeAt, ref(l.address, l.typeAt)), pair(key, l.typeAt, unknownAt(`${what}s`))], tfType: l.tfType });
      }
    }
  }
  lowered.push(...added);
}

const refTarget = (n: Node | null | undefined): string | undefined =>
  n?.kind === 'map' && n.pairs.length === 1 && n.pairs[0]!.key.value === 'Ref' && n.pairs[0]!.value?.kind === 'scalar' ? String(n.pairs[0]!.value.value) : undefined;
