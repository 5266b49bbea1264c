// The path trace over a real LSP connection: the custom requests the Trace Path command and the
// webview make, and the "Trace to …" CodeLens.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT } from './client.js';
import { TRACE_COMMAND, TRACE_MATRIX_REQUEST, TRACE_OPTIONS_REQUEST, TRACE_REQUEST, type MatrixResponse, type TraceOptionsResult, type TraceResponse } from '../../server/src/protocol/trace.js';

const FILE = `${ROOT}test/fixtures/trace/classic.yaml`;
const URI = pathToFileURL(FILE).href;
const TEXT = readFileSync(FILE, 'utf8');

test('trace requests and CodeLens over LSP', async () => {
  const client = await LspClient.start({ debounceMs: 0 });
  try {
    client.open(URI, TEXT);
    const options = await client.rpc.sendRequest<TraceOptionsResult>(TRACE_OPTIONS_REQUEST, { uri: URI });
    assert.ok(!('error' in options));
    assert.ok(options.sources.some((s) => s.id === 'Worker' && s.kind === 'function'));
    assert.ok(options.targets.includes('s3') && options.targets.at(-1) === 'internet');

    const answer = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri: URI, from: 'PrivateSubnetB', to: 's3' });
    assert.ok('result' in answer);
    assert.equal(answer.result.verdict, 'public');
    const natHop = answer.result.hops.find((h) => h.kind === 'NAT gateway')!;
    const natLine = TEXT.split('\n').findIndex((l) => l.startsWith('  Nat:'));
    assert.deepEqual(natHop.range.start, { line: natLine, character: 2 });

    const matrix = await client.rpc.sendRequest<MatrixResponse>(TRACE_MATRIX_REQUEST, { uri: URI });
    assert.ok('matrix' in matrix && matrix.matrix.verdicts.length === matrix.matrix.sources.length);

    const bad = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri: URI, from: 'Gone', to: 's3' });
    assert.ok('error' in bad && /Gone is no longer in the template/.test(bad.error));

    const lenses = await client.rpc.sendRequest<{ range: { start: { line: number } }; command: { title: string; command: string; arguments: { from: string; to: string }[] } }[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    const subnetLine = TEXT.split('\n').findIndex((l) => l.startsWith('  PrivateSubnetB:'));
    const here = lenses.filter((l) => l.range.start.line === subnetLine);
    assert.deepEqual(here.map((l) => l.command.title).sort(), ['Trace to kms', 'Trace to logs', 'Trace to s3', 'Trace to ssm']);
    assert.ok(here.every((l) => l.command.command === TRACE_COMMAND && l.command.arguments[0]!.from === 'PrivateSubnetB'));
  } finally {
    await client.stop();
  }
});
