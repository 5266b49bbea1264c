// Network ACL entries, and how a flow meets them: stateless, lowest rule number first, the first
// matching entry decides, and the final `*` entry denies.
// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html

import { contains, isPrivateRange, overlaps, parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import { isEveryIpv6 } from '../util/cidr6.js';
import type { NaclEntry } from './types.js';

/**
 * The peer of a flow: a known range, "the internet" (public addresses we do not know), or an address
 * in the VPC we do not know (an endpoint subnet whose range the template does not fix).
 */
export type Peer = { kind: 'range'; range: Ipv4Range } | { kind: 'public' } | { kind: 'unknown'; why?: string };

export interface NaclVerdict {
  decision: 'allow' | 'deny' | 'unknown';
  entry?: NaclEntry;
  reason: string;
}

/**
 * Meets one TCP flow (a port range) with a network ACL in one direction. An IPv4 flow meets the IPv4
 * entries (CidrBlock) only, an IPv6 flow the IPv6 entries (Ipv6CidrBlock) only; the final `*` entries
 * deny both. The peer's IPv6 addresses are not modelled: only a ::/0 entry decides an IPv6 flow.
 * An entry with a part known only at deploy time stays in its place (first, when its number is the
 * unknown part): the flow it may match is unknown there, since it may decide it before the entries after it.
 */
export function evaluateNacl(entries: NaclEntry[], complete: boolean, egress: boolean, peer: Peer, ports: [number, number], family: 'ipv4' | 'ipv6' = 'ipv4', open?: string): NaclVerdict {
  const v6 = family === 'ipv6';
  for (const e of entries) {
    if ((e.egress !== undefined && e.egress !== egress) || e.ipv6 !== v6) continue;
    const proto = e.protocol === undefined ? undefined : e.protocol === '-1' ? 'all' : e.protocol === 'tcp' ? 'tcp' : 'other';
    if (proto === 'other') continue;
    if (proto === undefined || e.unknown !== undefined) {
      if (!mayMatch(e, proto, peer, ports, v6)) continue;
      const why = e.unknown ?? `rule ${e.ruleNumber}'s protocol is known only at deploy time`;
      return { decision: 'unknown', entry: e, reason: Number.isFinite(e.ruleNumber) ? `rule ${e.ruleNumber}${e.id ? ` (${e.id})` : ''} may decide it: ${why}` : `some entries are computed at deploy time (${why})` };
    }
    if (proto === 'tcp' && (e.from === undefined || e.to === undefined)) return { decision: 'unknown', entry: e, reason: `rule ${e.ruleNumber} has no port range` };
    const portsMatch = proto === 'all' || (e.from! <= ports[0] && ports[1] <= e.to!);
    const portsTouch = proto === 'all' || (e.from! <= ports[1] && ports[0] <= e.to!);
    if (!portsTouch) continue;
    const peerMatch = v6 ? ipv6Match(e) : ipv4Match(e, peer);
    if (peerMatch === 'unreadable') return { decision: 'unknown', entry: e, reason: `rule ${e.ruleNumber} has an address range we cannot read` };
    if (peerMatch === false) continue;
    if (peerMatch === undefined || !portsMatch) return { decision: 'unknown', entry: e, reason: `rule ${e.ruleNumber} covers part of this traffic${peerMatch === undefined && v6 ? ` (${e.cidr6}; the peer's IPv6 addresses are not known)` : peerMatch === undefined && peer.kind === 'unknown' && peer.why ? ` (${peer.why})` : ''}` };
    return { decision: e.allow ? 'allow' : 'deny', entry: e, reason: `rule ${e.ruleNumber} ${e.allow ? 'allows' : 'denies'} it${v6 ? ' over IPv6' : ''}` };
  }
  if (!complete) return { decision: 'unknown', reason: `some entries are computed at deploy time${open ? ` (${open})` : ''}` };
  return { decision: 'deny', reason: `no rule allows it${v6 ? ' over IPv6' : ''}, so the final * rule denies it` };
}

/** Whether the known parts of an entry we cannot read whole leave this flow to it. */
function mayMatch(e: NaclEntry, proto: 'all' | 'tcp' | undefined, peer: Peer, ports: [number, number], v6: boolean): boolean {
  if (proto === 'tcp' && e.from !== undefined && e.to !== undefined && !(e.from <= ports[1] && ports[0] <= e.to)) return false;
  if (v6) return true;
  return !e.cidr || ipv4Match(e, peer) !== false;
}

function ipv4Match(e: NaclEntry, peer: Peer): boolean | undefined | 'unreadable' {
  const cidr = e.cidr;
  if (!cidr) return 'unreadable';
  if (cidr.prefix === 0) return true;
  if (peer.kind === 'range') return contains(cidr, peer.range) ? true : overlaps(cidr, peer.range) ? undefined : false;
  return peer.kind === 'public' && isPrivateRange(cidr) ? false : undefined;
}

function ipv6Match(e: NaclEntry): boolean | undefined | 'unreadable' {
  if (e.cidr6 === undefined) return 'unreadable';
  const all = isEveryIpv6(e.cidr6);
  return all === undefined ? 'unreadable' : all ? true : undefined;
}

/**
 * A VPC's default network ACL with the entries a template adds to it: its own rules allow all traffic,
 * IPv4 (rule 100) and IPv6 (rule 101), in and out, before the final `*` deny.
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html
 */
export function defaultAclEntries(added: NaclEntry[], at: NaclEntry['at']): NaclEntry[] {
  const own = (egress: boolean, ipv6: boolean): NaclEntry => ({ at, ruleNumber: ipv6 ? 101 : 100, egress, allow: true, protocol: '-1', from: undefined, to: undefined, cidr: ipv6 ? undefined : parseIpv4Cidr('0.0.0.0/0'), ipv6, ...(ipv6 ? { cidr6: '::/0' } : {}) });
  const order = (n: number) => (Number.isFinite(n) ? n : -1);
  return [...added, own(false, false), own(true, false), own(false, true), own(true, true)].sort((x, y) => order(x.ruleNumber) - order(y.ruleNumber));
}
