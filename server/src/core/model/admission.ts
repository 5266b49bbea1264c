// Security-group admission, answered once for the rules and the trace: does any rule of these groups
// admit TCP on a port from (or to) a peer? Stateful, so only the sender's egress and the receiver's
// ingress count; any rule of any group admitting the flow is enough.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html

import { contains, isPrivateRange, overlaps, type Ipv4Range } from '../util/cidr.js';
import { isEveryIpv6 } from '../util/cidr6.js';
import type { FromDefault, NetworkModel, SgRule } from './types.js';
import { groupOf } from './default-group.js';
import { shortName } from '../data/catalogue.js';

export type Family = 'ipv4' | 'ipv6' | 'dualstack';

export interface AdmissionPeer {
  /** The peer's IPv4 addresses, when known. */
  range?: Ipv4Range;
  /**
   * 'all': every address of the range must be admitted (a traced subnet); 'some': any address of it
   * is enough (is anyone in the VPC admitted at all?).
   */
  cover: 'all' | 'some';
  /** The peer's security groups, when known. */
  groups?: string[];
  /**
   * Identities of deploy-time ranges that hold every address of the peer: a subnet's own CidrBlock, its
   * VPC's (when the VPC has no secondary block). A rule whose CidrIp is the same value admits the peer.
   */
  within?: string[];
  /**
   * The same for its IPv6 addresses: its subnet's Ipv6CidrBlock (cidrsubnet(aws_vpc.x.ipv6_cidr_block, 8, 1)),
   * the block that is carved from, its VPC's one IPv6 block (model/range-identity.ts).
   */
  within6?: string[];
  /** The peer is on the internet or a public AWS endpoint: addresses we do not know. */
  public?: boolean;
  /**
   * The public peer's addresses are public ones (a service's default name resolving to its public endpoints, or the
   * internet), so no rule naming a security group admits it: such a rule admits its members' private addresses
   * alone, never a public or Elastic IP address (security-group-referencing in
   * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html); nor does a rule for a private range.
   */
  publicOnly?: boolean;
  /** The public peer is this AWS service (its pattern, com.amazonaws.{region}.s3): its addresses are its prefix list's. */
  service?: string;
  /** The address family of the flow: dualstack endpoints take either. */
  family: Family;
  /** How to name the peer in messages. */
  label?: string;
  /** When `range` is not known: why (naming the value that decides it), said where a rule covers only part of it. */
  rangeWhy?: string;
}

export interface Admission {
  decision: 'pass' | 'block' | 'unknown';
  reason: string;
  /** Parameter defaults the answer rests on. */
  defaults: FromDefault[];
  /** Some rule admits the port over IPv6 only (the flow is IPv4). */
  ipv6Only: boolean;
  /** The peer's range decided some rule (so a default the range rests on matters). */
  usedRange: boolean;
}

