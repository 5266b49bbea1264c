// Static evaluation of Terraform expressions, as far as the configuration alone makes it certain:
// literals, string templates, `var.*` (tfvars, then the default), `local.*`, `count.index`, `each.*`,
// references to resources (a `Ref` to the instance's address), `data "aws_region"`, `data
// "aws_vpc_endpoint_service"`, `data "aws_iam_policy_document"`, `jsonencode`. Everything else is an
// `Fn::Unknown` node naming why and the expression that decides it: rules stay silent on it and the
// trace says unknown. The result is the engine's located tree, read by cfn/resolve.ts.
// https://developer.hashicorp.com/terraform/language/expressions

import type { Node } from '../document/tree.js';
import type { Expr, Located, Step } from './hcl-ast.js';
import { attr, blocksOf } from './hcl-ast.js';
import { fn, isUnknownNode, map, pair, scalar, seq, unknownNode } from './nodes.js';
import { callFunction, computedKeys, instanceAttributes, partialMaps, isIntrinsic, knownMap, plain, sameValue, sortedPairs, text as textValue } from './functions.js';
import type { ModuleDecls } from './module.js';
import { dataSource } from './data-sources.js';
import { fileContents } from './file-function.js';
import { INPUT_TEXT, MADE_FROM } from '../rules/region-in-service-name.js';
import { withTypeDefaults } from './type-defaults.js';
import { calledUnknown, isExact, isInstanceNamed, markExact, unknownIdentity } from './unknown-identity.js';
import { INPUT_DEFAULT } from '../model/defaults-note.js';

/** The names an expression can see besides the module's: `count.index`, `each.key`, `each.value`. */
export interface Scope {
  countIndex?: number;
  each?: { key: string; keyAt: Located; value: Node; keyNode?: Node };
  /** The symbols of the `for` expressions around the expression (`v` in `[for v in list : v]`). */
  vars?: ReadonlyMap<string, Node>;
  /** Which element of those `for` expressions (or `dynamic` blocks) is evaluated: `v = element 0`. */
  element?: string;
  /** The module's own declarations. */
  decls: ModuleDecls;
}

const MAX_DEPTH = 40;

export function lower(e: Expr, scope: Scope, depth = 0): Node {
  let out = lowerExpr(e, scope, depth);
  if (out.kind !== 'map' || out.pairs[0]?.key.value !== 'Fn::Unknown') return out;
  // An unknown that depends on the instance (`names[count.index]`) is a different value per instance.
  if ((scope.countIndex !== undefined || scope.each) && /\b(count|each)\./.test(textOf(scope, e))) {
    const [why, decides] = out.pairs[0].value?.kind === 'seq' ? out.pairs[0].value.items : [];
    const key = scope.countIndex !== undefined ? `count.index = ${scope.countIndex}` : `each.key = ${JSON.stringify(scope.each!.key)}`;
    // Said once: the unknown of an inner expression of the same instance already names it.
    if (why?.kind === 'scalar' && decides?.kind === 'scalar' && !String(decides.value).endsWith(`(${key})`)) {
      // Its own identity (a function's result) is per instance too; the ranges holding it say so themselves.
      // A resource instance's attribute is already named by its instance (aws_vpc.main[0].ipv6_cidr_block).
      const own = unknownIdentity(out);
      const named = isInstanceNamed(out);
      const distinct = own && (named || own.identity !== String(decides.value)) ? own : undefined;
      const per = unknownNode(String(why.value), `${String(decides.value)} (${key})`, e, distinct && (named ? distinct.identity : `${distinct.identity} (${key})`), distinct?.within);
      if (isExact(out) || scope.decls.prefix === '') markExact(per, named);
      out = FAILED.has(out) ? failed(per) : per;
    }
  }
  if (isExact(out)) return out;
  // A name made from this text is one value only where the text is evaluated once: per element of the
  // for expressions around it that it reads, and per instance of a called module. The instance is
  // written after the name: one beginning `module.` would read as a module output's VPC (cfn/facts.ts refFact).
  if (scope.element && scope.vars && readsSymbol(textOf(scope, e), scope.vars)) out = renamed(out, (id) => `${id} (${scope.element})`);
  if (scope.decls.prefix !== '') out = renamed(out, (id) => `${id} (in ${scope.decls.prefix.slice(0, -1)})`);
  // The root module is one instance: whatever it names is one value, in it and in the modules it calls.
  return markExact(out);
}

