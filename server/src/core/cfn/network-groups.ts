// Security groups (inline rules and AWS::EC2::SecurityGroupIngress/Egress resources) and network ACL
// entries, as model facts.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
// (inline SecurityGroupEgress replaces the default allow-all egress rules; no egress at all keeps them:
// "If you do not specify an egress rule, we add egress rules that allow IPv4 and IPv6 traffic on all
// ports and protocols to any destination. We do not add these rules if you specify your own egress rules.")
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkaclentry.html

import { asMap, valueOf, type MapNode, type Node } from '../document/tree.js';
import { parseIpv4Cidr } from '../util/cidr.js';
import type { Resource } from './template.js';
import { resourcesOfType } from './template.js';
import { literal, truthy, type Value } from './values.js';
import { fromDefaultOf, keySpan, refFact, spanOf, unknownOf, vpcRef } from './facts.js';
import type { Adapter } from './network.js';
import { knownPrefixList, managedPrefixListOf } from './prefix-lists.js';
import type { NaclEntry, RuleSet, SgPeerSpec, SgRule } from '../model/types.js';

type Each = (type: string, fn: (r: Resource, base: { id: string; at: { start: number; end: number }; condition?: string; maybe?: string }) => void) => void;
type Direction = 'ingress' | 'egress';

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };
const PROPS: Record<Direction, { inline: string; resource: string; peerGroup: string[]; others: string[] }> = {
  ingress: { inline: 'SecurityGroupIngress', resource: 'AWS::EC2::SecurityGroupIngress', peerGroup: ['SourceSecurityGroupId'], others: ['SourceSecurityGroupName', 'SourcePrefixListId'] },
  egress: { inline: 'SecurityGroupEgress', resource: 'AWS::EC2::SecurityGroupEgress', peerGroup: ['DestinationSecurityGroupId'], others: ['DestinationPrefixListId'] },
};

/**
 * An adapter's note on an inline rule list written empty on purpose (Terraform's `ingress = []`, which
 * removes every rule of that direction): the verdict that the group blocks says so.
 */
export const CLEARED_RULES = new WeakMap<Node, string>();

/**
 * The key of an adapter's note that a group is its VPC's default one, managed (Terraform's
 * aws_default_security_group): its rules are exactly those written (model/default-group.ts).
 */
export const DEFAULT_GROUP_OF = 'TerraformDefaultGroupOf';

