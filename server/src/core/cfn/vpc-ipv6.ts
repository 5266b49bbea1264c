// Whether a VPC has an IPv6 block: an AWS::EC2::VPCCidrBlock (Terraform: aws_vpc's
// assign_generated_ipv6_cidr_block / ipv6_cidr_block / ipv6_ipam_pool_id, or
// aws_vpc_ipv6_cidr_block_association, lowered to one) that asks for an Amazon-provided block, gives one
// (BYOIP: Ipv6CidrBlock with Ipv6Pool), or draws one from an IPAM pool. The block's addresses are known
// only at deploy time; that the VPC has one is a fact the subnets' IPv6 and the IPv6 local route rest on.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpccidrblock.html
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html (IPv6 VPC CIDR blocks)

import { resourcesOfType } from './template.js';
import { refResource } from './refs.js';
import { literal } from './values.js';
import { boolFact, keySpan, unknownOf } from './facts.js';
import type { Adapter } from './network.js';
import { known, unknownFact, type Fact } from '../model/types.js';

const BLOCK_PROPS = ['Ipv6CidrBlock', 'Ipv6IpamPoolId', 'Ipv6Pool'];

export interface VpcIpv6 {
  /** The VPC has an IPv6 block; undefined: no block names it, and none may (it has none). */
  has: Fact<boolean> | undefined;
  /**
   * Its IPv6 blocks' addresses: known when every block is written (BYOIP or an explicit IPAM allocation:
   * Ipv6CidrBlock); unknown naming the value that decides one (AmazonProvidedIpv6CidrBlock: Amazon assigns
   * it; Ipv6IpamPoolId with a netmask length: the pool allocates it; a block whose VPC is not known).
   */
  blocks: Fact<string[]> | undefined;
  /**
   * When the VPC surely has one IPv6 block and no other may be added, the values that name it: every
   * subnet's IPv6 range lies in it (model/range-identity.ts).
   */
  identities?: string[];
}

/**
 * The values that name the block an AWS::EC2::VPCCidrBlock gives: in a template, the VPC's first
 * Ipv6CidrBlocks item (the resource has no attribute of its own for it); in Terraform, the attribute of
 * the resource the block came from (tf/lower.ts lowers aws_vpc's own block as `<vpc address>.ipv6`).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpc.html#aws-resource-ec2-vpc-return-values
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc#ipv6_cidr_block-1
 */
function namesOfBlock(a: Adapter, block: string, vpc: string): string[] {
  if (a.words.format === 'cloudformation') return [`${vpc}.Ipv6CidrBlocks[0]`];
  return [block === `${vpc}.ipv6` ? `${vpc}.ipv6_cidr_block` : `${block}.ipv6_cidr_block`];
}

/** Each VPC's IPv6 facts, read once per model: VPC id → facts. */
export function vpcIpv6Facts(a: Adapter): (vpc: string) => VpcIpv6 {
  const { template, values, words: w } = a;
  const facts = new Map<string, Fact<boolean>>();
  const blocks = new Map<string, Fact<string[]>>();
  let anyVpc: Fact<boolean> | undefined;
  // Each VPC's IPv6 blocks: the resource, and whether it surely exists.
  const each = new Map<string, { id: string; sure: boolean }[]>();
  for (const r of resourcesOfType(template, 'AWS::EC2::VPCCidrBlock')) {
    const state = a.state(r);
    if (state === 'absent') continue;
    const prop = (k: string) => values.prop(r.properties, k);
    const amazon = prop('AmazonProvidedIpv6CidrBlock');
    const written = BLOCK_PROPS.map((k) => ({ k, v: prop(k) })).find((p) => p.v.kind !== 'absent');
    let has: Fact<boolean> = written ? (written.v.kind === 'if' ? unknownOf(written.v, `${r.id}'s ${w.prop(written.k)}`) : known(true, keySpan(r))) : boolFact(values, amazon, `${r.id}'s ${w.prop('AmazonProvidedIpv6CidrBlock')}`, { value: false, at: keySpan(r) });
    if (has.known && !has.value) continue;
    if (state.maybe) has = unknownFact(`${r.id}, which gives the VPC an IPv6 block, exists only when condition ${state.maybe} is true`, `condition ${state.maybe}`, keySpan(r));
    const vpcValue = prop('VpcId');
    const vpc = refResource(template, vpcValue);
    // A VPC id written, a parameter's or an import's names a VPC that exists before the stack: none of its own.
    if (!vpc && (literal(vpcValue) !== undefined || (vpcValue.kind === 'unknown' && /^parameter |imported value /.test(vpcValue.why)))) continue;
    if (!vpc) {
      anyVpc ??= unknownFact(`${r.id} may give the VPC an IPv6 block: its ${w.prop('VpcId')} is known only at deploy time`, `${r.id}'s ${w.prop('VpcId')}`, keySpan(r));
      continue;
    }
    each.set(vpc.id, [...(each.get(vpc.id) ?? []), { id: r.id, sure: has.known && has.value }]);
    const before = facts.get(vpc.id);
    if (!before || (!before.known && has.known)) facts.set(vpc.id, has);
    const text = literal(prop('Ipv6CidrBlock'));
    const sofar = blocks.get(vpc.id) ?? known<string[]>([], keySpan(r));
    if (!sofar.known) continue;
    if (typeof text === 'string' && has.known) blocks.set(vpc.id, known([...sofar.value, text], keySpan(r)));
    else {
      const decider = written && written.k !== 'Ipv6Pool' ? written.k : 'AmazonProvidedIpv6CidrBlock';
      const how = decider === 'Ipv6IpamPoolId' ? 'the IPAM pool allocates it at deploy time' : decider === 'Ipv6CidrBlock' ? 'its value is known only at deploy time' : 'Amazon assigns it at deploy time';
      blocks.set(vpc.id, unknownFact(`the IPv6 block ${r.id} gives the VPC is not written: ${how}`, `${r.id}'s ${w.prop(decider)}`, keySpan(r)));
    }
  }
  return (id) => {
    const has = facts.get(id) ?? anyVpc;
    const own = blocks.get(id);
    // A block whose VPC is not known may be this VPC's too: its addresses are then not all written.
    const all = anyVpc && !anyVpc.known && own?.known ? unknownFact<string[]>(anyVpc.why, anyVpc.decides, anyVpc.at) : (own ?? (anyVpc && !anyVpc.known ? unknownFact<string[]>(anyVpc.why, anyVpc.decides, anyVpc.at) : undefined));
    const mine = each.get(id);
    const one = mine?.length === 1 && mine[0]!.sure && !anyVpc ? namesOfBlock(a, mine[0]!.id, id) : undefined;
    return { has, blocks: all, ...(one ? { identities: one } : {}) };
  };
}
