// Deployments of a template: which conditions hold for a choice of parameter values. The defaults
// deployment takes every parameter's default; the others vary the parameters the conditions compare
// (each literal they compare against, and "some other value"), so that every branch a condition opens
// is seen. Conditions are evaluated from the template's Conditions section: Fn::Equals, Fn::And,
// Fn::Or, Fn::Not and Condition over parameters and pseudo parameters; a condition that rests on a
// value the deployment does not fix (a parameter without a default, AWS::Region) stays undecided.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html

import { asMap, asSeq, scalarString, valueOf, type Node } from '../document/tree.js';
import type { Template } from './template.js';
import { Resolver } from './resolve.js';
import { literal } from './values.js';
import { partitionOfRegion } from '../data/regions.js';

/** A parameter set to a value that none of the conditions compare against. */
export const OTHER = null;

export interface Scenario {
  /** Parameter (and pseudo parameter) values this deployment sets; the rest take their defaults. */
  params: Map<string, string | null>;
  /** Each condition's truth in this deployment; undefined: not decided by the values it knows. */
  truth: Map<string, boolean | undefined>;
  isDefault: boolean;
}

/** Most deployments looked at per template; past it, the defaults and each single change from them. */
export const MAX_SCENARIOS = 32;

export interface ScenarioPlan {
  scenarios: Scenario[];
  /** The conditions the resources use. */
  used: Set<string>;
  /** Set when the bound cut the enumeration: how many deployments there were. */
  bounded?: { explored: number; total: number };
}

// The resource types the network model is built from (cfn/network*.ts).
const NETWORK_TYPES = new Set([
  'AWS::EC2::VPC', 'AWS::EC2::VPCCidrBlock', 'AWS::EC2::Subnet', 'AWS::EC2::SubnetCidrBlock', 'AWS::EC2::RouteTable', 'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::VPNGatewayRoutePropagation', 'AWS::EC2::NatGateway', 'AWS::EC2::InternetGateway', 'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkAclEntry', 'AWS::EC2::SubnetNetworkAclAssociation', 'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::VPCEndpointService',
  'AWS::EC2::Instance', 'AWS::EC2::EIP', 'AWS::EC2::EIPAssociation', 'AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::ECS::Service', 'AWS::EC2::PrefixList',
  'AWS::Route53::HostedZone', 'Terraform::Route53::ZoneAssociation', 'AWS::VpcLattice::ServiceNetworkVpcAssociation',
  'AWS::Route53Resolver::ResolverRuleAssociation', 'AWS::Route53Resolver::ResolverRule', 'AWS::EC2::VPCDHCPOptionsAssociation', 'AWS::EC2::DHCPOptions', 'AWS::Route53Profiles::ProfileAssociation',
]);

const PSEUDOS = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::StackName', 'AWS::URLSuffix']);

/** The deployments that matter to the template's resources: the defaults first. */
export function planScenarios(template: Template, defaults = defaultScenario(template)): ScenarioPlan {
  const used = usedConditions(template);
  if (used.size === 0) return { scenarios: [defaults], used };
  const choices = variableChoices(template, used);
  const fixed = namedPseudos(template);
  const total = choices.reduce((n, c) => n * (c.values.length + 1), 1);
  const out: Scenario[] = [defaults];
  if (total <= MAX_SCENARIOS) {
    let combos: Map<string, string | null>[] = [new Map(fixed)];
    for (const c of choices) {
      const next: Map<string, string | null>[] = [];
      for (const combo of combos) {
        next.push(combo);
        for (const v of c.values) next.push(new Map([...combo, [c.name, v]]));
      }
      combos = next;
    }
    for (const combo of combos.slice(1)) addDistinct(out, scenario(template, combo, false), used);
    return { scenarios: out, used };
  }
  // Too many to look at all. From the settings that change one parameter, then two together, three,
  // ... (at most MAX_TRIED of them, conditions only): first each single change (every branch a
  // condition opens alone), then for each used condition a deployment where it is true and one where
  // it is false (a subnet that exists only when two parameters are set is still seen), then the rest
  // in order while the bound allows (a route that needs several parameters set together).
  const pool: Scenario[] = [];
  for (const combo of changesBySize(choices)) {
    if (pool.length >= MAX_TRIED) break;
    pool.push(scenario(template, new Map([...fixed, ...combo]), false));
  }
  const singles = choices.reduce((n, c) => n + c.values.length, 0);
  for (const s of pool.slice(0, singles)) if (out.length < MAX_SCENARIOS) addDistinct(out, s, used);
  for (const c of used) {
    for (const want of [true, false]) {
      if (out.length >= MAX_SCENARIOS || out.some((o) => o.truth.get(c) === want)) continue;
      const found = pool.find((s) => s.truth.get(c) === want);
      if (found) addDistinct(out, found, used);
    }
  }
  for (const s of pool) if (out.length < MAX_SCENARIOS) addDistinct(out, s, used);
  return { scenarios: out, used, bounded: { explored: out.length, total } };
}

