// Incremental linting: the rules' results of one document kept across its versions, so that a
// keystroke re-runs only what the edit can change. Correctness first — a stale finding is worse than
// a slow one — so the incremental path is taken only where it is provably the same as a lint from
// scratch, and anything else lints the whole template (test/unit/incremental*.test.ts compares the two
// over fixtures and seeded random edit sequences).
//
// Each rule declares its scope (rules/scope.ts):
//   document  — reads the parse itself (syntax, duplicate keys, tags, size): always run; cheap.
//   resource  — a finding on a resource rests on that resource alone (its properties, its policy, the
//               catalogue, the parameters and conditions): re-run for the edited resource only.
//   template  — compares resources (routes, subnets, security groups, the network model, the trace):
//               kept as they are when the edit changes nothing any resource means to another.
//
// The incremental case: the texts differ in one region that lies inside one resource, the resources
// are the same ids in the same order, and the edited resource means the same as before to everything
// else — its tree is the same except inside values no rule outside the resource reads (semantics.ts).
// Then every finding kept from the last version moves with the text (offsets after the edit shift by
// its length); a finding that touches the edit itself is not moved but the whole template is linted.
//
// The local case: the edited resource means something new (a CIDR, a port, a ServiceName, a policy
// Action) but uses no condition. Only the resource rules' findings of the resources that cannot read it
// are kept; its own and its readers' are made again, and the template rules run on the whole template.

import type { Finding, RelatedLocation } from '../findings.js';
import type { Resource, Template } from '../cfn/template.js';
import type { MapNode, Node } from '../document/tree.js';
import { sameMeaning } from './semantics.js';
import type { ModelParts } from '../cfn/model-reuse.js';
import { YAML_ALIAS } from '../document/yaml-alias.js';

