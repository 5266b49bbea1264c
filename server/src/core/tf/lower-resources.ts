// Terraform resources lowered into the engine's resource inputs (the CloudFormation-shaped tree the
// rules, the network model and the trace already read), one resource instance at a time. Each lowered
// property is the HCL expression's own node (positions in the .tf text). Association resources are
// merged into what they belong to (merge.ts). Arguments are the AWS provider's:
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint (and its siblings)

import type { MapNode, Node, Pair } from '../document/tree.js';
import { attr, type Block, type Body, type Expr, type Located } from './hcl-ast.js';
import { lower, lowerArgument, textOf, type Scope } from './eval.js';
import { nestedBlocks, unknownWhy, type NotKnown } from './dynamic.js';
import { knownMap } from './functions.js';
import { CLEARED_RULES } from '../cfn/network-groups.js';
import { fn, map, pair, scalar, seq, unknownNode } from './nodes.js';

/** One lowered resource: its address (the finding's "resource"), CloudFormation type and properties. */
export interface Lowered {
  address: string;
  type: string;
  /** Where the resource is declared: its block's header. */
  at: Located;
  typeAt: Located;
  props: Pair[];
  /** The condition of its existence (count or for_each not known). */
  condition?: string;
  /** The Terraform type, for the vocabulary of messages. */
  tfType: string;
}

/**
 * A resource lowered as the CloudFormation type with the same properties: `spec` maps each argument to its
 * property; `more` adds the properties an argument does not give one to one.
 */
export const CFN = (type: string, spec: Record<string, string>, more?: (f: Fields, address: string, scope: Scope) => Pair[]) => (f: Fields, address: string, scope: Scope, emit: (l: Lowered) => void): void => {
  const own = props(f, spec, scope);
  const extra = more?.(f, address, scope);
  emit({ address, type, at: f.at, typeAt: f.typeAt, props: extra?.length ? [...own, ...extra] : own, tfType: '' });
};

/** A body's fields, from a block or from an object written in attribute form (`ingress = [{ ... }]`). */
export interface Fields {
  get(name: string): { value: Expr; nameAt: Located } | undefined;
  /** The nested blocks of a type (dynamic ones expanded, in `scope`: the resource instance's), or why they are not known. */
  nested(name: string, scope: Scope): Fields[] | NotKnown;
  at: Located;
  typeAt: Located;
  /** The scope its values are evaluated in, when not the resource instance's (a dynamic block's content: its iterator). */
  scope?: Scope;
}

export function blockFields(b: Block, scope?: Scope): Fields {
  return bodyFields(b.body, b, b.typeAt, scope);
}

function bodyFields(body: Body, at: Located, typeAt: Located, own?: Scope): Fields {
  return {
    at,
    typeAt,
    ...(own ? { scope: own } : {}),
    // The attribute itself (it has the value and nameAt asked for): no object made a lookup.
    get: (name) => attr(body, name),
    nested: (name, outer) => {
      const scope = own ?? outer;
      const a = attr(body, name);
      if (a) return attributeBlocks(name, a.value, scope, own);
      const blocks = nestedBlocks(body, name, scope);
      return Array.isArray(blocks) ? blocks.map((n) => blockFields(n.block, n.scope === scope ? own : n.scope)) : blocks;
    },
  };
}

/**
 * Attributes as blocks (`ingress = [{ ... }]`, `egress = var.rules`, `route = local.routes`): Terraform
 * reads the list as that many blocks, and `[]` as none (it removes every rule the resource had). A list
 * of objects written out is read in place; another value is evaluated, and read when it is a list of
 * known objects (a variable's default or tfvars value, a local); otherwise the blocks are not known,
 * naming the value that decides them.
 * https://developer.hashicorp.com/terraform/language/attr-as-blocks
 */
function attributeBlocks(name: string, value: Expr, scope: Scope, own: Scope | undefined): Fields[] | NotKnown {
  if (value.k === 'tuple' && value.items.every((i) => i.k === 'object')) return value.items.map((o) => objectFields(o as Extract<Expr, { k: 'object' }>, own));
  const written = clip(textOf(scope, value));
  const list = lower(value, scope);
  if (list.kind !== 'seq') return { ...unknownWhy(list, `${name} = ${written} is not known statically as a list of ${name} objects`, written), at: value };
  const out: Fields[] = [];
  for (const item of list.items) {
    const m = knownMap(item);
    if (!m) return { ...unknownWhy(item, `an element of ${name} = ${written} is not known statically`, written), at: value };
    out.push(nodeFields(m, own ?? scope));
  }
  return out;
}