/** Parameter settings past the bound: at most this many are evaluated (conditions only, cheap). */
const MAX_TRIED = 2048;

/** Settings that change one parameter from its default, then two, three, ...: in that order. */
function* changesBySize(choices: { name: string; values: (string | null)[] }[]): Generator<Map<string, string | null>> {
  for (let size = 1; size <= choices.length; size++) {
    for (const picked of subsets(choices.length, size)) {
      let combos: Map<string, string | null>[] = [new Map()];
      for (const i of picked) combos = combos.flatMap((combo) => choices[i]!.values.map((v) => new Map([...combo, [choices[i]!.name, v]])));
      yield* combos;
    }
  }
}

/** The index sets of `size` out of `n`, in lexicographic order. */
function* subsets(n: number, size: number, from = 0, picked: number[] = []): Generator<number[]> {
  if (picked.length === size) {
    yield picked;
    return;
  }
  for (let i = from; i <= n - (size - picked.length); i++) yield* subsets(n, size, i + 1, [...picked, i]);
}

// Two deployments whose used conditions all agree are one branch: keep the first (the defaults win).
function addDistinct(out: Scenario[], s: Scenario, used: Set<string>): void {
  const key = (x: Scenario) => [...used].map((c) => String(x.truth.get(c))).join('|');
  const k = key(s);
  if (!out.some((o) => key(o) === k)) out.push(s);
}

/** The deployment with every parameter at its default. */
export function defaultScenario(template: Template): Scenario {
  return scenario(template, namedPseudos(template), true);
}

/**
 * What the Regions the user names (--region, the settings) decide: one Region is the stack's AWS::Region, and
 * Regions of one partition its AWS::Partition and AWS::URLSuffix (facts of the Region). A condition on them
 * (`!Equals [!Ref AWS::Region, us-west-1]`) is then no choice of the deployment's.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html
 */
function namedPseudos(template: Template): Map<string, string | null> {
  const regions = template.regions ?? [];
  const out = new Map<string, string | null>();
  if (!regions.length) return out;
  if (regions.length === 1) out.set('AWS::Region', regions[0]!);
  const partitions = new Set(regions.map((r) => partitionOfRegion(r)));
  const [only] = partitions;
  if (partitions.size === 1 && only) out.set('AWS::Partition', only.id).set('AWS::URLSuffix', only.dnsSuffix);
  return out;
}

/**
 * What rules judge (all deployments): only the conditions that hold whatever the parameters are
 * (`!Equals [a, a]`) are decided; every other one is open.
 */
export function anyDeployment(template?: Template): Scenario {
  const s: Scenario = { params: new Map(), truth: new Map(), isDefault: false };
  if (template?.conditions.size) s.truth = scenario(template, new Map(), false, true).truth;
  return s;
}

/**
 * Whether conditions (`Name`, or `!Name` for false) can all hold in a stack deployed to `region`
 * (null: a region no condition names), whatever the parameters: `!Equals [!Ref AWS::Region, us-east-1]`
 * is false in eu-west-1, and `!Equals [!Ref AWS::Partition, aws-cn]` everywhere outside China.
 */
export function possibleInRegion(template: Template, conditions: string[], region: string | null): boolean {
  const params = new Map<string, string | null>([['AWS::Region', region]]);
  const partition = region === null ? undefined : partitionOfRegion(region);
  if (partition) params.set('AWS::Partition', partition.id).set('AWS::URLSuffix', partition.dnsSuffix);
  const { truth } = scenario(template, params, false, true);
  return conditions.every((c) => {
    const t = truth.get(c.replace(/^!/, ''));
    return t === undefined || t === !c.startsWith('!');
  });
}

const satisfiableMemo = new WeakMap<Template, Map<string, boolean>>();

/**
 * Whether some deployment makes all these conditions (`Name`, or `!Name` for false) hold together:
 * each parameter and pseudo parameter they compare takes each literal it is compared with and some
 * other value (a parameter without a default, and a pseudo parameter, always has one). Too many
 * combinations to look at: assumed to hold together.
 */
