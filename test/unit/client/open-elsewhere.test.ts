// A hop or map node in a nested stack's template opens that file: the page sends only an index (a hop) or a
// node id (a map node); the extension looks the place up in what it sent the page. Whatever else a page
// posts (a path, a URI, a range of its own with a file) is dropped, and an index or id the sent answer does
// not have opens nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromWebview, hopElsewhere } from '../../../client/src/webview/messages.js';
import { fromMapWebview, nodePlace } from '../../../client/src/webview/map/map-messages.js';
import type { TraceView } from '../../../server/src/protocol/trace.js';
import type { MapView } from '../../../server/src/protocol/map.js';

const here = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
const there = { start: { line: 20, character: 2 }, end: { line: 20, character: 13 } };

const sent: TraceView = {
  from: 'SubnetA', to: 'ssm', verdict: 'private', summary: 's', suggestions: [],
  hops: [
    { resource: 'SubnetA', kind: 'subnet', decision: 'pass', reason: 'r', range: here },
    { resource: 'SsmEndpoint', kind: 'endpoint', decision: 'pass', reason: 'r', file: 'stacks/endpoints.yaml', line: 20, fileRange: there },
  ],
};

test('the page asks to open a hop by index only: a path, URI or range it adds is not carried', () => {
  const forged = { type: 'open', hop: 1, file: '/etc/passwd', uri: 'file:///etc/passwd', path: '../../.ssh/id_rsa', range: here, fileRange: here };
  assert.deepEqual(fromWebview(forged), { type: 'open', hop: 1 });
  for (const bad of [{ type: 'open' }, { type: 'open', hop: '1' }, { type: 'open', hop: -1 }, { type: 'open', hop: 0.5 }, { type: 'open', hop: 1e9 },
    { type: 'open', hop: '/etc/passwd' }, { type: 'open', hop: { toString: () => '1' } }, { type: 'open', file: '/etc/passwd' }, { type: 'open', uri: 'command:workbench.action.terminal.new' }]) {
    assert.equal(fromWebview(bad), undefined, JSON.stringify(bad));
  }
});

test('a hop opens the file and range the extension sent for it; other indices open nothing', () => {
  assert.deepEqual(hopElsewhere(sent, 1), { file: 'stacks/endpoints.yaml', range: there });
  // A hop in the document itself is revealed by its range, not opened as another file.
  assert.equal(hopElsewhere(sent, 0), undefined);
  for (const i of [2, -1, 0.5, Number.NaN, 1e9]) assert.equal(hopElsewhere(sent, i), undefined, String(i));
  assert.equal(hopElsewhere(undefined, 1), undefined);
  // A hop named by file with no range there (an older server's answer) has no place to open.
  const { fileRange: _, ...noRange } = sent.hops[1]!;
  assert.equal(hopElsewhere({ ...sent, hops: [noRange] }, 0), undefined);
});

test('a map node opens by id: its range in the document or its nested file; forged fields and unknown ids open nothing', () => {
  const map = { title: 't', svg: { tag: 'svg', attrs: {} }, ranges: { SubnetA: here, SsmEndpoint: null, 'service:s3': null }, elsewhere: { SsmEndpoint: { file: 'stacks/endpoints.yaml', range: there } } } as MapView;
  assert.deepEqual(fromMapWebview({ type: 'reveal', node: 'SsmEndpoint', file: '/etc/passwd', uri: 'file:///etc/passwd', range: here }), { type: 'reveal', node: 'SsmEndpoint' });
  assert.equal(fromMapWebview({ type: 'reveal', uri: 'file:///etc/passwd' }), undefined);
  assert.deepEqual(nodePlace(map, 'SubnetA'), { range: here });
  assert.deepEqual(nodePlace(map, 'SsmEndpoint'), { file: 'stacks/endpoints.yaml', range: there });
  for (const id of ['service:s3', 'Nope', '/etc/passwd', 'file:///etc/passwd', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.equal(nodePlace(map, id), undefined, id);
  assert.equal(nodePlace(undefined, 'SubnetA'), undefined);
});
