// Terraform's built-in functions, evaluated only where the result is certain from the arguments the
// configuration makes known: each follows the function's documented semantics,
// https://developer.hashicorp.com/terraform/language/functions/<name>. An argument not known makes
// the result unknown, naming that argument; a deploy-time string (the region, a resource's id) may
// still be joined into a string (join, format), as a CloudFormation Fn::Join. A function not listed
// here (try, can, regex, cidrhost ...) is unknown, named by its call.

import type { MapNode, Node, Pair } from '../document/tree.js';
import type { Located } from './hcl-ast.js';
import { fn, isUnknownNode, map, pair, scalar, seq } from './nodes.js';
import { parseIpv4Cidr } from '../util/cidr.js';
import { listFunction } from './functions-lists.js';
import { knownRegions } from '../data/regions.js';

/** The result, or why it is not certain (`decides`: the value that decides it). */
export type Called = Node | { why: string; decides: string };

/** An instance read through its whole resource (module.ts): it holds its id only, not every attribute it has. */
export const partialMaps = new WeakSet<Node>();
/** Of such an instance, its other arguments, read when a step names one (undefined: the block does not write it). */
export const instanceAttributes = new WeakMap<Node, (name: string) => Node | undefined>();

/** Pairs whose key is computed and not known: a map holding one has keys nobody knows. */
export const computedKeys = new WeakSet<Pair>();

export function isIntrinsic(n: Node | null | undefined): boolean {
  return n?.kind === 'map' && n.pairs.length === 1 && /^(Ref|Fn::)/.test(String(n.pairs[0]!.key.value));
}

/** A map whose keys are all known (an object or map value, not an intrinsic). */
export function knownMap(n: Node | null | undefined): MapNode | undefined {
  return n?.kind === 'map' && !isIntrinsic(n) && !n.pairs.some((p) => computedKeys.has(p)) ? n : undefined;
}

/** A string-valued deploy-time value that can be part of a joined string: `{ Ref }`, `{ Fn::Join }`. */
function joinable(n: Node): boolean {
  return n.kind === 'map' && n.pairs.length === 1 && (n.pairs[0]!.key.value === 'Ref' || n.pairs[0]!.key.value === 'Fn::Join');
}

/** A primitive as Terraform converts it to a string (numbers and bools convert; null does not). */
export function text(n: Node | null | undefined): string | undefined {
  if (n?.kind !== 'scalar' || n.value === null) return undefined;
  return typeof n.value === 'string' ? n.value : String(n.value);
}

