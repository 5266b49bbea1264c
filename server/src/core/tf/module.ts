// One Terraform module: every `*.tf` and `*.tf.json` file of a folder (plus `terraform.tfvars` and `*.auto.tfvars`),
// joined into one text so that every offset of the module is one number. The declarations of all
// files are read once; expressions see each other through them (eval.ts).

import type { Node } from '../document/tree.js';
import type { SyntaxProblem } from '../document/parse.js';
import { attr, type Attribute, type Block, type Body, type Expr, type Located, type Step } from './hcl-ast.js';
import { parseHcl } from './hcl.js';
import { parseTfJson } from './json-syntax.js';
import { applyOverrides, isOverrideFile } from './overrides.js';
import { readTfvarsJson } from './tfvars-json.js';
import { undeclared } from './undeclared.js';
import { awsVersionConstraint } from './provider-version.js';
import { fn, map, pair, scalar, seq, unknownNode } from './nodes.js';
import { instanceAttributes, partialMaps, regionKey } from './functions.js';
import { failed, lower, steps as applySteps, testCondition, textOf, type Scope } from './eval.js';
import { markExact } from './unknown-identity.js';

export interface TfFile {
  /** The file's path (or name); `*.tfvars` files give values to variables. */
  path: string;
  text: string;
}

export interface FileSpan {
  path: string;
  start: number;
  end: number;
}

/** How many instances a resource has: one, `count` of them, one per `for_each` key, or not known. */
export type Instances =
  | { kind: 'single' }
  | { kind: 'count'; n: number }
  | { kind: 'each'; keys: string[]; values: Node[]; keyNodes: Node[] }
  | {
      kind: 'unknown';
      why: string;
      decides: string;
      at: Located;
      /**
       * `count = test ? 1 : 0` (or `? 0 : 1`) with a test not known: the resource exists exactly when the test's
       * condition (eval.ts testCondition) is `when`; `always`: both choices make at least one instance.
       */
      exists?: { condition: string; when: boolean } | 'always';
    };

/** A variable as the module sees it: an argument of its call, a tfvars value or default, or unset (why). */
export interface VariableValue {
  block: Block;
  /** The expression that gives it, read in the module's own scope (a default, a tfvars value). */
  value: Expr | undefined;
  /** The value a module call passes, evaluated in the caller's scope (local-modules.ts). */
  node?: () => Node;
  /** Why it has no value, when it has none. */
  unset?: string;
  /** `value` is the variable's own default (no tfvars value, no argument of a call): whoever applies may pass another. */
  isDefault?: boolean;
}

/** One folder's declarations, parsed once however many module instances read them. */
export interface FolderSyntax {
  /** The folder (as the face named it); '' when unknown. */
  dir: string;
  files: FileSpan[];
  resources: Map<string, Block>;
  data: Map<string, Block>;
  modules: Map<string, Block>;
  variables: Map<string, Block>;
  locals: Map<string, Expr>;
  outputs: Map<string, Block>;
  /** `provider "aws"` configurations by alias ('' for the default one). */
  awsProviders: Map<string, Block>;
  tfvars: Map<string, Expr>;
  problems: SyntaxProblem[];
  /** `terraform { required_providers { aws = { version = ... } } }`: the AWS provider's version constraint (provider-version.ts). */
  awsVersion?: Expr;
  /** `import` blocks (imports.ts): resources that exist before the configuration. */
  imports?: Block[];
  /** Blocks whose `for_each` is a list, which Terraform rejects (for-each-lists.ts): their instances are not known. */
  listForEach?: Set<Block>;
}

