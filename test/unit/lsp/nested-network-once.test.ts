// One analysis per document version: the network of a template read across stacks (a parent with the nested
// stacks it deploys, a nested template as its parent inlines it) is built once, by the check of the version
// (core/cdk/nested-check.ts inlinedFindings), and the trace, matrix, lenses, map and hover of that version read
// that one (core/cdk/nested-network.ts inlinedNetwork). They each built it again. Counted by the builds, not timed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisStore } from '../../../server/src/lsp/analysis-store.js';
import type { Query, StacksAround } from '../../../server/src/lsp/lint-protocol.js';
import { inlinedNetworkStats } from '../../../server/src/core/cdk/nested-network.js';

const ROOT = join(__dirname, '..', '..', '..');
const PARENT = join(ROOT, 'test', 'fixtures', 'nested-local', 'main.yaml');
const NESTED = join(ROOT, 'test', 'fixtures', 'nested-local', 'stacks', 'endpoints.yaml');
const settings = { regions: ['eu-west-1'] };

let id = 0;

/** Analyses `path` as the worker does for an open document, then asks every question that reads across stacks. */
function openAndAsk(path: string, stacks?: StacksAround): { built: number; reused: number } {
  const before = { ...inlinedNetworkStats };
  const store = new AnalysisStore();
  const key = `file://${path}`;
  const reply = store.handle({ id: ++id, type: 'analyze', key, version: 1, text: readFileSync(path, 'utf8'), options: { fileName: path, settings }, ...(stacks ? { stacks } : {}) });
  assert.ok('view' in reply && reply.view.acrossStacks, JSON.stringify(reply).slice(0, 300));
  const analysis = reply.view.analysis;
  const queries: Query[] = [
    { kind: 'trace', params: { uri: key, from: 'SubnetA', to: 'ssm' } },
    { kind: 'matrix' },
    { kind: 'lenses', services: [] },
    { kind: 'map', params: { uri: key } },
    { kind: 'element', element: { kind: 'group', id: 'EndpointGroup' } },
  ];
  for (const query of queries) {
    const answer = store.handle({ id: ++id, type: 'query', key, analysis, query });
    assert.ok('answer' in answer, `${query.kind}: ${JSON.stringify(answer).slice(0, 300)}`);
  }
  return { built: inlinedNetworkStats.built - before.built, reused: inlinedNetworkStats.reused - before.reused };
}

test('an open parent: the network across its nested stacks is built once a version, by its check', () => {
  const n = openAndAsk(PARENT);
  assert.equal(n.built, 1, JSON.stringify(n));
  assert.ok(n.reused >= 1, JSON.stringify(n));
});

test('an open nested template: the network its parent inlines it in is built once a version, by its check', () => {
  const n = openAndAsk(NESTED, { parents: [{ path: PARENT, settings }], base: ROOT });
  assert.equal(n.built, 1, JSON.stringify(n));
  assert.ok(n.reused >= 1, JSON.stringify(n));
});

test('another version is read again: its stacks are its own', () => {
  assert.equal(openAndAsk(PARENT).built, 1);
  assert.equal(openAndAsk(PARENT).built, 1);
});
