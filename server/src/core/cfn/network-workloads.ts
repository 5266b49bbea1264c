// Workloads: where their network interfaces go.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html (VpcConfig)
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-awsvpcconfiguration.html

import { valueOf, type MapNode, type Node } from '../document/tree.js';
import { resourcesOfType, type Resource } from './template.js';
import { literal, truthy, type Value } from './values.js';
import { boolFact, idList, keySpan, spanOf } from './facts.js';
import type { Adapter } from './network.js';
import { samProperty } from './sam-globals.js';
import { known, unknownFact, type Fact, type Workload } from '../model/types.js';

type Each = (type: string, fn: (r: Resource, base: { id: string; at: { start: number; end: number }; condition?: string; maybe?: string }) => void) => void;

export function readWorkloads(a: Adapter, each: Each): void {
  const { values } = a;
  const v = (node: Node | undefined): Value => values.value(node ?? null);
  const workload = (r: Resource, base: { id: string; at: { start: number; end: number } }, kind: string, subnets: Value, groups: Value, publicIp: Fact<boolean> | 'subnet'): Workload | null => {
    const s = subnets.kind === 'list' || subnets.kind === 'absent' ? idList(subnets, `${r.id}'s subnets`) : idList({ kind: 'list', items: [subnets], node: subnets.node ?? r.key }, `${r.id}'s subnets`);
    if (s.items.length === 0 && s.complete) return null;
    // An instance or a task given no group is in its VPC's default group (model/default-group.ts).
    return { ...base, kind, subnets: s, securityGroups: idList(groups, `${r.id}'s security groups`), publicIp, ...(kind === 'function' ? {} : { defaultGroup: true }) };
  };
  // Each workload is its resource's part of the model (null: it has no network interface there).
  const add = (r: Resource, make: () => Workload | null) => {
    const w = a.part(r, 'workload', make);
    if (w) a.model.workloads.set(r.id, w);
  };
  // An instance's part reads the Elastic IPs: every instance's is made again when one of them is (model-reuse.ts).
  let eipsRead: Map<string, Fact<boolean>> | undefined;
  const eips = () => (eipsRead ??= elasticIps(a));
  each('AWS::EC2::Instance', (r, base) => add(r, () => {
    const first = firstInterface(a, r);
    // An existing interface the template makes (NetworkInterfaceId: !Ref Eni) is the instance's: its subnet and
    // groups are the interface's, and it has a public IPv4 address only through an Elastic IP, as AWS assigns one
    // only to a new interface. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-networkinterface.html
    const eni = first ? attachedInterface(a, first) : undefined;
    if (eni) {
      const ip = eips().get(eni.id) ?? eips().get(r.id) ?? known(false, keySpan(eni));
      return workload(r, base, 'instance', a.values.prop(eni.properties, 'SubnetId'), a.values.prop(eni.properties, 'GroupSet'), ip);
    }
    // What the instance leaves out, its launch template gives (instance properties override the template's).
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-launchtemplatespecification.html
    const lt = launchTemplateOf(a, r);
    const ltFirst = lt && lt !== 'outside' ? firstOf(a, a.values.value(valueOf(lt, 'NetworkInterfaces') ?? null)) : undefined;
    // A launch template known only at deploy time names what decides it (Terraform: which version, tf/lower-workloads.ts).
    const spec = a.values.prop(r.properties, 'LaunchTemplate');
    const outside = (what: string): Value => spec.kind === 'unknown' ? { ...spec, why: `${r.id}'s ${what} come from its launch template: ${spec.why}` } : { kind: 'unknown', why: `${r.id}'s ${what} come from a launch template this template does not define`, node: valueOf(r.properties, 'LaunchTemplate') ?? r.key, decides: `${r.id}'s LaunchTemplate` };
    let subnets = instanceSubnets(a, r);
    if (subnets.kind === 'absent' && lt) subnets = lt === 'outside' ? outside('subnet and network interfaces') : v(ltFirst ? valueOf(ltFirst, 'SubnetId') : undefined);
    let groups = instanceGroups(a, r);
    if (groups.kind === 'absent' && lt) groups = lt === 'outside' ? outside('security groups') : ltFirst && valueOf(ltFirst, 'Groups') ? v(valueOf(ltFirst, 'Groups')) : v(valueOf(lt, 'SecurityGroupIds'));
    const ipNode = first ? valueOf(first, 'AssociatePublicIpAddress') : ltFirst ? valueOf(ltFirst, 'AssociatePublicIpAddress') : undefined;
    const ip = ipNode !== undefined || first || ltFirst ? v(ipNode) : undefined;
    const t = ip ? truthy(ip) : undefined;
    const asked: Fact<boolean> | 'subnet' = !first && lt === 'outside' ? (spec.kind === 'unknown' ? unknownFact(`${r.id}'s public IP depends on its launch template: ${spec.why}`, spec.decides ?? `${r.id}'s LaunchTemplate`, keySpan(r)) : unknownFact(`${r.id}'s public IP depends on a launch template this template does not define`, `${r.id}'s LaunchTemplate`, keySpan(r)))
      : !ip || ip.kind === 'absent' ? 'subnet' : t === undefined ? unknownFact(`${r.id}'s AssociatePublicIpAddress is known only at deploy time`, `${r.id}'s AssociatePublicIpAddress`, spanOf(ip.node)) : known(t, spanOf(ip.node));
    // An Elastic IP associated with the instance is its public address, whatever the subnet or the interface says.
    return workload(r, base, 'instance', subnets, groups, eips().get(r.id) ?? asked);
  }));
  for (const type of ['AWS::Lambda::Function', 'AWS::Serverless::Function']) {
    each(type, (r, base) => add(r, () => {
      // A SAM function takes Globals' VpcConfig, merged with its own (sam-globals.ts).
      const conf = values.value(samProperty(a.template, r, 'VpcConfig'));
      if (conf.kind !== 'map') return null;
      // Lambda network interfaces never get a public IP.
      const w = workload(r, base, 'function', v(valueOf(conf.node, 'SubnetIds')), v(valueOf(conf.node, 'SecurityGroupIds')), known(false, keySpan(r)));
      // A function sends IPv6 traffic from a dual-stack subnet only with Ipv6AllowedForDualStack (default
      // false; Terraform's vpc_config ipv6_allowed_for_dual_stack, lowered to it).
      // https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html
      if (w) w.ipv6 = boolFact(values, v(valueOf(conf.node, 'Ipv6AllowedForDualStack')), `${r.id}'s Ipv6AllowedForDualStack`, { value: false, at: spanOf(conf.node) });
      return w;
    }));
  }
  each('AWS::ECS::Service', (r, base) => add(r, () => {
    const conf = values.prop(r.properties, 'NetworkConfiguration');
    const awsvpc = conf.kind === 'map' ? v(valueOf(conf.node, 'AwsvpcConfiguration')) : undefined;
    if (awsvpc?.kind !== 'map') return null;
    const assign = v(valueOf(awsvpc.node, 'AssignPublicIp'));
    const text = literal(assign);
    const ip: Fact<boolean> = assign.kind === 'absent' ? known(false, keySpan(r)) : text !== undefined ? known(text === 'ENABLED', spanOf(assign.node)) : unknownFact(`${r.id}'s AssignPublicIp is known only at deploy time`, `${r.id}'s AssignPublicIp`, spanOf(assign.node));
    return workload(r, base, 'ECS service', v(valueOf(awsvpc.node, 'Subnets')), v(valueOf(awsvpc.node, 'SecurityGroups')), ip);
  }));
}

