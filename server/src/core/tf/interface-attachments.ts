// An instance's interfaces besides its first, as Terraform attaches them: aws_network_interface_attachment,
// and an aws_network_interface's own attachment block, each lowered as CloudFormation's
// AWS::EC2::NetworkInterfaceAttachment (cfn/network-attachments.ts reads it).
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_interface_attachment
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_interface#attachment

import type { Scope } from './eval.js';
import { pair } from './nodes.js';
import { CFN, props, ref, type Fields, type Lowered } from './lower-resources.js';

type Emit = (l: Lowered) => void;
type Lowerer = (f: Fields, address: string, scope: Scope, emit: Emit) => void;

const ATTACHMENT = 'AWS::EC2::NetworkInterfaceAttachment';

export function attachmentLowerers(base: Record<string, Lowerer>): Record<string, Lowerer> {
  const eni = base.aws_network_interface!;
  return {
    aws_network_interface_attachment: CFN(ATTACHMENT, { instance_id: 'InstanceId', network_interface_id: 'NetworkInterfaceId', device_index: 'DeviceIndex' }),
    aws_network_interface: (f, address, scope, emit) => {
      eni(f, address, scope, emit);
      const blocks = f.nested('attachment', scope);
      if (!Array.isArray(blocks)) return;
      blocks.forEach((b, i) => emit({ address: `${address}.attachment[${i}]`, type: ATTACHMENT, at: b.at, typeAt: b.typeAt, props: [...props(b, { instance: 'InstanceId', device_index: 'DeviceIndex' }, scope), pair('NetworkInterfaceId', b.typeAt, ref(address, b.typeAt))], tfType: '' }));
    },
  };
}
