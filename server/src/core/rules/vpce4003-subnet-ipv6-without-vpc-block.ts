import type { Finding } from '../findings.js';
import { knownValue } from '../model/types.js';
import { conditionNote } from './conditions.js';
import { finding, type Rule } from './types.js';
const meta = {
  id: 'VPCE4003',
  severity: 'error',
  title: 'Subnet has IPv6 but its VPC has no IPv6 block',
  why:
    "A subnet's IPv6 range is carved out of its VPC's IPv6 block: an IPv6 or IPv6-only subnet in a VPC without one cannot be created " +
    '(and !GetAtt VPC.Ipv6CidrBlocks is empty). Give the VPC a block first: an AWS::EC2::VPCCidrBlock with AmazonProvidedIpv6CidrBlock, an IPAM pool or your own addresses.',
  docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html',
  // Terraform: aws_vpc's assign_generated_ipv6_cidr_block "Requests an Amazon-provided IPv6 CIDR block with a /56 prefix length";
  // aws_vpc_ipv6_cidr_block_association adds a block to an existing VPC.
  terraform: {
    why:
      'A subnet\'s ipv6_cidr_block is carved out of its VPC\'s IPv6 block: an aws_subnet with an ipv6_cidr_block (or ipv6_native = true) in a VPC without one cannot be created. ' +
      'Give the VPC a block first: assign_generated_ipv6_cidr_block = true on the aws_vpc (an Amazon-provided /56), or an aws_vpc_ipv6_cidr_block_association.',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc',
  },
} as const;

// Only when certain: the subnet surely has IPv6 and its VPC, created by the template, surely has no block
// (no block resource names it, and none whose VPC is known only at deploy time may). The model's facts
// (cfn/vpc-ipv6.ts, cfn/subnets.ts) decide, as they do for the trace's IPv6 routes.
export const subnetIpv6WithoutVpcBlock: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const model = ctx.network().judged();
    for (const subnet of model.subnets.values()) {
      if (knownValue(subnet.hasIpv6) !== true || !subnet.vpc.known) continue;
      const vpc = model.vpcs.get(subnet.vpc.value);
      if (!vpc || knownValue(vpc.ipv6) !== false) continue;
      const resource = ctx.template.byId.get(subnet.id);
      if (!resource) continue;
      const fix = ctx.words.format === 'terraform' ? `set ${ctx.words.set('AmazonProvidedIpv6CidrBlock', 'true')} on ${vpc.id}` : `add an AWS::EC2::VPCCidrBlock with AmazonProvidedIpv6CidrBlock: true for ${vpc.id} (and DependsOn it)`;
      out.push(
        finding(meta, resource.key, `${subnet.id}: has an IPv6 range, but VPC ${vpc.id} has no IPv6 block, so the subnet cannot be created; ${fix}${conditionNote(resource, [])}`, {
          resource,
          span: subnet.hasIpv6.known ? (subnet.hasIpv6.at ?? subnet.at) : subnet.at,
          related: [{ ...vpc.at, message: `${vpc.id} has no IPv6 block` }],
        }),
      );
    }
    return out;
  },
};
