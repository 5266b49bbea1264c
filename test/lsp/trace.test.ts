// The path trace over a real LSP connection: the custom requests the Trace Path command and the
// webview make, and the "Trace to …" CodeLens.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT, applyLspEdits } from './client.js';
import { SUGGESTION_EDIT_REQUEST, TRACE_COMMAND, TRACE_MATRIX_REQUEST, TRACE_OPTIONS_REQUEST, TRACE_REQUEST, type MatrixResponse, type SuggestionEditResult, type TraceOptionsResult, type TraceResponse } from '../../server/src/protocol/trace.js';

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
    assert.equal(answer.version, 1, 'the version traced goes with the answer');
    const natHop = answer.result.hops.find((h) => h.kind === 'NAT gateway')!;
    const natLine = TEXT.split('\n').findIndex((l) => l.startsWith('  Nat:'));
    assert.deepEqual(natHop.range?.start, { line: natLine, character: 2 });

    const matrix = await client.rpc.sendRequest<MatrixResponse>(TRACE_MATRIX_REQUEST, { uri: URI });
    assert.ok('matrix' in matrix && matrix.matrix.verdicts.length === matrix.matrix.sources.length);
    assert.equal(matrix.version, 1);
    // Each cell carries its explanation: the summary and the deciding hop with its value.
    const row = matrix.matrix.sources.findIndex((s) => s.id === 'PrivateSubnetB');
    const cell = matrix.matrix.cells![row]![matrix.matrix.targets.indexOf('s3')]!;
    assert.match(cell.summary, /NAT gateway Nat/);
    assert.deepEqual({ ...cell.deciding, reason: undefined }, { kind: 'route', resource: 'PrivateDefaultB', decision: 'pass', reason: undefined });
    assert.match(cell.deciding!.reason, /0\.0\.0\.0\/0 → nat gateway Nat/);
    const kms = matrix.matrix.cells![row]![matrix.matrix.targets.indexOf('kms')]!;
    assert.equal(kms.deciding?.decision, 'block');

    const bad = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri: URI, from: 'Gone', to: 's3' });
    assert.ok('error' in bad && /Gone is no longer in the template/.test(bad.error));

    const lenses = await client.rpc.sendRequest<{ range: { start: { line: number } }; command: { title: string; command: string; arguments: { from: string; to: string }[] } }[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    const subnetLine = TEXT.split('\n').findIndex((l) => l.startsWith('  PrivateSubnetB:'));
    // One lens per source (test/lsp/codelens.test.ts says which services it offers).
    const here = lenses.filter((l) => l.range.start.line === subnetLine);
    assert.equal(here.length, 1);
    assert.ok(here.every((l) => l.command.command === TRACE_COMMAND && l.command.arguments[0]!.from === 'PrivateSubnetB'));
  } finally {
    await client.stop();
  }
});

test('a trace suggestion is an action: its edit applied, the trace turns private', async () => {
  const client = await LspClient.start({ debounceMs: 0 });
  const uri = pathToFileURL(`${ROOT}test/lsp/suggestion.yaml`).href;
  try {
    client.open(uri, TEXT);
    const before = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from: 'PrivateSubnetB', to: 's3' });
    assert.ok('result' in before);
    assert.equal(before.result.verdict, 'public');
    assert.deepEqual(before.result.suggestions.map((s) => s.action), ['Add PrivateRtB to RouteTableIds']);
    const edit = await client.rpc.sendRequest<SuggestionEditResult>(SUGGESTION_EDIT_REQUEST, { uri, from: 'PrivateSubnetB', to: 's3', index: 0 });
    assert.ok(!('error' in edit), JSON.stringify(edit));
    assert.equal(edit.version, 1);
    const after = applyLspEdits(TEXT, edit.edits);
    assert.equal(after, TEXT.replace('RouteTableIds: [!Ref PrivateRtA, !Ref IsolatedRt]', 'RouteTableIds: [!Ref PrivateRtA, !Ref IsolatedRt, !Ref PrivateRtB]'));
    client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: TEXT.split('\n').length, character: 0 } }, text: after }]);
    const again = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from: 'PrivateSubnetB', to: 's3' });
    assert.ok('result' in again);
    assert.equal(again.result.verdict, 'private');
    // A suggestion index the trace does not have is an error, not a crash.
    const none = await client.rpc.sendRequest<SuggestionEditResult>(SUGGESTION_EDIT_REQUEST, { uri, from: 'PrivateSubnetB', to: 's3', index: 5 });
    assert.ok('error' in none);
  } finally {
    await client.stop();
  }
});

test('"fix the type first" is an action too: the type finding\'s own conversion, then the trace is private', async () => {
  const client = await LspClient.start({ debounceMs: 0 });
  const uri = pathToFileURL(`${ROOT}test/lsp/suggestion-type.yaml`).href;
  // The SQS endpoint without VpcEndpointType: CloudFormation's default makes it a Gateway endpoint, which SQS does not offer.
  const queue = /( {2}QueueEndpoint:[\s\S]*?ServiceName: [^\n]*\n)[\s\S]*?SecurityGroupIds: \[!Ref EndpointSg\]\n/;
  const text = TEXT.replace(queue, '$1      RouteTableIds: [!Ref PrivateRtA]\n');
  assert.notEqual(text, TEXT);
  try {
    client.open(uri, text);
    const before = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from: 'PrivateSubnetA', to: 'sqs' });
    assert.ok('result' in before);
    assert.equal(before.result.verdict, 'unknown');
    const index = before.result.suggestions.findIndex((s) => s.kind === 'set-endpoint-type');
    assert.ok(index >= 0, JSON.stringify(before.result.suggestions));
    assert.match(before.result.suggestions[index]!.action ?? '', /Interface/);
    const edit = await client.rpc.sendRequest<SuggestionEditResult>(SUGGESTION_EDIT_REQUEST, { uri, from: 'PrivateSubnetA', to: 'sqs', index });
    assert.ok(!('error' in edit), JSON.stringify(edit));
    const after = applyLspEdits(text, edit.edits);
    const endpoint = after.slice(after.indexOf('\n  QueueEndpoint:\n'), after.indexOf('\n  Worker:'));
    assert.ok(!/RouteTableIds/.test(endpoint) && /VpcEndpointType: Interface/.test(endpoint), endpoint);
    client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } }, text: after }]);
    const again = await client.rpc.sendRequest<TraceResponse>(TRACE_REQUEST, { uri, from: 'PrivateSubnetA', to: 'sqs' });
    assert.ok('result' in again);
    assert.equal(again.result.verdict, 'private', JSON.stringify(again.result));
  } finally {
    await client.stop();
  }
});
