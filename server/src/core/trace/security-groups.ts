// Security groups on a traced flow: stateful, so only the source's egress and the target's ingress
// are evaluated; any rule of any group admitting the flow is enough.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html

import { admitsTcpPort, sgRules, type Direction, type SgRule } from '../cfn/security-groups.js';
import { contains, overlaps, parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import type { Network } from '../network/model.js';

export interface SgPeer {
  /** The peer's addresses, when known (a subnet's range). */
  range?: Ipv4Range;
  /** The peer's security groups, when known. */
  groups?: string[];
  /** The peer is on the internet / a public AWS endpoint. */
  public?: boolean;
  /** How to name the peer in messages. */
  label?: string;
}

export interface SgVerdict {
  decision: 'pass' | 'block' | 'unknown';
  reason: string;
}

export function evaluateGroups(net: Network, groups: string[], direction: Direction, peer: SgPeer, port: number): SgVerdict {
  const results: (boolean | undefined)[] = [];
  for (const id of groups) {
    const sg = net.template.byId.get(id);
    if (!sg) {
      results.push(undefined);
      continue;
    }
    const { rules, complete } = sgRules(net.template, net.values, sg, direction);
    if (!complete) results.push(undefined);
    for (const rule of rules) results.push(and(admitsTcpPort(rule, port), admitsPeer(rule, peer)));
  }
  const names = groups.join(', ');
  const what = direction === 'egress' ? `outbound TCP ${port}` : `inbound TCP ${port}`;
  if (results.includes(true)) return { decision: 'pass', reason: `${names} allow${groups.length === 1 ? 's' : ''} ${what}` };
  if (results.includes(undefined)) return { decision: 'unknown', reason: `whether ${names} allow ${what} depends on values known only at deploy time` };
  return { decision: 'block', reason: `no rule of ${names} allows ${what} ${direction === 'egress' ? 'to' : 'from'} ${describe(peer)}` };
}

function admitsPeer(rule: SgRule, peer: SgPeer): boolean | undefined {
  if (rule.unknown) return undefined;
  if (rule.peerGroup) return peer.groups ? peer.groups.includes(rule.peerGroup) : undefined;
  if (rule.otherPeer) return undefined;
  if (rule.cidrIpv6 && !rule.cidrIp) return false; // the traced flow is IPv4
  const range = rule.cidrIp ? parseIpv4Cidr(rule.cidrIp) : undefined;
  if (!range) return rule.cidrIp ? undefined : false;
  if (range.prefix === 0) return true;
  if (peer.public) return undefined;
  if (!peer.range) return undefined;
  return contains(range, peer.range) ? true : overlaps(range, peer.range) ? undefined : false;
}

function and(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

function describe(peer: SgPeer): string {
  if (peer.label) return peer.label;
  if (peer.public) return 'the internet';
  if (peer.groups?.length) return peer.groups.join(', ');
  return 'the peer';
}
