// A parent stack and the nested stacks it deploys, read as one template, so the parent's network holds
// the nested stacks' resources: CDK hands a VPC's id, subnets and a security group's id down through the
// `AWS::CloudFormation::Stack` resource's Parameters and back up through the nested template's Outputs
// (`Fn::GetAtt [Stack, Outputs.X]`). Read alone, each template meets the other's values as unknown.
// CloudFormation gives a nested stack the parameters its parent sets (the others take their defaults), and
// `Fn::GetAtt [Stack, Outputs.X]` is the nested stack's output X:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html
// The nested template's file is the one the stack resource's `aws:asset:path` names (assembly-templates.ts).
//
// The one template is a located tree over a text made of the templates' texts one after the other (the
// parent's first): every node keeps the offsets of what it was read from, shifted to its template's
// segment, so a trace hop or a map element points into the file that wrote it (`segments` says which).
// In a nested template: `Ref` of a parameter its parent sets is the parent's value (as the parent wrote
// it); its resources, conditions, mappings and the parameters its parent leaves keep their names unless
// the parent (or an earlier nested stack) already uses one, when they become `<StackResource>/<Name>`.
// A nested stack is left as the parent wrote it (its outputs unknown, as read alone) when it is not
// certain to be this one template: under a Condition, Parameters computed at deploy time, its template
// missing, unreadable or transformed (SAM, macros), more than 8 levels deep, or one already inlined.
// Pure: the caller gives the texts.

import { parseText, treeBrokenBy } from '../document/parse.js';
import { asMap, asSeq, pairOf, scalarString, valueOf, type MapNode, type Node, type Pair, type ScalarNode } from '../document/tree.js';
import { looksLikeTemplate } from '../cfn/template.js';
import type { OutsideRules } from './outside-rules.js';

export interface InlinedStacks {
  /** The templates' texts one after the other, the parent's first, each followed by a newline. */
  text: string;
  root: MapNode;
  /** Which file each part of `text` is (offsets in `text`). */
  segments: { file: string; start: number; end: number }[];
  /**
   * Each inlined nested stack: the stack resource (in the parent that deploys it; `key`: its name's offsets in
   * the parent's own text), its file, its names → the names they have here.
   */
  inlined: { stack: string; parent: string; key: { start: number; end: number }; file: string; names: Map<string, string> }[];
  /** Stack resources whose template is one already read here (deployed twice): left as the parent wrote them, so that deployment is not judged. */
  again: { stack: string; parent: string; key: { start: number; end: number }; file: string }[];
}

const MAX_DEPTH = 8;

interface Ctx {
  file: string;
  base: number;
  root: MapNode;
  /** Ref namespace (resources, parameters kept), conditions, mappings: written name → name in the one template. */
  ids: Map<string, string>;
  conds: Map<string, string>;
  maps: Map<string, string>;
  /** The parameters the parent sets: name → the parent's node (in the parent's context), and whether a list is expected. */
  passed?: { parent: Ctx; values: Map<string, { node: Node; list: boolean }> };
  /** This template's inlined nested stacks, by stack resource id. */
  children: Map<string, Ctx>;
}

/**
 * `file`'s template with the nested stacks it deploys (`nestedAt(file, its tree)`: stack resource id → nested file)
 * inlined, or undefined when it deploys none that can be (or itself cannot be read).
 */
