// A security group's inbound rules, inline and from separate AWS::EC2::SecurityGroupIngress resources.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html

import { asMap, type Node } from '../document/tree.js';
import { refResource } from './refs.js';
import type { Resolver } from './resolve.js';
import type { Resource, Template } from './template.js';
import { literal, type Value } from './values.js';

export interface IngressRule {
  node: Node;
  /** 'tcp', 'udp', 'icmp', '-1' (all) ...; undefined when unknown. */
  protocol: string | undefined;
  fromPort: number | undefined;
  toPort: number | undefined;
  cidrIp: string | undefined;
  cidrIpv6: string | undefined;
  /** A source security group or prefix list: some sources in or outside the VPC, unknown which. */
  otherSource: boolean;
  /** Part of the rule is computed at deploy time. */
  unknown: boolean;
}

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };

export function ingressRules(template: Template, values: Resolver, sg: Resource): { rules: IngressRule[]; complete: boolean } {
  const rules: IngressRule[] = [];
  let complete = true;
  const inline = values.prop(sg.properties, 'SecurityGroupIngress');
  if (inline.kind === 'list') {
    for (const item of inline.items) {
      if (item.kind === 'map') rules.push(readRule(values, item.node, item.node));
      else complete = false;
    }
  } else if (inline.kind !== 'absent') complete = false;
  for (const r of template.resources) {
    if (r.type !== 'AWS::EC2::SecurityGroupIngress' || !r.properties) continue;
    const group = refResource(template, values.prop(r.properties, 'GroupId'));
    if (group?.id === sg.id) rules.push(readRule(values, r.properties, r.key));
    else if (!group && values.prop(r.properties, 'GroupId').kind === 'unknown') complete = false;
  }
  return { rules, complete };
}

function readRule(values: Resolver, props: Node, node: Node): IngressRule {
  const map = asMap(props);
  const get = (k: string): Value => values.prop(map, k);
  const text = (k: string) => literal(get(k));
  const known = (k: string) => get(k).kind === 'absent' || text(k) !== undefined;
  const rawProtocol = text('IpProtocol')?.toLowerCase();
  const protocol = rawProtocol ? (PROTOCOL_NAMES[rawProtocol] ?? rawProtocol) : undefined;
  const port = (k: string) => (text(k) === undefined ? undefined : Number(text(k)));
  const otherSource = ['SourceSecurityGroupId', 'SourceSecurityGroupName', 'SourcePrefixListId'].some((k) => get(k).kind !== 'absent');
  const unknown = !['IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'CidrIpv6'].every(known);
  return { node, protocol, fromPort: port('FromPort'), toPort: port('ToPort'), cidrIp: text('CidrIp'), cidrIpv6: text('CidrIpv6'), otherSource, unknown };
}

/** Whether the rule admits TCP on this port (from somewhere). */
export function admitsTcpPort(rule: IngressRule, port: number): boolean | undefined {
  if (rule.unknown || rule.protocol === undefined) return undefined;
  if (rule.protocol === '-1') return true;
  if (rule.protocol !== 'tcp') return false;
  if (rule.fromPort === undefined || rule.toPort === undefined) return undefined;
  if (rule.fromPort === -1 || rule.toPort === -1) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}
