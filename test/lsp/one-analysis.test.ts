// The invariant "one analysis per document version": diagnostics, hover, completion, code actions,
// fix-all, CodeLens, the trace and the matrix of one version cost one parse in all (counted in the lint
// worker over a real connection), and no file of the language server's main thread can parse.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { LspClient, fileUri, ROOT, positionAt } from './client.js';
import { TRACE_MATRIX_REQUEST, TRACE_OPTIONS_REQUEST, TRACE_REQUEST, type TraceOptionsResult } from '../../server/src/protocol/trace.js';

const TEXT = readFileSync(`${ROOT}test/fixtures/trace/classic.yaml`, 'utf8');

function positionOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle) + needle.length;
  assert.ok(at >= needle.length, `${needle} in the text`);
  return { line: text.slice(0, at).split('\n').length - 1, character: at - (text.lastIndexOf('\n', at - 1) + 1) };
}

test('every feature of one version reads one analysis: one parse per version', async () => {
  const client = await LspClient.start({ debounceMs: 0 }, undefined, { VPCE_LENS_TEST_STATS: '1' });
  const uri = fileUri('test/lsp/one-analysis.yaml');
  const stats = () => client.request<{ parses: number }>('vpceLens/test/stats', {});
  try {
    // A ServiceName being typed, so that completion has a slot and diagnostics have fixes.
    const text = TEXT.replace(/ServiceName: [^\n]*/, 'ServiceName: ss');
    client.open(uri, text);
    const published = await client.waitFor(uri, (p) => p.version === 1);
    assert.equal((await stats()).parses, 1);

    const at = positionOf(text, 'ServiceName: ss');
    const items = await client.request<unknown[]>('textDocument/completion', { textDocument: { uri }, position: at });
    assert.ok(items.length > 100, 'the catalogue is offered');
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: at.line, character: at.character - 1 } });
    const diagnostics = published.diagnostics as Diagnostic[];
    assert.ok(diagnostics.length > 0);
    const range = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
    const actions = await client.request<unknown[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
    assert.ok(actions.length > 0, 'some quick fix is offered');
    await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only: ['source.fixAll'] } });
    const lenses = await client.request<unknown[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.length > 0);
    const options = await client.request<TraceOptionsResult>(TRACE_OPTIONS_REQUEST, { uri });
    assert.ok('sources' in options);
    await client.request(TRACE_REQUEST, { uri, from: options.sources[0]!.id, to: 's3' });
    await client.request(TRACE_MATRIX_REQUEST, { uri });
    assert.equal((await stats()).parses, 1, 'nothing parsed the version again');

    // A new version: one more parse, shared by its diagnostics and hover.
    client.change(uri, [{ range: { start: at, end: at }, text: 'm' }]);
    await client.waitFor(uri, (p) => p.version === 2);
    await client.request('textDocument/hover', { textDocument: { uri }, position: at });
    assert.equal((await stats()).parses, 2);
  } finally {
    await client.stop();
  }
});

test('network facts are made on the first hover or completion of a version, not on every keystroke', async () => {
  const client = await LspClient.start({ debounceMs: 0 }, undefined, { VPCE_LENS_TEST_STATS: '1' });
  const uri = fileUri('test/lsp/one-analysis-facts.yaml');
  const facts = async () => (await client.request<{ facts: number }>('vpceLens/test/stats', {})).facts;
  let text = readFileSync(`${ROOT}test/fixtures/assist/network.yaml`, 'utf8');
  const edit = async (at: number, insert: string) => {
    const position = positionAt(text, at);
    text = text.slice(0, at) + insert + text.slice(at);
    const version = client.change(uri, [{ range: { start: position, end: position }, text: insert }]);
    await client.waitFor(uri, (p) => p.version === version);
  };
  const hover = async () => {
    const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, text.indexOf('  SubnetA1:\n') + 4) });
    return h?.contents.value ?? '';
  };
  try {
    client.open(uri, text);
    await client.waitFor(uri, (p) => p.version === 1);
    const before = await facts();
    // Typing into a subnet's CIDR (10.0.1.0/24 → 10.0.123.0/24): each version changes the model, none is hovered.
    const cidr = text.indexOf('10.0.1.0/24') + '10.0.1'.length;
    await edit(cidr, '2');
    await edit(cidr + 1, '3');
    assert.equal(await facts(), before, 'no version made its facts unasked');
    assert.match(await hover(), /10\\\.0\\\.123\\\.0\\\/24/);
    assert.equal(await facts(), before + 1, 'the hover made the version\'s facts');
    await hover();
    assert.equal(await facts(), before + 1, 'a second hover of the version made nothing');
    // A description edit means the same: its hover reads the facts already made.
    await edit(text.indexOf('admits 80 only') + 3, 'x');
    assert.match(await hover(), /10\\\.0\\\.123\\\.0\\\/24/);
    assert.equal(await facts(), before + 1, 'a version of the same meaning kept the facts');
  } finally {
    await client.stop();
  }
});

// What the main thread may not call: anything that parses a text or builds a model from one. Only the
// worker's store (analysis-store.ts) calls `analyze`.
const PARSERS = /(?<![.\w])(parseText|parseWithCache|parseFastYaml|parseWithYamlLibrary|parseDocument|networkOf|traceText|fixSource|fixesFor|fixAll|lintDocument|lintTemplate|analyzeTemplate|buildTemplate|buildNetwork|buildEndpoints)\s*\(|import\s*\{[^}]*\b(analyze|parseText)\b[^}]*\}\s*from/;

test('no language-server file but the worker store parses or models a text', () => {
  const dir = join(ROOT, 'server/src/lsp');
  const files = [...readdirSync(dir).map((f) => join(dir, f)), join(ROOT, 'server/src/server.ts')].filter((f) => f.endsWith('.ts') && !f.endsWith('analysis-store.ts'));
  const offenders = files.filter((f) => PARSERS.test(readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '')));
  assert.deepEqual(offenders, []);
  assert.match(readFileSync(join(dir, 'analysis-store.ts'), 'utf8'), /\banalyze\(/, 'the store is where analyses are made');
});