export function inlineNestedStacks(
  file: string,
  textOf: (file: string) => string | undefined,
  nestedAt: (file: string, root: MapNode) => ReadonlyMap<string, string> | undefined,
): InlinedStacks | undefined {
  const rootOf = parseTemplate(textOf(file));
  if (!rootOf) return undefined;
  let text = rootOf.text + '\n';
  const segments = [{ file, start: 0, end: rootOf.text.length }];
  const refNames = new Set<string>();
  const condNames = new Set<string>();
  const mapNames = new Set<string>();
  const top: Ctx = { file, base: 0, root: rootOf.root, ids: new Map(), conds: new Map(), maps: new Map(), children: new Map() };
  for (const k of keysOf(rootOf.root, 'Resources')) refNames.add(k);
  for (const k of keysOf(rootOf.root, 'Parameters')) refNames.add(k);
  for (const k of keysOf(rootOf.root, 'Conditions')) condNames.add(k);
  for (const k of keysOf(rootOf.root, 'Mappings')) mapNames.add(k);
  const inlined: InlinedStacks['inlined'] = [];
  const seen = new Set<string>([file]);
  const again: InlinedStacks['again'] = [];
  const unique = (taken: Set<string>, name: string, stack: string) => {
    let n = taken.has(name) ? `${stack}/${name}` : name;
    for (let i = 2; taken.has(n); i++) n = `${stack}/${name}${i}`;
    taken.add(n);
    return n;
  };
  const visit = (ctx: Ctx, depth: number) => {
    const resources = asMap(valueOf(ctx.root, 'Resources'));
    for (const [stack, nestedFile] of nestedAt(ctx.file, ctx.root) ?? []) {
      const pair = pairOf(resources, stack);
      const r = asMap(pair?.value);
      if (r && seen.has(nestedFile) && pair) again.push({ stack, parent: ctx.file, key: { start: pair.key.start, end: pair.key.end }, file: nestedFile });
      if (!r || depth >= MAX_DEPTH || seen.has(nestedFile) || valueOf(r, 'Condition') !== undefined) continue;
      const props = asMap(valueOf(r, 'Properties'));
      const given = valueOf(props, 'Parameters');
      const givenMap = asMap(given);
      if (given !== undefined && (!givenMap || isIntrinsic(givenMap))) continue;
      const nested = parseTemplate(textOf(nestedFile));
      if (!nested || valueOf(nested.root, 'Transform') !== undefined) continue;
      seen.add(nestedFile);
      const base = text.length;
      text += nested.text + '\n';
      segments.push({ file: nestedFile, start: base, end: base + nested.text.length });
      const child: Ctx = { file: nestedFile, base, root: nested.root, ids: new Map(), conds: new Map(), maps: new Map(), children: new Map() };
      const declared = asMap(valueOf(nested.root, 'Parameters'));
      const values = new Map<string, { node: Node; list: boolean }>();
      for (const p of givenMap?.pairs ?? []) {
        const type = scalarString(valueOf(asMap(valueOf(declared, String(p.key.value))), 'Type')) ?? '';
        if (p.value) values.set(String(p.key.value), { node: p.value, list: type.startsWith('List<') || type === 'CommaDelimitedList' });
      }
      child.passed = { parent: ctx, values };
      const names = new Map<string, string>();
      for (const k of keysOf(nested.root, 'Resources')) names.set(k, unique(refNames, k, stack));
      for (const k of keysOf(nested.root, 'Parameters')) if (!values.has(k)) names.set(k, unique(refNames, k, stack));
      child.ids = names;
      for (const k of keysOf(nested.root, 'Conditions')) child.conds.set(k, unique(condNames, k, stack));
      for (const k of keysOf(nested.root, 'Mappings')) child.maps.set(k, unique(mapNames, k, stack));
      ctx.children.set(stack, child);
      inlined.push({ stack, parent: ctx.file, key: { start: pair!.key.start, end: pair!.key.end }, file: nestedFile, names });
      visit(child, depth + 1);
    }
  };
  visit(top, 0);
  if (inlined.length === 0) return undefined;

  // The sections of every template, each in its own names; the parent's other keys as written.
  const all: Ctx[] = [];
  const collect = (c: Ctx) => { all.push(c); for (const ch of c.children.values()) collect(ch); };
  collect(top);
  const rewrite = rewriter();
  const section = (name: string, keep: (c: Ctx, key: string) => boolean, rename: (c: Ctx, key: string) => string): Pair[] =>
    all.flatMap((c) => (asMap(valueOf(c.root, name))?.pairs ?? [])
      .filter((p) => keep(c, String(p.key.value)))
      .map((p) => ({ key: renamedKey(p.key, c.base, rename(c, String(p.key.value))), value: p.value && rewrite(c, p.value) })));
  const sections: Record<string, Pair[]> = {
    Parameters: section('Parameters', (c, k) => !c.passed?.values.has(k), (c, k) => c.ids.get(k) ?? k),
    Conditions: section('Conditions', () => true, (c, k) => c.conds.get(k) ?? k),
    Mappings: section('Mappings', () => true, (c, k) => c.maps.get(k) ?? k),
    Resources: section('Resources', (c, k) => !c.children.has(k), (c, k) => c.ids.get(k) ?? k),
  };
  const pairs: Pair[] = top.root.pairs.map((p) => {
    const k = String(p.key.value);
    const value = k in sections ? { ...(asMap(p.value) ?? emptyMap(p.key)), pairs: sections[k]! } : p.value && rewrite(top, p.value);
    return { key: p.key, value };
  });
  for (const [k, s] of Object.entries(sections)) {
    if (s.length && !top.root.pairs.some((p) => p.key.value === k)) pairs.push({ key: { ...top.root.pairs[0]?.key ?? synthKey(top.root), value: k }, value: { ...emptyMap(top.root), pairs: s } });
  }
  return { text, root: { ...top.root, pairs }, segments, inlined, again };
}

