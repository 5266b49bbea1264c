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
import { fn, map, pair, scalar, seq, unknownNode } from './nodes.js';
import type { ModuleDecls } from './module.js';
import { dataSource } from './data-sources.js';

/** The names an expression can see besides the module's: `count.index`, `each.key`, `each.value`. */
export interface Scope {
  countIndex?: number;
  each?: { key: string; keyAt: Located; value: Node };
  /** The module's own declarations. */
  decls: ModuleDecls;
}

const MAX_DEPTH = 40;

export function lower(e: Expr, scope: Scope, depth = 0): Node {
  const out = lowerExpr(e, scope, depth);
  // An unknown that depends on the instance (`names[count.index]`) is a different value per instance.
  if ((scope.countIndex !== undefined || scope.each) && out.kind === 'map' && out.pairs[0]?.key.value === 'Fn::Unknown' && /\b(count|each)\./.test(textOf(scope, e))) {
    const [why, decides] = out.pairs[0].value?.kind === 'seq' ? out.pairs[0].value.items : [];
    const key = scope.countIndex !== undefined ? `count.index = ${scope.countIndex}` : `each.key = ${JSON.stringify(scope.each!.key)}`;
    if (why?.kind === 'scalar' && decides?.kind === 'scalar') return unknownNode(String(why.value), `${String(decides.value)} (${key})`, e);
  }
  return out;
}

