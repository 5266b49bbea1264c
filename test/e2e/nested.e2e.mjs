// A parent template with a nested stack in a real editor: the trace panel's hop in the nested template is a
// link that opens that file at the resource, and so is the map's box drawn from it (the page sends an index
// or a node id; the extension opens the file it was told of).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, env, until, untilAfter } from './harness.mjs';
import { sel, openFromExplorer, frameWith } from './workbench.mjs';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'nested-local');
const NESTED = 'stacks/endpoints.yaml';

const cursorLine = async (page) => Number(/Ln (\d+),/.exec((await page.locator('#status\\.editor\\.selection').textContent().catch(() => '')) ?? '')?.[1] ?? 0);
const activeTab = (page) => page.locator('.editor-group-container.active .tab.active').getAttribute('aria-label', { timeout: 1_000 }).catch(() => '');

test('nested stack: a trace hop and a map box in the nested template open that file at the resource', async ({ page, shot }) => {
  mkdirSync(join(env.workspace, 'nested-local', 'stacks'), { recursive: true });
  for (const f of ['main.yaml', NESTED]) writeFileSync(join(env.workspace, 'nested-local', f), readFileSync(join(FIXTURE, f), 'utf8'));
  const line = readFileSync(join(FIXTURE, NESTED), 'utf8').split('\n').findIndex((l) => l.startsWith('  SsmEndpoint:')) + 1;
  const inNested = async () => /^endpoints\.yaml/.test((await activeTab(page)) ?? '') && (await cursorLine(page)) === line;

  await openFromExplorer(page, 'nested-local/main.yaml');
  const lens = page.locator(`${sel.activeEditor} .codelens-decoration a`, { hasText: /^Trace to / }).first();
  await lens.waitFor({ timeout: 30_000 });
  await lens.click();
  await page.locator('.quick-input-title', { hasText: 'Trace Path: from SubnetA to' }).waitFor({ timeout: 20_000 });
  await page.keyboard.type('ssm');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /^ssm/ }).first().waitFor();
  await page.keyboard.press('Enter');
  const trace = await frameWith(page, 'the trace panel', '#open-map');
  await until('the SubnetA → ssm verdict', async () => /SubnetA → ssm: Private/.test((await trace.locator('#verdict').textContent({ timeout: 1_000 }).catch(() => '')) ?? ''), { timeout: 30_000 });
  const hop = trace.locator('button.hop-elsewhere', { hasText: 'SsmEndpoint' }).first();
  assert.match(await hop.textContent(), /stacks\/endpoints\.yaml:\d+/);
  await shot('trace-nested-hop');
  await untilAfter(`endpoints.yaml at line ${line} from the hop`, () => hop.click(), inNested);

  // The map of the path: the nested endpoint's box says its file, and opens it.
  await openFromExplorer(page, 'nested-local/main.yaml');
  await trace.locator('#open-map').click();
  const map = await frameWith(page, 'the map page', '#canvas');
  const box = map.locator('[data-node="SsmEndpoint"]');
  // The map panel, shown again in place, holds the last map drawn until this one replaces it: wait for this one.
  await until('the nested endpoint on the map', async () => (await box.count()) === 1 && /in stacks\/endpoints\.yaml/.test((await box.textContent({ timeout: 1_000 }).catch(() => '')) ?? ''), { timeout: 30_000 });
  await shot('map-nested-box');
  await untilAfter(`endpoints.yaml at line ${line} from the map`, () => box.click(), inNested);
});