/** What the other templates of the app add to the groups of the one template: the inlined templates' own entries renamed; a rule one inlined template adds to another's group is now in it. */
export function inlinedOutsideRules(parent: string, stacks: InlinedStacks, outsideOf: (file: string) => OutsideRules | undefined): OutsideRules | undefined {
  const files = new Set([parent, ...stacks.inlined.map((i) => i.file)]);
  const inside = (decides: string) => [...files].some((f) => decides === f || decides.startsWith(`${f}'s `));
  const out: OutsideRules = {};
  const take = (file: string, names: ReadonlyMap<string, string> | undefined) => {
    const o = outsideOf(file);
    for (const [g, dirs] of Object.entries(o?.groups ?? {})) {
      for (const dir of ['ingress', 'egress'] as const) {
        const rule = dirs[dir];
        if (rule && !inside(rule.decides)) ((out.groups ??= {})[names?.get(g) ?? g] ??= {})[dir] ??= rule;
      }
    }
    for (const [rule, group] of Object.entries(o?.foreign ?? {})) {
      if (![...files].some((f) => group.startsWith(`${f}'s `))) (out.foreign ??= {})[names?.get(rule) ?? rule] = group;
    }
  };
  take(parent, undefined);
  for (const i of stacks.inlined) take(i.file, i.names);
  return out.groups || out.foreign ? out : undefined;
}

/** The file and the offset within it of an offset of the one template's text. */
export function segmentAt(stacks: InlinedStacks, offset: number): { file: string; offset: number } {
  const s = stacks.segments.find((x) => offset >= x.start && offset <= x.end) ?? stacks.segments[0]!;
  return { file: s.file, offset: Math.min(Math.max(offset - s.start, 0), s.end - s.start) };
}

