// The unknown-value mutation harness over one CloudFormation fixture: every value the rules or the trace
// read (test/helpers/mutation-points.ts) made unknown three ways, removed, changed (another resource of
// the same type, or another fixture's value of the same property) and put under an undecided `Fn::If`,
// each mutant analysed as the faces analyse it and compared (test/helpers/mutation-judge.ts).

import { analyze } from '../../server/src/core/analysis.js';
import { parseText } from '../../server/src/core/document/parse.js';
import { asMap, asScalar, asSeq, type MapNode, type Node } from '../../server/src/core/document/tree.js';
import type { NetworkModel } from '../../server/src/core/model/types.js';
import { knownValue } from '../../server/src/core/model/types.js';
import { contains, parseIpv4Cidr } from '../../server/src/core/util/cidr.js';
import { mutationPoints, refOf, resourcesOf, type Point } from './mutation-points.js';
import { changedMutant, ifMutant, plainOf, removedMutant, unknownMutant, unknownName, UNKNOWN_KINDS, type UnknownKind } from './mutants-cfn.js';
import { adviceProblems, deployable, ifProblems, traceKeys, unknownProblems, worldOf, type Problem, type World } from './mutation-judge.js';

export function settingsOf(text: string) {
  const m = /^(?:#|\/\/) regions: (.+)$/m.exec(text);
  return { regions: m ? m[1]!.split(',').map((s) => s.trim()) : [] };
}

export function rootOf(text: string): MapNode | undefined {
  return asMap(parseText(text, { json: /^\s*[{[]/.test(text) }).root);
}

/** A literal, or a `Fn::Sub` of pseudo parameters only: a value another template can hold as it is. */
export function portable(n: Node): unknown {
  const s = asScalar(n);
  // A `${…}` outside Fn::Sub is no substitution: CloudFormation keeps the text as it is.
  if (s) return s.value === null || String(s.value).includes('${') ? undefined : s.value;
  const p = plainOf(n) as Record<string, unknown>;
  const sub = p && typeof p === 'object' && Object.keys(p).length === 1 ? p['Fn::Sub'] : undefined;
  if (typeof sub === 'string' && [...sub.matchAll(/\$\{([^}]*)\}/g)].every((m) => m[1]!.startsWith('AWS::'))) return p;
  return undefined;
}

export type Pool = Map<string, string[]>;

export function addToPool(pool: Pool, root: MapNode | undefined): void {
  for (const p of mutationPoints(root)) {
    const v = portable(p.node);
    if (v === undefined) continue;
    const k = `${p.type} ${p.pattern}`;
    const list = pool.get(k) ?? [];
    const j = JSON.stringify(v);
    if (!list.includes(j)) list.push(j);
    pool.set(k, list);
  }
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(xs: T[], n: number, r: () => number): T[] => {
  const c = [...xs];
  const out: T[] = [];
  while (c.length && out.length < n) out.push(c.splice(Math.floor(r() * c.length), 1)[0]!);
  return out;
};

/** Up to two other values: another resource of the referenced type, the other boolean, another fixture's value. */
export function otherValues(p: Point, res: ReturnType<typeof resourcesOf>, pool: Pool, r: () => number, model?: NetworkModel): unknown[] {
  const typeOf = (id: string | undefined) => (id ? res.get(id)?.type : undefined);
  if (p.list) return [];
  if (p.refTo) {
    const t = typeOf(p.refTo);
    const others = [...res].filter(([id, x]) => x.type === t && id !== p.refTo).map(([id]) => id);
    return pick(others, 2, r).map((id) => ({ Ref: id }));
  }
  if (typeof p.literal === 'boolean') return [!p.literal];
  if (p.literal === 'true' || p.literal === 'false') return [p.literal === 'true' ? 'false' : 'true'];
  // Another template's VPC id is no VPC this element can be in (see the VpcId exception in runCfnFixture).
  if (p.pattern === 'VpcId') return [];
  const own = JSON.stringify(portable(p.node));
  const fits = model ? cidrFits(p, model) : () => true;
  return pick((pool.get(`${p.type} ${p.pattern}`) ?? []).filter((j) => j !== own && fits(JSON.parse(j))), 2, r).map((j) => JSON.parse(j));
}

/**
 * EC2 refuses a subnet's block outside its VPC's, and a VPC's block that leaves out one of its subnets:
 * such a value is no deployment, and a lint that does not say so is no reason to compare with it.
 */
export function cidrFits(p: Point, model: NetworkModel): (v: unknown) => boolean {
  if (p.pattern !== 'CidrBlock' || (p.type !== 'AWS::EC2::Subnet' && p.type !== 'AWS::EC2::VPC')) return () => true;
  return (v) => {
    const range = typeof v === 'string' ? parseIpv4Cidr(v) : undefined;
    if (!range) return false;
    if (p.type === 'AWS::EC2::Subnet') {
      const vpc = knownValue(model.subnets.get(p.resource)?.vpc);
      const outer = vpc === undefined ? undefined : knownValue(model.vpcs.get(vpc)?.cidr);
      return !outer || contains(outer, range);
    }
    return [...model.subnets.values()].every((s) => knownValue(s.vpc) !== p.resource || !s.cidr.known || contains(range, s.cidr.value));
  };
}

/** An outside element's id of each type a value may reference. */
export const OUTSIDE_ID: Record<string, string> = {
  'AWS::EC2::VPC': 'vpc-0a1b2c3d4e5f60718',
  'AWS::EC2::Subnet': 'subnet-0a1b2c3d4e5f60718',
  'AWS::EC2::RouteTable': 'rtb-0a1b2c3d4e5f60718',
  'AWS::EC2::SecurityGroup': 'sg-0a1b2c3d4e5f60718',
  'AWS::EC2::InternetGateway': 'igw-0a1b2c3d4e5f60718',
  'AWS::EC2::EgressOnlyInternetGateway': 'eigw-0a1b2c3d4e5f60718',
  'AWS::EC2::NatGateway': 'nat-0a1b2c3d4e5f60718',
  'AWS::EC2::VPCEndpoint': 'vpce-0a1b2c3d4e5f60718',
  'AWS::EC2::NetworkAcl': 'acl-0a1b2c3d4e5f60718',
  'AWS::EC2::TransitGateway': 'tgw-0a1b2c3d4e5f60718',
};

/** What an id (or a list of ids) of an outside element looks like where `p` references the template's. */
function outsideValue(p: Point, res: ReturnType<typeof resourcesOf>): unknown {
  const ids = new Set(res.keys());
  if (p.list) {
    const first = asSeq(p.node)?.items[0];
    const to = first ? refOf(first, ids) : undefined;
    const type = first && to ? idType(first, res.get(to)!.type) : undefined;
    const id = type ? OUTSIDE_ID[type] : undefined;
    return id ? [id] : undefined;
  }
  const type = p.refTo ? idType(p.node, res.get(p.refTo)!.type) : undefined;
  return type ? OUTSIDE_ID[type] : undefined;
}

/**
 * Attributes that are the id of an element EC2 creates with the resource (a VPC's default security group
 * and network ACL): an element of the stack too, whose id no outside value holds.
 */
const CREATED_WITH: Record<string, string> = { DefaultSecurityGroup: 'AWS::EC2::SecurityGroup', DefaultNetworkAcl: 'AWS::EC2::NetworkAcl' };

/** The type of element whose id a reference gives (`Ref`, an `…Id` attribute, a default element's), not another of its attributes. */
function idType(n: Node, type: string): string | undefined {
  const p = plainOf(n) as Record<string, unknown>;
  if (typeof p?.Ref === 'string') return type;
  const g = p?.['Fn::GetAtt'];
  const attr = Array.isArray(g) ? String(g[1]) : typeof g === 'string' ? g.split('.').slice(1).join('.') : '';
  return CREATED_WITH[attr] ?? (/Id$/.test(attr) ? type : undefined);
}

export interface Tally {
  fixtures: number;
  points: number;
  mutants: number;
  problems: { file: string; point: string; variant: string; problem: Problem }[];
}

/** `budget`: at most that many values, a seeded sample (a real template has hundreds). */
export function runCfnFixture(file: string, text: string, pool: Pool, seed: number, tally: Tally, budget = Infinity): void {
  const settings = settingsOf(text);
  const analyse = (t: string) => {
    const a = analyze(t, { fileName: file, settings });
    return { findings: a.findings, net: a.network(), analysis: a };
  };
  const base = analyse(text);
  if (!base.net) return;
  const root = rootOf(text)!;
  const keys = traceKeys(base.net);
  const original = worldOf(base.findings, base.net, keys);
  const res = resourcesOf(root);
  const r = rng(seed);
  let last: ReturnType<typeof analyse> | undefined;
  const world = (t: string): World => {
    tally.mutants++;
    const a = (last = analyse(t));
    return worldOf(a.findings, a.net, keys);
  };
  tally.fixtures++;
  const all = mutationPoints(root);
  const chosen = new Set(all.length > budget ? pick(all, budget, r) : all);
  all.forEach((p, n) => {
    if (!chosen.has(p)) return;
    tally.points++;
    const at = `${p.resource}.${p.path}`;
    const ids = [p.resource, ...(p.refTo ? [p.refTo] : [])];
    const changed = otherValues(p, res, pool, r, base.net!.defaults).map((v) => ({ v, w: world(changedMutant(text, p, v)) }));
    // An id from outside the stack (a parameter, an import) is never the id of a resource the stack itself
    // creates: those ids exist only once it is created; nor is a custom resource's value the id of one it
    // does not depend on (it may run before that one exists). So an id made unknown here ranges over
    // other elements, which one written outside id stands for.
    const outside = outsideValue(p, res);
    const outsideWorld = outside ? world(changedMutant(text, p, outside)) : undefined;
    const outsideOnly = outsideWorld ? deployable(original, [outsideWorld], [], [JSON.stringify(outside)]).filter((x) => x.name !== 'original') : [];
    // Not the outside id here: an element of another VPC than the ones it meets (a route table associated
    // with a subnet of the template's VPC) is a deployment EC2 refuses, which no rule need report.
    const anyValue = deployable(original, changed.map((c) => c.w), ids, changed.map((c) => JSON.stringify(c.v)));
    const removed = () => world(removedMutant(text, p));
    // One of the three unknown forms per value, in turn: each form is read by its own code in the adapter.
    const kinds: UnknownKind[] = [UNKNOWN_KINDS[n % 3]!];
    for (const kind of kinds) {
      const name = unknownName(kind, n);
      const u = world(unknownMutant(text, root, p, kind, n));
      for (const problem of adviceProblems(file, last!.analysis)) tally.problems.push({ file, point: at, variant: kind, problem });
        // A VpcId has no world to hold to: the element meets the template's subnets, route tables or gateways,
      // which EC2 allows only in one VPC, so an outside VPC is no deployment (and no rule need say so), and
      // an outside value is never the template's VPC. Only the naming is checked.
      const worlds = p.pattern === 'VpcId' ? [] : outside !== undefined ? outsideOnly : anyValue;
      for (const problem of unknownProblems(u, worlds, original, [name, `${p.resource}'s ${p.path.split('.')[0]}`, p.resource], removed)) tally.problems.push({ file, point: at, variant: kind, problem });
    }
    const c = changed[0];
    if (c && anyValue.some((x) => x.w === original) && anyValue.some((x) => x.w === c.w)) {
      const cond = `LensUndecided${n}`;
      const w = world(ifMutant(text, root, p, c.v, n));
      for (const problem of ifProblems(cond, w, original, c.w, true)) tally.problems.push({ file, point: at, variant: 'Fn::If', problem });
    }
  });
}

/** Regions a stack may deploy to, when the settings name none: the fixture's own, and two of other partitions' neighbours. */
const REGIONS = [['eu-west-1'], ['us-east-1'], ['ap-southeast-2']];

/**
 * The region as the unknown value: with no region configured, a finding or definite verdict must hold in
 * each region the template may deploy to (those of the fixture's `# regions:` line when it has one, else
 * a few), leaving out a region where the lint says it fails.
 */
export function runRegionFixture(file: string, text: string, tally: Tally): void {
  const own = settingsOf(text).regions;
  const analyse = (regions: string[]) => analyze(text, { fileName: file, settings: { regions } });
  const u = analyse([]);
  const net = u.network();
  if (!net) return;
  tally.points++;
  const keys = traceKeys(net);
  const unknown = worldOf(u.findings, net, keys);
  const worlds = (own.length ? [own] : REGIONS).map((r) => {
    tally.mutants++;
    const a = analyse(r);
    return { name: `regions ${r.join(',')}`, w: worldOf(a.findings, a.network(), keys) };
  });
  // A region where the lint says the template fails (an error it does not have without one) is no deployment.
  const deployable = worlds.filter(({ w }) => [...w.errors].every((e) => unknown.errors.has(e)));
  for (const problem of unknownProblems(unknown, deployable, unknown, ['region'])) {
    if (problem.kind === 'unnamed') continue;
    // A finding that says the Region it holds in (a Region's mapping entry: "only when the stack deploys to
    // us-east-1") is held to that Region's world, where it must be reported, and to no other.
    const only = problem.kind === 'finding' ? /only when the stack deploys to ([a-z]{2}(?:-[a-z]+)+-\d+)/.exec(problem.detail)?.[1] : undefined;
    if (only && worlds.every(({ name, w }) => name !== `regions ${only}` || w.meanings.has(problem.key))) continue;
    // A finding that holds only under a condition the Region decides (`Other: !Equals [!Ref AWS::Region, eu-west-1]`)
    // says so; a named Region decides that condition, and where it is false the finding rightly goes.
    if (problem.kind === 'finding' && conditionsIn(problem.detail).some((c) => regionDecided(u.template.conditions, c))) continue;
    tally.problems.push({ file, point: 'region', variant: 'no region configured', problem });
  }
}

/** The conditions a finding's "(only when X is true and Y is false)" names. */
function conditionsIn(detail: string): string[] {
  const when = /\(only when (.*)\)\s*$/.exec(detail)?.[1] ?? '';
  return [...when.matchAll(/([A-Za-z0-9]+) is (?:true|false)/g)].map((m) => m[1]!);
}

/** Whether a condition's value rests on the Region's pseudo parameters, directly or through the conditions it names. */
function regionDecided(conditions: ReadonlyMap<string, Node | null>, name: string, seen = new Set<string>()): boolean {
  if (seen.has(name)) return false;
  seen.add(name);
  const walk = (n: Node | null | undefined): boolean => {
    if (!n) return false;
    if (n.kind === 'scalar') return n.value === 'AWS::Region' || n.value === 'AWS::Partition' || n.value === 'AWS::URLSuffix';
    if (n.kind === 'seq') return n.items.some(walk);
    return n.pairs.some((p) => (p.key.value === 'Condition' && p.value?.kind === 'scalar' ? regionDecided(conditions, String(p.value.value), seen) : walk(p.value)));
  };
  return walk(conditions.get(name));
}
