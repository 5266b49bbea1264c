// The worker's side of completion and hover across an endpoint: from the version's Analysis (its
// network model, read once, never a second parse) the facts the main thread answers from — each
// subnet, route table, security group and endpoint in a line or two — and where the endpoint policies
// are. Admission of TCP 443 is the model's answer (model/admission.ts), and so is admission on the ports of
// a service the catalogue says is served on others (servicePorts: SES's SMTP interface, Keyspaces).

import type { Analysis, DocumentOptions } from '../../core/engine.js';
import { admits, admitsAny, admitsTcpPort } from '../../core/model/admission.js';
import { clashWhen, gatewayRouteClashes, gatewayRoutes } from '../../core/model/gateway-route-clashes.js';
import { compatible } from '../../core/cfn/refs.js';
import { conditionsNote, mergedAlternatives } from '../../core/rules/conditions.js';
import type { Ipv4Range } from '../../core/util/cidr.js';
import { knownValue, type Fact, type NetworkModel, type Route, type SgPeerSpec, type SgRule, type Subnet } from '../../core/model/types.js';
import { asMap, asScalar, asSeq, valueOf, type Node, type ScalarNode } from '../../core/document/tree.js';
import { httpsOnly, servicePorts, shortName } from '../../core/data/catalogue.js';
import { iamPrefixForService } from '../../core/policy/service-prefix.js';
import { policyFileDoc } from '../../core/policy/policy-file.js';
import { unseenRoutes } from '../../core/trace/open-world.js';
import type { AssistView, JoinPiece, NetworkFacts, PolicySpan, PortsAdmission, RuleFacts, Shown } from './assist-types.js';

// Each document's last network facts: while its text does not parse (mid-edit) the model is not built,
// and completion answers from the last version that had one. Facts name resources by logical id, so they
// stay meaningful across edits; marks (offsets) are never carried over.
const lastFacts = new Map<string, NetworkFacts>();

/**
 * `sameMeaning`: this version's template means what the last one's did (the lint memo says so,
 * core/incremental): its network facts, which hold no offset, are the last version's — the same object,
 * so the worker need not send them again (lint-thread.ts) — and no network model is built for them.
 */
export function assistView(a: Analysis, options: DocumentOptions, key = '', sameMeaning = false, templatePolicies?: PolicySpan[]): AssistView {
  if (a.kind === 'policy') return { policies: policyFileSpans(a, options) };
  if (a.kind !== 'template') return { policies: [] };
  const policies = templatePolicies ?? policySpans(a);
  const last = sameMeaning ? lastFacts.get(key) : undefined;
  if (last) return { network: last, policies };
  const facts = networkFactsOf(a);
  if (facts) {
    lastFacts.delete(key);
    lastFacts.set(key, facts);
    if (lastFacts.size > 32) lastFacts.delete(lastFacts.keys().next().value!);
  }
  const kept = facts ?? lastFacts.get(key);
  return { ...(kept ? { network: kept } : {}), policies };
}

/** A template's network facts, made from its model; undefined when it has none (it does not parse). */
export function networkFactsOf(a: Analysis): NetworkFacts | undefined {
  const network = a.network()?.judged();
  return network ? networkFacts(network, new Map(a.endpoints().map((e) => [e.resource.id, [...new Set(e.services.map((b) => b.value.pattern))]])), (x, y) => compatible(x, y, a.template)) : undefined;
}

/**
 * The facts of a network no one Analysis made (a nested template read with its parent: lsp/nested-stacks.ts):
 * each endpoint's service as the model knows it, so a service whose name a condition chooses adds no other ports.
 */
export function modelFacts(m: NetworkModel): NetworkFacts {
  return networkFacts(m, new Map([...m.endpoints.values()].flatMap((e) => (e.service.known ? [[e.id, [e.service.value]] as [string, string[]]] : []))));
}

/** A policy file's one span: the whole text, for its service. */
export function policyFileSpans(a: Analysis, options: DocumentOptions): PolicySpan[] {
  const prefix = policyFileDoc(a.text, a.parsed, options.fileName, options.policyService).service.prefix;
  return [{ start: 0, end: a.text.length, syntax: 'json', ...(prefix ? { prefix } : {}) }];
}

function shown<T, U = T>(f: Fact<T>, map: (v: T) => U = (v) => v as unknown as U): Shown<U> {
  return f.known ? { value: map(f.value) } : { unknown: `${f.why} (decided by ${f.decides})` };
}

function unseen(m: NetworkModel, table: string): { unseen?: string } {
  const why = unseenRoutes(m, table);
  return why ? { unseen: why } : {};
}

