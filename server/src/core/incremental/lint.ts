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

import type { Finding, RelatedLocation } from '../findings.js';
import type { Resource, Template } from '../cfn/template.js';
import { sameMeaning } from './semantics.js';

const INTERNAL_ERROR = 'VPCE0000';
const ANCHOR = /(?:^|[\s:\-[{,])&[^\s[\]{},]/m;

export type RuleScope = 'document' | 'resource' | 'template';

/** What a document keeps between its versions (one per open document, like the parse cache). */
export interface LintMemo {
  last?: LastLint;
  /** How each version was linted: the tests and the benchmark read it. */
  stats: { full: number; incremental: number };
  /**
   * The last version linted means to every template-scoped reader what the one before it meant (the
   * incremental path kept their results): what is made from the template's meaning alone, and holds no
   * offset (the editor's network facts for completion and hover), may be kept from that version too.
   */
  sameMeaning: boolean;
  /** With sameMeaning: the one edit from the last version's text to this one's (undefined: the same text). */
  edit?: Edit;
}

interface LastLint {
  text: string;
  /** The settings and options the findings were made with: another key lints from scratch. */
  key: string;
  template: Template;
  /** Each rule's findings before ignores and severities (those are applied to every version anew). */
  outputs: Map<string, Finding[]>;
}

export function newLintMemo(): LintMemo {
  return { stats: { full: 0, incremental: 0 }, sameMeaning: false };
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
}

/** Each rule's findings for this version, reusing the last version's where the edit cannot change them. */
export function lintWithMemo(memo: LintMemo, input: LintInput): Map<string, Finding[]> {
  const last = memo.last;
  const edit = input.eligible && last && last.key === input.key ? editBetween(last.text, input.text) : undefined;
  let outputs = input.eligible && last && last.key === input.key ? incremental(last, input, edit) : undefined;
  memo.sameMeaning = outputs !== undefined;
  memo.edit = outputs ? edit : undefined;
  if (outputs) memo.stats.incremental++;
  else {
    memo.stats.full++;
    outputs = new Map(input.rules.map((r) => [r.id, input.run(r.id)]));
  }
  memo.last = input.eligible ? { text: input.text, key: input.key, template: input.template, outputs } : undefined;
  return outputs;
}

export interface Edit {
  start: number;
  /** End of the replaced text in the last version. */
  oldEnd: number;
  delta: number;
}

function incremental(last: LastLint, input: LintInput, edit: Edit | undefined): Map<string, Finding[]> | undefined {
  if (!edit) return input.rules.every((r) => last.outputs.has(r.id)) ? new Map(input.rules.map((r) => [r.id, last.outputs.get(r.id)!])) : undefined;
  const before = last.template.resources;
  const after = input.template.resources;
  if (before.length !== after.length || resourceCount(last.template) !== resourceCount(input.template)) return undefined;
  const i = before.findIndex((r) => r.key.start <= edit.start && edit.oldEnd <= r.node.end);
  if (i < 0) return undefined;
  for (let k = 0; k < before.length; k++) if (before[k]!.id !== after[k]!.id || before[k]!.type !== after[k]!.type) return undefined;
  const oldR = before[i]!;
  const newR = after[i]!;
  if (newR.key.start !== oldR.key.start || newR.node.end !== oldR.node.end + edit.delta || !sameMeaning(oldR.node, newR.node)) return undefined;
  // A YAML anchor in the edited resource may be aliased by another resource, which then changes too.
  if (ANCHOR.test(last.text.slice(oldR.key.start, oldR.node.end)) || ANCHOR.test(input.text.slice(newR.key.start, newR.node.end))) return undefined;
  const move = mover(edit);
  const out = new Map<string, Finding[]>();
  for (const rule of input.rules) {
    const old = last.outputs.get(rule.id);
    if (!old) return undefined;
    if (rule.scope === 'document') {
      out.set(rule.id, input.run(rule.id));
      continue;
    }
    const kept: Finding[] = [];
    // An internal error says nothing of where it came from: it is never kept, only made again.
    if (rule.scope === 'resource' && old.some((f) => f.ruleId === INTERNAL_ERROR)) return undefined;
    for (const f of old) {
      if (rule.scope === 'resource' && belongsTo(f, oldR)) continue;
      // A finding of another resource that points into the edited one: it may rest on it after all.
      if (rule.scope === 'resource' && f.resource !== undefined && touches(f, oldR)) return undefined;
      const moved = move(f);
      if (!moved) return undefined;
      kept.push(moved);
    }
    if (rule.scope === 'resource') {
      for (const f of input.run(rule.id, newR)) {
        if (f.ruleId === INTERNAL_ERROR) return undefined;
        if (belongsTo(f, newR)) kept.push(f);
      }
    }
    out.set(rule.id, kept);
  }
  return out;
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