/** A value with no deploy-time part, as plain data (`undefined`: not plain). */
export function plain(n: Node | null | undefined): unknown {
  if (!n) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') {
    const out: unknown[] = [];
    for (const i of n.items) {
      const v = plain(i);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  if (!knownMap(n)) return undefined;
  const out: Record<string, unknown> = {};
  for (const p of n.pairs) {
    const v = plain(p.value);
    if (v === undefined) return undefined;
    out[String(p.key.value)] = v;
  }
  return out;
}

/** Terraform's `==`: same type and value, collections element by element (no conversion). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return sameValue(ka, kb) && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/** The first unknown argument: what decides the result. */
export function unknownArg(args: readonly Node[]): Called | undefined {
  const u = args.find(isUnknownNode);
  if (!u || u.kind !== 'map') return undefined;
  const v = u.pairs[0]!.value;
  const [why, decides] = v?.kind === 'seq' ? v.items : [];
  return { why: why?.kind === 'scalar' ? String(why.value) : 'not known statically', decides: decides?.kind === 'scalar' ? String(decides.value) : '' };
}

const NOT: Called = { why: '', decides: '' };

/** Items joined into one string: a plain string when every item is known, else an Fn::Join. */
function joined(sep: string, items: Node[], at: Located): Node | undefined {
  const texts = items.map(text);
  if (texts.every((t) => t !== undefined)) return scalar(texts.join(sep), at);
  if (items.some((i) => text(i) === undefined && !joinable(i))) return undefined;
  return fn('Fn::Join', seq([scalar(sep, at), seq(items, at)], at), at);
}

/**
 * A text known but for the deploy Region (a Join of text and `Ref AWS::Region`, as `"${data.aws_region.current.name}"`
 * lowers), written as Terraform would see it in `region`; a known text as itself. Else undefined.
 */
export function regionText(n: Node, region: string): string | undefined {
  const t = text(n);
  if (t !== undefined) return t;
  if (!joinable(n) || n.kind !== 'map') return undefined;
  const [k, v] = [n.pairs[0]!.key.value, n.pairs[0]!.value];
  if (k === 'Ref') return text(v) === 'AWS::Region' ? region : undefined;
  if (v?.kind !== 'seq' || v.items.length !== 2) return undefined;
  const glue = text(v.items[0]);
  const list = v.items[1];
  if (glue === undefined || list?.kind !== 'seq') return undefined;
  const parts = list.items.map((i) => regionText(i, region));
  return parts.every((p) => p !== undefined) ? parts.join(glue) : undefined;
}

/** The text a Region-dependent value is written as (`com.amazonaws.${AWS::Region}.ssm`): a for_each key. */
export function regionKey(n: Node): string | undefined {
  return regionText(n, '${AWS::Region}');
}

/**
 * toset / distinct of items known but for the deploy Region: the same items equal, and (toset) the same
 * order, in every Region AWS has; else undefined (their number or order rests on the Region).
 */
function regionalSet(items: readonly Node[], sorted: boolean): Node[] | undefined {
  if (!items.every((i) => regionKey(i) !== undefined)) return undefined;
  let out: Node[] | undefined;
  for (const region of knownRegions()) {
    const texts = items.map((i) => regionText(i, region)!);
    const kept = items.filter((_, i) => texts.indexOf(texts[i]!) === i);
    const keptTexts = kept.map((k) => regionText(k, region)!);
    const order = sorted ? kept.map((k, i) => ({ k, t: keptTexts[i]! })).sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0)).map((x) => x.k) : kept;
    if (out && (out.length !== order.length || out.some((o, i) => o !== order[i]))) return undefined;
    out = order;
  }
  return out;
}

/** The characters a pseudo parameter's value is made of: a separator with none of them never splits it. */
const PSEUDO_CHARS: Record<string, RegExp> = { 'AWS::Region': /^[a-z0-9-]*$/, 'AWS::AccountId': /^[0-9]*$/, 'AWS::Partition': /^[a-z-]*$/ };

/**
 * split() of a text made of known pieces and a pseudo parameter the separator cannot occur in (the
 * Region in `com.amazonaws.${region}.sts` split at "."): its parts, each known or joined around the
 * pseudo parameter, as Terraform's value would be in any Region. Else undefined.
 */
function splitJoin(sep: string, n: Node, at: Located): Node | undefined {
  if (!joinable(n) || n.kind !== 'map') return undefined;
  const args = n.pairs[0]!.value;
  if (n.pairs[0]!.key.value !== 'Fn::Join' || args?.kind !== 'seq' || args.items.length !== 2) return undefined;
  const [glue, list] = [text(args.items[0]), args.items[1]];
  if (glue === undefined || list?.kind !== 'seq') return undefined;
  const tokens: (string | Node)[] = [];
  list.items.forEach((item, i) => {
    if (i > 0 && glue !== '') tokens.push(glue);
    tokens.push(text(item) ?? item);
  });
  const parts: (string | Node)[][] = [[]];
  for (const t of tokens) {
    if (typeof t !== 'string') {
      const ref = t.kind === 'map' && t.pairs.length === 1 && t.pairs[0]!.key.value === 'Ref' ? text(t.pairs[0]!.value) : undefined;
      const chars = ref !== undefined ? PSEUDO_CHARS[ref] : undefined;
      if (!chars || chars.test(sep) || [...sep].some((c) => chars.test(c))) return undefined;
      parts[parts.length - 1]!.push(t);
      continue;
    }
    const pieces = t.split(sep);
    pieces.forEach((piece, i) => {
      if (i > 0) parts.push([]);
      if (piece !== '') parts[parts.length - 1]!.push(piece);
    });
  }
  return seq(
    parts.map((p) => (p.every((x) => typeof x === 'string') ? scalar(p.join(''), at) : p.length === 1 ? (p[0] as Node) : fn('Fn::Join', seq([scalar('', at), seq(p.map((x) => (typeof x === 'string' ? scalar(x, at) : x)), at)], at), at))),
    at,
  );
}

