// What a subnet's properties say about its address families and zone.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html

import type { Resolver } from './resolve.js';
import { resourcesOfType, type Resource, type Template } from './template.js';
import { refResource } from './refs.js';
import { truthy, type Value } from './values.js';

export interface SubnetFacts {
  resource: Resource;
  /** undefined: cannot tell from the template. */
  hasIpv4: boolean | undefined;
  hasIpv6: boolean | undefined;
  az: Value;
  vpc: Value;
}

export function subnetFacts(template: Template, values: Resolver, subnet: Resource): SubnetFacts {
  const props = subnet.properties;
  const native = truthy(values.prop(props, 'Ipv6Native'));
  const v6Props = ['Ipv6CidrBlock', 'Ipv6CidrBlocks', 'Ipv6IpamPoolId', 'Ipv6NetmaskLength'].map((k) => values.prop(props, k));
  let hasIpv6: boolean | undefined;
  if (native === true || v6Props.some((v) => v.kind !== 'absent' && v.kind !== 'if')) hasIpv6 = true;
  else if (v6Props.some((v) => v.kind === 'if')) hasIpv6 = undefined;
  else hasIpv6 = extraIpv6Block(template, values, subnet) ?? false;
  return {
    resource: subnet,
    hasIpv4: native === undefined && values.prop(props, 'Ipv6Native').kind !== 'absent' ? undefined : native !== true,
    hasIpv6,
    az: values.prop(props, 'AvailabilityZone').kind !== 'absent' ? values.prop(props, 'AvailabilityZone') : values.prop(props, 'AvailabilityZoneId'),
    vpc: values.prop(props, 'VpcId'),
  };
}

// An IPv6 block can also be attached by a separate AWS::EC2::SubnetCidrBlock resource.
function extraIpv6Block(template: Template, values: Resolver, subnet: Resource): boolean | undefined {
  for (const r of resourcesOfType(template, 'AWS::EC2::SubnetCidrBlock')) {
    if (refResource(template, values.prop(r.properties, 'SubnetId'))?.id === subnet.id) return r.condition ? undefined : true;
  }
  return undefined;
}
