// "Fix all" for a Terraform document, on the contract of CloudFormation's (fixes/verify.ts fixAllText):
// each round takes every finding's first verified preferred fix whose edits touch nothing another
// took, applies them together, lints the module again and checks the result (no finding added beyond
// what the fixes say they leave), falling back to the first fix alone when the combination is not
// good; rounds repeat until nothing is left to fix (bounded), so that running it twice gives what
// running it once gave. Only fixes whose edits all lie in the document itself are taken: fix-all runs
// on save, and a change to another file of the module (vpc.tf) is the light bulb's, made in view.

import type { Finding } from '../../findings.js';
import type { Fix } from '../../fixes/types.js';
import { fixRounds, sameEdits } from '../../fixes/verify.js';

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
  const round = (a: FixAllRound, t: string) => ({ findings: a.findings, candidates: () => preferredFixes(a, t.length) });
  return fixRounds(text, round(first, text), (t) => round(analyze(t), t), maxPasses);
}

/** Each finding's first verified preferred fix that edits the document alone, in rule-id order, then by position. */
function preferredFixes(round: FixAllRound, docEnd: number): Fix[] {
  const ordered = [...round.findings].filter((f) => f.end <= docEnd).sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.start - b.start);
  const out: Fix[] = [];
  for (const f of ordered) {
    const fix = round.verifiedFixes(f).find((x) => x.isPreferred && x.edits.every((e) => !e.file && e.end <= docEnd));
    if (fix && !out.some((o) => sameEdits(o.edits, fix.edits))) out.push(fix);
  }
  return out;
}
