// A document over the size limit in the editor: one VPCE0004 finding, decided on the main thread; the
// text goes to no lint worker (nothing parses it); hover and completion in it answer nothing rather
// than index it. The limit is the CLI's: maxFileSize in .vpce-lens.yaml, else 20 MB. An edit that
// brings it under the limit has it checked as usual. Over a real connection to the built server.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT } from './client.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpce-size-'));
  // A limit of about 2 KB, so that the example (about 3 KB) is over it.
  writeFileSync(join(dir, '.vpce-lens.yaml'), 'maxFileSize: 0.002\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('a document over maxFileSize gets one VPCE0004 at its start and is not parsed; under it again, it is checked', async () => {
  assert.ok(EXAMPLE.length > 0.002 * 1024 * 1024 && EXAMPLE.length < 0.004 * 1024 * 1024, `${EXAMPLE.length} characters`);
  const client = await LspClient.start({ debounceMs: 0 }, undefined, { VPCE_LENS_TEST_STATS: '1' });
  const stats = () => client.request<{ parses: number }>('vpceLens/test/stats', {});
  try {
    const uri = pathToFileURL(join(dir, 'big.yaml')).href;
    client.open(uri, EXAMPLE);
    const first = await client.waitFor(uri, (p) => p.version === 1);
    assert.equal(first.diagnostics.length, 1, JSON.stringify(first.diagnostics));
    const d = first.diagnostics[0]!;
    assert.equal(d.code, 'VPCE0004');
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    // Both round to 3 KB: said in bytes, so that the size reads larger than the limit.
    const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;
    assert.equal(String(d.message), `big.yaml is ${bytes(Buffer.byteLength(EXAMPLE))}, over the editor's ${bytes(Math.floor(0.002 * 1024 * 1024))} limit (maxFileSize in .vpce-lens.yaml): not checked in the editor; run the CLI on it: vpce-lens check --max-size 1 big.yaml`);
    assert.equal((await stats()).parses, 0, 'no worker parsed it');
    const at = { line: 5, character: 4 };
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position: at }), []);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: at }), null);

    // Cut to its first 40 lines: under the limit, checked as any template.
    const lines = EXAMPLE.split('\n');
    client.change(uri, [{ range: { start: { line: 40, character: 0 }, end: { line: lines.length, character: 0 } }, text: '' }]);
    const second = await client.waitFor(uri, (p) => p.version === 2);
    assert.ok(!second.diagnostics.some((x) => x.code === 'VPCE0004'), JSON.stringify(second.diagnostics.map((x) => x.code)));
    assert.equal((await stats()).parses, 1);
  } finally {
    await client.stop();
  }
});

test('vpceLens/sizeLimit: the limit the server applies to a document, which the VS Code client asks for before it sends a large one', async () => {
  const client = await LspClient.start({ debounceMs: 0 });
  try {
    const limit = (uri: string) => client.request<{ bytes: number; fromProjectFile: boolean }>('vpceLens/sizeLimit', { uri });
    assert.deepEqual(await limit(pathToFileURL(join(dir, 'big.yaml')).href), { bytes: Math.floor(0.002 * 1024 * 1024), fromProjectFile: true });
    // No project file above it (a temporary folder of its own), or not a file: the default, 20 MB.
    const elsewhere = mkdtempSync(join(tmpdir(), 'vpce-size-none-'));
    try {
      assert.deepEqual(await limit(pathToFileURL(join(elsewhere, 'x.yaml')).href), { bytes: 20 * 1024 * 1024, fromProjectFile: false });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    assert.deepEqual(await limit('untitled:Untitled-1'), { bytes: 20 * 1024 * 1024, fromProjectFile: false });
  } finally {
    await client.stop();
  }
});