function firstInterface(a: Adapter, r: Resource): MapNode | undefined {
  return firstOf(a, a.values.prop(r.properties, 'NetworkInterfaces'));
}

/** The interface at device index 0 (the first listed when none says so); the others: cfn/network-attachments.ts. */
function firstOf(a: Adapter, nic: Value): MapNode | undefined {
  if (nic.kind !== 'list') return undefined;
  const zero = nic.items.find((i) => i.kind === 'map' && literal(a.values.value(valueOf(i.node, 'DeviceIndex') ?? null)) === '0');
  const first = zero ?? nic.items[0];
  return first?.kind === 'map' ? first.node : undefined;
}

/**
 * The LaunchTemplateData of the launch template an instance launches from, when the template defines it
 * (LaunchTemplateId: !Ref Lt or !GetAtt Lt.LaunchTemplateId); 'outside' when it names another one.
 */
function launchTemplateOf(a: Adapter, r: Resource): MapNode | 'outside' | undefined {
  const spec = a.values.prop(r.properties, 'LaunchTemplate');
  if (spec.kind === 'absent') return undefined;
  if (spec.kind !== 'map') return 'outside';
  const id = a.values.value(valueOf(spec.node, 'LaunchTemplateId') ?? valueOf(spec.node, 'LaunchTemplateName') ?? null);
  const lt = id.kind === 'ref' ? a.template.byId.get(id.target) : undefined;
  const data = lt?.type === 'AWS::EC2::LaunchTemplate' ? a.values.prop(lt.properties, 'LaunchTemplateData') : undefined;
  return data?.kind === 'map' ? data.node : 'outside';
}

