// The AWS::LanguageExtensions transform, applied as CloudFormation applies it before reading the
// template: `Fn::ForEach::<name>` loops are unrolled (in Resources and Conditions; no rule reads
// Outputs); `Fn::Length` of a known list becomes its length; `Fn::FindInMap` whose keys find nothing
// gives its DefaultValue; `Fn::ToJsonString` under a PolicyDocument becomes the document it serialises
// (an endpoint policy is the same as an object or as its JSON). Expanded nodes keep the offsets of the
// loop body they come from, so findings land inside the body while their messages name the expanded
// logical id. What cannot be known from the template (a list parameter without a default) is left as
// written.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-languageextensions.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html

import { asMap, asSeq, scalarString, valueOf, type MapNode, type Node, type Pair, type ScalarNode } from '../document/tree.js';

export const FOR_EACH = 'Fn::ForEach::';

/** What a loop collection may name: the template's parameters (with defaults) and mappings. */
export interface ExpansionScope {
  parameterDefault(name: string): { type: string | undefined; node: Node | undefined } | undefined;
  mappings: MapNode | undefined;
}

type Env = ReadonlyMap<string, string>;

// CloudFormation allows loops nested five deep; a bound on the output keeps a hostile template cheap.
const MAX_DEPTH = 5;
const MAX_PAIRS = 10_000;

/** The pairs of a map with every `Fn::ForEach::` among them unrolled (and their values expanded). */
export function expandPairs(pairs: readonly Pair[], scope: ExpansionScope): Pair[] {
  return new Expander(scope).pairs(pairs, new Map(), 0);
}

/** A value with loops, lengths and identifiers expanded; the same node when nothing changed. */
export function expandValue(node: Node | null, scope: ExpansionScope): Node | null {
  return new Expander(scope).node(node, new Map(), 0, undefined);
}

class Expander {
  private produced = 0;

  constructor(private readonly scope: ExpansionScope) {}

  pairs(pairs: readonly Pair[], env: Env, depth: number): Pair[] {
    const out: Pair[] = [];
    for (const pair of pairs) {
      const key = String(pair.key.value);
      if (key.startsWith(FOR_EACH)) {
        const unrolled = this.forEach(pair, env, depth);
        if (unrolled) out.push(...unrolled);
        else out.push(pair); // the collection is known only at deploy time: left as written
        continue;
      }
      const value = this.node(pair.value, env, depth, key);
      const newKey = substituteKey(pair.key, env);
      out.push(value === pair.value && newKey === pair.key ? pair : { key: newKey, value });
    }
    return out;
  }

  node(node: Node | null, env: Env, depth: number, parentKey: string | undefined): Node | null {
    if (!node || node.kind === 'scalar') return node;
    if (node.kind === 'seq') {
      const items = node.items.map((i) => this.node(i, env, depth, undefined) ?? i);
      return items.every((x, i) => x === node.items[i]) ? node : { ...node, items };
    }
    if (node.pairs.length === 1) {
      const [only] = node.pairs;
      const fn = String(only!.key.value);
      if (fn === 'Ref') {
        const name = scalarString(only!.value);
        const bound = name === undefined ? undefined : env.get(name);
        if (bound !== undefined) return located(bound, node);
      }
      if (fn === 'Fn::Sub' && env.size) return this.sub(node, only!, env, depth);
      // `!Ref {Fn::Sub: '${Type}RouteTable${Zone}'}` and `!GetAtt [{Fn::Sub: ...}, Attr]` in a loop body
      // name the expanded logical id (published samples use both): once the Sub is plain text, it is that name.
      if ((fn === 'Ref' || fn === 'Fn::GetAtt') && env.size) {
        const named = this.namedBySub(node, only!, env, depth, fn);
        if (named) return named;
      }
      if (fn === 'Fn::Length') {
        const list = this.collection(this.node(only!.value, env, depth, undefined));
        if (list) return { kind: 'scalar', value: list.length, start: node.start, end: node.end, style: 'plain' };
      }
      if (fn === 'Fn::FindInMap') {
        const fallback = this.findInMapDefault(only!, env, depth);
        if (fallback) return fallback;
      }
      if (fn === 'Fn::ToJsonString' && parentKey === 'PolicyDocument') {
        const inner = this.node(only!.value, env, depth, undefined);
        if (inner && inner.kind === 'map') return inner;
      }
    }
    const pairs = this.pairs(node.pairs, env, depth);
    return pairs.length === node.pairs.length && pairs.every((p, i) => p === node.pairs[i]) ? node : { ...node, pairs };
  }

  /** `Fn::FindInMap [Map, Top, Second, {DefaultValue: X}]` whose written keys find nothing: X. */
  private findInMapDefault(pair: Pair, env: Env, depth: number): Node | undefined {
    const args = asSeq(this.node(pair.value, env, depth, undefined));
    const fallback = valueOf(asMap(args?.items[3]), 'DefaultValue');
    if (!args || !fallback) return undefined;
    const keys = args.items.slice(0, 3).map((k) => (k.kind === 'scalar' && k.value !== null ? String(k.value) : undefined));
    if (keys.some((k) => k === undefined)) return undefined;
    const found = valueOf(asMap(valueOf(asMap(valueOf(this.scope.mappings, keys[0]!)), keys[1]!)), keys[2]!);
    return found ? undefined : (this.node(fallback, env, depth, undefined) ?? undefined);
  }