export function admits(model: NetworkModel, named: string[], direction: 'ingress' | 'egress', peer: AdmissionPeer, port: number): Admission {
  // A VPC's id names its default group: the configuration's aws_default_security_group when it manages it.
  const groups = [...new Set(named.map((g) => groupOf(model, g)))];
  const results: (boolean | undefined)[] = [];
  const defaults: FromDefault[] = [];
  let ipv6Only = false;
  let usedRange = false;
  // What leaves the answer open, named in the reason: every rule that does.
  const opens: { id: string; rule: SgRule; onPort: boolean | undefined }[] = [];
  const others: string[] = [];
  const undecided = (why: string) => {
    results.push(undefined);
    others.push(why);
  };
  const judge = (id: string, rules: SgRule[]) => {
    for (const rule of rules) {
      const onPort = admitsTcpPort(rule, port);
      const r = and(onPort, admitsPeer(model, rule, peer));
      if (r === undefined) opens.push({ id, rule, onPort });
      results.push(r);
      if (rule.peer.kind === 'cidr4' && rule.peer.fromDefault && r !== undefined) defaults.push(rule.peer.fromDefault);
      if (onPort && (rule.peer.kind === 'cidr6' || (rule.peer.kind === 'unknown' && rule.peer.ipv6)) && peer.family === 'ipv4') ipv6Only = true;
      if (onPort !== false && rule.peer.kind === 'cidr4' && rule.peer.range.prefix > 0 && peer.range) usedRange = true;
    }
  };
  for (const id of groups) {
    const sg = model.securityGroups.get(id);
    if (!sg || sg.maybe) {
      // !GetAtt VPC.DefaultSecurityGroup names the VPC: its default group, whose own rules the model does not
      // hold; a rule the template adds to it admits what it allows.
      const added = !sg && model.vpcs.has(id) ? model.defaultGroupRules?.get(id)?.[direction].rules : undefined;
      if (added?.length) {
        judge(id, added);
        undecided(`the rules this template adds to the default security group of ${id} do not admit it${peer.label ? ` ${direction === 'ingress' ? 'from' : 'to'} ${peer.label}` : ''}, and the group's own rules are not the template's (${defaultRules(direction)})`);
        continue;
      }
      undecided(sg ? `${id} exists only when condition ${sg.maybe} is true` : model.vpcs.has(id) ? `the default security group of ${id} keeps rules this template does not manage (${defaultRules(direction)}, and anyone may have changed that since)` : `${id} is not defined in this template`);
      continue;
    }
    const set = direction === 'ingress' ? sg.ingress : sg.egress;
    if (!set.complete) undecided(`some ${direction} rules of ${id} ${set.open?.elsewhere ? 'are not in this template' : 'are computed at deploy time'}${set.open ? ` (${set.open.why})` : ''}`);
    judge(id, set.rules);
  }
  const names = groups.map((g) => (!model.securityGroups.has(g) && model.vpcs.has(g) ? `the default security group of ${g}` : g)).join(', ');
  const what = direction === 'egress' ? `outbound TCP ${port}` : `inbound TCP ${port}`;
  if (results.includes(true)) return { decision: 'pass', reason: `${names} allow${groups.length === 1 ? 's' : ''} ${what}`, defaults, ipv6Only, usedRange };
  if (results.includes(undefined)) {
    // One open rule is the only way in ("admits it only from members of ..."); with several, each is one way.
    const alone = opens.length + others.length === 1;
    const why = [...new Set([...others, ...opens.map((o) => whyOpen(model, o.id, o.rule, o.onPort, peer, direction, alone))])].join('; ');
    return { decision: 'unknown', reason: `whether ${names} ${groups.length === 1 ? 'allows' : 'allow'} ${what} is not known: ${why || 'it depends on values known only at deploy time'}`, defaults, ipv6Only, usedRange };
  }
  const v6 = ipv6Only ? ' (only over IPv6; the traffic is IPv4)' : '';
  const cleared = groups.flatMap((id) => {
    const c = model.securityGroups.get(id)?.[direction].cleared;
    return c ? [c] : [];
  });
  if (cleared.length) return { decision: 'block', reason: `no rule of ${names} allows ${what} ${direction === 'egress' ? 'to' : 'from'} ${describe(peer)}: ${cleared.join('; ')}`, defaults, ipv6Only, usedRange };
  return { decision: 'block', reason: `no rule of ${names} allows ${what} ${direction === 'egress' ? 'to' : 'from'} ${describe(peer)}${v6}`, defaults, ipv6Only, usedRange };
}

/**
 * A service that listens on several ports (SES's SMTP interface: 25, 465, 587, 2465, 2587) is reached on any
 * one of them: the flow passes where some port passes, is open where none passes and some is not known, and is
 * blocked only where every port is. Each verdict is `admits`'s, so the reason is the one the single port gives.
 */
export function admitsAny(model: NetworkModel, named: string[], direction: 'ingress' | 'egress', peer: AdmissionPeer, ports: readonly number[]): Admission & { port: number } {
  const verdicts = ports.map((port) => ({ ...admits(model, named, direction, peer, port), port }));
  if (verdicts.length === 1) return verdicts[0]!;
  const pick = verdicts.find((v) => v.decision === 'pass') ?? verdicts.find((v) => v.decision === 'unknown');
  if (pick) return pick;
  const list = ports.join(', ');
  const first = verdicts[0]!;
  return { ...first, reason: first.reason.replace(`TCP ${first.port}`, `TCP on any of ${list}`), ipv6Only: verdicts.some((v) => v.ipv6Only), usedRange: verdicts.some((v) => v.usedRange), defaults: [...new Set(verdicts.flatMap((v) => v.defaults))] };
}

/**
 * What a VPC's default security group holds until someone changes it: inbound, its own members only;
 * outbound, all traffic. https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
 */
function defaultRules(direction: 'ingress' | 'egress'): string {
  return direction === 'ingress' ? 'by default it admits only its own members' : 'by default it allows all outbound traffic';
}