/** The template's AWS::EC2::NetworkInterface an instance's interface attaches (NetworkInterfaceId: !Ref Eni). */
function attachedInterface(a: Adapter, first: MapNode): Resource | undefined {
  const id = a.values.value(valueOf(first, 'NetworkInterfaceId') ?? null);
  const r = id.kind === 'ref' && !id.attr ? a.template.byId.get(id.target) : undefined;
  return r?.type === 'AWS::EC2::NetworkInterface' ? r : undefined;
}

function instanceSubnets(a: Adapter, r: Resource): Value {
  const first = firstInterface(a, r);
  return first ? a.values.value(valueOf(first, 'SubnetId') ?? null) : a.values.prop(r.properties, 'SubnetId');
}

/**
 * SecurityGroupIds and SecurityGroups (group names, the default VPC's way; a !Ref of a group without a
 * VpcId is its name): both are the instance's groups.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html
 */
function instanceGroups(a: Adapter, r: Resource): Value {
  const first = firstInterface(a, r);
  if (first) return a.values.value(valueOf(first, 'GroupSet') ?? null);
  const ids = a.values.prop(r.properties, 'SecurityGroupIds');
  const names = a.values.prop(r.properties, 'SecurityGroups');
  if (names.kind === 'absent') return ids;
  if (ids.kind === 'absent') return names;
  if (ids.kind !== 'list') return ids;
  if (names.kind !== 'list') return names;
  return { ...ids, items: [...ids.items, ...names.items] };
}

// Instances an AWS::EC2::EIP (InstanceId) or AWS::EC2::EIPAssociation (InstanceId) gives a public address:
// known where the association exists in this deployment, unknown where a condition it rests on is undecided.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-eip.html
function elasticIps(a: Adapter): Map<string, Fact<boolean>> {
  const out = new Map<string, Fact<boolean>>();
  for (const type of ['AWS::EC2::EIP', 'AWS::EC2::EIPAssociation']) {
    for (const r of resourcesOfType(a.template, type)) {
      const state = a.state(r);
      if (state === 'absent') continue;
      // An Elastic IP of a network interface (NetworkInterfaceId) is the address of the instance it is attached to.
      const instance = a.values.prop(r.properties, 'InstanceId').kind !== 'absent' ? a.values.prop(r.properties, 'InstanceId') : a.values.prop(r.properties, 'NetworkInterfaceId');
      if (instance.kind !== 'ref' || out.get(instance.target)?.known) continue;
      out.set(instance.target, state.maybe ? unknownFact(`${r.id} gives ${instance.target} an Elastic IP only when condition ${state.maybe} is true, which the deployment does not decide`, `condition ${state.maybe}`, keySpan(r)) : known(true, keySpan(r)));
    }
  }
  return out;
}
