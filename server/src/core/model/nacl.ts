// Network ACL entries, and how a flow meets them: stateless, lowest rule number first, the first
// matching entry decides, and the final `*` entry denies.
// https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html

import { contains, overlaps, parseIpv4Cidr, type Ipv4Range } from '../util/cidr.js';
import type { NaclEntry } from './types.js';

/**
 * The peer of a flow: a known range, "the internet" (public addresses we do not know), or an address
 * in the VPC we do not know (an endpoint subnet whose range the template does not fix).
 */
export type Peer = { kind: 'range'; range: Ipv4Range } | { kind: 'public' } | { kind: 'unknown' };

export interface NaclVerdict {
  decision: 'allow' | 'deny' | 'unknown';
  entry?: NaclEntry;
  reason: string;
}

/** Meets one TCP flow (a port range) with a network ACL in one direction. */
export function evaluateNacl(entries: NaclEntry[], complete: boolean, egress: boolean, peer: Peer, ports: [number, number], open?: string): NaclVerdict {
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
    const peerMatch = everything ? true : peer.kind === 'range' ? (contains(cidr, peer.range) ? true : overlaps(cidr, peer.range) ? undefined : false) : peer.kind === 'public' && isPrivate(cidr) ? false : undefined;
    if (peerMatch === false) continue;
    if (peerMatch === undefined || !portsMatch) return { decision: 'unknown', entry: e, reason: `rule ${e.ruleNumber} covers part of this traffic` };
    return { decision: e.allow ? 'allow' : 'deny', entry: e, reason: `rule ${e.ruleNumber} ${e.allow ? 'allows' : 'denies'} it` };
  }
  if (!complete) return { decision: 'unknown', reason: `some entries are computed at deploy time${open ? ` (${open})` : ''}` };
  return { decision: 'deny', reason: 'no rule allows it, so the final * rule denies it' };
}

// RFC 1918 ranges hold no public service address.
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((c) => parseIpv4Cidr(c)!);

function isPrivate(range: Ipv4Range): boolean {
  return PRIVATE.some((p) => contains(p, range));
}
