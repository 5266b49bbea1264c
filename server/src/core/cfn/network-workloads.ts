// Workloads: where their network interfaces go.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html (VpcConfig)
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-awsvpcconfiguration.html

import { valueOf, type Node } from '../document/tree.js';
import type { Resource } from './template.js';
import { literal, truthy, type Value } from './values.js';
import { idList, keySpan, spanOf } from './facts.js';
import type { Adapter } from './network.js';
import { known, unknownFact, type Fact } from '../model/types.js';

type Each = (type: string, fn: (r: Resource, base: { id: string; at: { start: number; end: number }; condition?: string; maybe?: string }) => void) => void;

export function readWorkloads(a: Adapter, each: Each): void {
  const { values } = a;
  const v = (node: Node | undefined): Value => values.value(node ?? null);
  const add = (r: Resource, base: { id: string; at: { start: number; end: number } }, kind: string, subnets: Value, groups: Value, publicIp: Fact<boolean> | 'subnet') => {
    const s = subnets.kind === 'list' || subnets.kind === 'absent' ? idList(subnets, `${r.id}'s subnets`) : idList({ kind: 'list', items: [subnets], node: subnets.node ?? r.key }, `${r.id}'s subnets`);
    if (s.items.length === 0 && s.complete) return;
    a.model.workloads.set(r.id, { ...base, kind, subnets: s, securityGroups: idList(groups, `${r.id}'s security groups`), publicIp });
  };
  each('AWS::EC2::Instance', (r, base) => {
    const nic = values.prop(r.properties, 'NetworkInterfaces');
    const first = nic.kind === 'list' && nic.items[0]?.kind === 'map' ? nic.items[0].node : undefined;
    if (first) {
      const ip = v(valueOf(first, 'AssociatePublicIpAddress'));
      const t = truthy(ip);
      add(r, base, 'instance', v(valueOf(first, 'SubnetId')), v(valueOf(first, 'GroupSet')), t === undefined ? (ip.kind === 'absent' ? 'subnet' : unknownFact(`${r.id}'s AssociatePublicIpAddress is known only at deploy time`, `${r.id}'s AssociatePublicIpAddress`, spanOf(ip.node))) : known(t, spanOf(ip.node)));
    } else {
      add(r, base, 'instance', values.prop(r.properties, 'SubnetId'), values.prop(r.properties, 'SecurityGroupIds'), 'subnet');
    }
  });
  for (const type of ['AWS::Lambda::Function', 'AWS::Serverless::Function']) {
    each(type, (r, base) => {
      const conf = values.prop(r.properties, 'VpcConfig');
      if (conf.kind !== 'map') return;
      // Lambda network interfaces never get a public IP.
      add(r, base, 'function', v(valueOf(conf.node, 'SubnetIds')), v(valueOf(conf.node, 'SecurityGroupIds')), known(false, keySpan(r)));
    });
  }
  each('AWS::ECS::Service', (r, base) => {
    const conf = values.prop(r.properties, 'NetworkConfiguration');
    const awsvpc = conf.kind === 'map' ? v(valueOf(conf.node, 'AwsvpcConfiguration')) : undefined;
    if (awsvpc?.kind !== 'map') return;
    const assign = v(valueOf(awsvpc.node, 'AssignPublicIp'));
    const text = literal(assign);
    const ip: Fact<boolean> = assign.kind === 'absent' ? known(false, keySpan(r)) : text !== undefined ? known(text === 'ENABLED', spanOf(assign.node)) : unknownFact(`${r.id}'s AssignPublicIp is known only at deploy time`, `${r.id}'s AssignPublicIp`, spanOf(assign.node));
    add(r, base, 'ECS service', v(valueOf(awsvpc.node, 'Subnets')), v(valueOf(awsvpc.node, 'SecurityGroups')), ip);
  });
}