// The scope names an evaluated object's arguments are bound to: no HCL identifier has a space.
const FIELD = (name: string) => ` ${name}`;

/** An evaluated object's fields (an element of a variable's list): each argument's value is its own node. */
function nodeFields(m: MapNode, scope: Scope): Fields {
  const vars = new Map(scope.vars ?? []);
  for (const p of m.pairs) if (p.value) vars.set(FIELD(String(p.key.value)), p.value);
  const own: Scope = { ...scope, vars };
  return {
    at: m,
    typeAt: m,
    scope: own,
    get: (name) => {
      const p = m.pairs.find((x) => x.key.value === name);
      // A null argument is as if unset, as in a block.
      if (!p?.value || (p.value.kind === 'scalar' && p.value.value === null)) return undefined;
      const at = { start: p.value.start, end: p.value.end };
      return { value: { k: 'traversal', root: FIELD(name), steps: [], ...at }, nameAt: p.key };
    },
    nested: (name) => ({ why: `the ${name} blocks of an object are not read`, decides: name, at: m }),
  };
}

function objectFields(o: Extract<Expr, { k: 'object' }>, own: Scope | undefined): Fields {
  return {
    at: o,
    typeAt: o,
    ...(own ? { scope: own } : {}),
    get: (name) => {
      const i = o.items.find((x) => x.name === name);
      // Attribute form must write every argument: `null` is the unset one, as in a block.
      return i && !(i.value.k === 'literal' && i.value.value === null) ? { value: i.value, nameAt: i.key } : undefined;
    },
    nested: (name) => ({ why: `the ${name} blocks of an object are not read`, decides: name, at: o }),
  };
}