function rewriter() {
  const shift = <T extends { start: number; end: number }>(n: T, base: number): T => ({ ...n, start: n.start + base, end: n.end + base });
  const scalar = (like: ScalarNode, base: number, value: string): ScalarNode => ({ ...shift(like, base), value });
  // A value that leads back to itself (a parameter set to an output that is that parameter) is one
  // CloudFormation rejects as circular: left as written (unknown) rather than followed.
  const expanding = new Set<Node>();
  const expand = (ctx: Ctx, node: Node, depth: number): Node => {
    expanding.add(node);
    try {
      return rewrite(ctx, node, depth + 1);
    } finally {
      expanding.delete(node);
    }
  };
  const rename = (ctx: Ctx, node: Node | null | undefined, names: Map<string, string>, depth: number): Node | null => {
    if (!node) return null;
    const s = node.kind === 'scalar' ? node : undefined;
    const name = s && typeof s.value === 'string' ? names.get(s.value) : undefined;
    return name !== undefined ? scalar(s!, ctx.base, name) : rewrite(ctx, node, depth + 1);
  };
  const rewrite = (ctx: Ctx, node: Node, depth = 0): Node => {
    if (depth > 200) return shift(node, ctx.base);
    if (node.kind === 'scalar') return shift(node, ctx.base);
    if (node.kind === 'seq') return { ...shift(node, ctx.base), items: node.items.map((i) => rewrite(ctx, i, depth + 1)) };
    const only = node.pairs.length === 1 ? node.pairs[0]! : undefined;
    const fn = only ? String(only.key.value) : undefined;
    const arg = only?.value ?? null;
    const withArg = (value: Node | null): MapNode => ({ ...shift(node, ctx.base), pairs: [{ key: shift(only!.key, ctx.base), value }] });
    if (fn === 'Ref' && arg?.kind === 'scalar') {
      const name = String(arg.value);
      const given = ctx.passed?.values.get(name);
      if (given && !expanding.has(given.node)) {
        const value = expand(ctx.passed!.parent, given.node, depth);
        // A list parameter takes the parent's comma-separated text as its list.
        return given.list ? { ...value, kind: 'map', flow: false, pairs: [{ key: scalar(only!.key, ctx.base, 'Fn::Split'), value: { kind: 'seq', flow: true, start: value.start, end: value.end, items: [{ kind: 'scalar', value: ',', style: 'double', start: value.start, end: value.start }, value] } }] } as MapNode : value;
      }
      return withArg(rename(ctx, arg, ctx.ids, depth));
    }
    if (fn === 'Fn::GetAtt') {
      const seq = asSeq(arg);
      const parts = seq ? seq.items.map(scalarString) : (scalarString(arg)?.split('.') ?? []);
      const [target, ...attr] = parts;
      const child = target !== undefined ? ctx.children.get(target) : undefined;
      // [Stack, "Outputs.X"], or "Stack.Outputs.X".
      const path = attr.join('.');
      const output = child && path.startsWith('Outputs.') ? outputOf(child, path.slice('Outputs.'.length)) : undefined;
      if (output && !expanding.has(output)) return expand(child!, output, depth);
      if (target === undefined || !ctx.ids.has(target)) return withArg(arg && rewrite(ctx, arg, depth + 1));
      if (seq) return withArg({ ...shift(seq, ctx.base), items: seq.items.map((i, j) => (j === 0 ? rename(ctx, i, ctx.ids, depth)! : rewrite(ctx, i, depth + 1))) });
      return withArg(scalar(arg as ScalarNode, ctx.base, [ctx.ids.get(target)!, ...attr].join('.')));
    }
    if (fn === 'Fn::Sub') return withArg(sub(ctx, arg, only!, depth));
    if (fn === 'Fn::FindInMap' || fn === 'Fn::If') {
      const seq = asSeq(arg);
      const names = fn === 'Fn::If' ? ctx.conds : ctx.maps;
      if (seq) return withArg({ ...shift(seq, ctx.base), items: seq.items.map((i, j) => (j === 0 ? rename(ctx, i, names, depth)! : rewrite(ctx, i, depth + 1))) });
    }
    return {
      ...shift(node, ctx.base),
      pairs: node.pairs.map((p) => {
        const k = String(p.key.value);
        const names = k === 'Condition' ? ctx.conds : k === 'DependsOn' ? ctx.ids : undefined;
        const value = names && p.value?.kind === 'seq' ? { ...shift(p.value, ctx.base), items: p.value.items.map((i) => rename(ctx, i, names, depth)!) } : names ? rename(ctx, p.value, names, depth) : p.value && rewrite(ctx, p.value, depth + 1);
        return { key: shift(p.key, ctx.base), value };
      }),
    };
  };
  // `${Name}` and `${Name.Attr}`: a renamed resource or parameter is written by its new name; a parameter
  // the parent sets and a nested stack's output become variables of the Sub, bound to their values.
  const sub = (ctx: Ctx, arg: Node | null, only: Pair, depth: number): Node | null => {
    const seq = asSeq(arg);
    const body = seq ? seq.items[0] : arg;
    const text = scalarString(body);
    if (text === undefined || !body || body.kind !== 'scalar') return arg && rewrite(ctx, arg, depth + 1);
    const vars = asMap(seq?.items[1]);
    const bound: Pair[] = [];
    const out = text.replace(/\$\{([^}!][^}]*)\}/g, (whole, raw: string) => {
      const name = raw.trim();
      if (valueOf(vars, name) !== undefined) return whole;
      const [head, ...attr] = name.split('.');
      const given = attr.length === 0 ? ctx.passed?.values.get(name) : undefined;
      const child = ctx.children.get(head!);
      const output = child && attr.join('.').startsWith('Outputs.') ? outputOf(child, attr.join('.').slice('Outputs.'.length)) : undefined;
      if (given || (output && !expanding.has(output))) {
        if (!bound.some((b) => b.key.value === name)) bound.push({ key: scalar(only.key, ctx.base, name), value: given ? rewrite(ctx, { kind: 'map', flow: true, start: body.start, end: body.end, pairs: [{ key: { ...only.key, value: 'Ref' }, value: { ...body, value: name } }] }, depth + 1) : expand(child!, output!, depth) });
        return whole;
      }
      const renamed = ctx.ids.get(head!);
      return renamed !== undefined ? `\${${[renamed, ...attr].join('.')}}` : whole;
    });
    const newBody = scalar(body, ctx.base, out);
    const oldVars = vars ? (rewrite(ctx, vars, depth + 1) as MapNode) : undefined;
    if (!bound.length && !seq) return newBody;
    const varMap: MapNode = { ...(oldVars ?? { kind: 'map', flow: true, start: body.start + ctx.base, end: body.end + ctx.base, pairs: [] }), pairs: [...(oldVars?.pairs ?? []), ...bound] };
    return { ...(seq ? shift(seq, ctx.base) : { kind: 'seq', flow: true, start: body.start + ctx.base, end: body.end + ctx.base }), items: [newBody, varMap, ...(seq?.items.slice(2).map((i) => rewrite(ctx, i, depth + 1)) ?? [])] } as Node;
  };
  return (ctx: Ctx, node: Node) => rewrite(ctx, node, 0);
}

