// The extension in a real editor: diagnostics on opening a template, the Problems panel, quick fixes
// applied from the UI, and the commands from the command palette.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, env, until } from './harness.mjs';
import { sel, openFromExplorer, problems, showProblems, goTo, runCommand } from './workbench.mjs';

const TEMPLATE = 'examples/endpoints-with-mistakes.yaml';
const templatePath = join(env.workspace, TEMPLATE);
const read = () => readFileSync(templatePath, 'utf8');
/** 1-based line of the first line matching `re` in the template as it is now on disk. */
const lineOf = (re) => read().split('\n').findIndex((l) => re.test(l)) + 1;

test('opening the template from the explorer shows an error squiggle and Problems entries', async ({ page, shot }) => {
  await openFromExplorer(page, TEMPLATE);
  await page.waitForSelector(sel.squigglyError, { timeout: 30_000 });
  await showProblems(page);
  const sqsLine = lineOf(/ServiceName: !Sub com\.amazonaws\.\$\{AWS::Region\}\.sqs/);
  const rows = await until('a VPCE2001 row in the Problems panel', async () => {
    const r = await problems(page);
    return r.some((t) => t.includes('VPCE2001')) && r;
  });
  console.log(rows.join('\n'));
  await shot();
});
