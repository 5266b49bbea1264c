// A document over the size limit in the real editor: the extension keeps its text from the language server and
// shows the one finding itself, and completion in another document goes on meanwhile. The limit is a project
// file's (maxFileSize: 1, in MB) and the document 1.4 MB, so the test stays quick; the 20 MB case is measured by
// test/e2e/large-doc-bench.mjs (BENCHMARKS.md).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTemplate } from '../../scripts/bench/gen-template.mjs';
import { test, env, until } from './harness.mjs';
import { extensionLogs, goTo, openFromExplorer, problems, save, showProblems, suggestions } from './workbench.mjs';

// Written as the module loads, before the workbench opens, so the explorer lists them from the start.
const dir = join(env.workspace, 'held');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, '.vpce-lens.yaml'), 'maxFileSize: 1\n');
const large = generateTemplate(5300);
writeFileSync(join(dir, 'large.yaml'), large);
copyFileSync(new URL('../fixtures/assist/network.yaml', import.meta.url), join(dir, 'small.yaml'));

const HELD = /^large\.yaml is 1\.\d MB, over the editor's 1\.0 MB limit \(maxFileSize in \.vpce-lens\.yaml\): not checked in the editor; run the CLI on it: vpce-lens check --max-size 2 large\.yaml$/;
const heldRow = async (page) => (await problems(page)).find((p) => HELD.test(p.message));

test('a document over the size limit is not sent to the server; its one finding is the client\'s, and completion goes on in another document', async ({ page, shot }) => {
  assert.ok(large.length > 1.3 * 1024 * 1024 && large.length < 1.5 * 1024 * 1024, `${large.length} characters`);
  await openFromExplorer(page, 'held/large.yaml');
  // Kept open (not a preview tab, which the next file opened from the explorer would replace and close).
  await page.locator('.tab.active[aria-label^="large.yaml"]').dblclick();
  await showProblems(page);
  // Only this file's rows: the panel renders the rows in view, and earlier tests leave findings above them.
  const filter = page.locator('.markers-panel-container input, input[placeholder^="Filter (e.g."]').first();
  await filter.fill('held/large.yaml');
  const row = await until('the held-back finding in the Problems panel', () => heldRow(page), { timeout: 30_000 });
  assert.equal(row.line, 1);
  assert.equal(row.column, 1);
  assert.match(row.code, /VPCE0004/);
  // The client's log says it kept the text to itself (a finding from the server would read the same).
  await until('the client\'s log line', () => extensionLogs().some((t) => /held\/large\.yaml is \d+ bytes, over the 1048576-byte limit: not sent to the language server/.test(t)));
  await shot('held');

  // Meanwhile, completion in another template.
  await openFromExplorer(page, 'held/small.yaml');
  const line = readFileSync(join(dir, 'small.yaml'), 'utf8').split('\n').findIndex((l) => /^\s*- !Ref SubnetB1$/.test(l)) + 1;
  assert.ok(line > 0);
  await goTo(page, line, 24);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- ');
  const labels = await suggestions(page, /^SubnetC1$/);
  assert.equal(labels[0], 'SubnetC1');
  await page.keyboard.press('Enter');
  await save(page);
  assert.ok(await heldRow(page), 'the finding stays while the document is open');
  // The server logs the settings of every document it checks (small.yaml's among them), and of one over its
  // own limit too: none for large.yaml, which it never got.
  const logs = extensionLogs().join('\n');
  assert.match(logs, /Settings in effect for \S+\/held\/small\.yaml/);
  assert.doesNotMatch(logs, /Settings in effect for \S+\/held\/large\.yaml/);

  // Closed: its finding goes with it.
  await page.locator('.tab[aria-label^="large.yaml"]').first().click();
  await page.keyboard.press('Control+W');
  await until('the finding gone from the Problems panel', async () => !(await heldRow(page)), { timeout: 30_000 });
  await filter.fill('');
});
