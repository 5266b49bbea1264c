// Terraform's instances and what they launch with, lowered into CloudFormation's shape so the network
// model reads them as it reads a template (cfn/network-workloads.ts): an attached aws_network_interface
// (AWS::EC2::NetworkInterface), an aws_launch_template (AWS::EC2::LaunchTemplate) and the Elastic IPs
// that give either a public address (AWS::EC2::EIP, AWS::EC2::EIPAssociation).
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/launch_template
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_interface

import type { Node, Pair } from '../document/tree.js';
import { attr, type Expr, type Located } from './hcl-ast.js';
import { lower, textOf, type Scope } from './eval.js';
import { map, pair, scalar, seq, unknownNode } from './nodes.js';
import { notKnown, props, type Fields, type Lowered } from './lower-resources.js';

type Emit = (l: Lowered) => void;
type Lowerer = (f: Fields, address: string, scope: Scope, emit: Emit) => void;

const resource = (f: Fields, address: string, type: string, p: Pair[]): Lowered => ({ address, type, at: f.at, typeAt: f.typeAt, props: p, tfType: '' });

export const WORKLOAD_LOWERERS: Record<string, Lowerer> = {
  aws_instance: (f, address, scope, emit) => emit(resource(f, address, 'AWS::EC2::Instance', [...instanceNetwork(f, address, scope), ...launchTemplate(f, address, scope)])),
  aws_network_interface: (f, address, scope, emit) => emit(resource(f, address, 'AWS::EC2::NetworkInterface', props(f, { subnet_id: 'SubnetId', security_groups: 'GroupSet' }, scope))),
  aws_launch_template: (f, address, scope, emit) => {
    const nics = f.nested('network_interfaces', scope);
    const first = Array.isArray(nics) ? firstInterface(nics, scope, f.typeAt) : unknownInterface(notKnown(nics, f.typeAt), f.typeAt);
    const data = [...props(f, { vpc_security_group_ids: 'SecurityGroupIds' }, scope), ...(first ? [pair('NetworkInterfaces', f.typeAt, seq([first], f.typeAt))] : [])];
    emit(resource(f, address, 'AWS::EC2::LaunchTemplate', [pair('LaunchTemplateData', f.typeAt, map(data, f.at))]));
  },
  // An Elastic IP of an instance or of a network interface is the instance's public address.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eip
  aws_eip: (f, address, scope, emit) => emit(resource(f, address, 'AWS::EC2::EIP', props(f, { instance: 'InstanceId', network_interface: 'NetworkInterfaceId' }, scope))),
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eip_association
  aws_eip_association: (f, address, scope, emit) => emit(resource(f, address, 'AWS::EC2::EIPAssociation', props(f, { allocation_id: 'AllocationId', instance_id: 'InstanceId', network_interface_id: 'NetworkInterfaceId' }, scope))),
};

/** Types whose `.id` is a reference to the lowered resource (module.ts MODELLED). */
export const WORKLOAD_TYPES = ['aws_network_interface', 'aws_launch_template', 'aws_eip'];

/**
 * Where the instance's first interface goes: its own subnet_id and groups, a new interface with a public
 * IP asked for, or an existing interface it attaches at device index 0 (`network_interface`, or AWS
 * provider 6's `primary_network_interface`).
 */