export function satisfiable(template: Template, conditions: string[]): boolean {
  const key = [...new Set(conditions)].sort().join('\u0000');
  const memo = satisfiableMemo.get(template) ?? new Map<string, boolean>();
  satisfiableMemo.set(template, memo);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const names = new Set(conditions.map((c) => c.replace(/^!/, '')));
  for (const queue = [...names]; queue.length; ) {
    for (const other of namedConditions(template.conditions.get(queue.pop()!) ?? null)) {
      if (names.has(other)) continue;
      names.add(other);
      queue.push(other);
    }
  }
  // What the named Regions fix (AWS::Region, AWS::Partition) holds in every combination: variableChoices leaves them out.
  let combos: Map<string, string | null>[] = [new Map(namedPseudos(template))];
  for (const c of variableChoices(template, names)) {
    const param = template.parameters.get(c.name);
    const mustSet = PSEUDOS.has(c.name) || (param !== undefined && param.defaultNode === undefined);
    combos = combos.flatMap((combo) => [...(mustSet ? [] : [combo]), ...c.values.map((v) => new Map([...combo, [c.name, v]]))]);
    if (combos.length > 256) {
      memo.set(key, true);
      return true;
    }
  }
  const out = combos.some((combo) => {
    const { truth } = scenario(template, combo, false);
    return conditions.every((c) => {
      const t = truth.get(c.replace(/^!/, ''));
      return t === undefined || t === !c.startsWith('!');
    });
  });
  memo.set(key, out);
  return out;
}

function scenario(template: Template, params: Map<string, string | null>, isDefault: boolean, anyValue = false): Scenario {
  const s: Scenario = { params, truth: new Map(), isDefault };
  const values = new Resolver(template, { params, truth: new Map(), isDefault });
  const evaluating = new Set<string>();
  const evalCondition = (name: string): boolean | undefined => {
    if (s.truth.has(name)) return s.truth.get(name);
    if (evaluating.has(name) || !template.conditions.has(name)) return undefined;
    evaluating.add(name);
    const t = evaluate(template.conditions.get(name) ?? null, values, params, evalCondition, anyValue);
    evaluating.delete(name);
    s.truth.set(name, t);
    return t;
  };
  for (const name of template.conditions.keys()) evalCondition(name);
  return s;
}

function evaluate(node: Node | null, values: Resolver, params: Map<string, string | null>, condition: (name: string) => boolean | undefined, anyValue: boolean): boolean | undefined {
  const map = asMap(node);
  if (!map || map.pairs.length !== 1) return undefined;
  const fn = String(map.pairs[0]!.key.value);
  const arg = map.pairs[0]!.value;
  const items = asSeq(arg)?.items ?? [];
  switch (fn) {
    case 'Condition':
      return condition(scalarString(arg) ?? '');
    case 'Fn::Not': {
      const v = evaluate(items[0] ?? null, values, params, condition, anyValue);
      return v === undefined ? undefined : !v;
    }
    case 'Fn::And': {
      const vs = items.map((i) => evaluate(i, values, params, condition, anyValue));
      return vs.includes(false) ? false : vs.includes(undefined) ? undefined : true;
    }
    case 'Fn::Or': {
      const vs = items.map((i) => evaluate(i, values, params, condition, anyValue));
      return vs.includes(true) ? true : vs.includes(undefined) ? undefined : false;
    }
    case 'Fn::Equals': {
      if (items.length !== 2) return undefined;
      const [a, b] = items.map((i) => operand(i, values, params, anyValue));
      // A parameter set to "another value" differs from every literal the conditions compare it with.
      if ((a === OTHER && typeof b === 'string') || (b === OTHER && typeof a === 'string')) return false;
      return typeof a === 'string' && typeof b === 'string' ? a === b : undefined;
    }
    default:
      return undefined;
  }
}

/** An operand's text, OTHER for a parameter set to another value, undefined when not known. */
function operand(node: Node, values: Resolver, params: Map<string, string | null>, anyValue: boolean): string | null | undefined {
  const name = refName(node);
  if (name && params.has(name)) return params.get(name)!;
  // Any value: a parameter (or anything computed from one) could be anything.
  if (anyValue && mentionsRef(node)) return undefined;
  if (name && PSEUDOS.has(name)) return undefined;
  return literal(values.value(node));
}

function mentionsRef(node: Node | null): boolean {
  if (!node || node.kind === 'scalar') return false;
  if (node.kind === 'seq') return node.items.some(mentionsRef);
  return node.pairs.some((p) => p.key.value === 'Ref' || p.key.value === 'Fn::FindInMap' || p.key.value === 'Fn::ImportValue' || mentionsRef(p.value));
}

/** The parameter an operand stands for: `!Ref P`, or `!Join ['', !Ref P]` (a list parameter compared with ''). */
function refName(node: Node | null): string | undefined {
  const map = asMap(node);
  if (map?.pairs.length !== 1) return undefined;
  const [pair] = map.pairs;
  if (pair!.key.value === 'Ref') return scalarString(pair!.value);
  if (pair!.key.value === 'Fn::Join') {
    const [delimiter, list] = asSeq(pair!.value)?.items ?? [];
    const inner = asMap(list ?? null);
    if (scalarString(delimiter ?? null) !== undefined && inner?.pairs.length === 1 && inner.pairs[0]!.key.value === 'Ref') return scalarString(inner.pairs[0]!.value);
  }
  return undefined;
}

