// The trace panel's trust boundary: what the page posts and what a restored panel's state holds are
// checked field by field; the CSP nonce is random; settings that name files are restricted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromWebview, restoredTarget } from '../../../client/src/webview/messages.js';
import { nonce } from '../../../client/src/webview/nonce.js';

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };

test('well-formed page messages pass, rebuilt from their fields only', () => {
  assert.deepEqual(fromWebview({ type: 'ready', extra: 1 }), { type: 'ready' });
  assert.deepEqual(fromWebview({ type: 'matrix' }), { type: 'matrix' });
  assert.deepEqual(fromWebview({ type: 'trace', from: 'SubnetA', to: 's3', x: 2 }), { type: 'trace', from: 'SubnetA', to: 's3' });
  assert.deepEqual(fromWebview({ type: 'reveal', range: { ...range, evil: true } }), { type: 'reveal', range });
  assert.deepEqual(fromWebview({ type: 'apply', index: 2 }), { type: 'apply', index: 2 });
});

test('malformed page messages are dropped: bad ranges, from/to that are not names, unknown or inherited types', () => {
  const bad: unknown[] = [
    null, 'reveal', [], {}, { type: 'nope' }, { type: 'toString' }, { type: '__proto__' }, { type: 'constructor' },
    { type: 'reveal' }, { type: 'reveal', range: 'x' }, { type: 'reveal', range: { start: { line: -1, character: 0 }, end: range.end } },
    { type: 'reveal', range: { start: { line: 1.5, character: 0 }, end: range.end } }, { type: 'reveal', range: { start: range.start, end: { line: 0, character: 0 } } },
    { type: 'reveal', range: { start: { line: '1', character: 0 }, end: range.end } }, { type: 'reveal', range: { start: { line: 1e12, character: 0 }, end: { line: 1e12, character: 1 } } },
    { type: 'trace', from: 'A' }, { type: 'trace', from: 1, to: 's3' }, { type: 'trace', from: '', to: 's3' }, { type: 'trace', from: 'A', to: 'x'.repeat(10_000) },
    { type: 'trace', from: { toString: () => 'A' }, to: 's3' },
    { type: 'apply' }, { type: 'apply', index: -1 }, { type: 'apply', index: 0.5 }, { type: 'apply', index: '1' }, { type: 'apply', index: 1e9 },
  ];
  for (const m of bad) assert.equal(fromWebview(m), undefined, JSON.stringify(m));
});

test('a restored panel state needs a document URI of a known scheme and two names', () => {
  assert.deepEqual(restoredTarget({ uri: 'file:///w/t.yaml', from: 'A', to: 's3', more: 1 }), { uri: 'file:///w/t.yaml', from: 'A', to: 's3' });
  assert.deepEqual(restoredTarget({ uri: 'untitled:Untitled-1', from: 'A', to: 'internet' })?.uri, 'untitled:Untitled-1');
  for (const s of [undefined, null, 'file:///x', { uri: 'command:workbench.action.terminal.new', from: 'A', to: 's3' }, { uri: 'https://evil.example/t.yaml', from: 'A', to: 's3' }, { uri: 'file:///t.yaml', from: 'A' }, { uri: 42, from: 'A', to: 's3' }, { uri: 'no-scheme', from: 'A', to: 's3' }]) {
    assert.equal(restoredTarget(s), undefined, JSON.stringify(s));
  }
});

test('nonces are 128 random bits, never repeated', () => {
  const seen = new Set(Array.from({ length: 1000 }, nonce));
  assert.equal(seen.size, 1000);
  for (const n of seen) assert.match(n, /^[0-9a-f]{32}$/);
  const source = readFileSync(join(__dirname, '../../../client/src/webview/trace-panel.ts'), 'utf8') + readFileSync(join(__dirname, '../../../client/src/webview/nonce.ts'), 'utf8');
  assert.ok(!source.includes('Math.random'), 'the panel makes no nonce from Math.random');
});

test('settings that name files or globs are restricted in untrusted workspaces', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
  const trust = manifest.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, 'limited');
  const props = manifest.contributes.configuration.properties as Record<string, { markdownDescription?: string; description?: string }>;
  const naming = Object.entries(props).filter(([key, p]) => /files?|glob|path/i.test(key) || /glob|file path/i.test(p.markdownDescription ?? p.description ?? '')).map(([key]) => key);
  assert.ok(naming.includes('vpceLens.policyFiles'));
  assert.deepEqual(trust.restrictedConfigurations.sort(), naming.sort());
});

test('the settings schema takes rule ids in any case, as the server does', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
  const pattern = new RegExp(manifest.contributes.configuration.properties['vpceLens.rules'].propertyNames.pattern);
  for (const id of ['VPCE6003', 'vpce6003', 'Vpce6003']) assert.ok(pattern.test(id), id);
  assert.ok(!pattern.test('VPCE60031'));
});