function conditionOf(e: { condition?: string; maybe?: string }): { condition?: string } {
  const c = e.maybe ?? e.condition;
  return c ? { condition: c } : {};
}

/**
 * `patterns`: each endpoint's services (catalogue patterns), for the ports other than 443 its groups are judged on.
 * `compatible`: whether two sets of conditions can hold together (the template's answer), for the gateway routes
 * EC2 refuses (VPCE7001's fact); without it (a network no one template made) none is said.
 */
function networkFacts(m: NetworkModel, patterns: ReadonlyMap<string, string[]>, compatible?: (a: string[], b: string[]) => boolean): NetworkFacts {
  const subnets = [...m.subnets.values()].map((s) => ({
    id: s.id,
    ...conditionOf(s),
    vpc: shown(s.vpc),
    zone: shown(s.zone),
    zoneIsName: s.zoneIsName,
    cidr: knownValue(s.hasIpv4) === false ? { value: 'none (IPv6-only)' } : shown(s.cidr, cidrText),
    families: familiesOf(s),
    routeTable: shown(s.routeTable),
  }));
  const associated = new Map<string, string[]>();
  for (const s of m.subnets.values()) {
    if (!s.routeTable.known || !s.routeTable.value) continue;
    const list = associated.get(s.routeTable.value);
    if (list) list.push(s.id);
    else associated.set(s.routeTable.value, [s.id]);
  }
  const refused = refusedRoutes(m, compatible);
  const routeTables = [...m.routeTables.values()].map((t) => ({
    id: t.id,
    ...conditionOf(t),
    vpc: shown(t.vpc),
    routes: t.routes.map((r) => {
      const why = r.endpoint ? refused.get(`${t.id}\u0000${r.endpoint}`) : undefined;
      return { destination: destinationText(r), target: targetText(r), ...conditionOf(r), ...(why ? { refused: why } : {}) };
    }),
    subnets: associated.get(t.id) ?? [],
    ...unseen(m, t.id),
  }));
  const portSets = otherPortSets([...patterns.values()].flat());
  const groups = [...m.securityGroups.values()].map((g) => {
    const vpc = g.vpc.known && g.vpc.value ? m.vpcs.get(g.vpc.value) : undefined;
    const range = vpc?.cidr.known ? vpc.cidr.value : undefined;
    const label = vpc ? `its VPC ${vpc.id}${vpc.cidrText ? ` (${vpc.cidrText})` : ''}` : 'its VPC';
    const https = admits(m, [g.id], 'ingress', { range, cover: 'some', family: 'ipv4', label }, 443);
    const servicePorts = portSets.map((set): PortsAdmission => {
      const v = admitsAny(m, [g.id], 'ingress', { range, cover: 'some', family: 'ipv4', label }, set.ports);
      return { ...set, decision: v.decision, reason: v.reason, ...(v.decision === 'pass' ? { port: v.port } : {}) };
    });
    return {
      id: g.id,
      ...conditionOf(g),
      vpc: shown(g.vpc),
      ingress: g.ingress.rules.map((r) => ruleFacts(r, 'from', portSets)),
      egress: g.egress.rules.map((r) => ruleFacts(r, 'to', portSets)),
      ingressComplete: g.ingress.complete,
      egressComplete: g.egress.complete,
      https: { decision: https.decision, reason: https.reason },
      ...(servicePorts.length ? { servicePorts } : {}),
    };
  });
  const vpcs = [...m.vpcs.values()].map((v) => ({ id: v.id, ...conditionOf(v), cidr: shown(v.cidr, cidrText) }));
  const endpoints = [...m.endpoints.values()].map((e) => ({ id: e.id, ...conditionOf(e), vpc: shown(e.vpc), services: patterns.get(e.id) ?? [], type: shown(e.type) }));
  return { vpcs, subnets, routeTables, groups, endpoints };
}

/** Each gateway route EC2 refuses (table and endpoint) and why, in VPCE7001's words: the model's one answer (model/gateway-route-clashes.ts). */
function refusedRoutes(m: NetworkModel, compatible: ((a: string[], b: string[]) => boolean) | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!compatible) return out;
  for (const c of gatewayRouteClashes(gatewayRoutes(m, compatible), compatible)) {
    const key = `${c.route.table}\u0000${c.route.endpoint.id}`;
    if (out.has(key)) continue;
    const service = c.route.endpoint.service.known ? shortName(c.route.endpoint.service.value) : 'the service';
    out.set(key, `EC2 refuses it (VPCE7001): ${c.earlier.endpoint.id} already routes ${service} through this table${conditionsNote(undefined, mergedAlternatives(clashWhen(c)))}`);
  }
  return out;
}

