// Network interfaces attached to an instance besides its first: an AWS::EC2::NetworkInterfaceAttachment
// (Terraform's aws_network_interface_attachment, and an aws_network_interface's attachment block, are
// lowered to it), or the instance's own NetworkInterfaces at device index 1 and up (Terraform's
// network_interface blocks). Traffic from the instance to an address in such an interface's subnet leaves through
// that interface (the subnet is on its link), with its groups: the trace asks the model for them
// (trace/extra-interfaces.ts).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkinterfaceattachment.html
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/scenarios-enis.html

import { resourcesOfType } from './template.js';
import { literal } from './values.js';
import { valueOf } from '../document/tree.js';
import { idList, keySpan, refFact, spanOf, unknownOf } from './facts.js';
import type { Adapter } from './network.js';
import type { ExtraInterface } from '../model/types.js';

export function readAttachments(a: Adapter): void {
  const out = new Map<string, ExtraInterface[]>();
  for (const r of resourcesOfType(a.template, 'AWS::EC2::NetworkInterfaceAttachment')) {
    const state = a.state(r);
    if (state === 'absent') continue;
    const instance = a.values.prop(r.properties, 'InstanceId');
    if (instance.kind !== 'ref' || instance.attr) continue;
    // Device index 0 is the instance's first interface, which the workload itself reads.
    if (literal(a.values.prop(r.properties, 'DeviceIndex')) === '0') continue;
    const eni = a.values.prop(r.properties, 'NetworkInterfaceId');
    const own = eni.kind === 'ref' && !eni.attr ? a.template.byId.get(eni.target) : undefined;
    const nic: ExtraInterface = own?.type === 'AWS::EC2::NetworkInterface'
      ? { id: own.id, at: keySpan(own), subnet: refFact(a.values.prop(own.properties, 'SubnetId'), `${own.id}'s SubnetId`), groups: idList(a.values.prop(own.properties, 'GroupSet'), `${own.id}'s security groups`) }
      : { id: r.id, at: keySpan(r), subnet: unknownOf(eni, `the subnet of the interface ${r.id} attaches`), groups: idList(eni, `the security groups of the interface ${r.id} attaches`) };
    if (state.maybe) nic.subnet = { known: false, why: `${r.id} attaches ${nic.id} only when condition ${state.maybe} is true, which the deployment does not decide`, decides: `condition ${state.maybe}`, at: keySpan(r) };
    out.set(instance.target, [...(out.get(instance.target) ?? []), nic]);
  }
  // An instance's own NetworkInterfaces at device index 1 and up.
  for (const r of resourcesOfType(a.template, 'AWS::EC2::Instance')) {
    const state = a.state(r);
    const list = state === 'absent' ? undefined : a.values.prop(r.properties, 'NetworkInterfaces');
    if (list?.kind !== 'list') continue;
    for (const item of list.items) {
      if (item.kind !== 'map') continue;
      const get = (k: string) => a.values.value(valueOf(item.node, k) ?? null);
      const index = literal(get('DeviceIndex'));
      if (index === undefined || index === '0') continue;
      const eni = get('NetworkInterfaceId');
      const own = eni.kind === 'ref' && !eni.attr ? a.template.byId.get(eni.target) : undefined;
      const nic: ExtraInterface = own?.type === 'AWS::EC2::NetworkInterface'
        ? { id: own.id, at: keySpan(own), subnet: refFact(a.values.prop(own.properties, 'SubnetId'), `${own.id}'s SubnetId`), groups: idList(a.values.prop(own.properties, 'GroupSet'), `${own.id}'s security groups`) }
        : eni.kind !== 'absent'
          ? { id: r.id, at: spanOf(item.node), subnet: unknownOf(eni, `the subnet of ${r.id}'s interface at device index ${index}`), groups: idList(eni, `the security groups of ${r.id}'s interface at device index ${index}`) }
          : { id: r.id, at: spanOf(item.node), subnet: refFact(get('SubnetId'), `${r.id}'s interface at device index ${index}'s SubnetId`), groups: idList(get('GroupSet'), `${r.id}'s interface at device index ${index}'s security groups`) };
      out.set(r.id, [...(out.get(r.id) ?? []), nic]);
    }
  }
  if (out.size) a.model.extraInterfaces = out;
}