/** Whether an expression's text reads one of the `for` symbols around it. */
function readsSymbol(text: string, vars: ReadonlyMap<string, Node>): boolean {
  for (const name of vars.keys()) if (/^[A-Za-z_][\w-]*$/.test(name) && new RegExp(`(^|[^\\w.-])${name}(?![\\w-])`).test(text)) return true;
  return false;
}

/** The same unknown under another identity (why and what decides it unchanged). */
function renamed(n: Node, to: (identity: string) => string): Node {
  const own = unknownIdentity(n);
  const items = n.kind === 'map' && n.pairs[0]!.value?.kind === 'seq' ? n.pairs[0]!.value.items : [];
  const [why, decides] = items;
  if (!own || why?.kind !== 'scalar' || decides?.kind !== 'scalar') return n;
  const out = unknownNode(String(why.value), String(decides.value), n, to(own.identity), own.within);
  if (isInstanceNamed(n)) markExact(out, true);
  return FAILED.has(n) ? failed(out) : out;
}

/** An expression's whole text on one line: the identity of a value made from it. */
function wholeText(scope: Scope, at: Located): string {
  return textOf(scope, at).replace(/\s+/g, ' ').trim();
}

function lowerExpr(e: Expr, scope: Scope, depth: number): Node {
  if (depth > MAX_DEPTH) return unknownNode('nested too deeply to evaluate', textOf(scope, e), e);
  switch (e.k) {
    case 'literal':
      return scalar(e.value, e, e.quoted ? 'double' : 'plain');
    case 'tuple':
      return seq(e.items.map((i) => lower(i, scope, depth + 1)), e);
    case 'object': {
      const pairs = e.items.map((i) => {
        // A key written as an expression (`(var.name)`, `"${var.prefix}-a"`) is the value it has, when known.
        const name = i.name ?? textValue(lower(i.key, scope, depth + 1));
        if (name !== undefined) return pair(name, i.key, lower(i.value, scope, depth + 1));
        const p = pair(`(${textOf(scope, i.key)})`, i.key, unknownNode(`the key ${textOf(scope, i.key)} is computed`, textOf(scope, i.key), i.key));
        computedKeys.add(p);
        return p;
      });
      // A key written twice is no error in an object constructor: the later item's value is the key's
      // (hclsyntax ObjectConsExpr fills its map in order; `terraform console` 1.11 reads `{ a = 1, a = 2 }`
      // as `{ a = 2 }`). A public endpoint map lists `ecrdkr` twice, the second for ecr.api.
      return map(pairs.filter((p, i) => computedKeys.has(p) || !pairs.some((q, j) => j > i && !computedKeys.has(q) && q.key.value === p.key.value)), e);
    }
    case 'cond':
      return conditional(e, scope, depth);
    case 'op':
      return operation(e, scope, depth);
    case 'for':
      return forExpr(e, scope, depth);
    case 'template':
      return template(e, scope, depth);
    case 'traversal':
      return traversal(e, scope, depth);
    case 'postfix':
      return steps(lower(e.base, scope, depth + 1), e.steps, textOf(scope, e), e, scope);
    case 'call':
      return call(e, scope, depth);
    case 'other':
      return unknownNode(`${clip(e.what)} is not evaluated statically`, clip(e.what), e);
  }
}

