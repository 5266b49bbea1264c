// A hover asked for one version and answered after an edit: the network facts of the first hover of a
// version are made in the worker, and the document may change meanwhile. The answer is the asked
// version's, or none; never the old analysis read against the new text (the element found at the old
// offset in the new text, its range placed in the new lines).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver/node';
import { LspClient, fileUri, positionAt } from './client.js';
import { bigTemplate } from './big-template.js';

// Large enough that the worker takes a while over the version's network facts.
const NETWORK = bigTemplate(4000);
let client: LspClient;

before(async () => {
  client = await LspClient.start({ debounceMs: 0 });
});
after(async () => {
  await client.stop();
});

test('a hover whose document is edited while it is answered: the asked version\'s answer or none', async () => {
  const uri = fileUri('test/lsp/hover-edit.yaml');
  client.open(uri, NETWORK);
  await client.waitFor(uri);
  const at = NETWORK.indexOf('  Group5:\n') + 4;
  // The first version's hover: its network facts are the last the server received.
  const first = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(NETWORK, at) });
  assert.match(JSON.stringify(first), /Group5/);
  // Version 2 (a line above), hovered at Group5; the worker makes version 2's facts while version 3 comes in,
  // which moves every group down by exactly one group's text: at the offset asked, version 3 has Group4.
  const v2 = `# v2\n${NETWORK}`;
  client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# v2\n' }]);
  await client.waitFor(uri, (p) => p.version === 2);
  const block = NETWORK.slice(NETWORK.indexOf('  Group4:\n'), NETWORK.indexOf('  Group5:\n'));
  const asked = client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(v2, v2.indexOf('  Group5:\n') + 4) });
  client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `#${'-'.repeat(block.length - 2)}\n` }]);
  const answer = await asked;
  assert.ok(answer === null || /Group5/.test(JSON.stringify(answer)), `a hover of another element than the one asked about: ${JSON.stringify(answer)}`);
});