export interface ModuleDecls {
  text: string;
  files: FileSpan[];
  /** '' for the root module; `module.net.` or `module.net["a"].` for a module instance: every address it makes starts so. */
  prefix: string;
  /** The folder's declarations (unset for a plan's values, which have none). */
  syntax?: FolderSyntax;
  resources: Map<string, Block>;
  data: Map<string, Block>;
  modules: Map<string, Block>;
  locals: Map<string, Expr>;
  problems: SyntaxProblem[];
  variable(name: string): VariableValue | undefined;
  local(name: string, make: () => Node): Node;
  instances(address: string): Instances;
  resourceRef(type: string, name: string, steps: Step[], at: Located, scope: Scope): Node;
  /** `module.<name>...` read where `scope` is (its instance keys are read there: `module.vpc[count.index]`). */
  moduleOutput(name: string, steps: Step[], at: Located, scope?: Scope): Node | undefined;
  /** Set when the module instance's `aws` provider is another one (a call's `providers = { aws = aws.west }`): why its region is not known. */
  otherProvider?: string;
  /** The resource arguments being evaluated (`aws_x.a.arg`): a reference back to one is a cycle. */
  evaluating: Set<string>;
  /** VPCs (addresses) whose main route table is referred to (`aws_vpc.x.main_route_table_id`): lower.ts adds that table. */
  mainTables?: Set<string>;
  /** Tests of `test ? value : null` that are not known (eval.ts): conditions nobody decides, by name. */
  conditions?: Map<string, Node>;
  /** Set by the module-call readers (vpc-endpoints-module.ts, local-modules.ts): outputs they can answer. */
  outputs: Map<string, (steps: Step[], at: Located, scope?: Scope) => Node | undefined>;
}

// More instances than this are not expanded (a typo such as count = 1000000 must not exhaust memory).
const MAX_INSTANCES = 1000;
const TFVARS = /(^|[\\/])terraform\.tfvars$/;
const TFVARS_JSON = /(^|[\\/])terraform\.tfvars\.json$/;
const AUTO_TFVARS = /\.auto\.tfvars(\.json)?$/;
/** A variables file, HCL or JSON. */
export const VARIABLES_FILE = /\.tfvars(\.json)?$/;

/**
 * A file the configuration reads with `file()` (a policy's .json, tf/file-function.ts), not a file of the
 * module: joined after the others so that its characters have offsets, never parsed as configuration.
 */
export function isDataFile(path: string): boolean {
  return /\.json$/i.test(path) && !/\.tf\.json$/i.test(path) && !VARIABLES_FILE.test(path);
}

/**
 * Joins the files (configuration first, then tfvars in Terraform's order: terraform.tfvars, then the
 * *.auto.tfvars in lexical order of their names — byte order, not the locale's — a later one winning) into one text.
 * https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence
 */
export function joinFiles(files: readonly TfFile[], base = 0): { text: string; files: FileSpan[] } {
  const tf = files.filter((f) => !VARIABLES_FILE.test(f.path) && !isDataFile(f.path));
  const vars = [...files.filter((f) => TFVARS.test(f.path)), ...files.filter((f) => TFVARS_JSON.test(f.path)), ...files.filter((f) => AUTO_TFVARS.test(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))];
  let text = '';
  const spans: FileSpan[] = [];
  for (const f of [...tf, ...vars, ...files.filter((f) => isDataFile(f.path))]) {
    spans.push({ path: f.path, start: base + text.length, end: base + text.length + f.text.length });
    text += f.text + '\n';
  }
  return { text, files: spans };
}

/** A root module's files → its declarations (no module calls followed: local-modules.ts does that). */
export function readModule(files: readonly TfFile[]): ModuleDecls {
  const { text, syntax } = parseFolder(files, 0, '');
  return declsOf(syntax, text, '');
}

/**
 * One folder's files parsed at `base`, the offset their text starts at in the joined text (a called
 * module's files follow the root's). `text` is this folder's part of the joined text.
 */
