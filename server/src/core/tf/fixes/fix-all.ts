// "Fix all" for a Terraform document, on the contract of CloudFormation's (fixes/verify.ts fixAllText):
// each round takes every finding's first verified preferred fix whose edits touch nothing another
// took, applies them together, lints the module again and checks the result (no finding added beyond
// what the fixes say they leave), falling back to the first fix alone when the combination is not
// good; rounds repeat until nothing is left to fix (bounded), so that running it twice gives what
// running it once gave. Only fixes whose edits all lie in the document itself are taken: fix-all runs
// on save, and a change to another file of the module (vpc.tf) is the light bulb's, made in view.

import type { Finding } from '../../findings.js';
import { applyEdits, overlaps } from '../../fixes/edits.js';
import type { Fix, TextEdit } from '../../fixes/types.js';
import { rejection } from '../../fixes/verify.js';

/** What fix-all reads of one version of the document's module. */
export interface FixAllRound {
  findings: readonly Finding[];
  verifiedFixes(finding: Finding): Fix[];
}

/**
 * The document's text with the module's sure fixes applied. `analyze(text)` judges the module with the
 * document's text replaced (offsets up to `text.length` are the document's); `first` is the analysis
 * of `text` as it is.
 */
export function terraformFixAllText(text: string, first: FixAllRound, analyze: (text: string) => FixAllRound, maxPasses = 8): { text: string; passes: number } {
  let current = text;
  let round = first;
  let passes = 0;
  for (; passes < maxPasses; passes++) {
    const candidates = preferredFixes(round, current.length);
    if (candidates.length === 0) break;
    const together: TextEdit[] = [];
    for (const fix of candidates) {
      if (fix.edits.some((e) => together.some((a) => overlaps(a, e) || same(a, e)))) continue;
      together.push(...fix.edits);
    }
    let next = applyEdits(current, together);
    let after = analyze(next);
    if (rejection(round.findings, after.findings, undefined, candidates.flatMap((c) => c.leaves ?? [])) !== undefined) {
      // The first fix alone was verified: take it and look again.
      next = applyEdits(current, candidates[0]!.edits);
      after = analyze(next);
    }
    if (next === current) break;
    current = next;
    round = after;
  }
  return { text: current, passes };
}

/** Each finding's first verified preferred fix that edits the document alone, in rule-id order, then by position. */
function preferredFixes(round: FixAllRound, docEnd: number): Fix[] {
  const ordered = [...round.findings].filter((f) => f.end <= docEnd).sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.start - b.start);
  const out: Fix[] = [];
  for (const f of ordered) {
    const fix = round.verifiedFixes(f).find((x) => x.isPreferred && x.edits.every((e) => !e.file && e.end <= docEnd));
    if (fix && !out.some((o) => o.edits.length === fix.edits.length && o.edits.every((e, i) => same(e, fix.edits[i]!)))) out.push(fix);
  }
  return out;
}

function same(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}
