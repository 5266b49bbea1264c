// The editor never stalls: a document too large for the lint worker gets one finding and never a lint on
// the main thread; other documents answer while a large one is checked; a second initialize starts no
// second set of workers; a broken message stream ends the server (so the client restarts it) rather
// than leaving it silent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { CompletionItem } from 'vscode-languageserver/node';
import { LspClient, SERVER, ROOT, fileUri, initializeParams } from './client.js';
import { bigTemplate } from './big-template.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
const TYPING = EXAMPLE.replace('ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs', 'ServiceName: ss');

function endOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle) + needle.length;
  return { line: text.slice(0, at).split('\n').length - 1, character: at - (text.lastIndexOf('\n', at - 1) + 1) };
}

function threads(pid: number): number {
  return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

test('a document that kills the lint worker gets one "run the CLI" diagnostic; the others are still checked', async () => {
  // Heaps that hold the engine and the example, not a 2 MB template.
  const client = await LspClient.start({ debounceMs: 0 }, undefined, { VPCE_LENS_LINT_HEAP_MB: '32', VPCE_LENS_LARGE_LINT_HEAP_MB: '32' });
  try {
    const huge = fileUri('test/lsp/huge.yaml');
    client.open(huge, bigTemplate(8000));
    const published = await client.waitFor(huge, () => true, 60_000);
    assert.equal(published.diagnostics.length, 1, client.logs.join("\n"));
    assert.match(String(published.diagnostics[0]!.message), /too large to check in the editor.*run the CLI on it: vpce-lens check huge\.yaml/);
    const small = fileUri('test/lsp/small.yaml');
    client.open(small, TYPING);
    const smallPublished = await client.waitFor(small, () => true, 30_000);
    assert.ok(smallPublished.diagnostics.length > 0);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: small }, position: endOf(TYPING, 'ServiceName: ss') });
    assert.ok(items.some((i) => i.label === 'ssm'));
    assert.ok(!client.logs.some((l) => /main thread/.test(l)), client.logs.join('\n'));
  } finally {
    await client.stop();
  }
});

test('while a large document is checked, another document is checked and answered first', async () => {
  const client = await LspClient.start({ debounceMs: 0 });
  try {
    const large = fileUri('test/lsp/large.yaml');
    const small = fileUri('test/lsp/small-too.yaml');
    // The main worker has loaded the engine (so what is compared is checking, not start-up).
    const warm = fileUri('test/lsp/warm.yaml');
    client.open(warm, 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
    await client.waitFor(warm, () => true, 30_000);
    client.open(large, bigTemplate(4000)); // over 512 KB: the large documents' worker
    client.open(small, TYPING);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: small }, position: endOf(TYPING, 'ServiceName: ss') });
    assert.ok(items.some((i) => i.label === 'ssm'));
    const answeredAt = client.published.length;
    const smallPublished = await client.waitFor(small, () => true, 30_000);
    const largePublished = await client.waitFor(large, () => true, 120_000);
    assert.ok(smallPublished.seq < largePublished.seq, 'the small document was not queued behind the large one');
    assert.ok(answeredAt <= largePublished.seq, 'completion answered before the large document was done');
  } finally {
    await client.stop();
  }
});

test('a second initialize is refused and starts no more threads', async () => {
  const client = await LspClient.start();
  try {
    // Let the first worker start, then count.
    client.open(fileUri('test/lsp/init.yaml'), EXAMPLE);
    await client.waitFor(fileUri('test/lsp/init.yaml'));
    const before = threads(client.proc.pid!);
    for (let i = 0; i < 5; i++) await assert.rejects(client.request('initialize', initializeParams()), /already initialized/);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(threads(client.proc.pid!) <= before, `threads ${before} → ${threads(client.proc.pid!)}`);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: fileUri('test/lsp/init.yaml') }, position: endOf(EXAMPLE, 'ServiceName: !Sub com.amazonaws.') });
    assert.ok(hover, 'still answering');
  } finally {
    await client.stop();
  }
});

for (const [name, garbage] of [
  ['a header without Content-Length', 'Foo: bar\r\n\r\n{}'],
  ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}'],
  ['a Content-Length shorter than the message', 'Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"x"}'],
] as const) {
  test(`after malformed frames (${name}) the server answers or exits, never goes silent`, async () => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 8; i++) proc.stdin.write(garbage);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: initializeParams() });
    proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const outcome = await Promise.race([exited.then((code) => ({ code })), new Promise<{ timeout: true }>((r) => setTimeout(() => r({ timeout: true }), 10_000))]);
    if ('timeout' in outcome) {
      const answered = /"id":1,"result"/.test(out);
      proc.kill();
      assert.ok(answered, 'neither answered nor exited');
    } else assert.notEqual(outcome.code, 0, 'an exit the client treats as a crash (and restarts)');
  });
}