export function parseFolder(files: readonly TfFile[], base: number, dir: string): { text: string; syntax: FolderSyntax } {
  const joined = joinFiles(files, base);
  const syntax: FolderSyntax = { dir, files: joined.files, resources: new Map(), data: new Map(), modules: new Map(), variables: new Map(), locals: new Map(), outputs: new Map(), awsProviders: new Map(), tfvars: new Map(), problems: [] };
  const bodies = new Map<FileSpan, Body>();
  const overrides: { path: string; body: Body }[] = [];
  for (const span of joined.files) {
    if (isDataFile(span.path)) continue;
    if (/\.tf\.json$/i.test(span.path)) {
      const parsed = parseTfJson(joined.text.slice(span.start - base, span.end - base), span.start);
      bodies.set(span, parsed.body);
      syntax.problems.push(...parsed.problems);
      if (isOverrideFile(span.path)) overrides.push({ path: span.path, body: parsed.body });
      else readBody(parsed.body, syntax);
      continue;
    }
    if (/\.tfvars\.json$/.test(span.path)) {
      readTfvarsJson(joined.text.slice(span.start - base, span.end - base), span.start, syntax.tfvars, syntax.problems);
      continue;
    }
    const parsed = parseHcl(joined.text.slice(span.start - base, span.end - base), span.start);
    bodies.set(span, parsed.body);
    syntax.problems.push(...parsed.problems);
    if (/\.tfvars$/.test(span.path)) {
      for (const a of parsed.body.attributes) syntax.tfvars.set(a.name, a.value);
      continue;
    }
    if (isOverrideFile(span.path)) overrides.push({ path: span.path, body: parsed.body });
    else readBody(parsed.body, syntax);
  }
  applyOverrides(overrides, syntax);
  undeclared(joined.files.filter((span) => !VARIABLES_FILE.test(span.path) && !isDataFile(span.path)).map((span) => bodies.get(span)!), syntax);
  return { text: joined.text, syntax };
}

/**
 * The declarations one module instance evaluates with. `text`: the whole joined text (every node's
 * offsets are into it). `bound`: a called module's variables, from its call (unset: tfvars, defaults).
 */
export function declsOf(syntax: FolderSyntax, text: string, prefix: string, bound?: (name: string, block: Block) => VariableValue): ModuleDecls {
  const localMemo = new Map<string, Node>();
  const instanceMemo = new Map<string, Instances>();
  const decls: ModuleDecls = {
    text,
    files: syntax.files,
    prefix,
    syntax,
    resources: syntax.resources,
    data: syntax.data,
    modules: syntax.modules,
    locals: syntax.locals,
    problems: syntax.problems,
    outputs: new Map(),
    evaluating: new Set(),
    mainTables: new Set(),
    conditions: new Map(),
    variable(name) {
      const block = syntax.variables.get(name);
      if (!block) return undefined;
      if (bound) return bound(name, block);
      const given = syntax.tfvars.get(name);
      if (given) return { block, value: given };
      const fallback = attr(block.body, 'default')?.value;
      return fallback ? { block, value: fallback, isDefault: true } : { block, value: undefined };
    },
    local(name, make) {
      let n = localMemo.get(name);
      if (!n) {
        // A local that refers to itself is an error Terraform reports; here it is unknown.
        localMemo.set(name, unknownNode(`local.${name} refers to itself`, `local.${name}`, { start: 0, end: 0 }));
        localMemo.set(name, (n = make()));
      }
      return n;
    },
    instances(address) {
      let i = instanceMemo.get(address);
      if (!i) instanceMemo.set(address, (i = instancesOf(syntax.resources.get(address), address, decls)));
      return i;
    },
    resourceRef: (type, name, steps, at, scope) => resourceRef(decls, type, name, steps, at, scope),
    moduleOutput(name, steps, at, scope) {
      return decls.outputs.get(name)?.(steps, at, scope);
    },
  };
  return decls;
}

export function readBody(body: Body, into: FolderSyntax): void {
  // Indexed: no iterator a block where this runs unoptimised (once a file).
  for (let i = 0; i < body.blocks.length; i++) {
    const b = body.blocks[i]!;
    const l0 = b.labels[0];
    const l1 = b.labels[1];
    if (b.type === 'resource' && l0 && l1) into.resources.set(`${l0.value}.${l1.value}`, b);
    else if (b.type === 'data' && l0 && l1) into.data.set(`${l0.value}.${l1.value}`, b);
    else if (b.type === 'import') (into.imports ??= []).push(b);
    else if (b.type === 'module' && l0) into.modules.set(l0.value, b);
    else if (b.type === 'variable' && l0) into.variables.set(l0.value, b);
    else if (b.type === 'output' && l0) into.outputs.set(l0.value, b);
    else if (b.type === 'provider' && l0?.value === 'aws') {
      const alias = attr(b.body, 'alias')?.value;
      into.awsProviders.set(alias?.k === 'literal' ? String(alias.value) : alias ? `(${alias.start})` : '', b);
    }
    else if (b.type === 'locals') for (const a of b.body.attributes) into.locals.set(a.name, a.value);
    else if (b.type === 'terraform') into.awsVersion = awsVersionConstraint(b) ?? into.awsVersion;
  }
}