export function readSecurityGroups(a: Adapter, each: Each): void {
  // A standalone rule whose group is not known may be any group's: the first such, named (an edit of it
  // makes every group again: model-reuse.ts, a rule that names no group).
  type Open = { why: string; decides?: string };
  const standalone: Record<Direction, { byGroup: Map<string, Resource[]>; unknownGroup?: Open }> = { ingress: { byGroup: new Map() }, egress: { byGroup: new Map() } };
  for (const dir of ['ingress', 'egress'] as const) {
    each(PROPS[dir].resource, (r, base) => {
      // A rule the app's other stack owns the group of (its export imported): none of this template's groups'.
      if (a.outside?.foreign?.[r.id]) return;
      const g = a.part(r, 'group-of', () => refFact(a.values.prop(r.properties, 'GroupId'), `${r.id}'s ${a.words.prop('GroupId')}`));
      if (base.maybe) standalone[dir].unknownGroup ??= { why: `${r.id} exists only when condition ${base.maybe} is true, which this deployment does not decide`, decides: `condition ${base.maybe}` };
      else if (g.known) standalone[dir].byGroup.set(g.value, [...(standalone[dir].byGroup.get(g.value) ?? []), r]);
      else standalone[dir].unknownGroup ??= { why: `${g.why}, and it may be this group's rule`, decides: g.decides };
    });
  }
  each('AWS::EC2::SecurityGroup', (sg, base) => {
    const rules = (dir: Direction): RuleSet => {
      const p = PROPS[dir];
      const unknownGroup = standalone[dir].unknownGroup;
      const out: RuleSet = { rules: [], complete: !unknownGroup, standalone: (standalone[dir].byGroup.get(sg.id)?.length ?? 0) > 0, ...(unknownGroup ? { open: unknownGroup } : {}) };
      // Another template of the deployment (a CDK app's other stack) adds rules to this group.
      const elsewhere = a.outside?.groups?.[sg.id]?.[dir];
      if (elsewhere) {
        out.complete = false;
        out.open ??= { why: elsewhere.why, decides: elsewhere.decides, elsewhere: true };
      }
      const inline = a.values.prop(sg.properties, p.inline);
      const cleared = inline.kind === 'list' && inline.items.length === 0 ? CLEARED_RULES.get(inline.node) : undefined;
      if (cleared) out.cleared = cleared;
      if (inline.kind === 'list') {
        for (const item of inline.items) {
          if (item.kind === 'map') out.rules.push(...readRule(a, item.node, item.node, p, `${sg.id}'s ${a.words.prop(p.inline)} rule`));
          else if (item.kind !== 'absent') {
            out.complete = false;
            if (item.kind === 'unknown') out.open ??= { why: item.why, ...(item.decides ? { decides: item.decides } : {}) };
          }
        }
      } else if (inline.kind !== 'absent') {
        out.complete = false;
        if (inline.kind === 'unknown') out.open = { why: inline.why, ...(inline.decides ? { decides: inline.decides } : {}) };
      }
      // An empty egress list (or one whose items are all AWS::NoValue) adds no rule of the author's, so
      // AWS keeps its allow-all rules, IPv4 and IPv6 (CDK writes a dummy rule to drop them for this reason).
      // (Terraform's lowering writes an empty list for a group without egress blocks: Terraform does drop them.)
      const noneWritten = inline.kind === 'absent' || (a.words.format === 'cloudformation' && inline.kind === 'list' && inline.items.every((i) => i.kind === 'absent'));
      if (dir === 'egress' && noneWritten) {
        out.rules.push({ at: keySpan(sg), protocol: '-1', fromPort: undefined, toPort: undefined, peer: { kind: 'cidr4', range: parseIpv4Cidr('0.0.0.0/0')!, text: '0.0.0.0/0' }, unknown: false, implicit: true });
        out.rules.push({ at: keySpan(sg), protocol: '-1', fromPort: undefined, toPort: undefined, peer: { kind: 'cidr6', text: '::/0' }, unknown: false, implicit: true });
      }
      for (const r of standalone[dir].byGroup.get(sg.id) ?? []) if (r.properties) out.rules.push(...readRule(a, r.properties, r.key, p, r.id));
      return out;
    };
    // The part gathers the group's standalone rules: it is made again when one of them is (model-reuse.ts).
    a.model.securityGroups.set(
      sg.id,
      a.part(sg, 'group', () => {
        const vpc = a.values.prop(sg.properties, 'VpcId');
        const of = a.values.prop(sg.properties, DEFAULT_GROUP_OF);
        return { ...base, vpc: vpc.kind === 'absent' ? { known: true, value: null, at: keySpan(sg) } : vpcRef(a.values, vpc, `${sg.id}'s VpcId`), ingress: rules('ingress'), egress: rules('egress'), ...(of.kind === 'ref' && !of.attr ? { defaultOf: of.target } : {}) };
      }),
    );
  });
  // Rules the template adds to a VPC's default group: security group rules only allow, so what they admit
  // is certain; the group's own rules are AWS's (anyone may change them), so the set is never complete.
  // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
  for (const dir of ['ingress', 'egress'] as const) {
    for (const [id, resources] of standalone[dir].byGroup) {
      if (a.template.byId.get(id)?.type !== 'AWS::EC2::VPC') continue;
      const byVpc = (a.model.defaultGroupRules ??= new Map());
      const sets = byVpc.get(id) ?? { ingress: { rules: [], complete: false, standalone: true }, egress: { rules: [], complete: false, standalone: true } };
      for (const r of resources) if (r.properties) sets[dir].rules.push(...readRule(a, r.properties, r.key, PROPS[dir], r.id));
      byVpc.set(id, sets);
    }
  }
}

/** A rule; one per entry when its peer is a prefix list of the template whose entries are known. */
/** `owner`: how the rule is named where a value of it is not known (a standalone rule's id, or "Sg's SecurityGroupIngress rule"). */
function readRule(a: Adapter, props: MapNode | Node, node: Node, p: (typeof PROPS)[Direction], owner: string): SgRule[] {
  const map = asMap(props);
  const get = (k: string): Value => a.values.prop(map ?? undefined, k);
  const text = (k: string) => literal(get(k));
  const known = (k: string) => get(k).kind === 'absent' || text(k) !== undefined;
  const rawProtocol = text('IpProtocol')?.toLowerCase();
  const protocol = rawProtocol ? (PROTOCOL_NAMES[rawProtocol] ?? rawProtocol) : undefined;
  const port = (k: string) => (text(k) === undefined ? undefined : Number(text(k)));
  // An unknown CidrIp is the peer's business (peerOf): the protocol and ports may still be known.
  const open = ['IpProtocol', 'FromPort', 'ToPort'].find((k) => !known(k));
  const unknown = open !== undefined;
  const rule: SgRule = { at: spanOf(node), protocol, fromPort: port('FromPort'), toPort: port('ToPort'), peer: peerOf(a, get, p, owner), unknown, ...(open ? { why: `${owner}'s ${a.words.prop(open)} ${notKnown(get(open))}` } : {}) };
  const listKey = p.others.find((k) => k.endsWith('PrefixListId'))!;
  const named = rule.peer.kind === 'other' && p.peerGroup.every((k) => get(k).kind === 'absent') ? get(listKey) : undefined;
  const list = named ? knownPrefixList(a, named) : undefined;
  // A list of the template's whose entries are not all known: the rule's peer says why.
  const partial = named?.kind === 'ref' && !list ? a.model.prefixLists.get(named.target) : undefined;
  if (partial?.why) return [{ ...rule, peer: { kind: 'unknown', why: `the entries of prefix list ${partial.id} are not all known: ${partial.why}` } }];
  if (!list) return [rule];
  return list.entries.map((e) => ({ ...rule, peer: e.range ? { kind: 'cidr4', range: e.range, text: e.text } : { kind: 'cidr6', text: e.text } }));
}

