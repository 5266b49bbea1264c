// Settings are pulled per document and re-read on didChangeConfiguration: every open document is
// linted again without a restart.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CodeAction, TextEdit } from 'vscode-languageserver/node';
import { LspClient, applyLspEdits, fileUri, ROOT } from './client.js';

const EXAMPLE = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');
let client: LspClient;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

test('regions from settings make VPCE3001 appear; rule levels apply; both without a restart', async () => {
  const uri = fileUri('test/lsp/settings.yaml');
  client.settings = {};
  client.open(uri, EXAMPLE);
  const first = await client.waitFor(uri);
  const codes = (p: typeof first) => p.diagnostics.map((d) => d.code);
  assert.ok(!codes(first).includes('VPCE3001'), 'no region configured: no mismatch');
  assert.ok(codes(first).includes('VPCE3002'), 'the portability warning instead');

  client.settings = { regions: ['eu-west-1'], rules: { VPCE2001: 'warning', vpce1002: 'off', VPCE6001: 'loud' } };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const second = await client.waitFor(uri, (p) => p.diagnostics.some((d) => d.code === 'VPCE3001'), 5000, first.seq);
  assert.equal(second.version, 1, 'same document version, linted again');
  assert.ok(!codes(second).includes('VPCE1002'), 'turned off (ids are case-insensitive)');
  assert.equal(second.diagnostics.find((d) => d.code === 'VPCE2001')?.severity, 2, 'made a warning');
  assert.equal(second.diagnostics.find((d) => d.code === 'VPCE6001')?.severity, 1, 'an unknown level is ignored');
  client.close(uri);
});

test('vpceLens.policyFiles makes a JSON file a standalone endpoint policy; its fixes work over LSP', async () => {
  const uri = fileUri('test/lsp/policies/gateway.json');
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}\n';
  client.settings = {};
  client.open(uri, text, 'json');
  const first = await client.waitFor(uri);
  assert.deepEqual(first.diagnostics, [], 'not a policy file by the default globs, and no Principal to recognise it by');

  client.settings = { policyFiles: ['test/lsp/policies/*.json'] };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const second = await client.waitFor(uri, (p) => p.diagnostics.length > 0, 5000, first.seq);
  const missing = second.diagnostics.find((d) => d.code === 'VPCE9004');
  assert.ok(missing, JSON.stringify(second.diagnostics.map((d) => d.code)));
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } });
  const add = actions.find((a) => a.title === 'Add Principal: "*"');
  assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
  const change = add.edit!.documentChanges![0] as { edits: TextEdit[] };
  assert.equal(applyLspEdits(text, change.edits), text.replace('      "Effect"', '      "Principal": "*",\n      "Effect"'));
  client.close(uri);
});