// Made on first use: building a Segmenter loads ICU's break rules, ~18 ms, which every CLI run paid at start-up.
let graphemes: Intl.Segmenter | undefined;
const segmenter = (): Intl.Segmenter => (graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' }));

/** Sorted keys: Terraform iterates maps and objects in lexicographic order of their keys. */
export function sortedPairs(m: MapNode): Pair[] {
  return [...m.pairs].sort((a, b) => (String(a.key.value) < String(b.key.value) ? -1 : String(a.key.value) > String(b.key.value) ? 1 : 0));
}

/**
 * `name(args)` with its arguments lowered; `undefined`: a function not evaluated here. The `why` of a
 * result that is not certain is empty when no argument decides it (the caller names the call).
 */
export function callFunction(name: string, args: Node[], at: Located): Called | undefined {
  const string1 = () => (args.length === 1 ? text(args[0]) : undefined);
  switch (name) {
    // https://developer.hashicorp.com/terraform/language/functions/join
    case 'join': {
      const [sep, ...lists] = args;
      if (unknownArg(args)) return unknownArg(args);
      const s = sep?.kind === 'scalar' && typeof sep.value === 'string' ? sep.value : undefined;
      if (s === undefined || lists.length === 0 || lists.some((l) => l.kind !== 'seq')) return NOT;
      const items = lists.flatMap((l) => (l.kind === 'seq' ? l.items : []));
      return unknownArg(items) ?? joined(s, items, at) ?? NOT;
    }
    // https://developer.hashicorp.com/terraform/language/functions/format
    case 'format':
      return unknownArg(args.slice(0, 1)) ?? format(args, at) ?? unknownArg(args) ?? NOT;
    // https://developer.hashicorp.com/terraform/language/functions/lower
    // https://developer.hashicorp.com/terraform/language/functions/upper
    // https://developer.hashicorp.com/terraform/language/functions/trimspace
    case 'lower':
    case 'upper':
    case 'trimspace': {
      const s = string1();
      if (s === undefined) return unknownArg(args) ?? NOT;
      return scalar(name === 'lower' ? s.toLowerCase() : name === 'upper' ? s.toUpperCase() : s.replace(/^\s+|\s+$/g, ''), at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/replace
    case 'replace': {
      const [s, sub] = args.map(text);
      const with_ = args[2];
      if (args.length !== 3 || s === undefined || sub === undefined || !with_) return unknownArg(args) ?? NOT;
      // A substring in slashes is a regular expression (RE2), whose semantics are not JavaScript's.
      if (sub === '' || (sub.length >= 2 && sub.startsWith('/') && sub.endsWith('/'))) return NOT;
      const rep = text(with_);
      if (rep !== undefined) return scalar(s.split(sub).join(rep), at);
      const parts = s.split(sub);
      if (parts.length === 1) return scalar(s, at);
      // A deploy-time replacement (the region: replace("com.amazonaws.<REGION>.athena", "<REGION>",
      // data.aws_region.current.name)) is joined in where the substring was, as join and format do.
      if (!joinable(with_)) return unknownArg([with_]) ?? NOT;
      const items = parts.flatMap((p, i) => [...(i ? [with_] : []), ...(p ? [scalar(p, at)] : [])]);
      return joined('', items, at) ?? NOT;
    }
    // https://developer.hashicorp.com/terraform/language/functions/split
    case 'split': {
      const [sep, s] = args.map(text);
      if (args.length === 2 && sep !== undefined && sep !== '' && s === undefined) {
        const parts = splitJoin(sep, args[1]!, at);
        if (parts) return parts;
      }
      if (args.length !== 2 || sep === undefined || s === undefined || sep === '') return unknownArg(args) ?? NOT;
      return seq(s.split(sep).map((p) => scalar(p, at)), at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/tostring
    case 'tostring': {
      const [v] = args;
      if (args.length !== 1 || !v) return NOT;
      if (v.kind === 'scalar') return v.value === null || typeof v.value === 'string' ? v : scalar(String(v.value), v);
      return unknownArg(args) ?? (joinable(v) ? v : NOT);
    }
    // https://developer.hashicorp.com/terraform/language/functions/concat
    case 'concat':
      if (args.length && args.every((l) => l.kind === 'seq')) return seq(args.flatMap((l) => (l.kind === 'seq' ? l.items : [])), at);
      return unknownArg(args) ?? NOT;
    // https://developer.hashicorp.com/terraform/language/functions/merge
    case 'merge': {
      if (unknownArg(args)) return unknownArg(args);
      const maps = args.map(knownMap);
      if (maps.some((m) => !m)) return NOT;
      const out = new Map<string, Pair>();
      for (const m of maps) for (const p of m!.pairs) out.set(String(p.key.value), p);
      return map([...out.values()], at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/lookup
    case 'lookup': {
      const [m, k, dflt] = args;
      const key = text(k);
      const known = knownMap(m);
      if (args.length < 2 || args.length > 3 || !known || key === undefined) return unknownArg(args.slice(0, 2)) ?? NOT;
      const hit = known.pairs.find((p) => String(p.key.value) === key);
      if (hit?.value) return hit.value;
      // An instance read through its whole resource holds its id only: an argument its block writes is
      // read from it, and any other attribute is known after apply, not missing (the default).
      const written = instanceAttributes.get(known)?.(key);
      if (written) return written;
      if (partialMaps.has(known)) return NOT;
      return dflt ?? NOT;
    }
    // https://developer.hashicorp.com/terraform/language/functions/element
    case 'element': {
      const [l, i] = args;
      const index = i?.kind === 'scalar' && typeof i.value === 'number' ? i.value : Number(text(i));
      if (args.length !== 2 || l?.kind !== 'seq' || l.items.length === 0 || !Number.isInteger(index) || index < 0) return unknownArg(args) ?? NOT;
      // The index wraps around the list's length.
      return l.items[index % l.items.length]!;
    }
    // https://developer.hashicorp.com/terraform/language/functions/coalesce
    case 'coalesce': {
      for (const a of args) {
        if (a.kind === 'scalar' && (a.value === null || a.value === '')) continue;
        if (a.kind === 'scalar') {
          // Arguments are converted to one type: with a string among them, the result is a string.
          const strings = args.some((x) => x.kind === 'scalar' && typeof x.value === 'string');
          return strings && typeof a.value !== 'string' ? scalar(String(a.value), a) : a;
        }
        // A resource's id is never empty; anything else may be null or "".
        return a.kind === 'map' && a.pairs[0]?.key.value === 'Ref' ? a : (unknownArg([a]) ?? NOT);
      }
      return NOT;
    }
    // https://developer.hashicorp.com/terraform/language/functions/coalescelist
    case 'coalescelist': {
      // The first list that is not empty; a list not known may be empty or not.
      for (const a of args) {
        if (a.kind !== 'seq') return unknownArg([a]) ?? NOT;
        if (a.items.length > 0) return a;
      }
      return NOT;
    }
    // https://developer.hashicorp.com/terraform/language/functions/max
    // https://developer.hashicorp.com/terraform/language/functions/min
    case 'max':
    case 'min': {
      const numbers = args.map((a) => (a.kind === 'scalar' && typeof a.value === 'number' ? a.value : a.kind === 'scalar' && typeof a.value === 'string' && a.value.trim() !== '' && Number.isFinite(Number(a.value)) ? Number(a.value) : undefined));
      if (args.length === 0 || numbers.some((n) => n === undefined)) return unknownArg(args) ?? NOT;
      return scalar(name === 'max' ? Math.max(...(numbers as number[])) : Math.min(...(numbers as number[])), at, 'plain');
    }
    // https://developer.hashicorp.com/terraform/language/functions/cidrsubnet
    case 'cidrsubnet': {
      const [p, b, n] = args;
      const range = p && text(p) !== undefined ? parseIpv4Cidr(text(p)!) : undefined;
      const newbits = b?.kind === 'scalar' ? Number(text(b)) : NaN;
      const netnum = n?.kind === 'scalar' ? Number(text(n)) : NaN;
      if (args.length !== 3 || !range || !Number.isInteger(newbits) || !Number.isInteger(netnum)) return unknownArg(args) ?? NOT;
      const prefix = range.prefix + newbits;
      // More bits than the address has, or a number that does not fit in them, is Terraform's error.
      if (newbits < 0 || prefix > 32 || netnum < 0 || netnum >= 2 ** newbits) return NOT;
      const first = range.first + netnum * 2 ** (32 - prefix);
      return scalar(`${[24, 16, 8, 0].map((s) => Math.floor(first / 2 ** s) % 256).join('.')}/${prefix}`, at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/compact
    case 'compact': {
      const [l] = args;
      if (args.length !== 1 || l?.kind !== 'seq') return unknownArg(args) ?? NOT;
      const kept: Node[] = [];
      for (const i of l.items) {
        if (i.kind === 'scalar') {
          if (i.value !== null && i.value !== '') kept.push(i);
        } else if (i.kind === 'map' && i.pairs[0]?.key.value === 'Ref') kept.push(i);
        else return unknownArg([i]) ?? NOT;
      }
      return seq(kept, at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/flatten
    case 'flatten': {
      const [l] = args;
      if (args.length !== 1 || l?.kind !== 'seq') return unknownArg(args) ?? NOT;
      const out: Node[] = [];
      const walk = (n: Node): boolean => {
        if (n.kind === 'seq') return n.items.every(walk);
        // An item not known may itself be a list.
        if (isUnknownNode(n) || (isIntrinsic(n) && !joinable(n))) return false;
        out.push(n);
        return true;
      };
      return walk(l) ? seq(out, at) : (unknownArg(l.items) ?? NOT);
    }
    // https://developer.hashicorp.com/terraform/language/functions/keys
    // https://developer.hashicorp.com/terraform/language/functions/values
    case 'keys':
    case 'values': {
      const m = knownMap(args[0]);
      if (args.length !== 1 || !m) return unknownArg(args) ?? NOT;
      const pairs = sortedPairs(m);
      return seq(pairs.map((p) => (name === 'keys' ? scalar(String(p.key.value), p.key) : (p.value ?? scalar(null, p.key)))), at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/length
    case 'length': {
      const [v] = args;
      if (args.length !== 1 || !v) return NOT;
      if (v.kind === 'seq') return scalar(v.items.length, at, 'plain');
      const m = knownMap(v);
      if (m) return scalar(m.pairs.length, at, 'plain');
      if (v.kind === 'scalar' && typeof v.value === 'string') return scalar([...segmenter().segment(v.value)].length, at, 'plain');
      return unknownArg(args) ?? NOT;
    }
    // https://developer.hashicorp.com/terraform/language/functions/contains
    case 'contains': {
      const [l, v] = args;
      const want = plain(v);
      if (args.length !== 2 || l?.kind !== 'seq' || want === undefined) return unknownArg(args) ?? NOT;
      const items = l.items.map(plain);
      if (items.some((i) => i !== undefined && sameValue(i, want))) return scalar(true, at, 'plain');
      return items.every((i) => i !== undefined) ? scalar(false, at, 'plain') : (unknownArg(l.items) ?? NOT);
    }
    // https://developer.hashicorp.com/terraform/language/functions/tolist
    // https://developer.hashicorp.com/terraform/language/functions/tomap
    case 'tolist':
    case 'tomap':
      if (args.length === 1 && (name === 'tolist' ? args[0]!.kind === 'seq' : knownMap(args[0]))) return args[0]!;
      return unknownArg(args) ?? NOT;
    // https://developer.hashicorp.com/terraform/language/functions/toset
    // https://developer.hashicorp.com/terraform/language/functions/distinct
    case 'toset':
    case 'distinct': {
      const [l] = args;
      if (args.length !== 1 || l?.kind !== 'seq') return unknownArg(args) ?? NOT;
      const values = l.items.map(plain);
      if (values.some((v) => v === undefined)) {
        // Texts that differ only by the deploy Region ("com.amazonaws.${region}.ssm"): a set of them is
        // known when in every Region the same items are equal and sort the same way.
        const byRegion = regionalSet(l.items, name === 'toset');
        if (byRegion) return seq(byRegion, at);
        // Deploy-time items may be equal to one another: the set's size is not known.
        return l.items.length <= 1 ? l : (unknownArg(l.items) ?? NOT);
      }
      const out: Node[] = [];
      const seen: unknown[] = [];
      l.items.forEach((item, i) => {
        if (seen.some((s) => sameValue(s, values[i]))) return;
        seen.push(values[i]);
        out.push(item);
      });
      // A set of strings iterates in lexicographic order (distinct keeps the list's order).
      if (name === 'toset' && out.every((o) => o.kind === 'scalar' && typeof o.value === 'string')) out.sort((a, b) => (String((a as { value: string }).value) < String((b as { value: string }).value) ? -1 : 1));
      return seq(out, at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/zipmap
    case 'zipmap': {
      const [k, v] = args;
      if (args.length !== 2 || k?.kind !== 'seq' || v?.kind !== 'seq' || k.items.length !== v.items.length) return unknownArg(args) ?? NOT;
      const keys = k.items.map(text);
      if (keys.some((x) => x === undefined)) return unknownArg(k.items) ?? NOT;
      const out = new Map<string, Pair>();
      keys.forEach((key, i) => out.set(key!, pair(key!, k.items[i]!, v.items[i]!)));
      return map([...out.values()], at);
    }
  }
  return listFunction(name, args, at);
}

/**
 * `format` with the verbs whose output is certain: `%s` (a string, or a number or bool converted),
 * `%d` (an integer), `%%`. Flags, widths, precision and other verbs are not evaluated.
 */
function format(args: Node[], at: Located): Node | undefined {
  const [f, ...rest] = args;
  const spec = f?.kind === 'scalar' && typeof f.value === 'string' ? f.value : undefined;
  if (spec === undefined) return undefined;
  const items: Node[] = [];
  let lit = '';
  let next = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c !== '%') {
      lit += c;
      continue;
    }
    const verb = spec[++i];
    if (verb === '%') {
      lit += '%';
      continue;
    }
    const arg = rest[next++];
    if (!arg || (verb !== 's' && verb !== 'd')) return undefined;
    if (verb === 'd') {
      if (arg.kind !== 'scalar' || typeof arg.value !== 'number' || !Number.isInteger(arg.value)) return undefined;
      lit += String(arg.value);
      continue;
    }
    const t = text(arg);
    if (t !== undefined) {
      lit += t;
      continue;
    }
    if (!joinable(arg)) return undefined;
    if (lit) items.push(scalar(lit, f!));
    lit = '';
    items.push(arg);
  }
  // Extra arguments are an error in Terraform.
  if (next !== rest.length) return undefined;
  if (items.length === 0) return scalar(lit, at);
  if (lit) items.push(scalar(lit, f!));
  return fn('Fn::Join', seq([scalar('', at), seq(items, at)], at), at);
}