/** "is known only at deploy time: parameter Port has no default" (what the value says of itself, when it says it). */
function notKnown(v: Value): string {
  return v.kind === 'unknown' ? `is known only at deploy time: ${v.why}` : v.kind === 'if' ? `depends on condition ${v.condition}` : 'is known only at deploy time';
}

function peerOf(a: Adapter, get: (k: string) => Value, p: (typeof PROPS)[Direction], owner: string): SgPeerSpec {
  const group = p.peerGroup.map(get).find((v) => v.kind !== 'absent');
  if (group) return group.kind === 'ref' && a.template.byId.has(group.target) ? { kind: 'group', id: group.target } : { kind: 'other' };
  // A gateway endpoint's own prefix list (Terraform's aws_vpc_endpoint.x.prefix_list_id).
  const list = get(p.others.find((k) => k.endsWith('PrefixListId'))!);
  if (list.kind === 'ref' && list.attr === 'PrefixListId' && a.template.byId.get(list.target)?.type === 'AWS::EC2::VPCEndpoint') return { kind: 'endpoint-prefix-list', endpoint: list.target };
  // A service's AWS-managed list looked up by the service's name (Terraform's data "aws_prefix_list").
  const managed = managedPrefixListOf(a, list);
  if (managed) return { kind: 'service-prefix-list', ...managed };
  // A literal pl-…: which addresses it holds is not the template's to say; the message names it.
  const named = literal(list);
  if (named !== undefined && /^pl-[0-9a-f]+$/.test(named)) return { kind: 'other', prefixList: named };
  if (p.others.some((k) => get(k).kind !== 'absent')) return { kind: 'other' };
  const v4 = get('CidrIp');
  if (v4.kind !== 'absent') {
    const text = literal(v4);
    const range = text ? parseIpv4Cidr(text) : undefined;
    if (!text || !range) return text ? { kind: 'unknown', why: `${text} is not an IPv4 range` } : { kind: 'unknown', why: `the address range of ${owner} ${notKnown(v4)}`, ...(v4.kind === 'unknown' && v4.identity ? { identity: v4.identity } : {}) };
    const fromDefault = fromDefaultOf(a.values, v4);
    return fromDefault ? { kind: 'cidr4', range, text, fromDefault } : { kind: 'cidr4', range, text };
  }
  const v6 = get('CidrIpv6');
  if (v6.kind !== 'absent') {
    const text = literal(v6);
    return text ? { kind: 'cidr6', text } : { kind: 'unknown', why: `the IPv6 range of ${owner} ${notKnown(v6)}`, ipv6: true, ...(v6.kind === 'unknown' && v6.identity ? { identity: v6.identity } : {}) };
  }
  return { kind: 'none' };
}

export function readNaclEntries(a: Adapter, nacl: Resource): { entries: NaclEntry[]; complete: boolean; open?: string } {
  return { entries: entriesOf(a, nacl.id, nacl.condition), complete: true };
}

/**
 * The entries a template adds to a VPC's default network ACL (NetworkAclId: !GetAtt Vpc.DefaultNetworkAcl),
 * by VPC, for the VPCs that have some; the ACL's own rules are the trace's (model/nacl.ts defaultAclEntries).
 */
export function readDefaultNaclEntries(a: Adapter): Map<string, NaclEntry[]> {
  const out = new Map<string, NaclEntry[]>();
  for (const r of resourcesOfType(a.template, 'AWS::EC2::NetworkAclEntry')) {
    const owner = a.values.prop(r.properties, 'NetworkAclId');
    if (owner.kind !== 'ref' || out.has(owner.target)) continue;
    const vpc = a.template.byId.get(owner.target);
    if (vpc?.type === 'AWS::EC2::VPC') out.set(owner.target, entriesOf(a, vpc.id, vpc.condition));
  }
  return out;
}