function lowerExpr(e: Expr, scope: Scope, depth: number): Node {
  if (depth > MAX_DEPTH) return unknownNode('nested too deeply to evaluate', textOf(scope, e), e);
  switch (e.k) {
    case 'literal':
      return scalar(e.value, e, e.quoted ? 'double' : 'plain');
    case 'tuple':
      return seq(e.items.map((i) => lower(i, scope, depth + 1)), e);
    case 'object':
      return map(
        e.items.map((i) => (i.name !== undefined ? pair(i.name, i.key, lower(i.value, scope, depth + 1)) : pair(`(${textOf(scope, i.key)})`, i.key, unknownNode(`the key ${textOf(scope, i.key)} is computed`, textOf(scope, i.key), i.key)))),
        e,
      );
    case 'template':
      return template(e, scope, depth);
    case 'traversal':
      return traversal(e, scope, depth);
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
  const items: Node[] = e.parts.map((p) => ('lit' in p ? scalar(p.lit, p, 'double') : lower(p.expr, scope, depth + 1)));
  if (items.length === 0) return scalar('', e, 'double');
  if (items.length === 1 && items[0]!.kind === 'scalar') return scalar(items[0]!.value === null ? '' : String(items[0]!.value), e, e.heredoc ? 'block' : 'double');
  return fn('Fn::Join', seq([scalar('', e), seq(items, e)], e), e);
}

function traversal(e: Extract<Expr, { k: 'traversal' }>, scope: Scope, depth: number): Node {
  const { decls } = scope;
  const [s0, s1] = e.steps;
  const name0 = s0 && 'attr' in s0 ? s0.attr : undefined;
  const name1 = s1 && 'attr' in s1 ? s1.attr : undefined;
  const text = textOf(scope, e);
  switch (e.root) {
    case 'var': {
      if (!name0) break;
      const v = decls.variable(name0);
      if (!v) return unknownNode(`var.${name0} is not declared`, `var.${name0}`, e);
      if (v.node) return steps(v.node(), e.steps.slice(1), text, e, scope);
      if (!v.value) return unknownNode(v.unset ?? `var.${name0} has no default and no value in a .tfvars file`, `var.${name0}`, e);
      return steps(lower(v.value, { decls }, depth + 1), e.steps.slice(1), text, e, scope);
    }
    case 'local': {
      if (!name0) break;
      const l = decls.locals.get(name0);
      if (!l) return unknownNode(`local.${name0} is not declared`, `local.${name0}`, e);
      return steps(decls.local(name0, () => lower(l, { decls }, depth + 1)), e.steps.slice(1), text, e, scope);
    }
    case 'count':
      if (name0 === 'index' && scope.countIndex !== undefined) return scalar(scope.countIndex, e, 'plain');
      break;
    case 'each':
      if (scope.each && name0 === 'key') return scalar(scope.each.key, e);
      if (scope.each && name0 === 'value') return steps(scope.each.value, e.steps.slice(1), text, e, scope);
      break;
    case 'data':
      if (name0 && name1) return steps(dataSource(name0, name1, e, scope, depth), e.steps.slice(3), text, e, scope);
      break;
    case 'module':
      if (name0) return decls.moduleOutput(name0, e.steps.slice(1), e) ?? unknownNode(`${clip(text)} is an output of module ${name0}, which is not read`, clip(text), e);
      break;
    case 'path':
    case 'terraform':
    case 'self':
      break;
    default:
      if (name0) return decls.resourceRef(e.root, name0, e.steps.slice(1), e, scope);
  }
  return unknownNode(`${clip(text)} is not evaluated statically`, clip(text), e);
}

/** Applies `.attr` / `[i]` steps to a lowered value; what they cannot reach is unknown. */
export function steps(node: Node, rest: Step[], text: string, at: Located, scope?: Scope): Node {
  let cur = node;
  for (const s of rest) {
    if ('splat' in s) return unknownNode(`${clip(text)} is not evaluated statically`, clip(text), at);
    const index = 'index' in s ? (scope ? lower(s.index, scope) : s.index.k === 'literal' ? scalar(s.index.value, s.index) : undefined) : undefined;
    const key = 'attr' in s ? s.attr : index?.kind === 'scalar' && (typeof index.value === 'number' || typeof index.value === 'string') ? index.value : undefined;
    if (cur.kind === 'seq' && typeof key === 'number') {
      const item = cur.items[key];
      if (!item) return unknownNode(`${clip(text)} is out of range`, clip(text), at);
      cur = item;
    } else if (cur.kind === 'map' && typeof key === 'string' && !isIntrinsic(cur)) {
      const p = cur.pairs.find((x) => x.key.value === key);
      if (!p?.value) return unknownNode(`${clip(text)} has no such key`, clip(text), at);
      cur = p.value;
    } else if (cur.kind === 'map' && isIntrinsic(cur) && cur.pairs[0]!.key.value === 'Fn::Unknown') {
      // Part of an unknown value is decided by the whole expression (`names[count.index]`).
      const why = cur.pairs[0]!.value?.kind === 'seq' ? cur.pairs[0]!.value.items[0] : undefined;
      return unknownNode(why?.kind === 'scalar' ? String(why.value) : 'not known statically', clip(text), at);
    } else return unknownNode(`${clip(text)} is not evaluated statically`, clip(text), at);
  }
  return cur;
}

function isIntrinsic(n: Node): boolean {
  return n.kind === 'map' && n.pairs.length === 1 && /^(Ref|Fn::)/.test(String(n.pairs[0]!.key.value));
}

function call(e: Extract<Expr, { k: 'call' }>, scope: Scope, depth: number): Node {
  const args = () => e.args.map((a) => lower(a, scope, depth + 1));
  switch (e.name) {
    // A policy written as an object: the engine reads the object (the JSON text Terraform makes of it
    // says the same), and findings land on its keys and values.
    case 'jsonencode':
    case 'tolist':
    case 'toset':
      if (e.args.length === 1) return lower(e.args[0]!, scope, depth + 1);
      break;
    case 'concat': {
      const lists = args();
      if (lists.every((l) => l.kind === 'seq')) return seq(lists.flatMap((l) => (l.kind === 'seq' ? l.items : [])), e);
      break;
    }
    case 'format': {
      const [f, ...rest] = args();
      if (f?.kind === 'scalar' && typeof f.value === 'string' && /^[^%]*(%s[^%]*)*$/.test(f.value) && f.value.split('%s').length - 1 === rest.length) {
        const pieces = f.value.split('%s');
        const items: Node[] = [];
        pieces.forEach((p, i) => {
          if (p) items.push(scalar(p, f));
          if (i < rest.length) items.push(rest[i]!);
        });
        return fn('Fn::Join', seq([scalar('', e), seq(items, e)], e), e);
      }
      break;
    }
  }
  const text = textOf(scope, e);
  return unknownNode(`${clip(text)} is not evaluated statically`, clip(text), e);
}

export { attr, blocksOf };