function instanceNetwork(f: Fields, address: string, scope: Scope): Pair[] {
  const ip = f.get('associate_public_ip_address');
  const primary = f.nested('primary_network_interface', scope);
  const attached = Array.isArray(primary) && primary.length ? primary : f.nested('network_interface', scope);
  if (!Array.isArray(attached)) return [pair('NetworkInterfaces', f.typeAt, seq([unknownInterface(notKnown(attached, f.typeAt), f.typeAt)], f.typeAt))];
  if (attached.length) {
    const zero = attached === primary ? attached[0] : attached.find((b) => deviceIndex(b, scope) === 0);
    const undecided = attached.find((b) => deviceIndex(b, scope) === undefined);
    if (!zero) {
      const why = undecided ? unknownNode(`${address}'s network interface at device index 0 is not known statically`, `${address}'s network_interface device_index`, undecided.typeAt) : unknownNode(`${address} attaches no network interface at device index 0`, `${address}'s network_interface`, f.typeAt);
      return [pair('NetworkInterfaces', f.typeAt, seq([unknownInterface(why, f.typeAt)], f.typeAt))];
    }
    // The others (device index 1 and up) are the instance's second interfaces (cfn/network-attachments.ts).
    const others = attached === primary ? [] : attached.filter((b) => b !== zero && (deviceIndex(b, scope) ?? 0) > 0);
    return [pair('NetworkInterfaces', zero.typeAt, seq([attachedInterface(zero, address, scope), ...others.map((b) => attachedInterface(b, address, scope, deviceIndex(b, scope)))], zero.typeAt))];
  }
  const groups = instanceGroups(f, scope);
  const base = [...props(f, { subnet_id: 'SubnetId' }, scope), ...(groups ? [pair('SecurityGroupIds', groups.at, groups.value)] : [])];
  if (!ip) return base;
  const nic = [...props(f, { subnet_id: 'SubnetId', associate_public_ip_address: 'AssociatePublicIpAddress' }, scope), ...(groups ? [pair('GroupSet', groups.at, groups.value)] : [])];
  return [pair('NetworkInterfaces', ip.nameAt, seq([map(nic, f.at)], f.at))];
}

/**
 * vpc_security_group_ids and security_groups together. The provider passes security_groups with a
 * subnet_id as the first interface's group ids, beside vpc_security_group_ids (in the default VPC
 * without one, as group names): either way they are the instance's groups. A group named by its
 * `name` (`aws_security_group.x.name`, the default VPC's way) is that group.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#security_groups
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html (SecurityGroups: names, default VPC)
 */
function instanceGroups(f: Fields, scope: Scope): { at: Located; value: Node } | undefined {
  const lists = (['vpc_security_group_ids', 'security_groups'] as const).flatMap((name) => {
    const a = f.get(name);
    const v = a ? lower(byId(a.value), scope) : undefined;
    return a && v && !(v.kind === 'scalar' && v.value === null) ? [{ at: a.nameAt, value: v }] : [];
  });
  if (lists.length < 2) return lists[0];
  const open = lists.find((l) => l.value.kind !== 'seq');
  return { at: lists[0]!.at, value: open?.value ?? seq(lists.flatMap((l) => (l.value.kind === 'seq' ? l.value.items : [])), lists[0]!.value) };
}

/** `[aws_security_group.x.name, ...]` → the same groups by `id`. */
function byId(e: Expr): Expr {
  if (e.k !== 'tuple') return e;
  return {
    ...e,
    items: e.items.map((i) => {
      const last = i.k === 'traversal' ? i.steps[i.steps.length - 1] : undefined;
      if (i.k !== 'traversal' || (i.root !== 'aws_security_group' && i.root !== 'aws_default_security_group') || !last || !('attr' in last) || last.attr !== 'name') return i;
      return { ...i, steps: [...i.steps.slice(0, -1), { ...last, attr: 'id' }] };
    }),
  };
}

function deviceIndex(b: Fields, scope: Scope): number | undefined {
  const d = b.get('device_index');
  if (!d) return undefined;
  const v = lower(d.value, b.scope ?? scope);
  return v.kind === 'scalar' && v.value !== null && v.value !== '' && Number.isInteger(Number(v.value)) ? Number(v.value) : undefined;
}

/** An aws_network_interface of the module stays a reference the model follows; any other is known only at apply time. */
function attachedInterface(b: Fields, address: string, scope: Scope, index = 0): Node {
  const id = b.get('network_interface_id');
  const inner = b.scope ?? scope;
  const v = id ? lower(id.value, inner) : undefined;
  if (id && v && isRef(v)) return map([pair('NetworkInterfaceId', id.nameAt, v), pair('DeviceIndex', b.typeAt, scalar(String(index), b.typeAt))], b.at);
  const text = id ? textOf(inner, id.value).replace(/\s+/g, ' ') : `${address}'s network_interface`;
  const nic = unknownInterface(unknownNode(`${address} attaches network interface ${text}, which this configuration does not make: its subnet, groups and public IP are known only at apply time`, text, id?.nameAt ?? b.typeAt), b.at);
  return index && nic.kind === 'map' ? map([...nic.pairs, pair('DeviceIndex', b.typeAt, scalar(String(index), b.typeAt))], b.at) : nic;
}