function entriesOf(a: Adapter, aclId: string, aclCondition: string | undefined): NaclEntry[] {
  const { values } = a;
  const entries: NaclEntry[] = [];
  for (const r of resourcesOfType(a.template, 'AWS::EC2::NetworkAclEntry')) {
    const p = r.properties;
    const owner = values.prop(p, 'NetworkAclId');
    if (owner.kind !== 'ref' || owner.target !== aclId) continue;
    const state = a.state(r);
    if (state === 'absent') continue;
    const rule = values.prop(p, 'RuleNumber');
    const num = Number(literal(rule));
    const actionValue = values.prop(p, 'RuleAction');
    const action = literal(actionValue)?.toLowerCase();
    // CloudFormation's Egress defaults to false: an entry without it is an ingress entry. (Terraform's
    // lowering writes it on every entry; the one it leaves out stands for entries it cannot know.)
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkaclentry.html
    const egressValue = values.prop(p, 'Egress');
    const egress = egressValue.kind === 'absent' && a.words.format === 'cloudformation' ? false : truthy(egressValue);
    const protocolValue = values.prop(p, 'Protocol');
    const protocolText = literal(protocolValue);
    const range = values.prop(p, 'PortRange');
    const portValue = (k: string): Value => (range.kind === 'map' ? values.value(valueOf(range.node, k) ?? null) : { kind: 'absent', node: null });
    const port = (k: string): number | undefined => {
      const t = literal(portValue(k));
      return t === undefined ? undefined : Number(t);
    };
    const cidrValue = values.prop(p, 'CidrBlock');
    const cidrText = literal(cidrValue);
    const v6 = values.prop(p, 'Ipv6CidrBlock');
    const ipv6 = v6.kind !== 'absent';
    const cidr6 = ipv6 ? literal(v6) : undefined;
    // An entry under the ACL's own condition exists whenever the ACL does; another undecided one may not.
    const undecided = state.maybe ?? (state.condition !== undefined && state.condition !== aclCondition && !values.scenario?.truth.get(state.condition) ? state.condition : undefined);
    const what = (k: string, v: Value, label = a.words.prop(k)) => {
      const f = unknownOf<string>(v, `${r.id}'s ${label}`);
      return { why: f.known ? `${r.id}'s ${label} is not a value the template fixes` : f.why };
    };
    // A port range whose bound is known only at deploy time is not "no port range": the entry is not known.
    // (Only for TCP, the one protocol the trace asks about: other entries never meet its flows.)
    const tcp = protocolText === undefined || protocolText === '6' || protocolText.toLowerCase() === 'tcp';
    const openPort = !tcp ? undefined : range.kind === 'map' ? ['From', 'To'].find((k) => portValue(k).kind !== 'absent' && port(k) === undefined) : range.kind !== 'absent' ? '' : undefined;
    // An entry we cannot read whole stays in its place: it decides, unknown, the flows its known parts leave to it.
    const unknown = undecided !== undefined ? `${r.id} exists only when condition ${undecided} is true, which the deployment does not decide`
      : !Number.isFinite(num) ? (rule.kind === 'unknown' ? rule.why : what('RuleNumber', rule).why)
      : !action ? what('RuleAction', actionValue).why
      : egress === undefined ? what('Egress', egressValue).why
      : protocolText === undefined ? what('Protocol', protocolValue).why
      : !ipv6 && !cidrText ? what('CidrBlock', cidrValue).why
      : ipv6 && cidr6 === undefined ? what('Ipv6CidrBlock', v6).why
      : openPort !== undefined ? (openPort ? what('PortRange', portValue(openPort), `${a.words.prop('PortRange')}.${openPort}`) : what('PortRange', range)).why
      : undefined;
    const protocol = protocolText === '6' ? 'tcp' : protocolText === '17' ? 'udp' : protocolText;
    entries.push({ at: keySpan(r), id: r.id, ruleNumber: num, egress, allow: action === 'allow', protocol, from: port('From'), to: port('To'), cidr: cidrText ? parseIpv4Cidr(cidrText) : undefined, ipv6, ...(cidr6 !== undefined ? { cidr6 } : {}), ...(unknown !== undefined ? { unknown } : {}) });
  }
  // An entry whose number is known only at deploy time may come before any other.
  const order = (n: number) => (Number.isFinite(n) ? n : -1);
  entries.sort((x, y) => order(x.ruleNumber) - order(y.ruleNumber));
  return entries;
}
