// The lint worker: it answers what the engine answers in-process, and when it cannot run (no script,
// a heap too small for the template) the lint still happens, on the calling thread.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintDocument } from '../../server/src/core/engine.js';
import { LintThread } from '../../server/src/lsp/lint-thread.js';
import { ROOT, SERVER } from './client.js';

const TEXT = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
const SETTINGS = { regions: ['eu-west-1'], rules: {} };
const expected = lintDocument(TEXT, { fileName: 'x.yaml', settings: SETTINGS });

test('the built server, started as a worker, lints like the engine in-process', async () => {
  const logs: string[] = [];
  const thread = new LintThread(SERVER, (m) => logs.push(m));
  const results = await Promise.all([thread.lint(TEXT, { fileName: 'x.yaml', settings: SETTINGS }), thread.lint('a: 1\n', { fileName: 'y.yaml', settings: SETTINGS })]);
  assert.deepEqual(results[0], expected);
  assert.deepEqual(results[1], { kind: 'none', findings: [] });
  assert.deepEqual(logs, []);
  thread.dispose();
});

test('a worker that runs out of heap: the lint runs here, and the next worker gets more heap', async () => {
  const logs: string[] = [];
  const thread = new LintThread(SERVER, (m) => logs.push(m), 1);
  assert.deepEqual(await thread.lint(TEXT, { fileName: 'x.yaml', settings: SETTINGS }), expected);
  assert.ok(logs.some((l) => /Lint worker stopped.*next worker heap 2 MB/.test(l)), logs.join('\n'));
  thread.dispose();
});

test('without a worker script the lint runs on the calling thread', async () => {
  assert.deepEqual(await new LintThread(undefined, () => {}).lint(TEXT, { fileName: 'x.yaml', settings: SETTINGS }), expected);
});