/** The conditions the resources use (resource `Condition`, `Fn::If`), with those they name in turn. */
export function usedConditions(template: Template): Set<string> {
  const used = new Set<string>();
  if (template.conditions.size === 0) return used;
  const visit = (node: Node | null): void => {
    if (!node) return;
    if (node.kind === 'seq') return node.items.forEach(visit);
    if (node.kind !== 'map') return;
    for (const p of node.pairs) {
      if (p.key.value === 'Fn::If') {
        const c = scalarString(asSeq(p.value)?.items[0]);
        if (c) used.add(c);
      }
      visit(p.value);
    }
  };
  // Only the resources the network model reads, and not their tags: a condition that names a tag
  // changes no path.
  for (const r of template.resources) {
    if (!r.type || !NETWORK_TYPES.has(r.type)) continue;
    if (r.condition) used.add(r.condition);
    for (const p of r.properties?.pairs ?? []) if (p.key.value !== 'Tags') visit(p.value);
  }
  // A condition that names another makes that one matter too.
  const queue = [...used];
  while (queue.length) {
    const name = queue.pop()!;
    for (const other of namedConditions(template.conditions.get(name) ?? null)) {
      if (!used.has(other)) {
        used.add(other);
        queue.push(other);
      }
    }
  }
  return new Set([...used].filter((c) => template.conditions.has(c)));
}

function namedConditions(node: Node | null): string[] {
  const out: string[] = [];
  const visit = (n: Node | null): void => {
    if (!n) return;
    if (n.kind === 'seq') return n.items.forEach(visit);
    if (n.kind !== 'map') return;
    for (const p of n.pairs) {
      if (p.key.value === 'Condition') {
        const c = scalarString(p.value);
        if (c) out.push(c);
      } else visit(p.value);
    }
  };
  visit(node);
  return out;
}

interface Choice {
  name: string;
  /** The values other than the default to try; OTHER for "a value no condition compares against". */
  values: (string | null)[];
}

// The parameters the used conditions compare, and the values worth trying for each.
function variableChoices(template: Template, used: Set<string>): Choice[] {
  const compared = new Map<string, Set<string>>();
  const visit = (n: Node | null): void => {
    if (!n) return;
    if (n.kind === 'seq') return n.items.forEach(visit);
    if (n.kind !== 'map') return;
    for (const p of n.pairs) {
      if (p.key.value === 'Ref') {
        const name = scalarString(p.value);
        if (name && (template.parameters.has(name) || PSEUDOS.has(name)) && !compared.has(name)) compared.set(name, new Set());
      }
      if (p.key.value === 'Fn::Equals') {
        const [a, b] = asSeq(p.value)?.items ?? [];
        for (const [x, y] of [[a, b], [b, a]] as const) {
          const name = refName(x ?? null);
          const lit = y?.kind === 'scalar' && y.value !== null ? String(y.value) : undefined;
          if (name && lit !== undefined) compared.set(name, (compared.get(name) ?? new Set()).add(lit));
        }
      }
      visit(p.value);
    }
  };
  for (const c of used) visit(template.conditions.get(c) ?? null);
  const out: Choice[] = [];
  const fixed = namedPseudos(template);
  const named = template.regions ?? [];
  for (const [name, lits] of compared) {
    if (fixed.has(name)) continue;
    // The stack deploys to the Regions named: those are the Region's values, and no other.
    if (name === 'AWS::Region' && named.length) {
      out.push({ name, values: [...named] });
      continue;
    }
    const param = template.parameters.get(name);
    const def = param?.defaultNode?.kind === 'scalar' && param.defaultNode.value !== null ? String(param.defaultNode.value) : undefined;
    const allowed = asSeq(valueOf(param?.node, 'AllowedValues'))?.items.map((i) => (i.kind === 'scalar' && i.value !== null ? String(i.value) : undefined)).filter((x): x is string => x !== undefined);
    const values: (string | null)[] = [...lits].filter((l) => l !== def && (!allowed || allowed.includes(l)));
    // "Another value": one the template allows that no condition names, when there is one.
    const others = allowed ? allowed.filter((a) => !lits.has(a) && a !== def) : undefined;
    const defIsOther = def !== undefined && !lits.has(def);
    if (!defIsOther) {
      if (others === undefined) values.push(OTHER);
      else if (others.length) values.push(others[0]!);
    }
    if (values.length) out.push({ name, values });
  }
  return out;
}