// The first fact not known decides; DNS64 matters to an IPv6-only subnet (NAT64) and to a dual-stack one when on
// (its clients prefer the 64:ff9b:: address of an IPv4-only name: trace/routed6.ts), so only there is it shown.
function familiesOf(s: Subnet): Shown<string> {
  for (const f of [s.hasIpv4, s.hasIpv6]) if (!f.known) return shown(f);
  const v4 = knownValue(s.hasIpv4);
  const v6 = knownValue(s.hasIpv6);
  if (v4 && v6) {
    if (s.dns64.known && !s.dns64.value) return { value: 'IPv4 and IPv6 (dual-stack)' };
    return { value: `IPv4 and IPv6 (dual-stack), ${s.dns64.known ? 'DNS64 on: IPv4-only names through NAT64 for clients with an IPv6 address' : `DNS64 unknown: ${s.dns64.why}`}` };
  }
  if (v4) return { value: 'IPv4 only' };
  if (!v6) return { value: 'none' };
  const dns64 = s.dns64.known ? (s.dns64.value ? 'DNS64 on' : 'DNS64 off: no IPv4-only names') : `DNS64 unknown: ${s.dns64.why}`;
  return { value: `IPv6 only, ${dns64}` };
}

function cidrText(r: Ipv4Range): string {
  const ip = [24, 16, 8, 0].map((shift) => (r.first >>> shift) & 255).join('.');
  return `${ip}/${r.prefix}`;
}

function destinationText(r: Route): string {
  const d = r.destination;
  switch (d.kind) {
    case 'ipv4':
    case 'ipv6':
    case 'prefix-list':
      return d.text;
    case 'service':
      return `the prefix list of ${shortName(d.pattern)}`;
    case 'unknown':
      return `unknown (${d.why})`;
  }
}

const TARGETS: Record<Route['target']['kind'], string> = {
  'internet-gateway': 'internet gateway',
  'nat-gateway': 'NAT gateway',
  'egress-only-gateway': 'egress-only internet gateway',
  'transit-gateway': 'transit gateway',
  peering: 'peering connection',
  'vpc-endpoint': 'gateway endpoint',
  'vpn-gateway': 'virtual private gateway',
  'network-interface': 'network interface',
  instance: 'instance',
  other: 'other target',
  unknown: 'unknown target',
};

function targetText(r: Route): string {
  const id = r.endpoint ?? r.target.id;
  return id ? `${TARGETS[r.target.kind]} ${id}` : TARGETS[r.target.kind];
}

function peerText(p: SgPeerSpec): string {
  switch (p.kind) {
    case 'cidr4':
      return p.fromDefault ? `${p.text} (parameter ${p.fromDefault.parameter}'s default)` : p.text;
    case 'cidr6':
      return p.text;
    case 'group':
      return `group ${p.id}`;
    case 'other':
      return p.prefixList ? `prefix list ${p.prefixList}` : 'a group or prefix list outside the template';
    case 'service-prefix-list':
      return `the AWS-managed prefix list of ${shortName(p.service)} (${p.by})`;
    case 'endpoint-prefix-list':
      return `the prefix list of gateway endpoint ${p.endpoint}`;
    case 'unknown':
      return `unknown (${p.why})`;
    case 'none':
      return 'no peer (invalid rule)';
  }
}

/** The sets of ports, other than 443 alone, that the template's services are served on: one per set, naming its services. */
function otherPortSets(patterns: string[]): { services: string[]; ports: number[] }[] {
  const sets = new Map<string, { services: string[]; ports: number[] }>();
  for (const pattern of patterns) {
    const ports = servicePorts(pattern);
    if (httpsOnly(ports)) continue;
    const set = sets.get(ports.join()) ?? sets.set(ports.join(), { services: [], ports: [...ports] }).get(ports.join())!;
    if (!set.services.includes(shortName(pattern))) set.services.push(shortName(pattern));
  }
  return [...sets.values()];
}