function outputOf(ctx: Ctx, name: string): Node | undefined {
  return valueOf(asMap(valueOf(asMap(valueOf(ctx.root, 'Outputs')), name)), 'Value') ?? undefined;
}

function parseTemplate(text: string | undefined): { text: string; root: MapNode } | undefined {
  if (text === undefined) return undefined;
  const parsed = parseText(text, { json: /^\s*[{[]/.test(text) });
  if (treeBrokenBy(parsed.problems) || !looksLikeTemplate(parsed.root)) return undefined;
  return { text, root: parsed.root };
}

function keysOf(root: MapNode, section: string): string[] {
  return (asMap(valueOf(root, section))?.pairs ?? []).map((p) => String(p.key.value));
}

function isIntrinsic(m: MapNode): boolean {
  const k = m.pairs.length === 1 ? String(m.pairs[0]!.key.value) : '';
  return k === 'Ref' || k.startsWith('Fn::');
}

function renamedKey(key: ScalarNode, base: number, name: string): ScalarNode {
  return { ...key, start: key.start + base, end: key.end + base, value: name };
}

function emptyMap(at: { start: number; end: number }): MapNode {
  return { kind: 'map', flow: false, start: at.start, end: at.end, pairs: [] };
}

function synthKey(at: { start: number; end: number }): ScalarNode {
  return { kind: 'scalar', value: '', style: 'plain', start: at.start, end: at.start };
}