const INTERNAL_ERROR = 'VPCE0000';
const ANCHOR = /(?:^|[\s:\-[{,])&[^\s[\]{},]/m;

export type RuleScope = 'document' | 'resource' | 'template';

/** What a document keeps between its versions (one per open document, like the parse cache). */
export interface LintMemo {
  last?: LastLint;
  /**
   * How each version was linted (the tests and the benchmark read it): `incremental` kept every
   * template rule's findings; `local` kept only other resources' resource-rule findings (the edit
   * changed what the resource means, so the template rules ran again); `full` from scratch.
   */
  stats: { full: number; incremental: number; local: number };
  /**
   * The last version linted means to every template-scoped reader what the one before it meant (the
   * incremental path kept their results): what is made from the template's meaning alone, and holds no
   * offset (the editor's network facts for completion and hover), may be kept from that version too.
   */
  sameMeaning: boolean;
  /** With sameMeaning: the one edit from the last version's text to this one's (undefined: the same text). */
  edit?: Edit;
  /** The network models' parts made for an earlier text, and the edits from it to the last version's (cfn/model-reuse.ts). */
  model?: ModelMemo;
  /** Versions linted so far: a model's parts are kept only when built for the latest. */
  version: number;
}

interface ModelMemo {
  /** Each model's parts (by role: `defaults`, `judged`), in the offsets of the text they were made from. */
  parts: Map<string, ModelParts>;
  /** From that text to the last version's, in order, and the resources they were in. */
  edits: Edit[];
  seeds: Set<string>;
  /** The version whose build made the parts. */
  version: number;
}

/** What this version's network models may take from an earlier version's. */
export interface ModelPlan {
  parts: ReadonlyMap<string, ModelParts>;
  edits: readonly Edit[];
  seeds: ReadonlySet<string>;
  /** The memo has not moved on to another version (whose build may have moved the parts already). */
  current(): boolean;
}

/** Beyond this many edits since the parts were made, they are made anew (a long chain of moves costs more). */
const MAX_PENDING_EDITS = 64;

interface LastLint {
  text: string;
  /** The settings and options the findings were made with: another key lints from scratch. */
  key: string;
  template: Template;
  /** Each rule's findings before ignores and severities (those are applied to every version anew). */
  outputs: Map<string, Finding[]>;
}

export function newLintMemo(): LintMemo {
  return { stats: { full: 0, incremental: 0, local: 0 }, sameMeaning: false, version: 0 };
}

export interface LintInput {
  text: string;
  template: Template;
  key: string;
  /** A template that parses whole, without macros or loops that rewrite resources: else always from scratch. */
  eligible: boolean;
  rules: readonly { id: string; scope: RuleScope }[];
  /** Runs one rule on the whole template, or on one resource only. */
  run(id: string, only?: Resource): Finding[];
  /**
   * Told before the rules run what this version's network models may take from the last version's
   * (undefined: nothing), and how to keep this version's parts once a model is built.
   */
  modelPlan?(plan: ModelPlan | undefined, keep: (role: string, parts: ModelParts) => void): void;
}

/** Each rule's findings for this version, reusing the last version's where the edit cannot change them. */
export function lintWithMemo(memo: LintMemo, input: LintInput): Map<string, Finding[]> {
  const last = memo.last;
  const version = ++memo.version;
  const keep = (role: string, parts: ModelParts) => {
    if (memo.version !== version) return;
    if (!memo.model || memo.model.version !== version || memo.model.edits.length) memo.model = { parts: new Map(), edits: [], seeds: new Set(), version };
    memo.model.parts.set(role, parts);
  };
  const plan = (edit: Edit | undefined, seed: string | undefined) => input.modelPlan?.(planParts(memo, edit, seed), keep);
  const edit = input.eligible && last && last.key === input.key ? editBetween(last.text, input.text) : undefined;
  const kept = input.eligible && last && last.key === input.key ? incremental(last, input, edit, plan) : undefined;
  let outputs = kept?.outputs;
  memo.sameMeaning = kept?.same ?? false;
  memo.edit = kept?.same ? edit : undefined;
  if (kept) memo.stats[kept.same ? 'incremental' : 'local']++;
  else {
    memo.stats.full++;
    // From scratch: the models are too, unless this version's were already built (on the way to a
    // finding that sent the lint here) from parts that the edit left as they were.
    if (memo.model?.version !== version || memo.model.edits.length) memo.model = undefined;
    input.modelPlan?.(undefined, keep);
    outputs = new Map(input.rules.map((r) => [r.id, input.run(r.id)]));
  }
  memo.last = input.eligible ? { text: input.text, key: input.key, template: input.template, outputs: outputs! } : undefined;
  return outputs!;
}

export interface Edit {
  start: number;
  /** End of the replaced text in the last version. */
  oldEnd: number;
  delta: number;
}

/**
 * `same`: the edited resource means to every other reader what it meant (semantics.ts), and every
 * template rule's findings are kept. Otherwise the template rules run again on the whole template, and
 * only the resource rules' findings are kept — those of the resources that cannot read the edited one.
 */
function incremental(last: LastLint, input: LintInput, edit: Edit | undefined, plan: (edit: Edit | undefined, seed: string | undefined) => void): { outputs: Map<string, Finding[]>; same: boolean } | undefined {
  if (!edit) {
    if (!input.rules.every((r) => last.outputs.has(r.id))) return undefined;
    plan(undefined, undefined);
    return { outputs: new Map(input.rules.map((r) => [r.id, last.outputs.get(r.id)!])), same: true };
  }
  const before = last.template.resources;
  const after = input.template.resources;
  if (before.length !== after.length || resourceCount(last.template) !== resourceCount(input.template)) return undefined;
  const i = before.findIndex((r) => r.key.start <= edit.start && edit.oldEnd <= r.node.end);
  if (i < 0) return undefined;
  for (let k = 0; k < before.length; k++) if (before[k]!.id !== after[k]!.id || before[k]!.type !== after[k]!.type) return undefined;
  const oldR = before[i]!;
  const newR = after[i]!;
  if (newR.key.start !== oldR.key.start || newR.node.end !== oldR.node.end + edit.delta) return undefined;
  // A YAML anchor in the edited resource may be aliased by another resource, which then changes too.
  if (ANCHOR.test(last.text.slice(oldR.key.start, oldR.node.end)) || ANCHOR.test(input.text.slice(newR.key.start, newR.node.end))) return undefined;
  // An alias anywhere: another resource's findings can lie in the aliased text (a merge key's pairs are
  // judged where they are written, inside the resource that anchors them), so no finding is placed by
  // where it lies, and the edited resource's readers include those that alias what it reads.
  if (YAML_ALIAS.test(input.text)) return undefined;
  const same = sameMeaning(oldR.node, newR.node);
  // A condition the edited resource uses (or stops using) may change which deployments the template
  // has, and so what other resources' rules judge: only an edit that keeps its meaning is taken then.
  if (!same && (usesCondition(oldR.node) || usesCondition(newR.node))) return undefined;
  // The resources whose resource rules run again: the edited one, and when its meaning changed, every
  // resource that may read it (resolving a GetAtt of a property it echoes, naming its endpoint service).
  const redo = same ? [i] : [i, ...readersOf(input.text, after, i)];
  if (redo.length > Math.max(8, after.length / 2)) return undefined;
  const redoOld = redo.map((k) => before[k]!);
  // The edit lies in one resource, which uses no condition unless it means what it did, and the other
  // resources and everything outside them are as they were: the models' other parts may be kept.
  plan(edit, newR.id);
  const move = mover(edit);
  const out = new Map<string, Finding[]>();
  for (const rule of input.rules) {
    const old = last.outputs.get(rule.id);
    if (!old) return undefined;
    if (rule.scope === 'document' || (rule.scope === 'template' && !same)) {
      out.set(rule.id, input.run(rule.id));
      continue;
    }
    const kept: Finding[] = [];
    // An internal error says nothing of where it came from: it is never kept, only made again.
    if (rule.scope === 'resource' && old.some((f) => f.ruleId === INTERNAL_ERROR)) return undefined;
    for (const f of old) {
      if (rule.scope === 'resource' && redoOld.some((r) => belongsTo(f, r))) continue;
      // A finding of another resource that points into the edited one: it may rest on it after all.
      if (rule.scope === 'resource' && f.resource !== undefined && touches(f, oldR)) return undefined;
      // A resource rule's finding outside every resource (none is known) could rest on anything.
      if (!same && rule.scope === 'resource' && f.resource === undefined && !before.some((r) => belongsTo(f, r))) return undefined;
      const moved = move(f);
      if (!moved) return undefined;
      kept.push(moved);
    }
    if (rule.scope === 'resource') {
      for (const k of redo) {
        const r = after[k]!;
        for (const f of input.run(rule.id, r)) {
          if (f.ruleId === INTERNAL_ERROR) return undefined;
          if (belongsTo(f, r)) kept.push(f);
        }
      }
    }
    out.set(rule.id, kept);
  }
  return { outputs: out, same };
}

/** The last parts and the edits since, this version's edit added; undefined when there are none to take. */
function planParts(memo: LintMemo, edit: Edit | undefined, seed: string | undefined): ModelPlan | undefined {
  const m = memo.model;
  if (!m) return undefined;
  if (edit) {
    m.edits.push(edit);
    if (seed !== undefined) m.seeds.add(seed);
  }
  if (m.edits.length > MAX_PENDING_EDITS) return (memo.model = undefined);
  const version = memo.version;
  return { parts: m.parts, edits: [...m.edits], seeds: new Set(m.seeds), current: () => memo.version === version };
}

/**
 * The other resources that may read resource `i`: those whose text names its logical id anywhere (a
 * Ref, a GetAtt, a Sub, a service name) — a superset of the ones that do — or holds an escape (a
 * quoted scalar could spell the id with one). Their text is the same in both versions.
 */
function readersOf(text: string, resources: readonly Resource[], i: number): number[] {
  const found = new Set<number>();
  for (const needle of [resources[i]!.id, '\\']) {
    for (let at = text.indexOf(needle, resources[0]!.key.start); at >= 0; at = text.indexOf(needle, at + 1)) {
      const k = resourceAt(resources, at);
      if (k >= 0 && k !== i) found.add(k);
    }
  }
  return [...found].sort((a, b) => a - b);
}

function usesCondition(resource: MapNode): boolean {
  return resource.pairs.some((p) => p.key.value === 'Condition') || hasIf(resource);
}

function hasIf(n: Node | null): boolean {
  if (n === null || n.kind === 'scalar') return false;
  if (n.kind === 'seq') return n.items.some(hasIf);
  return n.pairs.some((p) => p.key.value === 'Fn::If' || hasIf(p.value));
}

/** The resource whose key or value holds `offset`; -1 when none does. */
export function resourceAt(resources: readonly Resource[], offset: number): number {
  let lo = 0;
  let hi = resources.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = resources[mid]!;
    if (offset < r.key.start) hi = mid - 1;
    else if (offset > r.node.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The one region where two texts differ (common prefix and suffix); undefined when they are equal. */
export function editBetween(a: string, b: string): Edit | undefined {
  if (a === b) return undefined;
  const min = Math.min(a.length, b.length);
  // Binary searches with native substring comparison: a character loop over a large template costs
  // more than the rest of an incremental lint.
  let lo = 0;
  let hi = min;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (a.substring(lo, mid) === b.substring(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  const start = lo;
  lo = 0;
  hi = min - start;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (a.substring(a.length - mid, a.length - lo) === b.substring(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return { start, oldEnd: a.length - lo, delta: b.length - a.length };
}

/**
 * Spans of the last version (start, end) moved to this one; undefined when one touches the edit (its
 * place in the new text is not certain) — the caller makes them anew.
 */
export function moveSpans<T extends { start: number; end: number }>(spans: readonly T[], edit: Edit | undefined): T[] | undefined {
  if (!edit) return [...spans];
  const out: T[] = [];
  for (const s of spans) {
    if (s.end < edit.start) out.push(s);
    else if (s.start > edit.oldEnd) out.push({ ...s, start: s.start + edit.delta, end: s.end + edit.delta });
    else return undefined;
  }
  return out;
}

/**
 * Moves a finding of the last version to this one: offsets before the edit stay, offsets after it
 * shift. An offset at or inside the edit has no certain place (the edit may have grown or shrunk the
 * node it bounds): undefined.
 */
function mover(edit: Edit): (f: Finding) => Finding | undefined {
  const at = (o: number) => (o < edit.start ? o : o > edit.oldEnd ? o + edit.delta : undefined);
  return (f) => {
    const start = at(f.start);
    const end = f.end === f.start ? start : at(f.end);
    if (start === undefined || end === undefined) return undefined;
    let related: RelatedLocation[] | undefined;
    if (f.related) {
      related = [];
      for (const r of f.related) {
        const rs = at(r.start);
        const re = r.end === r.start ? rs : at(r.end);
        if (rs === undefined || re === undefined) return undefined;
        related.push({ ...r, start: rs, end: re });
      }
    }
    if (start === f.start && end === f.end && related === undefined) return f;
    return related ? { ...f, start, end, related } : { ...f, start, end };
  };
}

/** A finding about this resource: it names it, or it names none and lies inside it. */
function belongsTo(f: Finding, r: Resource): boolean {
  return f.resource === r.id || (f.resource === undefined && f.start >= r.key.start && f.end <= r.node.end);
}

function touches(f: Finding, r: Resource): boolean {
  const hit = (s: number, e: number) => s <= r.node.end && e >= r.key.start;
  return hit(f.start, f.end) || (f.related ?? []).some((x) => hit(x.start, x.end));
}

function resourceCount(t: Template): number {
  const resources = t.root.pairs.find((p) => p.key.value === 'Resources')?.value;
  return resources?.kind === 'map' ? resources.pairs.length : -1;
}
