// A security group's rules, inline and from separate AWS::EC2::SecurityGroupIngress/Egress resources.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
// (inline SecurityGroupEgress replaces the default allow-all egress rule; no egress at all keeps it)

import { asMap, type Node } from '../document/tree.js';
import { refResource } from './refs.js';
import type { Resolver } from './resolve.js';
import { resourcesOfType, type Resource, type Template } from './template.js';
import { literal, type Value } from './values.js';
import { addToGroup } from '../util/group.js';

export type Direction = 'ingress' | 'egress';

export interface SgRule {
  node: Node;
  /** 'tcp', 'udp', 'icmp', '-1' (all) ...; undefined when unknown. */
  protocol: string | undefined;
  fromPort: number | undefined;
  toPort: number | undefined;
  cidrIp: string | undefined;
  cidrIpv6: string | undefined;
  /** The peer security group, when it is a template resource. */
  peerGroup: string | undefined;
  /** A peer security group or prefix list: some addresses, unknown which. */
  otherPeer: boolean;
  /** Part of the rule is computed at deploy time. */
  unknown: boolean;
  /** The implicit allow-all egress rule. */
  implicit?: boolean;
}


const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };
const PROPS: Record<Direction, { inline: string; resource: string; group: string; peerGroup: string[]; others: string[] }> = {
  ingress: { inline: 'SecurityGroupIngress', resource: 'AWS::EC2::SecurityGroupIngress', group: 'GroupId', peerGroup: ['SourceSecurityGroupId'], others: ['SourceSecurityGroupName', 'SourcePrefixListId'] },
  egress: { inline: 'SecurityGroupEgress', resource: 'AWS::EC2::SecurityGroupEgress', group: 'GroupId', peerGroup: ['DestinationSecurityGroupId'], others: ['DestinationPrefixListId'] },
};

export function sgRules(template: Template, values: Resolver, sg: Resource, direction: Direction): { rules: SgRule[]; complete: boolean } {
  const p = PROPS[direction];
  const rules: SgRule[] = [];
  let complete = true;
  const inline = values.prop(sg.properties, p.inline);
  if (inline.kind === 'list') {
    for (const item of inline.items) {
      if (item.kind === 'map') rules.push(readRule(template, values, item.node, item.node, p));
      else complete = false;
    }
  } else if (inline.kind !== 'absent') complete = false;
  if (direction === 'egress' && inline.kind === 'absent') {
    rules.push({ node: sg.key, protocol: '-1', fromPort: undefined, toPort: undefined, cidrIp: '0.0.0.0/0', cidrIpv6: undefined, peerGroup: undefined, otherPeer: false, unknown: false, implicit: true });
  }
  const standalone = standaloneRules(template, values, direction);
  for (const r of standalone.byGroup.get(sg.id) ?? []) rules.push(readRule(template, values, r.properties!, r.key, p));
  if (standalone.unknownGroup) complete = false;
  return { rules, complete };
}

// Standalone rule resources by the group they belong to, worked out once per template and direction.
const standaloneCache = new WeakMap<Template, Partial<Record<Direction, { byGroup: Map<string, Resource[]>; unknownGroup: boolean }>>>();

function standaloneRules(template: Template, values: Resolver, direction: Direction): { byGroup: Map<string, Resource[]>; unknownGroup: boolean } {
  const cached = standaloneCache.get(template)?.[direction];
  if (cached) return cached;
  const p = PROPS[direction];
  const out = { byGroup: new Map<string, Resource[]>(), unknownGroup: false };
  for (const r of resourcesOfType(template, p.resource)) {
    if (!r.properties) continue;
    const groupValue = values.prop(r.properties, p.group);
    const group = refResource(template, groupValue);
    if (group) addToGroup(out.byGroup, group.id, r);
    else if (groupValue.kind === 'unknown') out.unknownGroup = true;
  }
  standaloneCache.set(template, { ...standaloneCache.get(template), [direction]: out });
  return out;
}

/** Whether some of the group's rules are resources of their own (AWS::EC2::SecurityGroupIngress/Egress). */
export function hasStandaloneRules(template: Template, values: Resolver, sg: Resource, direction: Direction): boolean {
  return (standaloneRules(template, values, direction).byGroup.get(sg.id)?.length ?? 0) > 0;
}

export function ingressRules(template: Template, values: Resolver, sg: Resource): { rules: SgRule[]; complete: boolean } {
  return sgRules(template, values, sg, 'ingress');
}

function readRule(template: Template, values: Resolver, props: Node, node: Node, p: (typeof PROPS)[Direction]): SgRule {
  const map = asMap(props);
  const get = (k: string): Value => values.prop(map, k);
  const text = (k: string) => literal(get(k));
  const known = (k: string) => get(k).kind === 'absent' || text(k) !== undefined;
  const rawProtocol = text('IpProtocol')?.toLowerCase();
  const protocol = rawProtocol ? (PROTOCOL_NAMES[rawProtocol] ?? rawProtocol) : undefined;
  const port = (k: string) => (text(k) === undefined ? undefined : Number(text(k)));
  const peerValue = p.peerGroup.map(get).find((v) => v.kind !== 'absent');
  const peerGroup = peerValue ? refResource(template, peerValue)?.id : undefined;
  const otherPeer = (Boolean(peerValue) && !peerGroup) || p.others.some((k) => get(k).kind !== 'absent');
  const unknown = !['IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'CidrIpv6'].every(known);
  return { node, protocol, fromPort: port('FromPort'), toPort: port('ToPort'), cidrIp: text('CidrIp'), cidrIpv6: text('CidrIpv6'), peerGroup, otherPeer, unknown };
}

/** Whether the rule admits TCP on this port (from or to somewhere). */
export function admitsTcpPort(rule: SgRule, port: number): boolean | undefined {
  if (rule.unknown || rule.protocol === undefined) return undefined;
  if (rule.protocol === '-1') return true;
  if (rule.protocol !== 'tcp') return false;
  if (rule.fromPort === undefined || rule.toPort === undefined) return undefined;
  if (rule.fromPort === -1 || rule.toPort === -1) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}
