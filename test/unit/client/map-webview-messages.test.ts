// What the map page may post, and what it agrees to draw: each message rebuilt from checked fields;
// a picture only of the SVG elements and attributes the engine draws with.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkedSvg, fromMapWebview, restoredMapTarget } from '../../../client/src/webview/map/map-messages.js';
import { networkOf } from '../../../server/src/core/trace/api.js';
import { networkMap } from '../../../server/src/core/map/map.js';

const ROOT = join(__dirname, '..', '..', '..');

test('messages from the map page: known types with checked fields, rebuilt; anything else dropped', () => {
  assert.deepEqual(fromMapWebview({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(fromMapWebview({ type: 'export', path: '/etc/passwd' }), { type: 'export' });
  assert.deepEqual(fromMapWebview({ type: 'clearPath' }), { type: 'clearPath' });
  assert.deepEqual(fromMapWebview({ type: 'reveal', node: 'PrivateSubnetA', range: { start: 0 } }), { type: 'reveal', node: 'PrivateSubnetA' });
  for (const bad of [null, 'ready', [], { type: 'reveal' }, { type: 'reveal', node: 3 }, { type: 'reveal', node: '' }, { type: 'reveal', node: 'x'.repeat(2000) }, { type: 'toString' }, { type: '__proto__' }, { type: 'apply', index: 0 }, { type: 'hasOwnProperty' }]) {
    assert.equal(fromMapWebview(bad), undefined, JSON.stringify(bad));
  }
});

test('the picture the engine draws passes the page\'s check; script, links, styles and handlers do not', () => {
  const m = networkMap(networkOf(readFileSync(join(ROOT, 'test/fixtures/trace/map-hostile-names.yaml'), 'utf8'))!, { from: 'Sub"net&<x>]]>--', to: 's3' }, 'x');
  assert.ok(m.ok);
  assert.equal(checkedSvg(m.svg), m.svg);
  const svg = (children: unknown[]) => ({ tag: 'svg', attrs: {}, children });
  assert.ok(checkedSvg(svg([{ tag: 'g', attrs: { class: 'node', 'data-node': '<x>' }, text: '<img src=x onerror=alert(1)>' }])));
  const bad: unknown[] = [
    svg([{ tag: 'script', attrs: {}, text: 'alert(1)' }]),
    svg([{ tag: 'foreignObject', attrs: {} }]),
    svg([{ tag: 'a', attrs: { href: 'javascript:alert(1)' } }]),
    svg([{ tag: 'g', attrs: { onclick: 'alert(1)' } }]),
    svg([{ tag: 'g', attrs: { style: 'background:url(x)' } }]),
    svg([{ tag: 'path', attrs: { 'marker-end': 'url(https://evil.example/x.svg#a)' } }]),
    svg([{ tag: 'text', attrs: {}, text: 3 }]),
    svg([{ tag: 'g', attrs: { class: 5 } }]),
    svg('not children' as unknown as unknown[]),
    { tag: 'g', attrs: {} },
    { tag: 'svg', attrs: [] },
    svg([{ tag: 'use', attrs: { 'xlink:href': '#x' } }]),
  ];
  for (const b of bad) assert.equal(checkedSvg(b), undefined, JSON.stringify(b));
  let deep: Record<string, unknown> = { tag: 'g', attrs: {} };
  for (let i = 0; i < 40; i++) deep = { tag: 'g', attrs: {}, children: [deep] };
  assert.equal(checkedSvg(svg([deep])), undefined);
});

test('a restored map state: a document URI of a known scheme, an optional VPC, a path with both ends or none', () => {
  assert.deepEqual(restoredMapTarget({ uri: 'file:///w/t.yaml', extra: 1 }), { uri: 'file:///w/t.yaml' });
  assert.deepEqual(restoredMapTarget({ uri: 'file:///w/t.yaml', vpc: 'Vpc', from: 'A', to: 's3' }), { uri: 'file:///w/t.yaml', vpc: 'Vpc', from: 'A', to: 's3' });
  for (const s of [
    undefined, null, 'file:///w/t.yaml', [], { uri: 'command:workbench.action.terminal.new' }, { uri: 'https://evil.example/t.yaml' }, { uri: 'no-scheme' },
    { uri: 'file:///t.yaml', from: 'A' }, { uri: 'file:///t.yaml', to: 's3' }, { uri: 'file:///t.yaml', from: 'A', to: 3 }, { uri: 'file:///t.yaml', vpc: '' },
    { uri: 'file:///t.yaml', vpc: { toString: () => 'Vpc' } }, { uri: `file:///${'x'.repeat(10_000)}` }, { uri: 'file:///t.yaml', from: 'x'.repeat(1000), to: 's3' },
  ]) {
    assert.equal(restoredMapTarget(s), undefined, JSON.stringify(s));
  }
});
