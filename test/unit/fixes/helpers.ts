// Shared by the fix tests: lint a text, take a rule's finding, apply its fix, and check that the
// result no longer has that finding.

import assert from 'node:assert/strict';
import { lintDocument } from '../../../server/src/core/engine.js';
import { applyEdits, fixesFor, type Fix } from '../../../server/src/core/fixes/index.js';
import type { Finding } from '../../../server/src/core/findings.js';
import type { EngineSettings } from '../../../server/src/core/settings.js';

export function findingsOf(text: string, settings: Partial<EngineSettings> = {}): Finding[] {
  return lintDocument(text, { settings }).findings;
}

export function onlyFinding(text: string, ruleId: string, settings: Partial<EngineSettings> = {}): Finding {
  const found = findingsOf(text, settings).filter((f) => f.ruleId === ruleId);
  assert.equal(found.length, 1, `expected one ${ruleId} finding, got ${found.length}`);
  return found[0]!;
}

/** Applies the one fix of the one finding of `ruleId` and returns the new text; the finding must be gone. */
export function fixed(text: string, ruleId: string, settings: Partial<EngineSettings> = {}, pick?: RegExp): { text: string; fix: Fix } {
  const finding = onlyFinding(text, ruleId, settings);
  const fixes = fixesFor(text, finding).filter((f) => !pick || pick.test(f.title));
  assert.equal(fixes.length, 1, `expected one fix for ${ruleId}, got ${fixes.length}`);
  const out = applyEdits(text, fixes[0]!.edits);
  const after = findingsOf(out, settings);
  assert.deepEqual(after.filter((f) => f.ruleId === ruleId).map((f) => f.message), [], `${ruleId} still found after the fix:\n${out}`);
  assert.deepEqual(after.filter((f) => f.ruleId === 'VPCE0001' || f.ruleId === 'VPCE0002').map((f) => f.message), [], `the fix broke the document:\n${out}`);
  return { text: out, fix: fixes[0]! };
}

/** Lines joined with \n and a final newline, so expected texts read as the document does. */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}