/** The instances of a resource or module block (`count`, `for_each`), evaluated in `decls`. */
export function instancesOf(block: Block | undefined, address: string, decls: ModuleDecls): Instances {
  if (!block) return { kind: 'single' };
  const count = attr(block.body, 'count');
  const forEach = attr(block.body, 'for_each');
  const scope: Scope = { decls };
  if (count) {
    const n = lower(count.value, scope);
    if (n.kind === 'scalar' && typeof n.value === 'number' && Number.isInteger(n.value) && n.value >= 0 && n.value <= MAX_INSTANCES) return { kind: 'count', n: n.value };
    const unknown = unknownCount(`${address}'s count`, count, decls, n);
    const exists = existsWhen(count.value, scope);
    return exists && unknown.kind === 'unknown' ? { ...unknown, exists } : unknown;
  }
  if (forEach) {
    if (decls.syntax?.listForEach?.has(block)) {
      const text = textOf(scope, forEach.value).replace(/\s+/g, ' ');
      return { kind: 'unknown', why: `${address}'s for_each (${text}) is a list, which Terraform rejects: the configuration does not plan`, decides: text, at: forEach.value };
    }
    const v = lower(forEach.value, scope);
    if (v.kind === 'map' && v.pairs.length <= MAX_INSTANCES && !v.pairs.some((p) => /^(Ref|Fn::)/.test(String(p.key.value)))) return { kind: 'each', keys: v.pairs.map((p) => String(p.key.value)), values: v.pairs.map((p) => p.value ?? scalar(null, p.key)), keyNodes: v.pairs.map((p) => p.key) };
    if (v.kind === 'seq' && v.items.every((i) => i.kind === 'scalar' && typeof i.value === 'string')) {
      return { kind: 'each', keys: v.items.map((i) => String(i.kind === 'scalar' ? i.value : '')), values: v.items, keyNodes: v.items };
    }
    // A set of texts known but for the deploy Region (toset of "com.amazonaws.${data.aws_region.current.name}.${s}"):
    // one instance each, keyed as written with the Region (`aws_vpc_endpoint.x["com.amazonaws.${AWS::Region}.ssm"]`);
    // each.key is the text itself (eval.ts).
    const keys = v.kind === 'seq' && v.items.length <= MAX_INSTANCES ? v.items.map(regionKey) : [];
    if (v.kind === 'seq' && keys.length && keys.every((k) => k !== undefined) && new Set(keys).size === keys.length) return { kind: 'each', keys: keys as string[], values: v.items, keyNodes: v.items };
    return unknownCount(`${address}'s for_each`, forEach, decls, v);
  }
  return { kind: 'single' };
}

/**
 * A count or for_each not known: why, and the value that decides it — the unknown operand its value
 * rests on (`module.this.enabled` behind `local.enabled ? 1 : 0`), else the expression itself.
 */
function unknownCount(what: string, a: Attribute, decls: ModuleDecls, value: Node): Instances {
  const one = textOf({ decls }, a.value).replace(/\s+/g, ' ');
  const text = one.length > 60 ? `${one.slice(0, 57)}...` : one;
  const inner = value.kind === 'map' && value.pairs.length === 1 && value.pairs[0]!.key.value === 'Fn::Unknown' ? value.pairs[0]!.value : undefined;
  const [w, d] = inner?.kind === 'seq' ? inner.items : [];
  if (w?.kind === 'scalar' && d?.kind === 'scalar' && typeof d.value === 'string' && d.value && d.value !== text) {
    return { kind: 'unknown', why: `${what} (${text}) is not known statically: ${String(w.value)}`, decides: d.value, at: a.value };
  }
  return { kind: 'unknown', why: `${what} (${text}) is not known statically`, decides: text, at: a.value };
}

