// The CLI's reports are written in pieces of about a megabyte: a million findings make over 500 MB
// of JSON, more than one V8 string can hold. The pieces join into exactly the pretty-printed document.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson } from '../../server/src/cli/format-json.js';
import { formatSarif } from '../../server/src/cli/format-sarif.js';
import { formatText } from '../../server/src/cli/format-text.js';
import { LineIndex } from '../../server/src/core/document/line-index.js';
import { rules } from '../../server/src/core/rules/index.js';
import type { FileReport } from '../../server/src/cli/report.js';
import type { Finding } from '../../server/src/core/findings.js';

function reports(n: number): FileReport[] {
  const text = Array.from({ length: n }, (_, i) => `      Unknown${i}: 1`).join('\n');
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  for (let i = 0, at = 0; i < n; i++) {
    findings.push({ ruleId: 'VPCE1002', severity: 'error', message: `Ep: Unknown${i} is not a property of AWS::EC2::VPCEndpoint`, start: at + 6, end: at + 6 + `Unknown${i}`.length, resource: 'Ep', data: { property: `Unknown${i}` } });
    at += `      Unknown${i}: 1\n`.length;
  }
  return [{ file: 'a.yaml', findings, lines }, { file: 'empty.yaml', findings: [], lines: new LineIndex('') }];
}

function pieces(write: (out: (s: string) => void) => void): string[] {
  const out: string[] = [];
  write((s) => out.push(s));
  return out;
}

test('JSON and SARIF come in pieces of about 1 MB that join into the pretty-printed document', () => {
  const r = reports(30_000);
  for (const [name, chunks] of [['json', pieces((o) => formatJson(r, o))], ['sarif', pieces((o) => formatSarif(r, rules, '1.0.0', o))]] as const) {
    assert.ok(chunks.length > 3, `${name}: ${chunks.length} pieces`);
    for (const c of chunks) assert.ok(c.length < 2 * 1024 * 1024, `${name}: a piece of ${c.length} characters`);
    const whole = chunks.join('');
    assert.equal(whole, JSON.stringify(JSON.parse(whole), null, 2) + '\n', name);
  }
  const doc = JSON.parse(pieces((o) => formatJson(r, o)).join(''));
  assert.equal(doc.results[0].findings.length, 30_000);
  assert.deepEqual(doc.results[1], { file: 'empty.yaml', findings: [] });
  assert.deepEqual(doc.results[0].findings[29_999].range, { start: { line: 29_999, character: 6 }, end: { line: 29_999, character: 18 } });
});

test('text output comes in pieces too, one line per finding and the summary last', () => {
  const chunks = pieces((o) => formatText(reports(30_000), o));
  assert.ok(chunks.length > 1);
  const lines = chunks.join('').trimEnd().split('\n');
  assert.equal(lines.length, 30_001);
  assert.equal(lines.at(-1), '2 files checked: 30000 errors, 0 warnings, 0 info');
});
