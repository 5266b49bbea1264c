// A fix is offered only when it does what it says: applied in memory and linted again, it must remove
// its finding and add no finding of warning or error severity (unless it names the rules it leaves,
// `Fix.leaves`, and its title says so). "Fix all" applies verified fixes, lints again and repeats
// until nothing is left to fix (bounded), so that running it twice gives what running it once gave.

import type { Finding } from '../findings.js';
import { applyEdits, overlaps } from './edits.js';
import { fixesFor, fixSource, type FixSource } from './offer.js';
import type { Fix, TextEdit } from './types.js';

/** Lints a text with the document's own settings (its regions, severities, file name). */
export type Relint = (text: string) => readonly Finding[];

const key = (f: Finding) => `${f.ruleId}|${f.resource ?? ''}`;

function counts(findings: readonly Finding[], serious: boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) {
    if (serious && f.severity === 'info') continue;
    const k = serious ? `${key(f)}|${f.severity}` : key(f);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/**
 * Why `after` (the text with a fix applied) is not a good result for `finding`, or undefined when it is.
 * Findings are compared by rule, resource and severity (their offsets moved with the edit).
 */
export function rejection(before: readonly Finding[], after: readonly Finding[], finding: Finding | undefined, leaves: readonly string[] = []): string | undefined {
  if (finding) {
    const k = key(finding);
    const was = counts(before, false).get(k) ?? 0;
    if ((counts(after, false).get(k) ?? 0) >= was) return `${finding.ruleId} is still there`;
  }
  const old = counts(before, true);
  for (const [k, n] of counts(after, true)) {
    if (n <= (old.get(k) ?? 0)) continue;
    const ruleId = k.slice(0, k.indexOf('|'));
    if (!leaves.includes(ruleId)) return `it adds ${ruleId}`;
  }
  return undefined;
}

/**
 * The fixes of one finding that pass the check above, each tried on its own. A fix that removes its
 * finding but brings another to light (a dualstack endpoint whose subnet has no IPv6 range) is still
 * offered, not preferred, with a title that says what is left to do; one that breaks the document is not.
 */
export function verifiedFixes(source: FixSource, finding: Finding, before: readonly Finding[], relint: Relint): Fix[] {
  const out: Fix[] = [];
  for (const fix of fixesFor(source, finding)) {
    const after = relint(applyEdits(source.text, fix.edits));
    if (rejection(before, after, finding, fix.leaves) === undefined) {
      out.push(fix);
      continue;
    }
    if (rejection(before, after, finding, after.map((f) => f.ruleId)) !== undefined) continue; // still there
    const added = addedFindings(before, after);
    if (added.length === 0 || added.some((f) => f.ruleId.startsWith('VPCE0'))) continue;
    out.push({ ...fix, isPreferred: false, leaves: [...new Set(added.map((f) => f.ruleId))], title: `${fix.title}, then: ${firstClause(added[0]!.message, finding.resource)}` });
  }
  return out;
}

/** Warnings and errors of `after` beyond those `before` had, by rule, resource and severity. */
function addedFindings(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const left = counts(before, true);
  const out: Finding[] = [];
  for (const f of after) {
    if (f.severity === 'info') continue;
    const k = `${key(f)}|${f.severity}`;
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(f);
  }
  return out;
}

/** A finding's message as a to-do: without the resource's name in front, up to its first clause. */
function firstClause(message: string, resource: string | undefined): string {
  const bare = resource && message.startsWith(`${resource}: `) ? message.slice(resource.length + 2) : message;
  return bare.split(/; |\. /)[0]!;
}

export interface FixAllResult {
  text: string;
  /** Lint passes that changed the text. */
  passes: number;
}

/**
 * Preferred fixes, applied until none is left (at most `maxPasses` rounds). Each round takes every
 * verified preferred fix whose edits touch nothing another took, checks the combined result, and falls
 * back to one fix at a time when fixes that were each fine together are not (a rename and an added key
 * that would name the same member).
 */
export function fixAllText(text: string, relint: Relint, maxPasses = 8): FixAllResult {
  const roundOf = (t: string): FixRound => {
    const findings = relint(t);
    return { findings, candidates: () => preferredFixes(fixSource(t), findings, relint) };
  };
  return fixRounds(text, roundOf(text), roundOf, maxPasses);
}

/** One version of a text in fix-all: its findings and the fixes to take from it, in order. */
export interface FixRound {
  findings: readonly Finding[];
  candidates(): Fix[];
}

/**
 * The rounds of fix-all, for any format (Terraform's: tf/fixes/fix-all.ts): the candidates whose edits
 * touch nothing an earlier one took, applied together and judged by the next round's findings; the first
 * alone where together they add a finding; until a round has nothing to take or `maxPasses`.
 */
export function fixRounds(text: string, first: FixRound, roundOf: (text: string) => FixRound, maxPasses = 8): FixAllResult {
  let current = text;
  let round = first;
  let passes = 0;
  for (; passes < maxPasses; passes++) {
    const candidates = round.candidates();
    if (candidates.length === 0) break;
    const together: TextEdit[] = [];
    for (const fix of candidates) {
      if (fix.edits.some((e) => together.some((a) => overlaps(a, e) || same(a, e)))) continue;
      together.push(...fix.edits);
    }
    let next = applyEdits(current, together);
    let after = roundOf(next);
    if (rejection(round.findings, after.findings, undefined, candidates.flatMap((c) => c.leaves ?? [])) !== undefined) {
      // The first fix alone was verified: take it and look again.
      next = applyEdits(current, candidates[0]!.edits);
      after = roundOf(next);
    }
    if (next === current) break;
    current = next;
    round = after;
  }
  return { text: current, passes };
}

/**
 * Verified preferred fixes of the findings, in rule-id order so that a key's rename comes before an
 * addition of the same key (VPCE1002 before VPCE2001), then by position.
 */
function preferredFixes(source: FixSource, findings: readonly Finding[], relint: Relint): Fix[] {
  const ordered = [...findings].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.start - b.start);
  const out: Fix[] = [];
  for (const f of ordered) {
    const fix = verifiedFixes(source, f, findings, relint).find((x) => x.isPreferred);
    if (fix && !out.some((o) => sameEdits(o.edits, fix.edits))) out.push(fix);
  }
  return out;
}

/** The edits turning `before` into `after`: one replacement of the part between their common ends. */
export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return [{ start, end: before.length - end, newText: after.slice(start, after.length - end) }];
}

function same(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

export function sameEdits(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.length === b.length && a.every((e, i) => same(e, b[i]!));
}