function whyOpen(model: NetworkModel, id: string, rule: SgRule, onPort: boolean | undefined, peer: AdmissionPeer, direction: 'ingress' | 'egress', alone: boolean): string {
  const spec = rule.peer;
  if (spec.kind === 'unknown') return `the peer of a rule of ${id} is not known statically (${spec.why})`;
  if (rule.unknown || onPort === undefined) return rule.why ? `a rule of ${id} is computed at deploy time: ${rule.why}` : `a rule of ${id} is computed at deploy time`;
  const side = direction === 'ingress' ? 'from' : 'to';
  switch (spec.kind) {
    case 'group':
      return `${id} admits it ${alone ? 'only ' : ''}${side} members of ${model.vpcs.has(spec.id) ? `the default security group of ${spec.id}` : `security group ${spec.id}`}, and ${peer.label ?? 'the peer'}'s security groups depend on the workload`;
    case 'other':
      return spec.prefixList ? `${id} admits it ${side} prefix list ${spec.prefixList}, whose addresses this template does not hold` : `${id} admits it ${side} a prefix list or a security group outside this template, whose addresses are not known`;
    case 'service-prefix-list':
      return `${id} admits it ${side} the AWS-managed prefix list of ${shortName(spec.service)} (${spec.by}), which holds only that service's addresses`;
    case 'endpoint-prefix-list':
      return `${id} admits it ${side} the prefix list of gateway endpoint ${spec.endpoint}, which holds only that endpoint's service's addresses`;
    case 'cidr6':
      return `${id} admits it ${side} ${spec.text} over IPv6, and the endpoint's clients may come over either family`;
    case 'cidr4':
      return `${id} admits it ${side} ${spec.text}, which covers only part of ${peer.label ?? (peer.public ? 'the public addresses' : 'the peer')}${peer.range ? '' : peer.rangeWhy ? ` (${peer.rangeWhy})` : ' (its addresses are not known)'}`;
    default:
      return `a rule of ${id} is not decided`;
  }
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

function admitsPeer(model: NetworkModel, rule: SgRule, peer: AdmissionPeer): boolean | undefined {
  if (rule.unknown) return undefined;
  const spec = rule.peer;
  switch (spec.kind) {
    case 'endpoint-prefix-list': {
      // A gateway endpoint's prefix list holds its service's IPv4 ranges in the region: a flow to that
      // service's public addresses is admitted. https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security
      const e = model.endpoints.get(spec.endpoint);
      const service = e && !e.broken && e.type.known && e.type.value === 'Gateway' && e.service.known ? e.service.value : undefined;
      return service !== undefined && peer.public && peer.service === service && peer.family === 'ipv4' ? true : undefined;
    }
    // The AWS-managed list of a service (looked up by its name) is the list a gateway endpoint of it uses:
    // the service's IPv4 ranges in the region (cfn/prefix-lists.ts managedPrefixListOf).
    case 'service-prefix-list':
      return peer.public && peer.service === spec.service && peer.family === 'ipv4' ? true : undefined;
    case 'group':
      if (peer.publicOnly) return false;
      return peer.groups ? peer.groups.some((g) => groupOf(model, g) === groupOf(model, spec.id)) : peer.cover === 'some' && !peer.public ? true : undefined;
    case 'unknown':
      // An IPv6 range, whatever its addresses, admits no IPv4 traffic; the range holding every IPv6
      // address of the peer admits it. A dual-stack flow may come over IPv4, as for a written range.
      if (spec.ipv6) return peer.family === 'ipv4' ? false : peer.family === 'ipv6' && spec.identity !== undefined && peer.within6?.includes(spec.identity) ? true : undefined;
      return spec.identity !== undefined && peer.within?.includes(spec.identity) && peer.family !== 'ipv6' ? true : undefined;
    case 'other':
      return undefined;
    case 'none':
      return false;
    case 'cidr6':
      if (peer.family === 'ipv4') return false;
      // A dual-stack endpoint's clients may come over either family: an IPv6 rule alone does not decide it.
      if (peer.family === 'dualstack') return undefined;
      return isEveryIpv6(spec.text) ? true : undefined;
    case 'cidr4': {
      if (peer.family === 'ipv6') return false;
      if (spec.range.prefix === 0) return true;
      if (peer.publicOnly && isPrivateRange(spec.range)) return false;
      if (peer.public || !peer.range) return undefined;
      if (peer.cover === 'some') return overlaps(spec.range, peer.range);
      return contains(spec.range, peer.range) ? true : overlaps(spec.range, peer.range) ? undefined : false;
    }
  }
}

function and(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

function describe(peer: AdmissionPeer): string {
  if (peer.label) return peer.label;
  if (peer.public) return 'the internet';
  if (peer.groups?.length) return peer.groups.join(', ');
  return 'the peer';
}

/** The address family an endpoint serves its clients in. */
export function familyOf(ipAddressType: string | undefined): Family {
  return ipAddressType === 'ipv6' ? 'ipv6' : ipAddressType === 'dualstack' ? 'dualstack' : 'ipv4';
}
