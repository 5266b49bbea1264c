// In VS Code, JSON documents get their syntax errors from VS Code's own JSON support (the same
// jsonc-parser): our syntax finding there would be a second diagnostic for one problem, so it is left
// out; the policy's other findings stay. Editors without that support (and JSON with comments) get it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, fileUri } from './client.js';

// A trailing comma (recoverable: the rest is checked) and an action that does not exist.
const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObjekt", "Resource": "*", }
  ]
}
`;

let vscode: LspClient;
let other: LspClient;

before(async () => {
  [vscode, other] = await Promise.all([LspClient.start({}, { name: 'Visual Studio Code' }), LspClient.start({}, { name: 'Neovim' })]);
});
after(async () => {
  await Promise.all([vscode.stop(), other.stop()]);
});

async function codes(client: LspClient, uri: string, languageId: string): Promise<string[]> {
  client.open(uri, POLICY, languageId);
  const published = await client.waitFor(uri, (p) => p.diagnostics.length > 0);
  return published.diagnostics.map((d) => String(d.code)).sort();
}

test('VS Code: no second syntax diagnostic in a JSON document; the policy findings stay', async () => {
  const found = await codes(vscode, fileUri('test/lsp/s3_endpoint_policy.json'), 'json');
  assert.ok(!found.includes('VPCE0001'), found.join(' '));
  assert.ok(found.some((c) => c.startsWith('VPCE9')), found.join(' '));
});

test('another editor, or JSON with comments in VS Code: the syntax finding is ours to give', async () => {
  assert.ok((await codes(other, fileUri('test/lsp/s3_endpoint_policy.json'), 'json')).includes('VPCE0001'));
  assert.ok((await codes(vscode, fileUri('test/lsp/jsonc/s3_endpoint_policy.json'), 'jsonc')).includes('VPCE0001'));
});