/**
 * `count = test ? 1 : 0` (`? 0 : 1`), the usual way to make a resource optional, with a test not known: the
 * resource exists exactly when the test is true (false), one condition with every other value the test chooses,
 * so that a rule can tell that the resource and a value chosen the other way never exist together. In the root
 * module only: a called module's instances may be given different values for one test's text.
 */
function existsWhen(e: Expr, scope: Scope): { condition: string; when: boolean } | 'always' | undefined {
  if (e.k !== 'cond' || !scope.decls.conditions) return undefined;
  const test = lower(e.test, scope);
  if (test.kind === 'scalar' && typeof test.value === 'boolean') return undefined;
  const [a, b] = [lower(e.then, scope), lower(e.else, scope)].map((n) => (n.kind === 'scalar' && typeof n.value === 'number' && Number.isInteger(n.value) && n.value >= 0 ? n.value : undefined));
  if (a === undefined || b === undefined) return undefined;
  if (a > 0 && b > 0) return 'always';
  if ((a === 0) === (b === 0) || scope.decls.prefix !== '') return undefined;
  return { condition: testCondition(e.test, test, scope), when: a > 0 };
}

/** The address of one instance: `aws_subnet.a`, `aws_subnet.a[0]`, `aws_subnet.a["x"]`. */
export function instanceAddress(address: string, key: number | string | undefined): string {
  return key === undefined ? address : typeof key === 'number' ? `${address}[${key}]` : `${address}[${JSON.stringify(key)}]`;
}

// The types the adapter models (lower-resources.ts): a reference to any other resource is unknown.
export const MODELLED = new Set<string>();

function resourceRef(decls: ModuleDecls, type: string, name: string, rest: Step[], at: Located, scope: Scope): Node {
  const address = `${type}.${name}`;
  // The reference's text names it in an unknown's message only: most references are known, so it is made
  // when asked (refText), from the scope passed down rather than a closure made for every reference.
  const block = decls.resources.get(address);
  if (!block) return unknownNode(`${address} is not declared in this module`, address, at);
  const inst = decls.instances(address);
  let steps = rest;
  let key: number | string | undefined;
  const first = steps[0];
  if (inst.kind !== 'single' && first && 'splat' in first) {
    if (inst.kind === 'unknown') return unknownNode(`${refText(scope, at)}: ${inst.why}`, inst.decides, at);
    const keys: (number | string)[] = inst.kind === 'count' ? Array.from({ length: inst.n }, (_, i) => i) : inst.keys;
    return seq(keys.map((k) => instanceValue(decls, type, block, instanceAddress(address, k), k, steps.slice(1), at, scope)), at);
  }
  if (inst.kind !== 'single') {
    // The whole resource: a list (count) or map (for_each) of its instances, as length() and for read
    // it; of an instance only its id is given here, any other attribute stays unknown.
    // https://developer.hashicorp.com/terraform/language/meta-arguments/count#referring-to-instances
    if (!first && (inst.kind === 'count' || inst.kind === 'each')) {
      const whole = (k: number | string) => wholeInstance(decls, type, block, instanceAddress(address, k), k, at, scope);
      return inst.kind === 'count' ? seq(Array.from({ length: inst.n }, (_, i) => whole(i)), at) : map(inst.keys.map((k) => pair(k, at, whole(k))), at);
    }
    if (!first || !('index' in first)) return unknownNode(`${refText(scope, at)} needs an instance key`, refText(scope, at), at);
    if (inst.kind === 'unknown') return unknownNode(`${refText(scope, at)}: ${inst.why}`, inst.decides, at);
    const k = lower(first.index, scope);
    if (k.kind !== 'scalar' || k.value === null || typeof k.value === 'boolean') return unknownNode(`${refText(scope, at)}: the instance key is not known statically`, refText(scope, at), at);
    key = inst.kind === 'count' ? Number(k.value) : String(k.value);
    const exists = inst.kind === 'count' ? Number.isInteger(key) && (key as number) < inst.n : inst.keys.includes(String(key));
    // Terraform's "Invalid index" error, which try() skips (count and for_each are known here); a key
    // written with a Region's name may be one whose key is written with the deploy Region: not known.
    if (!exists && inst.kind === 'each' && inst.keys.some((x) => x.includes('${AWS::Region}'))) return unknownNode(`${refText(scope, at)}: its instances are keyed by the deploy Region`, refText(scope, at), at);
    if (!exists) return failed(unknownNode(`${refText(scope, at)}: no such instance`, refText(scope, at), at));
    steps = steps.slice(1);
  }
  return instanceValue(decls, type, block, instanceAddress(address, key), key, steps, at, scope);
}