  /** `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]` → one set of pairs per item. */
  private forEach(pair: Pair, env: Env, depth: number): Pair[] | undefined {
    const args = asSeq(pair.value);
    const identifier = scalarString(args?.items[0]);
    const fragment = asMap(args?.items[2]);
    if (!args || args.items.length !== 3 || !identifier || !fragment || depth >= MAX_DEPTH) return undefined;
    const items = this.collection(this.node(args.items[1]!, env, depth, undefined));
    if (!items) return undefined;
    const out: Pair[] = [];
    for (const item of items) {
      const inner = new Map(env).set(identifier, item);
      for (const p of this.pairs(fragment.pairs, inner, depth + 1)) {
        if (++this.produced > MAX_PAIRS) return out;
        out.push(p);
      }
    }
    return out;
  }

  /** A list of strings the template alone knows: written out, a list parameter's default, or a mapping's list. */
  private collection(node: Node | null): string[] | undefined {
    const seq = asSeq(node);
    if (seq) {
      const items = seq.items.map((i) => (i.kind === 'scalar' && i.value !== null ? String(i.value) : undefined));
      return items.every((i): i is string => i !== undefined) ? items : undefined;
    }
    const map = asMap(node);
    if (!map || map.pairs.length !== 1) return undefined;
    const [only] = map.pairs;
    const fn = String(only!.key.value);
    if (fn === 'Ref') {
      const param = this.scope.parameterDefault(scalarString(only!.value) ?? '');
      const text = scalarString(param?.node);
      const isList = param?.type === 'CommaDelimitedList' || param?.type?.startsWith('List<');
      if (param?.node?.kind === 'seq') return this.collection(param.node);
      return isList && text !== undefined ? text.split(',').map((s) => s.trim()) : undefined;
    }
    if (fn === 'Fn::FindInMap') {
      const keys = asSeq(only!.value)?.items.slice(0, 3).map(scalarString);
      if (!keys || keys.length !== 3 || keys.some((k) => k === undefined)) return undefined;
      return this.collection(valueOf(asMap(valueOf(asMap(valueOf(this.scope.mappings, keys[0]!)), keys[1]!)), keys[2]!) ?? null);
    }
    return undefined;
  }

  /** `Ref: {Fn::Sub: text}` or `Fn::GetAtt: [{Fn::Sub: text}, Attr]` whose text the loop makes plain: Ref/GetAtt of that name. */
  private namedBySub(node: MapNode, pair: Pair, env: Env, depth: number, fn: 'Ref' | 'Fn::GetAtt'): Node | undefined {
    const args = fn === 'Fn::GetAtt' ? asSeq(pair.value) : undefined;
    const target = fn === 'Ref' ? pair.value : args?.items[0];
    const sub = asMap(target);
    if (!target || !sub || sub.pairs.length !== 1 || String(sub.pairs[0]!.key.value) !== 'Fn::Sub') return undefined;
    const expanded = asMap(this.sub(sub, sub.pairs[0]!, env, depth));
    const text = scalarString(expanded?.pairs[0]?.value);
    if (text === undefined || text.includes('${')) return undefined;
    const name = located(text, target);
    const value: Node = fn === 'Ref' ? name : { ...args!, items: [name, ...args!.items.slice(1).map((i) => this.node(i, env, depth, undefined) ?? i)] };
    return { ...node, pairs: [{ key: pair.key, value }] };
  }

  /** `${Identifier}` inside a Sub string is the loop's value (unless the Sub binds the name itself). */
  private sub(node: MapNode, pair: Pair, env: Env, depth: number): Node {
    const seq = asSeq(pair.value);
    const body = seq ? seq.items[0] : pair.value;
    if (!body || body.kind !== 'scalar' || typeof body.value !== 'string') return node;
    const vars = seq?.items[1] ? this.node(seq.items[1], env, depth, undefined) : undefined;
    const own = new Set((asMap(vars)?.pairs ?? []).map((p) => String(p.key.value).trim()));
    const text = body.value.replace(/\$\{([^}!]+)\}/g, (whole, name: string) => (own.has(name.trim()) ? undefined : env.get(name.trim())) ?? whole);
    if (text === body.value && vars === seq?.items[1]) return node;
    const newBody: ScalarNode = text === body.value ? body : { ...body, value: text };
    const value = seq ? { ...seq, items: [newBody, ...(vars ? [vars] : []), ...seq.items.slice(2)] } : newBody;
    return { ...node, pairs: [{ key: pair.key, value }] };
  }
}

/** `${Identifier}` in an output key is the value; `&{Identifier}` the value with only its letters and digits. */
function substituteKey(key: ScalarNode, env: Env): ScalarNode {
  if (!env.size || typeof key.value !== 'string' || !/[$&]\{/.test(key.value)) return key;
  const text = key.value.replace(/([$&])\{([^}]+)\}/g, (whole, sigil: string, name: string) => {
    const bound = env.get(name.trim());
    if (bound === undefined) return whole;
    return sigil === '&' ? bound.replace(/[^A-Za-z0-9]/g, '') : bound;
  });
  return text === key.value ? key : { ...key, value: text };
}

function located(value: string, at: Node): ScalarNode {
  return { kind: 'scalar', value, start: at.start, end: at.end, style: 'plain' };
}
