// A template CDK synthesised, opened in the editor: each diagnostic names the construct it is about,
// as the CLI's output does; its quick fixes are those of the same finding (found by data, not message).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspClient, fileUri, ROOT } from './client.js';

const TEMPLATE = readFileSync(`${ROOT}test/fixtures/cdk/network-app/cdk.out/NetworkStack.template.json`, 'utf8');
let client: LspClient;
const text = (m: string | { value: string }) => (typeof m === 'string' ? m : m.value);

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

test('diagnostics of a cdk.out template name the construct; a template without aws:cdk:path is unchanged', async () => {
  const uri = fileUri('test/lsp/cdk.out/NetworkStack.template.json');
  client.open(uri, TEMPLATE, 'json');
  const p = await client.waitFor(uri);
  const messages = p.diagnostics.filter((d) => d.code === 'VPCE9005' || d.code === 'VPCE6003').map((d) => text(d.message));
  assert.ok(messages.length >= 2, messages.join('\n'));
  assert.ok(messages.some((m) => m.endsWith('did you mean s3:PutObject? (construct NetworkStack/Vpc/S3Endpoint/Resource)')), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('VpcSsmEndpointC46DB833: ') && m.endsWith(' (construct NetworkStack/Vpc/SsmEndpoint/Resource)')), messages.join('\n'));
  // The quick fix of the misspelt action is still offered: fixes go by rule id and data.
  const typo = p.diagnostics.find((d) => d.code === 'VPCE9005')!;
  const actions = (await client.request('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } })) as { title: string }[];
  assert.ok(actions.some((a) => /s3:PutObject/.test(a.title)), actions.map((a) => a.title).join('\n'));
  client.close(uri);
  const plain = fileUri('test/lsp/cdk.out/Plain.template.json');
  client.open(plain, TEMPLATE.replace(/"aws:cdk:path"/g, '"aws:cdk:other"'), 'json');
  const q = await client.waitFor(plain);
  const typoPlain = q.diagnostics.find((d) => d.code === 'VPCE9005')!;
  assert.ok(text(typoPlain.message).endsWith('did you mean s3:PutObject?'), text(typoPlain.message));
  client.close(plain);
});