function ruleFacts(r: SgRule, dir: 'from' | 'to', portSets: { ports: number[] }[]): RuleFacts {
  const proto = r.protocol === undefined ? 'unknown protocol' : r.protocol === '-1' ? 'all traffic' : r.protocol;
  const ports = r.protocol === '-1' || r.protocol === undefined ? '' : r.fromPort === undefined || r.toPort === undefined ? ' (ports unknown)' : r.fromPort === -1 || r.fromPort === r.toPort ? ` ${r.fromPort === -1 ? 'all ports' : r.fromPort}` : ` ${r.fromPort}-${r.toPort}`;
  const text = `${proto}${ports} ${dir} ${peerText(r.peer)}${r.implicit ? ' (the default rule)' : ''}${r.unknown && r.peer.kind !== 'unknown' ? ' (part of it is known only at deploy time)' : ''}`;
  // A rule whose range is not known admits an unknown peer: not "admitted" on its own.
  const admitted = (port: number) => (r.peer.kind === 'unknown' ? undefined : admitsTcpPort(r, port));
  const other = portSets.map((set) => {
    const each = set.ports.map(admitted);
    return each.includes(true) ? true : each.includes(undefined) ? undefined : false;
  });
  return { text, tcp443: admitted(443), ...(other.length ? { servicePorts: other } : {}) };
}

/**
 * Each endpoint's PolicyDocument: a mapping; JSON in a block scalar; or JSON as a quoted string — plain,
 * the body of `Fn::Sub`, a branch of `Fn::If`, or the pieces of a `Fn::Join`.
 */
export function policySpans(a: Analysis): PolicySpan[] {
  const json = /^\uFEFF?\s*\{/.test(a.text);
  const out: PolicySpan[] = [];
  for (const e of a.endpoints()) {
    const node = valueOf(e.props, 'PolicyDocument');
    if (!node) continue;
    const prefixes = new Set(e.services.map((b) => iamPrefixForService(shortName(b.value.pattern))).filter((p): p is string => Boolean(p)));
    const prefix = prefixes.size === 1 ? { prefix: [...prefixes][0]! } : {};
    const map = asMap(node);
    const fn = map?.pairs.length === 1 ? String(map.pairs[0]!.key.value) : undefined;
    if (map && fn !== 'Fn::Sub' && fn !== 'Fn::If' && fn !== 'Fn::Join') out.push({ start: node.start, end: node.end, syntax: json || map.flow ? 'json' : 'yaml', ...prefix });
    else for (const s of policyStrings(a.text, node)) out.push({ ...s, ...prefix });
  }
  return out;
}

type StringSpan = Pick<PolicySpan, 'start' | 'end' | 'syntax' | 'quote' | 'pieces'>;

/** The strings a PolicyDocument's JSON is written in: itself, a `Fn::Sub` body, each `Fn::If` branch, a `Fn::Join`. */
function policyStrings(text: string, node: Node | null | undefined, depth = 0): StringSpan[] {
  const scalar = node && asScalar(node);
  if (scalar) return typeof scalar.value === 'string' ? [stringSpan(text, scalar)] : [];
  const map = node && asMap(node);
  if (!map || map.pairs.length !== 1 || depth > 8) return [];
  const [{ key, value }] = map.pairs as [(typeof map.pairs)[number]];
  if (key.value === 'Fn::Sub') return policyStrings(text, asSeq(value)?.items[0] ?? value, depth + 1);
  if (key.value === 'Fn::If') return (asSeq(value)?.items.slice(1, 3) ?? []).flatMap((b) => policyStrings(text, b, depth + 1));
  if (key.value === 'Fn::Join') return joinSpan(map) ?? [];
  return [];
}

/** A `Fn::Join` of JSON pieces: its quoted pieces are typed in, the rest is read as text (a computed piece as a variable). */
function joinSpan(node: Node): StringSpan[] | undefined {
  const [delimiter, list] = asSeq(asMap(node)?.pairs[0]?.value)?.items ?? [];
  const items = asSeq(list)?.items;
  const sep = asScalar(delimiter);
  if (!sep || !items) return undefined;
  const base = node.start;
  const pieces: JoinPiece[] = [];
  items.forEach((item, i) => {
    const from = item.start - base;
    const to = item.end - base;
    if (i > 0 && sep.value !== null && String(sep.value)) pieces.push({ from, to: from, text: String(sep.value) });
    const s = asScalar(item);
    if (s && (s.style === 'single' || s.style === 'double')) pieces.push({ from, to, quote: s.style === 'single' ? "'" : '"' });
    else pieces.push({ from, to, text: s ? String(s.value ?? '') : '${Unknown}' });
  });
  return [{ start: node.start, end: node.end, syntax: 'join', pieces }];
}

function stringSpan(text: string, s: ScalarNode): StringSpan {
  if (s.style === 'single' || s.style === 'double') return { start: s.start, end: s.end, syntax: 'string', quote: s.style === 'single' ? "'" : '"' };
  // A block scalar's characters are its JSON's (indentation is JSON whitespace): read from its brace.
  const open = text.indexOf('{', s.start);
  return { start: open >= 0 && open < s.end ? open : s.end, end: s.end, syntax: 'json' };
}
