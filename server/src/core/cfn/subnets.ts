// What a subnet's properties say about its address families and zone: facts (known where the template
// fixes them, with the value that decides them otherwise), so the rules and the trace give one answer.
// An IPv6-only subnet (Ipv6Native) has no IPv4 range; an IPv6 range comes from Ipv6CidrBlock(s), an IPAM
// pool, or a separate AWS::EC2::SubnetCidrBlock.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnetcidrblock.html

import type { Resolver } from './resolve.js';
import { resourcesOfType, type Resource, type Template } from './template.js';
import { refResource } from './refs.js';
import type { Value } from './values.js';
import { boolFact, keySpan, spanOf, unknownOf } from './facts.js';
import { known, unknownFact, type Fact } from '../model/types.js';

export interface SubnetFacts {
  resource: Resource;
  hasIpv4: Fact<boolean>;
  hasIpv6: Fact<boolean>;
  az: Value;
  vpc: Value;
}

/** `what(prop)` names a property in messages, in the author's words (`App's Ipv6Native`, `aws_subnet.app's ipv6_native`). */
export function subnetFacts(template: Template, values: Resolver, subnet: Resource, what: (prop: string) => string): SubnetFacts {
  const props = subnet.properties;
  const native = boolFact(values, values.prop(props, 'Ipv6Native'), what('Ipv6Native'), { value: false, at: keySpan(subnet) });
  return {
    resource: subnet,
    hasIpv4: negate(native),
    hasIpv6: native.known && native.value ? native : ipv6Range(template, values, subnet, what),
    az: values.prop(props, 'AvailabilityZone').kind !== 'absent' ? values.prop(props, 'AvailabilityZone') : values.prop(props, 'AvailabilityZoneId'),
    vpc: values.prop(props, 'VpcId'),
  };
}

function negate(f: Fact<boolean>): Fact<boolean> {
  if (f.known) return { ...f, value: !f.value };
  return f.branches ? { ...f, branches: f.branches.map((b) => ({ ...b, value: !b.value })) } : f;
}

function ipv6Range(template: Template, values: Resolver, subnet: Resource, what: (prop: string) => string): Fact<boolean> {
  const v6 = ['Ipv6CidrBlock', 'Ipv6CidrBlocks', 'Ipv6IpamPoolId', 'Ipv6NetmaskLength'].map((k) => ({ k, v: values.prop(subnet.properties, k) }));
  // Any IPv6 property written (its value may be known only at deploy time) gives the subnet an IPv6 range.
  const set = v6.find((p) => p.v.kind !== 'absent' && p.v.kind !== 'if');
  if (set) return known(true, spanOf(set.v.node, keySpan(subnet)));
  const chosen = v6.find((p) => p.v.kind === 'if');
  if (chosen) return unknownOf(chosen.v, what(chosen.k));
  // An IPv6 block can also be attached by a separate AWS::EC2::SubnetCidrBlock resource.
  for (const r of resourcesOfType(template, 'AWS::EC2::SubnetCidrBlock')) {
    if (refResource(template, values.prop(r.properties, 'SubnetId'))?.id !== subnet.id) continue;
    return r.condition ? unknownFact(`${r.id}, which gives ${subnet.id} an IPv6 range, exists only when condition ${r.condition} is true`, `condition ${r.condition}`, keySpan(r)) : known(true, keySpan(r));
  }
  return known(false, keySpan(subnet));
}