/**
 * One instance as a value (`aws_route_table.private`, `aws_subnet.a[0]`, a module output holding either):
 * an object whose id is the instance's, whose other attributes are read when asked, as the steps after
 * it would read them (an argument the block writes, a VPC's default group, an endpoint's prefix list);
 * any other attribute is known only after apply.
 * https://developer.hashicorp.com/terraform/language/expressions/references#resources
 */
function wholeInstance(decls: ModuleDecls, type: string, block: Block, address: string, key: number | string | undefined, at: Located, scope: Scope): Node {
  const id = MODELLED.has(type) ? fn('Ref', scalar(decls.prefix + address, at, 'plain'), at) : unknownNode(`${address}.id is known only after apply`, `${address}.id`, at);
  const m = map([pair('id', at, id)], at);
  partialMaps.add(m);
  // `[for s in aws_subnet.private : s.cidr_block]`: an argument the block writes is the instance's own.
  instanceAttributes.set(m, (name) => (attr(block.body, name) || DERIVED.test(name) ? instanceValue(decls, type, block, address, key, [{ attr: name, start: at.start, end: at.end }], at, scope) : undefined));
  return m;
}

/** Attributes instanceValue gives a value the block does not write (a VPC's default group and main table, an endpoint's prefix list). */
const DERIVED = /^(default_security_group_id|default_route_table_id|main_route_table_id|prefix_list_id)$/;

function instanceValue(decls: ModuleDecls, type: string, block: Block, address: string, key: number | string | undefined, steps: Step[], at: Located, scope: Scope): Node {
  const s0 = steps[0];
  // The whole instance, read as a value.
  if (!s0) return wholeInstance(decls, type, block, address, key, at, scope);
  // A splat on one instance: the list of it (aws_security_group.x[*].id).
  if (s0 && 'splat' in s0) return seq([instanceValue(decls, type, block, address, key, steps.slice(1), at, scope)], at);
  const name = s0 && 'attr' in s0 ? s0.attr : undefined;
  if (!name) return unknownNode(`${refText(scope, at)} is a whole resource, not a value`, refText(scope, at), at);
  // A gateway endpoint's prefix list (its service's addresses), as a security group rule names it.
  if (type === 'aws_vpc_endpoint' && name === 'prefix_list_id' && steps.length === 1) return fn('Fn::GetAtt', seq([scalar(decls.prefix + address, at, 'plain'), scalar('PrefixListId', at, 'plain')], at), at);
  // A VPC's default group, as CloudFormation's !GetAtt Vpc.DefaultSecurityGroup names it (model/default-group.ts).
  if ((type === 'aws_vpc' || type === 'aws_default_vpc') && name === 'default_security_group_id' && steps.length === 1) return fn('Fn::GetAtt', seq([scalar(decls.prefix + address, at, 'plain'), scalar('DefaultSecurityGroup', at, 'plain')], at), at);
  // A hosted zone's zone_id is its id (aws_route53_zone_association names the zone by it).
  if ((name === 'id' || (name === 'zone_id' && type === 'aws_route53_zone')) && MODELLED.has(type)) return fn('Ref', scalar(decls.prefix + address, at, 'plain'), at);
  // The route table AWS makes with a VPC, its main one: routes added to it reach every subnet with no
  // association of its own (lower.ts mainTableOf). After an aws_main_route_table_association the VPC's
  // main_route_table_id is another table; default_route_table_id stays the one made with the VPC.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc#attribute-reference
  if ((type === 'aws_vpc' || type === 'aws_default_vpc') && (name === 'default_route_table_id' || (name === 'main_route_table_id' && !mainChanged(decls))) && decls.mainTables && steps.length === 1) {
    const table = defaultRouteTable(decls, block);
    if (table) return fn('Ref', scalar(decls.prefix + table, at, 'plain'), at);
    decls.mainTables.add(decls.prefix + address);
    return fn('Ref', scalar(`${decls.prefix}${address}.main_route_table`, at, 'plain'), at);
  }
  // An argument the configuration sets is the attribute's value (aws_subnet.a.availability_zone).
  const own = name !== 'id' ? attr(block.body, name) : undefined;
  // Two arguments that refer to each other are Terraform's cycle error; here they are unknown.
  const busy = `${address}.${name}`;
  if (own && decls.evaluating.has(busy)) return unknownNode(`${refText(scope, at)} refers to itself`, refText(scope, at), at);
  if (own) {
    decls.evaluating.add(busy);
    try {
      return instanceArgument(decls, own, address, key, steps, at, scope);
    } finally {
      decls.evaluating.delete(busy);
    }
  }
  return afterApply(decls, address, name, steps, at, scope);
}

