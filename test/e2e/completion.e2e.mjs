// Completion across the endpoint in a real editor: a new SubnetIds item offers the subnet of the zone the
// endpoint does not cover yet first, and a new Action item in the endpoint's policy offers its service's
// actions with their descriptions. Screenshots of both suggest widgets go with the results.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, env, until } from './harness.mjs';
import { openFromExplorer, goTo, save, suggestions, sel } from './workbench.mjs';

const TEMPLATE = 'assist/network.yaml';
const read = () => readFileSync(join(env.workspace, TEMPLATE), 'utf8');
const lineOf = (re) => read().split('\n').findIndex((l) => re.test(l)) + 1;

test('completion in SubnetIds: the subnet of the zone not yet covered comes first, and is written as !Ref', async ({ page, shot }) => {
  await openFromExplorer(page, TEMPLATE);
  const line = lineOf(/^\s*- !Ref SubnetB1$/);
  assert.ok(line > 0);
  await goTo(page, line, 24);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- ');
  const labels = await suggestions(page, /^SubnetC1$/);
  assert.deepEqual(labels.slice(0, 4), ['SubnetC1', 'SubnetA2', 'SubnetA1', 'SubnetB1']);
  const detail = await page.locator(`${sel.suggestRows}.focused`).textContent();
  assert.match(detail, /eu-west-1c/);
  await shot('subnet-ids');
  await page.keyboard.press('Enter');
  await save(page);
  await until('the subnet written to disk', () => read().includes('        - !Ref SubnetB1\n        - !Ref SubnetC1\n'));
});

test('completion in a policy\'s Action: the endpoint service\'s actions with their descriptions', async ({ page, shot }) => {
  const line = lineOf(/^\s*- s3:GetObject$/);
  assert.ok(line > 0);
  await goTo(page, line, 29);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- s3:PutObj');
  const labels = await suggestions(page, /^s3:PutObject/);
  assert.ok(labels.every((l) => l.startsWith('s3:')), labels.join(', '));
  // The focused item's description arrives with completionItem/resolve.
  await until('the description of s3:PutObject', async () => /Grants permission to add an object to a bucket/.test((await page.locator(`${sel.suggestRows}.focused`).textContent()) ?? ''));
  // Ctrl+Space again opens the side panel with the whole description, for the screenshot.
  await page.keyboard.press('Control+Space');
  await page.locator('.suggest-details-container .docs').first().waitFor({ timeout: 5_000 }).catch(() => {});
  await shot('policy-action');
  await page.keyboard.press('Enter');
  await save(page);
  await until('the action written to disk', () => read().includes('              - s3:GetObject\n              - s3:PutObject\n'));
});
