// More of Terraform's built-in functions (functions.ts holds the first ones), with the same rule: a
// result only where the arguments the configuration makes known make it certain, else unknown naming
// the argument that decides it. These are the list and string functions configurations use to build
// endpoint and association maps: `setproduct(services, route_tables)`, `range(length(var.azs))`,
// `index(local.azs, each.key)`, `slice(...)`, `one(...)`.
// https://developer.hashicorp.com/terraform/language/functions/<name>

import type { Node } from '../document/tree.js';
import type { Located } from './hcl-ast.js';
import { scalar, seq } from './nodes.js';
import { plain, sameValue, text, unknownArg, type Called } from './functions.js';

const NOT: Called = { why: '', decides: '' };
// Terraform's own limit for range(); setproduct's results are held to the same order of size.
const MAX_ITEMS = 1024;

/** An integer argument (a number, or a string Terraform converts to one). */
function integer(n: Node | undefined): number | undefined {
  const v = n?.kind === 'scalar' ? (typeof n.value === 'number' ? n.value : typeof n.value === 'string' && n.value.trim() !== '' ? Number(n.value) : NaN) : NaN;
  return Number.isInteger(v) ? v : undefined;
}

/** The address a `{ Ref }` to a resource instance the configuration manages names (not a pseudo parameter, not a data source's). */
function resourceId(n: Node | undefined): string | undefined {
  if (n?.kind !== 'map' || n.pairs.length !== 1 || n.pairs[0]!.key.value !== 'Ref') return undefined;
  const v = n.pairs[0]!.value;
  const address = v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
  return address && !address.startsWith('AWS::') && !/(^|\.)data\./.test(address) ? address : undefined;
}

export function listFunction(name: string, args: Node[], at: Located): Called | undefined {
  switch (name) {
    // https://developer.hashicorp.com/terraform/language/functions/setproduct: every combination, the
    // first argument's elements varying slowest; an empty argument makes an empty product.
    case 'setproduct': {
      if (args.length < 2 || args.some((a) => a.kind !== 'seq')) return unknownArg(args) ?? NOT;
      const lists = args.map((a) => (a.kind === 'seq' ? a.items : []));
      if (lists.reduce((n, l) => n * l.length, 1) > MAX_ITEMS) return NOT;
      let out: Node[][] = [[]];
      for (const l of lists) out = out.flatMap((prefix) => l.map((item) => [...prefix, item]));
      return seq(out.map((items) => seq(items, at)), at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/range: range(limit), range(start,
    // limit) or range(start, limit, step); the step defaults to 1, or -1 when start is above limit.
    case 'range': {
      const nums = args.map(integer);
      if (args.length < 1 || args.length > 3 || nums.some((n) => n === undefined)) return unknownArg(args) ?? NOT;
      const [start, limit, step] = args.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? (nums[0]! > nums[1]! ? -1 : 1)];
      if (step === 0 || (step > 0 && start > limit) || (step < 0 && start < limit)) return step === 0 ? NOT : seq([], at);
      const out: Node[] = [];
      for (let i = start; step > 0 ? i < limit : i > limit; i += step) {
        if (out.length >= MAX_ITEMS) return NOT;
        out.push(scalar(i, at, 'plain'));
      }
      return seq(out, at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/index: the first element equal to the
    // value (not found is Terraform's error).
    case 'index': {
      const [l, v] = args;
      const want = plain(v);
      // The ids of the configuration's own resource instances: one instance, one id, distinct from every
      // other instance's (index(values(aws_subnet.private)[*].id, each.value.id), a route table per subnet).
      const id = resourceId(v);
      if (args.length === 2 && l?.kind === 'seq' && id !== undefined && l.items.every((i) => resourceId(i) !== undefined)) {
        const at_ = l.items.findIndex((i) => resourceId(i) === id);
        return at_ >= 0 ? scalar(at_, at, 'plain') : NOT;
      }
      if (args.length !== 2 || l?.kind !== 'seq' || want === undefined) return unknownArg(args) ?? NOT;
      for (const [i, item] of l.items.entries()) {
        const got = plain(item);
        if (got === undefined) return unknownArg([item]) ?? NOT;
        if (sameValue(got, want)) return scalar(i, at, 'plain');
      }
      return NOT;
    }
    // https://developer.hashicorp.com/terraform/language/functions/slice: start inclusive, end exclusive.
    case 'slice': {
      const [l, s, e] = args;
      const [from, to] = [integer(s), integer(e)];
      if (args.length !== 3 || l?.kind !== 'seq' || from === undefined || to === undefined) return unknownArg(args) ?? NOT;
      if (from < 0 || to > l.items.length || from > to) return NOT;
      return seq(l.items.slice(from, to), at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/one: null for none, the element for
    // one, Terraform's error for more.
    case 'one': {
      const [l] = args;
      if (args.length !== 1 || l?.kind !== 'seq') return unknownArg(args) ?? NOT;
      if (l.items.length === 0) return scalar(null, at, 'plain');
      return l.items.length === 1 ? l.items[0]! : NOT;
    }
    // https://developer.hashicorp.com/terraform/language/functions/reverse
    case 'reverse': {
      const [l] = args;
      if (args.length !== 1 || l?.kind !== 'seq') return unknownArg(args) ?? NOT;
      return seq([...l.items].reverse(), at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/sort: strings in lexicographic order.
    case 'sort': {
      const [l] = args;
      if (args.length !== 1 || l?.kind !== 'seq') return unknownArg(args) ?? NOT;
      const texts = l.items.map(text);
      if (texts.some((t) => t === undefined)) return unknownArg(l.items) ?? NOT;
      return seq(texts.map((t, i) => ({ t: t!, i })).sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0)).map(({ t, i }) => scalar(t, l.items[i]!)), at);
    }
    // https://developer.hashicorp.com/terraform/language/functions/trimprefix (and trimsuffix,
    // startswith, endswith, strcontains).
    case 'strcontains':
    case 'trimprefix':
    case 'trimsuffix':
    case 'startswith':
    case 'endswith': {
      const [s, p] = args.map(text);
      if (args.length !== 2 || s === undefined || p === undefined) return unknownArg(args) ?? NOT;
      if (name === 'strcontains') return scalar(s.includes(p), at, 'plain');
      if (name === 'startswith') return scalar(s.startsWith(p), at, 'plain');
      if (name === 'endswith') return scalar(s.endsWith(p), at, 'plain');
      if (name === 'trimprefix') return scalar(s.startsWith(p) ? s.slice(p.length) : s, at);
      return scalar(p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s, at);
    }
  }
  return undefined;
}
