// Cold start: the client sends the settings that hold for every document with initialize
// (settingsForEveryDocument), and the first lint uses them without waiting for workspace/configuration.
// The pull still runs; when it answers otherwise, the document is linted again with its answer. A
// configuration change drops the seed. Without the flag, the first lint waits for the pull as before.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspClient, fileUri, ROOT } from './client.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
const codes = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => d.code);

test('the seed lints first, without the pull; a pull that answers otherwise lints the document again', async () => {
  // The pull is held back until released: the first diagnostics cannot have waited for it.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let pulls = 0;
  const client = await LspClient.start({ vpceLens: { regions: ['eu-west-1'] }, settingsForEveryDocument: true });
  client.rpc.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
    pulls++;
    await held;
    return p.items.map(() => client.settings);
  });
  try {
    client.settings = { regions: [] };
    const uri = fileUri('test/lsp/seed.yaml');
    client.open(uri, EXAMPLE);
    const first = await client.waitFor(uri);
    assert.ok(codes(first).includes('VPCE3001'), 'linted with the seed (a region set: the mismatch rule speaks)');
    assert.equal(pulls, 1, 'the pull was asked for, and is still unanswered');
    release();
    const second = await client.waitFor(uri, (p) => !codes(p).includes('VPCE3001'), 5000, first.seq);
    assert.ok(codes(second).includes('VPCE3002'), 'linted again with the pulled settings (no region: the portability warning)');
  } finally {
    release();
    await client.stop();
  }
});

test('without settingsForEveryDocument (several folders), the first lint waits for the pull', async () => {
  const client = await LspClient.start({ vpceLens: { regions: ['eu-west-1'] } });
  try {
    client.settings = { regions: [] };
    const uri = fileUri('test/lsp/seed-multi.yaml');
    client.open(uri, EXAMPLE);
    const first = await client.waitFor(uri);
    assert.ok(!codes(first).includes('VPCE3001'), 'the pulled settings, not the initialize ones');
  } finally {
    await client.stop();
  }
});
