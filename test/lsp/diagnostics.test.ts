// Diagnostics over a real LSP connection to the built server: on open, on incremental change, never
// for a superseded version, cleared on close, none for files that are not templates.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LspClient, fileUri, ROOT } from './client.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
let client: LspClient;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

/** Line/character of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, shift = 0): { line: number; character: number } {
  const at = text.indexOf(needle) + shift;
  assert.ok(at >= shift, `${needle} not in text`);
  const line = text.slice(0, at).split('\n').length - 1;
  return { line, character: at - (text.lastIndexOf('\n', at - 1) + 1) };
}

test('on open: each finding is a diagnostic with code, link, source, related locations and data', async () => {
  const uri = fileUri('test/lsp/open.yaml');
  client.open(uri, EXAMPLE);
  const p = await client.waitFor(uri);
  assert.equal(p.version, 1);
  const codes = p.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('VPCE2001') && codes.includes('VPCE1002') && codes.includes('VPCE5001'), codes.join(','));
  const d = p.diagnostics.find((x) => x.code === 'VPCE2001')!;
  assert.equal(d.source, 'vpce-lens');
  assert.equal(d.severity, 1);
  assert.deepEqual(d.range.start, positionOf(EXAMPLE, 'ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs'));
  assert.deepEqual(d.data, { ruleId: 'VPCE2001', data: { type: 'Interface', defaulted: true }, resource: 'SqsEndpoint' });
  const href = d.codeDescription!.href;
  assert.match(href, /^file:.*\/docs\/rules\.md#vpce2001$/);
  assert.ok(existsSync(fileURLToPath(href.replace(/#.*/, ''))), `${href} does not exist`);
  const dns = p.diagnostics.find((x) => x.code === 'VPCE5001')!;
  assert.equal(dns.relatedInformation?.[0]?.location.uri, uri);
  assert.match(dns.relatedInformation![0]!.message, /EnableDnsHostnames/);
  client.close(uri);
});

test('on change: an incremental edit is linted and published for its version', async () => {
  const uri = fileUri('test/lsp/change.yaml');
  client.open(uri, EXAMPLE);
  await client.waitFor(uri, (p) => p.version === 1);
  const start = positionOf(EXAMPLE, 'VpcEndpointTyp: Gateway', 'VpcEndpointTyp'.length);
  const v = client.change(uri, [{ range: { start, end: start }, text: 'e' }]);
  const p = await client.waitFor(uri, (x) => x.version === v);
  assert.ok(!p.diagnostics.some((d) => d.code === 'VPCE1002'), 'the typo is fixed');
  assert.ok(p.diagnostics.some((d) => d.code === 'VPCE2001'), 'the rest is still found');
  client.close(uri);
});

test('versions sent quickly: only the newest is published, never an older one after it', async () => {
  const uri = fileUri('test/lsp/stale.yaml');
  client.open(uri, EXAMPLE);
  await client.waitFor(uri, (p) => p.version === 1);
  const at = positionOf(EXAMPLE, 'VpcEndpointTyp: Gateway', 'VpcEndpointTyp'.length);
  const v2 = client.change(uri, [{ range: { start: at, end: at }, text: 'e' }]);
  const v3 = client.change(uri, [{ range: { start: at, end: { ...at, character: at.character + 1 } }, text: '' }]);
  assert.equal(v3, v2 + 1);
  const last = await client.waitFor(uri, (p) => p.version === v3);
  assert.ok(last.diagnostics.some((d) => d.code === 'VPCE1002'), 'v3 undoes the fix of v2');
  await new Promise((r) => setTimeout(r, 400)); // anything late would arrive now
  const versions = client.publishedFor(uri).map((p) => p.version);
  assert.deepEqual(versions, [1, v3]);
  client.close(uri);
});

test('on close: diagnostics are cleared', async () => {
  const uri = fileUri('test/lsp/close.yaml');
  client.open(uri, EXAMPLE);
  const first = await client.waitFor(uri);
  assert.ok(first.diagnostics.length > 0);
  client.close(uri);
  const cleared = await client.waitFor(uri, (p) => p.diagnostics.length === 0, 5000, first.seq);
  assert.equal(cleared.version, undefined);
});

test('files that are not templates get an empty list, YAML or JSON', async () => {
  const compose = fileUri('test/lsp/docker-compose.yaml');
  client.open(compose, 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n');
  assert.deepEqual((await client.waitFor(compose)).diagnostics, []);
  const pkg = fileUri('test/lsp/package.json');
  client.open(pkg, '{"name": "x", "version": "1.0.0"', 'json');
  assert.deepEqual((await client.waitFor(pkg)).diagnostics, []);
  client.close(compose);
  client.close(pkg);
});

test('hostile input and bad requests do not bring the server down', async () => {
  const uri = fileUri('test/lsp/hostile.yaml');
  client.open(uri, 'AWSTemplateFormatVersion: x\nResources:\n  A: &a [*a, *a]\n  B: !Sub [\n\t\u0000 {{{{');
  await client.waitFor(uri);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: fileUri('nowhere.yaml') }, position: { line: 0, character: 0 } }), null);
  assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, context: { diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'vpce-lens', code: 'VPCE2001', data: { ruleId: 'VPCE2001', data: { type: 7 } } }] } }), []);
  await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 99, character: 99 } });
  // Still answering:
  const ok = fileUri('test/lsp/after-hostile.yaml');
  client.open(ok, EXAMPLE);
  assert.ok((await client.waitFor(ok)).diagnostics.length > 0);
  client.close(uri);
  client.close(ok);
});