/** The unknown a NotKnown stands for, at `at` (where the rule's finding would be). */
export function notKnown(n: NotKnown, at: Located = n.at): Node {
  return unknownNode(n.why, n.decides, at);
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

export type Spec = Record<string, string>;

// The lists whose members a condition may choose, judged per branch (eval.ts lowerArgument).
const LIST_CHOICES = new Set(['SubnetIds', 'SecurityGroupIds', 'RouteTableIds']);

/** The properties a spec names: `{ vpc_id: 'VpcId' }` → `VpcId: <lowered vpc_id>`. */
export function props(f: Fields, spec: Spec, outer: Scope): Pair[] {
  const scope = f.scope ?? outer;
  const out: Pair[] = [];
  // for-in: a spec is a plain object literal, so its own keys in Object.entries' order, without an array of pairs a call.
  for (const tf in spec) {
    const a = f.get(tf);
    if (!a) continue;
    const v = LIST_CHOICES.has(spec[tf]!) ? lowerArgument(a.value, scope) : lower(a.value, scope);
    // An argument whose value is null is unset (`policy = null`, `var.x` with default null):
    // https://developer.hashicorp.com/terraform/language/expressions/types#null
    if (v.kind === 'scalar' && v.value === null) continue;
    if (spec[tf] === 'PolicyDocument' && emptyPolicy(v)) continue;
    out.push(pair(spec[tf]!, a.nameAt, v));
  }
  return out;
}

/**
 * An endpoint's `policy = ""` is no policy: the AWS provider creates the endpoint without a
 * PolicyDocument (`d.GetOk` skips the empty string) and resets it to the default on update
 * (`ResetPolicy` when the normalised policy is ""), as for aws_vpc_endpoint_policy; the default policy
 * allows full access. hashicorp/terraform-provider-aws internal/service/ec2/vpc_endpoint.go,
 * vpc_endpoint_policy.go; https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
export function emptyPolicy(v: Node): boolean {
  return v.kind === 'scalar' && v.value === '';
}

export const ROUTE_TARGETS: Spec = {
  gateway_id: 'GatewayId',
  nat_gateway_id: 'NatGatewayId',
  egress_only_gateway_id: 'EgressOnlyInternetGatewayId',
  transit_gateway_id: 'TransitGatewayId',
  vpc_peering_connection_id: 'VpcPeeringConnectionId',
  network_interface_id: 'NetworkInterfaceId',
  vpc_endpoint_id: 'VpcEndpointId',
  local_gateway_id: 'LocalGatewayId',
  carrier_gateway_id: 'CarrierGatewayId',
  core_network_arn: 'CoreNetworkArn',
};

type Direction = 'ingress' | 'egress';
const PEER: Record<Direction, { group: string; prefix: string }> = {
  ingress: { group: 'SourceSecurityGroupId', prefix: 'SourcePrefixListId' },
  egress: { group: 'DestinationSecurityGroupId', prefix: 'DestinationPrefixListId' },
};

/**
 * One Terraform security group rule (inline block or aws_security_group_rule) as CloudFormation rules:
 * one per CIDR block, group or prefix list it names. A list not known statically is one unknown rule.
 */
export function sgRules(f: Fields, dir: Direction, outer: Scope, self: Node | undefined, extra: Pair[] = []): Node[] {
  const scope = f.scope ?? outer;
  const base: Pair[] = [...extra, ...props(f, { protocol: 'IpProtocol', from_port: 'FromPort', to_port: 'ToPort' }, scope)];
  const out: Node[] = [];
  const each = (tf: string, cfn: string) => {
    const a = f.get(tf);
    if (!a) return;
    const v = lower(a.value, scope);
    const items = v.kind === 'seq' ? v.items : [v];
    for (const item of items) out.push(map([...base, pair(cfn, a.nameAt, item)], f.at));
  };
  each('cidr_blocks', 'CidrIp');
  each('ipv6_cidr_blocks', 'CidrIpv6');
  each('security_groups', PEER[dir].group);
  each('source_security_group_id', PEER[dir].group);
  each('prefix_list_ids', PEER[dir].prefix);
  const s = f.get('self');
  if (s) {
    const v = lower(s.value, scope);
    if (v.kind === 'scalar' && v.value === true && self) out.push(map([...base, pair(PEER[dir].group, s.nameAt, self)], f.at));
    else if (!(v.kind === 'scalar' && v.value === false)) out.push(map([...base, pair(PEER[dir].group, s.nameAt, unknownNode('self is not known statically', textOf(scope, s.value), s.value))], f.at));
  }
  return out;
}

/** The rules of a nested list (`ingress` blocks); a dynamic block or computed list is one unknown item. */
export function nestedRules(f: Fields, dir: Direction, scope: Scope, self: Node): { items: Node[]; keyAt: Located; cleared?: string } {
  const nested = f.nested(dir, scope);
  if (!Array.isArray(nested)) return { items: [notKnown(nested, f.typeAt)], keyAt: f.typeAt };
  // `egress = []` (attribute form) is written to remove every rule: the verdict that it blocks says so.
  const written = nested.length === 0 ? f.get(dir) : undefined;
  if (written) return { items: [], keyAt: written.nameAt, cleared: `${dir} = ${clip(textOf(scope, written.value))} removes every ${dir} rule` };
  return { items: nested.flatMap((n) => sgRules(n, dir, scope, self)), keyAt: nested[0]?.typeAt ?? f.typeAt };
}

/** The lowered inline rule list (`SecurityGroupIngress`), marked when written empty on purpose. */
export function ruleList(rules: { items: Node[]; keyAt: Located; cleared?: string }): Node {
  const list = seq(rules.items, rules.keyAt);
  if (rules.cleared) CLEARED_RULES.set(list, rules.cleared);
  return list;
}

export function ref(address: string, at: Located): Node {
  return fn('Ref', scalar(address, at, 'plain'), at);
}

export function list(items: Node[], at: Located): Node {
  return seq(items, at);
}

/** A boolean lowered to ENABLED/DISABLED (ECS AssignPublicIp); unknown stays unknown. */
export function enabled(n: Node, at: Located): Node {
  if (n.kind === 'scalar' && typeof n.value === 'boolean') return scalar(n.value ? 'ENABLED' : 'DISABLED', at);
  return n;
}
