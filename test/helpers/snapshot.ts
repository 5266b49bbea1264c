// Expected-findings snapshots: a fixture's findings rendered one per line as `line:col RULE severity message`
// (1-based, as editors show them). UPDATE_SNAPSHOTS=1 rewrites them; the diff is then reviewed by a person.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/document/line-index.js';
import type { Finding } from '../../server/src/core/findings.js';

export function renderFindings(text: string, findings: Finding[]): string {
  const lines = new LineIndex(text);
  return findings
    .map((f) => {
      const s = lines.positionAt(f.start);
      const e = lines.positionAt(f.end);
      return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${f.ruleId} ${f.severity} ${f.message}`;
    })
    .join('\n');
}

export function matchSnapshot(file: string, actual: string): void {
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) assert.fail(`missing snapshot ${file}; run npm run snapshots:update and review it`);
    writeFileSync(file, actual + '\n');
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8').replace(/\n$/, ''), `findings differ from ${file}; if the change is intended, run npm run snapshots:update and review the diff`);
}