/** A first interface whose every network value is `why`. */
function unknownInterface(why: Node, at: Located): Node {
  return map(['SubnetId', 'GroupSet', 'Groups', 'AssociatePublicIpAddress'].map((k) => pair(k, at, why)), at);
}

/** The launch template's interface at device index 0 (one block without an index is it). */
function firstInterface(nics: Fields[], scope: Scope, at: Located): Node | undefined {
  if (!nics.length) return undefined;
  const zero = nics.length === 1 && !nics[0]!.get('device_index') ? nics[0] : nics.find((b) => deviceIndex(b, scope) === 0);
  if (!zero) return unknownInterface(unknownNode('the launch template\'s network interface at device index 0 is not known statically', 'its network_interfaces device_index', at), at);
  return map(props(zero, { device_index: 'DeviceIndex', subnet_id: 'SubnetId', security_groups: 'Groups', associate_public_ip_address: 'AssociatePublicIpAddress' }, scope), zero.at);
}

/**
 * `launch_template { id | name, version }`. The configuration's launch_template data is what the instance
 * launched with only for the version Terraform writes (`latest_version` of the same template, or its
 * default version when `update_default_version = true`, as `$Default` and no version name it). `$Latest`,
 * a number or the default version otherwise may be another version than the configuration shows
 * (an older default, a version made since): the launch template is then known only at apply time.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#launch-template-specification
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplateSpecification.html
 */
function launchTemplate(f: Fields, address: string, scope: Scope): Pair[] {
  const blocks = f.nested('launch_template', scope);
  if (!Array.isArray(blocks)) return [pair('LaunchTemplate', f.typeAt, notKnown(blocks, f.typeAt))];
  const b = blocks[0];
  if (!b) return [];
  const inner = b.scope ?? scope;
  const named = b.get('id') ?? b.get('name');
  const target = named ? templateOf(named.value) : undefined;
  // Another launch template (a variable, a data source, a name): the model says it is not this module's.
  if (!named || !target) return [pair('LaunchTemplate', b.typeAt, map(named ? [pair('LaunchTemplateId', named.nameAt, lower(named.value, inner))] : [], b.at))];
  const version = b.get('version');
  const written = version ? textOf(inner, version.value).replace(/\s+/g, ' ') : undefined;
  if (!writtenVersion(version?.value, inner, target, scope)) {
    const why = `which version of ${target.address} ${address} launches from is known only at apply time (version ${written ?? '$Default'}${written === '"$Latest"' ? ', the latest when it launched' : ''})`;
    return [pair('LaunchTemplate', b.typeAt, unknownNode(why, `${address}'s launch_template version ${written ?? '$Default'}`, version?.nameAt ?? b.typeAt))];
  }
  return [pair('LaunchTemplate', b.typeAt, map([pair('LaunchTemplateId', named.nameAt, lower(target.id, inner))], b.at))];
}

/** `aws_launch_template.<name>[key].id|name|latest_version|default_version`: the template and the attribute. */
function templateOf(e: Expr): { address: string; id: Expr; attr: string } | undefined {
  if (e.k !== 'traversal' || e.root !== 'aws_launch_template') return undefined;
  const last = e.steps[e.steps.length - 1];
  const name = e.steps[0];
  if (!last || !name || !('attr' in last) || !('attr' in name) || e.steps.length < 2) return undefined;
  const id: Expr = { ...e, steps: [...e.steps.slice(0, -1), { ...last, attr: 'id' }] };
  return { address: `aws_launch_template.${name.attr}`, id, attr: last.attr };
}

function writtenVersion(version: Expr | undefined, inner: Scope, target: { address: string }, scope: Scope): boolean {
  const ref = version ? templateOf(version) : undefined;
  if (ref && ref.address !== target.address) return false;
  if (ref?.attr === 'latest_version') return true;
  const v = version && !ref ? lower(version, inner) : undefined;
  const isDefault = ref?.attr === 'default_version' || !version || (v?.kind === 'scalar' && v.value === '$Default');
  if (!isDefault) return false;
  const block = scope.decls.resources.get(target.address);
  const update = block ? attr(block.body, 'update_default_version') : undefined;
  const u = update ? lower(update.value, { decls: scope.decls }) : undefined;
  return u?.kind === 'scalar' && u.value === true;
}

function isRef(n: Node): boolean {
  return n.kind === 'map' && n.pairs.length === 1 && n.pairs[0]!.key.value === 'Ref';
}
