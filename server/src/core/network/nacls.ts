// Network ACL entries, and how a flow meets them: stateless, lowest rule number first, the first
// matching entry decides, and the final `*` entry denies.
// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html

import type { Node } from '../document/tree.js';
import { resourcesOfType, type Resource } from '../cfn/template.js';
import { refResource } from '../cfn/refs.js';
import { literal, truthy, type Value } from '../cfn/values.js';
import { valueOf } from '../document/tree.js';
import { contains, overlaps, parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import type { Network } from './model.js';

export interface NaclEntry {
  node: Node;
  resource: Resource;
  ruleNumber: number;
  egress: boolean;
  allow: boolean;
  /** 'tcp', 'udp', '-1' (all), another number, or undefined (unknown). */
  protocol: string | undefined;
  from: number | undefined;
  to: number | undefined;
  cidr: Ipv4Range | undefined;
  /** IPv6 entries never match the IPv4 flows traced here. */
  ipv6: boolean;
}

export function readNacl(net: Network, nacl: Resource): { entries: NaclEntry[]; complete: boolean } {
  const { template, values } = net;
  const entries: NaclEntry[] = [];
  let complete = true;
  for (const r of resourcesOfType(template, 'AWS::EC2::NetworkAclEntry')) {
    const p = r.properties;
    if (refResource(template, values.prop(p, 'NetworkAclId'))?.id !== nacl.id) continue;
    const num = Number(literal(values.prop(p, 'RuleNumber')));
    const action = literal(values.prop(p, 'RuleAction'))?.toLowerCase();
    const egress = truthy(values.prop(p, 'Egress'));
    const protocolText = literal(values.prop(p, 'Protocol'));
    const range = values.prop(p, 'PortRange');
    const port = (k: string): number | undefined => (range.kind === 'map' ? num0(values.value(valueOf(range.node, k) ?? null)) : undefined);
    const cidrText = literal(values.prop(p, 'CidrBlock'));
    const ipv6 = values.prop(p, 'Ipv6CidrBlock').kind !== 'absent';
    // An entry under the ACL's own condition exists whenever the ACL does; another condition makes it uncertain.
    if (!Number.isFinite(num) || !action || egress === undefined || protocolText === undefined || (r.condition && r.condition !== nacl.condition) || (!ipv6 && !cidrText)) {
      complete = false;
      continue;
    }
    const protocol = protocolText === '6' ? 'tcp' : protocolText === '17' ? 'udp' : protocolText;
    entries.push({ node: r.key, resource: r, ruleNumber: num, egress: egress ?? false, allow: action === 'allow', protocol, from: port('From'), to: port('To'), cidr: cidrText ? parseIpv4Cidr(cidrText) : undefined, ipv6 });
  }
  entries.sort((a, b) => a.ruleNumber - b.ruleNumber);
  return { entries, complete };
}

function num0(v: Value): number | undefined {
  const t = literal(v);
  return t === undefined ? undefined : Number(t);
}

/** The peer of a flow: a known range (in the VPC), or "the internet", whose addresses we do not know. */
export type Peer = { kind: 'range'; range: Ipv4Range } | { kind: 'public' };

export interface NaclVerdict {
  decision: 'allow' | 'deny' | 'unknown';
  entry?: NaclEntry;
  reason: string;
}

/** Meets one TCP flow (a port range) with a network ACL in one direction. */
export function evaluateNacl(entries: NaclEntry[], complete: boolean, egress: boolean, peer: Peer, ports: [number, number]): NaclVerdict {
  for (const e of entries) {
    if (e.egress !== egress || e.ipv6) continue;
    const proto = e.protocol === '-1' ? 'all' : e.protocol === 'tcp' ? 'tcp' : 'other';
    if (proto === 'other') continue;
    if (proto === 'tcp' && (e.from === undefined || e.to === undefined)) return { decision: 'unknown', entry: e, reason: `rule ${e.ruleNumber} has no port range` };
    const portsMatch = proto === 'all' || (e.from! <= ports[0] && ports[1] <= e.to!);
    const portsTouch = proto === 'all' || (e.from! <= ports[1] && ports[0] <= e.to!);
    if (!portsTouch) continue;
    const cidr = e.cidr;
    if (!cidr) return { decision: 'unknown', entry: e, reason: `rule ${e.ruleNumber} has an address range we cannot read` };
    const everything = cidr.prefix === 0;
    const peerMatch = everything ? true : peer.kind === 'range' ? (contains(cidr, peer.range) ? true : overlaps(cidr, peer.range) ? undefined : false) : isPrivate(cidr) ? false : undefined;
    if (peerMatch === false) continue;
    if (peerMatch === undefined || !portsMatch) return { decision: 'unknown', entry: e, reason: `rule ${e.ruleNumber} covers part of this traffic` };
    return { decision: e.allow ? 'allow' : 'deny', entry: e, reason: `rule ${e.ruleNumber} ${e.allow ? 'allows' : 'denies'} it` };
  }
  if (!complete) return { decision: 'unknown', reason: 'some entries are computed at deploy time' };
  return { decision: 'deny', reason: 'no rule allows it, so the final * rule denies it' };
}

// RFC 1918 ranges hold no public service address.
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((c) => parseIpv4Cidr(c)!);

function isPrivate(range: Ipv4Range): boolean {
  return PRIVATE.some((p) => contains(p, range));
}