/** The attributes that are address ranges: a security group rule names them, a subnet is carved from them. */
const RANGE_ATTRIBUTE = /(^|_)cidr_block$/;

/**
 * An attribute known only after apply. A range (aws_vpc.this.ipv6_cidr_block) is named by its instance's
 * full address, `module.net.aws_vpc.this.ipv6_cidr_block` in a called module, as the VPC's own facts name
 * its block (cfn/vpc-ipv6.ts): the same block wherever it is read, in the module or through its outputs,
 * and another block in each instance of the module; in a module, messages name it so too. Other
 * attributes keep the name as written: one starting `module.` would make an id read as an outside VPC's
 * (cfn/facts.ts refFact).
 */
function afterApply(decls: ModuleDecls, address: string, name: string, steps: Step[], at: Located, scope: Scope): Node {
  const text = refText(scope, at);
  if (steps.length !== 1 || !RANGE_ATTRIBUTE.test(name)) return unknownNode(`${text} is known only after apply`, text, at);
  const full = `${decls.prefix}${address}.${name}`;
  const shown = decls.prefix ? full : text;
  return markExact(unknownNode(`${shown} is known only after apply`, shown, at, full), true);
}

function instanceArgument(decls: ModuleDecls, own: Attribute, address: string, key: string | number | undefined, steps: Step[], at: Located, from: Scope): Node {
  const inst = decls.instances(address.replace(/\[.*$/, ''));
  const scope: Scope = { decls };
  if (typeof key === 'number') scope.countIndex = key;
  else if (typeof key === 'string' && inst.kind === 'each') scope.each = { key, keyAt: at, value: inst.values[inst.keys.indexOf(key)] ?? scalar(key, at), keyNode: inst.keyNodes[inst.keys.indexOf(key)] };
  return applySteps(lower(own.value, scope), steps.slice(1), refText(from, at), at);
}

/** A reference's text on one line, for its unknowns' messages. */
function refText(scope: Scope, at: Located): string {
  return textOf(scope, at).replace(/\s+/g, ' ');
}

function mainChanged(decls: ModuleDecls): boolean {
  return [...decls.resources.keys()].some((k) => k.startsWith('aws_main_route_table_association.'));
}

/** The aws_default_route_table (its address) that manages this VPC's first main route table, if the module has one. */
function defaultRouteTable(decls: ModuleDecls, vpc: Block): string | undefined {
  const name = vpc.labels[1]?.value;
  for (const [address, b] of decls.resources) {
    if (!address.startsWith('aws_default_route_table.')) continue;
    const id = attr(b.body, 'default_route_table_id')?.value;
    const step = id?.k === 'traversal' && id.root === vpc.labels[0]?.value ? id.steps[0] : undefined;
    if (step && 'attr' in step && step.attr === name) return address;
  }
  return undefined;
}