export function textOf(scope: Scope, at: Located): string {
  return scope.decls.text.slice(at.start, at.end);
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

function template(e: Extract<Expr, { k: 'template' }>, scope: Scope, depth: number): Node {
  // A heredoc's text has no escapes: its pieces are plain text; a quoted template's pieces keep their escapes.
  // "${expr}" alone is unwrapped: the expression's own value, of its own type (a reference, a list),
  // as HCL evaluates it; Terraform 0.11-style configurations write every reference this way.
  // https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md#template-interpolation-unwrapping
  const parts = e.parts.filter((p) => !('lit' in p) || p.lit !== '');
  const only = parts[0];
  if (!e.heredoc && parts.length === 1 && only && 'expr' in only) return lower(only.expr, scope, depth + 1);
  const items: Node[] = e.parts.map((p) => ('lit' in p ? scalar(p.lit, p, e.heredoc ? 'plain' : 'double') : lower(p.expr, scope, depth + 1)));
  if (items.length === 0) return scalar('', e, 'double');
  if (items.length === 1 && items[0]!.kind === 'scalar') return scalar(items[0]!.value === null ? '' : String(items[0]!.value), e, e.heredoc ? 'block' : 'double');
  // Every part known: the string itself (a key of a `for` object, an argument of a function).
  const texts = items.map(textValue);
  if (texts.every((t) => t !== undefined)) {
    const out = scalar(texts.join(''), e, e.heredoc ? 'block' : 'double');
    const inputs = inputsOf(items);
    if (inputs.length) INPUT_TEXT.set(out, inputs);
    MADE_FROM.set(out, madeFrom(items));
    return out;
  }
  return fn('Fn::Join', seq([scalar('', e), seq(items, e)], e), e);
}

function traversal(e: Extract<Expr, { k: 'traversal' }>, scope: Scope, depth: number): Node {
  const { decls } = scope;
  const s0 = e.steps[0];
  const s1 = e.steps[1];
  const name0 = s0 && 'attr' in s0 ? s0.attr : undefined;
  const name1 = s1 && 'attr' in s1 ? s1.attr : undefined;
  // The expression's text is read where it is used: a resource reference or data source (most of them) never needs it.
  const symbol = scope.vars?.get(e.root);
  if (symbol) return steps(symbol, e.steps, textOf(scope, e), e, scope);
  switch (e.root) {
    case 'var': {
      if (!name0) break;
      const v = decls.variable(name0);
      if (!v) return unknownNode(`var.${name0} is not declared`, `var.${name0}`, e);
      // A module call's value: exactly the caller's when the variable has no type (its own marks hold);
      // a type may give its objects keys as null (optional attributes), so a copy is marked as input.
      const type = attr(v.block.body, 'type')?.value;
      const defaults = (n: Node) => (type && hasOptional(type, decls) ? withTypeDefaults(type, n, (d) => lower(d, { decls }, depth + 1)) : n);
      if (v.node) return steps(type ? inputCopy(defaults(v.node())) : v.node(), e.steps.slice(1), textOf(scope, e), e, scope);
      if (!v.value) return unknownNode(v.unset ?? `var.${name0} has no default and no value in a .tfvars file`, `var.${name0}`, e);
      // A default or tfvars value is taken as the value (as its present keys are); only a type with
      // optional attributes gives an object a key it does not write (as null), so only then is a
      // missing key not a failure (try(var.endpoints[k].private_dns, true) with `type = any`).
      const lowered = lower(v.value, { decls }, depth + 1);
      const value = steps(type && hasOptional(type, decls) ? markInput(defaults(lowered)) : lowered, e.steps.slice(1), textOf(scope, e), e, scope);
      // A default or tfvars value is an input: remembered so that a region in it is not called hard-coded.
      const input = textValue(value);
      if (input !== undefined) INPUT_TEXT.set(value, [input]);
      // A default, unlike a tfvars value, is what applies only when nobody passes one: findings on it say so.
      if (v.isDefault && value.kind === 'scalar') INPUT_DEFAULT.set(value, `var.${name0}`);
      return value;
    }
    case 'local': {
      if (!name0) break;
      const l = decls.locals.get(name0);
      if (!l) return unknownNode(`local.${name0} is not declared`, `local.${name0}`, e);
      return steps(decls.local(name0, () => lower(l, { decls }, depth + 1)), e.steps.slice(1), textOf(scope, e), e, scope);
    }
    case 'count':
      if (name0 === 'index' && scope.countIndex !== undefined) return scalar(scope.countIndex, e, 'plain');
      break;
    case 'each':
      // A key known but for the deploy Region is its value, not the text it is written as.
      if (scope.each && name0 === 'key' && scope.each.keyNode && scope.each.keyNode.kind !== 'scalar' && scope.each.key.includes('${AWS::Region}')) return scope.each.keyNode;
      if (scope.each && name0 === 'key') return inputMarked(scalar(scope.each.key, e), scope.each.keyNode);
      if (scope.each && name0 === 'value') return steps(scope.each.value, e.steps.slice(1), textOf(scope, e), e, scope);
      break;
    case 'data':
      if (name0 && name1) return dataSource(name0, name1, e, scope, depth);
      break;
    case 'module':
      // An output of a module not read is one value per instance of the module that calls it.
      if (name0) return decls.moduleOutput(name0, e.steps.slice(1), e, scope) ?? moduleUnknown(unknownNode(unreadOutput(clip(textOf(scope, e)), name0, name1, scope), clip(textOf(scope, e)), e, decls.prefix ? `${decls.prefix}${clip(textOf(scope, e))}` : undefined), decls.prefix);
      break;
    case 'path':
    case 'terraform':
    case 'self':
      break;
    default:
      if (name0) return decls.resourceRef(e.root, name0, e.steps.slice(1), e, scope);
  }
  return unknownNode(`${clip(textOf(scope, e))} is not evaluated statically`, clip(textOf(scope, e)), e);
}

/** An unknown a module instance names with its own address: exact (unknown-identity.ts). */
function moduleUnknown(n: Node, prefix: string): Node {
  return prefix ? markExact(n) : n;
}

/** Whether a variable's type has optional attributes (which give an object keys it does not write). */
function hasOptional(type: Expr, decls: ModuleDecls): boolean {
  return /\boptional\s*\(/.test(decls.text.slice(type.start, type.end));
}

/**
 * Why an output of a module call is not known: the module is not read (a registry, git or http source:
 * its code is not here), with what the call passes under the output's name when it does
 * (cloudposse's `module "this"` in context.tf: `enabled = var.enabled`, which the module's
 * `enabled` output rests on, though only its code says how).
 */
function unreadOutput(text: string, call: string, output: string | undefined, scope: Scope): string {
  const block = scope.decls.modules.get(call);
  const source = block && attr(block.body, 'source')?.value;
  const from = source?.k === 'literal' || source?.k === 'template' ? ` (source ${clip(textOf(scope, source))})` : '';
  const input = output === undefined ? undefined : attr(block?.body, output);
  const passes = input ? `; the call passes ${output} = ${clip(textOf(scope, input.value))}` : '';
  return `${text} is an output of module ${call}${from}, which is not read${passes}`;
}

/** Applies `.attr` / `[i]` steps to a lowered value; what they cannot reach is unknown. */
export function steps(node: Node, rest: Step[], text: string, at: Located, scope?: Scope): Node {
  let cur = node;
  for (const [i, s] of rest.entries()) {
    // A splat applies the steps after it to each element (values(m)[*].id, var.subnets.*.id); a value
    // that is not a list is a list of itself, null an empty one. https://developer.hashicorp.com/terraform/language/expressions/splat
    if ('splat' in s) {
      if (cur.kind === 'map' && isIntrinsic(cur) && cur.pairs[0]!.key.value === 'Fn::Unknown') return unknownNode(`${clip(text)} is not evaluated statically`, clip(text), at);
      const items = cur.kind === 'seq' ? cur.items : cur.kind === 'scalar' && cur.value === null ? [] : [cur];
      return seq(items.map((item) => steps(item, rest.slice(i + 1), text, at, scope)), at);
    }
    const index = 'index' in s ? (scope ? lower(s.index, scope) : s.index.k === 'literal' ? scalar(s.index.value, s.index) : undefined) : undefined;
    const key = 'attr' in s ? s.attr : index?.kind === 'scalar' && (typeof index.value === 'number' || typeof index.value === 'string') ? index.value : undefined;
    if (cur.kind === 'seq' && typeof key === 'number') {
      const item = cur.items[key];
      if (!item) {
        const out = unknownNode(`${clip(text)} is out of range`, clip(text), at);
        return INPUT.has(cur) ? out : failed(out);
      }
      cur = item;
    } else if (cur.kind === 'map' && typeof key === 'string' && !isIntrinsic(cur)) {
      const p = cur.pairs.find((x) => x.key.value === key);
      if (!p?.value) {
        // An instance read through its whole resource: an argument its block writes is read from it.
        const written = instanceAttributes.get(cur)?.(key);
        if (written) {
          cur = written;
          continue;
        }
        if (partialMaps.has(cur)) return unknownNode(`${clip(text)} is known only after apply`, clip(text), at);
        const missing = unknownNode(`${clip(text)} has no such key`, clip(text), at);
        // Of a value the configuration writes (a local, a literal, a for_each's element of them), a
        // missing key is Terraform's error. An input variable's value may be another one (-var, a
        // caller) and its type may give the object that key as null (optional attributes): not known.
        return INPUT.has(cur) ? missing : failed(missing);
      }
      cur = p.value;
    } else if (cur.kind === 'map' && isIntrinsic(cur) && cur.pairs[0]!.key.value === 'Fn::Unknown') {
      // Part of an unknown value is decided by the whole expression (`names[count.index]`). It is that
      // part of the value: named by the value's identity and the steps (var.site_a.vpc_id, where the
      // module reads var.cfg.vpc_id), so each module instance's part is its own.
      const why = cur.pairs[0]!.value?.kind === 'seq' ? cur.pairs[0]!.value.items[0] : undefined;
      const base = unknownIdentity(cur);
      const path = base && stepsText(rest.slice(i), scope);
      const out = unknownNode(why?.kind === 'scalar' ? String(why.value) : 'not known statically', clip(text), at, path === undefined ? undefined : `${base!.identity}${path}`);
      return path !== undefined && isExact(cur) ? markExact(out) : out;
    } else if (index && isUnknownNode(index)) {
      // The key is what is not known (var.env_config[var.environment] with no environment given): name it.
      return unknownFrom(index, `${clip(text)}: the key is not known`, clip(text), at, text.replace(/\s+/g, ' ').trim());
    } else return unknownNode(`${clip(text)} is not evaluated statically`, clip(text), at);
  }
  return cur;
}

/** Steps written as a path (`.vpc_id`, `["a"]`, `[0]`, `[*]`), each key known; undefined when one is not. */
function stepsText(rest: Step[], scope: Scope | undefined): string | undefined {
  let out = '';
  for (const s of rest) {
    if ('splat' in s) out += '[*]';
    else if ('attr' in s) out += `.${s.attr}`;
    else {
      const k = scope ? lower(s.index, scope) : s.index.k === 'literal' ? scalar(s.index.value, s.index) : undefined;
      if (k?.kind !== 'scalar' || (typeof k.value !== 'number' && typeof k.value !== 'string')) return undefined;
      out += `[${JSON.stringify(k.value)}]`;
    }
  }
  return out;
}

function call(e: Extract<Expr, { k: 'call' }>, scope: Scope, depth: number): Node {
  const text = textOf(scope, e);
  // A policy written as an object: the engine reads the object (the JSON text Terraform makes of it
  // says the same), and findings land on its keys and values.
  if (e.name === 'jsonencode' && e.args.length === 1) return lower(e.args[0]!, scope, depth + 1);
  // A file the face gave the module (a policy's .json): its text, at its own offsets.
  const read = fileContents(e, scope);
  if (read) return read;
  // https://developer.hashicorp.com/terraform/language/functions/try: the first argument that does not
  // fail. A missing key of a known object or an index out of range is a failure the configuration
  // shows; an argument known only later may or may not fail, so then the result is not known either.
  if ((e.name === 'try' || e.name === 'can') && e.args.length > 0) {
    for (const [i, a] of e.args.entries()) {
      const v = lower(a, scope, depth + 1);
      const fails = hasFailure(v);
      if (e.name === 'can') return fails ? scalar(false, e, 'plain') : isUnknownNode(v) ? unknownNode(`${clip(text)}: whether ${clip(textOf(scope, a))} fails is not known statically`, clip(textOf(scope, a)), e, wholeText(scope, e)) : scalar(true, e, 'plain');
      if (fails) continue;
      // Either this argument's value or a later one's: another value than each, named by the call.
      if (isUnknownNode(v) && i < e.args.length - 1) return unknownFrom(v, `${clip(text)}: whether ${clip(textOf(scope, a))} fails is not known statically`, clip(textOf(scope, a)), e, wholeText(scope, e));
      return v;
    }
    return failed(unknownNode(`${clip(text)}: every argument fails (Terraform's error)`, clip(text), e));
  }
  // try and can choose by whether an expression fails, which the configuration alone does not say.
  const chooses = e.name === 'try' || e.name === 'can';
  const args = chooses ? [] : e.args.map((a) => lower(a, scope, depth + 1));
  const r = chooses ? undefined : callFunction(e.name, args, e);
  if (r && 'kind' in r) {
    // A text made from an input variable's value (format("com.amazonaws.%s.s3", var.region)) rests on that
    // input, as a template string does; one of the arguments returned as it is keeps its own mark.
    if (!args.includes(r) && textValue(r) !== undefined) {
      MADE_FROM.set(r, madeFrom(args));
      // Made from inputs alone (lower(var.region)): the whole result is the input's, however transformed.
      if (args.length > 0 && args.every((n) => INPUT_TEXT.has(n))) INPUT_TEXT.set(r, [textValue(r)!]);
      else {
        const inputs = inputsOf(args);
        if (inputs.length) INPUT_TEXT.set(r, inputs);
      }
    }
    return r;
  }
  // In a for expression's body, the call is one value per element it reads (lower() names the others so).
  const named = scope.element && scope.vars && readsSymbol(text, scope.vars) ? `${text} (${scope.element})` : text;
  if (r?.why) return calledUnknown(e.name, args, named, r.why, r.decides, e, scope.decls.prefix) ?? unknownNode(r.why, r.decides, e);
  return unknownNode(`${clip(text)} is not evaluated statically`, clip(text), e);
}

/** The values these are, and those they were made of (format("com.amazonaws.%s.s3", local.region)'s local.region). */
function madeFrom(nodes: Node[]): object[] {
  return nodes.flatMap((n) => [n, ...(MADE_FROM.get(n) ?? [])]);
}

/** The input variables' texts these values rest on (a list's items' too: join(".", [..., var.region])). */
function inputsOf(nodes: Node[]): string[] {
  return nodes.flatMap((n) => INPUT_TEXT.get(n) ?? (n.kind === 'seq' ? n.items.flatMap((i) => INPUT_TEXT.get(i) ?? []) : []));
}

/** `test ? a : b`: the branch a known test chooses; with the test not known, unknown naming it. */
function conditional(e: Extract<Expr, { k: 'cond' }>, scope: Scope, depth: number): Node {
  const test = lower(e.test, scope, depth + 1);
  if (test.kind === 'scalar' && typeof test.value === 'boolean') return lower(test.value ? e.then : e.else, scope, depth + 1);
  const a = lower(e.then, scope, depth + 1);
  const b = lower(e.else, scope, depth + 1);
  const pa = plain(a);
  if (pa !== undefined && sameValue(pa, plain(b))) return a;
  // `cond ? value : null`: the argument is set or not (null is absent in Terraform). A condition nobody
  // decides, so a rule says "only when ... is true" rather than take it as set.
  const isNull = (n: Node) => n.kind === 'scalar' && n.value === null;
  const conditions = scope.decls.conditions;
  if (conditions && isNull(a) !== isNull(b) && !(scope.countIndex !== undefined || scope.each || scope.vars)) {
    const name = testCondition(e.test, test, scope);
    const noValue = fn('Ref', scalar('AWS::NoValue', e, 'plain'), e);
    return fn('Fn::If', seq([scalar(name, e.test, 'plain'), isNull(a) ? noValue : a, isNull(b) ? noValue : b], e), e);
  }
  return unknownFrom(test, `${clip(textOf(scope, e))} depends on ${clip(textOf(scope, e.test))}`, clip(textOf(scope, e.test)), e, wholeText(scope, e));
}

/**
 * An argument's own value (not an operand of a function or operator): as lower() gives it, except that
 * `test ? [a, b] : [a]` with a test not known statically is a list on each branch, an Fn::If naming the test
 * (nested ones too), so that each branch's members are judged and a finding says which value of the test it
 * needs. Inside an expression the choice stays unknown: functions read lists, not Fn::If.
 */
export function lowerArgument(e: Expr, scope: Scope): Node {
  const whole = lower(e, scope);
  const conditions = scope.decls.conditions;
  if (e.k !== 'cond' || !isUnknownNode(whole) || !conditions || scope.countIndex !== undefined || scope.each || scope.vars) return whole;
  const test = lower(e.test, scope, 1);
  if (test.kind === 'scalar' && typeof test.value === 'boolean') return whole;
  const a = lowerArgument(e.then, scope);
  const b = lowerArgument(e.else, scope);
  const isList = (n: Node): boolean => n.kind === 'seq' || (n.kind === 'map' && n.pairs.length === 1 && n.pairs[0]!.key.value === 'Fn::If');
  if (!isList(a) || !isList(b)) return whole;
  return fn('Fn::If', seq([scalar(testCondition(e.test, test, scope), e.test, 'plain'), a, b], e), e);
}

/**
 * The condition a test not known statically stands for (`var.ha` in `var.ha ? [a, b] : [a]`, `count = var.create ?
 * 1 : 0`): named by its text, so that every use of one test is one condition, and a rule can tell that two values
 * chosen by it never exist together. `lowered`: the test's value (not a boolean). Only in a scope that keeps
 * conditions (the module's own arguments: not inside a for, count or for_each instance).
 */
export function testCondition(test: Expr, lowered: Node, scope: Scope): string {
  const name = clip(textOf(scope, test));
  const conditions = scope.decls.conditions!;
  if (!conditions.has(name)) conditions.set(name, unknownFrom(lowered, `${name} is not known statically`, name, test));
  return name;
}

/**
 * An unknown that keeps what decides an unknown operand. `identity`: the value's own name (the whole
 * expression), which the operand's is not: `var.a ? var.b : var.c` is not var.a, nor `var.n + 1` var.n.
 */
function unknownFrom(operand: Node, why: string, decides: string, at: Located, identity?: string): Node {
  if (isUnknownNode(operand) && operand.kind === 'map') {
    const v = operand.pairs[0]!.value;
    const [w, d] = v?.kind === 'seq' ? v.items : [];
    if (w?.kind === 'scalar' && d?.kind === 'scalar') return unknownNode(`${why}: ${String(w.value)}`, String(d.value), at, identity);
  }
  return unknownNode(`${why}, which is not known statically`, decides, at, identity);
}

// https://developer.hashicorp.com/terraform/language/expressions/operators: no conversion for ==
// and !=; arithmetic and comparison on numbers, logic on bools, both operands evaluated.
function operation(e: Extract<Expr, { k: 'op' }>, scope: Scope, depth: number): Node {
  const args = e.args.map((a) => lower(a, scope, depth + 1));
  const values = args.map(plain);
  const whole = clip(textOf(scope, e));
  const unknownAt = args.findIndex((_, i) => values[i] === undefined);
  if (unknownAt >= 0) return unknownFrom(args[unknownAt]!, `${whole} depends on ${clip(textOf(scope, e.args[unknownAt]!))}`, clip(textOf(scope, e.args[unknownAt]!)), e, wholeText(scope, e));
  const [x, y] = values;
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined);
  let out: string | number | boolean | undefined;
  if (args.length === 1) out = e.op === '!' ? (bool(x) === undefined ? undefined : !bool(x)) : e.op === '-' && num(x) !== undefined ? -num(x)! : undefined;
  else if (e.op === '==' || e.op === '!=') out = sameValue(x, y) === (e.op === '==');
  else if (e.op === '&&' || e.op === '||') out = bool(x) === undefined || bool(y) === undefined ? undefined : e.op === '&&' ? bool(x)! && bool(y)! : bool(x)! || bool(y)!;
  else {
    const [a, b] = [num(x), num(y)];
    if (a !== undefined && b !== undefined) {
      const results: Record<string, number | boolean> = { '+': a + b, '-': a - b, '*': a * b, '<': a < b, '>': a > b, '<=': a <= b, '>=': a >= b };
      if (b !== 0) Object.assign(results, { '/': a / b, '%': a % b });
      out = results[e.op];
    }
  }
  return out === undefined ? unknownNode(`${whole} is not evaluated statically`, whole, e) : scalar(out, e, 'plain');
}

// More elements than this are not iterated (a for over a huge list would only cost time).
const MAX_FOR = 1000;

// https://developer.hashicorp.com/terraform/language/expressions/for: over a list (index, value) or a
// map or object (key, value, in key order); a filter or key not known makes the whole result unknown.
function forExpr(e: Extract<Expr, { k: 'for' }>, scope: Scope, depth: number): Node {
  const coll = lower(e.coll, scope, depth + 1);
  const whole = clip(textOf(scope, e));
  const m = knownMap(coll);
  if ((coll.kind !== 'seq' && !m) || (coll.kind === 'seq' ? coll.items.length : m!.pairs.length) > MAX_FOR) return unknownFrom(coll, `${whole} iterates over ${clip(textOf(scope, e.coll))}`, clip(textOf(scope, e.coll)), e, wholeText(scope, e));
  const elements: [Node, Node][] = coll.kind === 'seq' ? coll.items.map((v, i) => [scalar(i, v, 'plain'), v]) : sortedPairs(m!).map((p) => [inputMarked(scalar(String(p.key.value), p.key), p.key), p.value ?? scalar(null, p.key)]);
  const items: Node[] = [];
  const groups = new Map<string, { key: Node; items: Node[] }>();
  for (const [k, v] of elements) {
    const vars = new Map(scope.vars ?? []);
    if (e.keyVar) vars.set(e.keyVar, k);
    vars.set(e.valueVar, v);
    const inner: Scope = { ...scope, vars, element: `${scope.element ? `${scope.element}, ` : ''}${e.valueVar} = element ${JSON.stringify(plain(k) ?? null)}` };
    if (e.cond) {
      const c = lower(e.cond, inner, depth + 1);
      if (c.kind !== 'scalar' || typeof c.value !== 'boolean') return unknownFrom(c, `${whole}'s filter`, clip(textOf(scope, e.cond)), e, wholeText(scope, e));
      if (!c.value) continue;
    }
    const value = lower(e.value, inner, depth + 1);
    if (!e.key) {
      items.push(value);
      continue;
    }
    const key = lower(e.key, inner, depth + 1);
    const name = textValue(key);
    if (name === undefined) return unknownFrom(key, `${whole}'s keys`, clip(textOf(scope, e.key)), e, wholeText(scope, e));
    const g = groups.get(name);
    // Two elements with one key is Terraform's error, unless grouped (`value...`).
    if (g && !e.group) return unknownNode(`${whole} makes the key ${JSON.stringify(name)} twice`, whole, e);
    if (g) g.items.push(value);
    else groups.set(name, { key, items: [value] });
  }
  if (!e.key) return seq(items, e);
  return map([...groups].map(([name, g]) => {
    const p = pair(name, g.key, e.group ? seq(g.items, e) : g.items[0]!);
    inputMarked(p.key, g.key);
    return p;
  }), e);
}

/**
 * A key made anew from another node's text (a for expression's key, each.key) rests on the same input
 * variables: { for e in var.services : "com.amazonaws.${var.region}.${e}" => ... } read as a for_each's
 * each.key is still the deployment's region, not one the text hard-codes.
 */
function inputMarked<T extends Node>(made: T, from: Node | undefined): T {
  const inputs = from && INPUT_TEXT.get(from);
  if (inputs) INPUT_TEXT.set(made, inputs);
  return made;
}

/** Unknowns that are Terraform's own evaluation errors (a missing key of a known object, an index out of range). */
const FAILED = new WeakSet<Node>();
/** Values read from an input variable (its default or tfvars value, a typed caller's value): which keys they have is the deployment's. */
const INPUT = new WeakSet<Node>();

export function failed(n: Node): Node {
  FAILED.add(n);
  return n;
}

function markInput(n: Node, depth = 0): Node {
  if (depth > 20 || INPUT.has(n)) return n;
  INPUT.add(n);
  if (n.kind === 'seq') for (const i of n.items) markInput(i, depth + 1);
  if (n.kind === 'map') for (const p of n.pairs) if (p.value) markInput(p.value, depth + 1);
  return n;
}

/** A copy of the containers of a value shared with the caller, marked as input; its leaves are the caller's nodes. */
function inputCopy(n: Node, depth = 0): Node {
  if (depth > 20) return n;
  let out: Node;
  if (n.kind === 'seq') out = { ...n, items: n.items.map((i) => inputCopy(i, depth + 1)) };
  else if (n.kind === 'map' && !isIntrinsic(n)) {
    out = {
      ...n,
      pairs: n.pairs.map((p) => {
        const copy = { key: p.key, value: p.value ? inputCopy(p.value, depth + 1) : p.value };
        if (computedKeys.has(p)) computedKeys.add(copy);
        return copy;
      }),
    };
    if (partialMaps.has(n)) partialMaps.add(out);
    const written = instanceAttributes.get(n);
    if (written) instanceAttributes.set(out, written);
  } else return n;
  INPUT.add(out);
  return out;
}

/** Whether evaluating the value failed somewhere inside it (the whole expression then fails). */
function hasFailure(n: Node | null | undefined, depth = 0): boolean {
  if (!n || depth > 20) return false;
  if (FAILED.has(n)) return true;
  if (n.kind === 'seq') return n.items.some((i) => hasFailure(i, depth + 1));
  if (n.kind === 'map' && !isIntrinsic(n)) return n.pairs.some((p) => hasFailure(p.value, depth + 1));
  return false;
}

export { attr, blocksOf };
