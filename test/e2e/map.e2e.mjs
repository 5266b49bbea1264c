// The VPC map in a real editor: the CodeLens above the VPC opens it; the trace panel's "Show on VPC map"
// draws the traced path on it, hop by hop (the blocked hop red); a node click reveals its resource in
// the editor; every name stays text. Screenshots go with the test results.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, env, until } from './harness.mjs';
import { sel, openFromExplorer, runCommand, goTo, showEditor, noHover, frameWith, tracePath } from './workbench.mjs';

// A copy of the example of its own: the other tests apply quick fixes to the workspace's examples.
const TEMPLATE = 'vpc-map-example.yaml';
const ORIGINAL = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'endpoints-with-mistakes.yaml');

/** Opens the map's template at its top, where the VPC and its CodeLens are, once the server has answered. */
async function openTemplate(page) {
  await openFromExplorer(page, TEMPLATE);
  await goTo(page, 1, 1);
  await page.locator(`${sel.activeEditor} .codelens-decoration a`, { hasText: 'Show VPC Map' }).first().waitFor({ timeout: 30_000 });
}

/** The map page's frame (other webviews may be open: find the one holding the map's canvas). */
async function mapFrame(page) {
  return frameWith(page, 'the map page', '#canvas');
}

const lineOf = (needle) => readFileSync(join(env.workspace, TEMPLATE), 'utf8').split('\n').findIndex((l) => l.startsWith(needle)) + 1;
const cursorLine = async (page) => Number(/Ln (\d+),/.exec((await page.locator('#status\\.editor\\.selection').textContent().catch(() => '')) ?? '')?.[1] ?? 0);

test('VPC map: the CodeLens on the VPC opens it; a node click reveals its resource', async ({ page, shot }) => {
  writeFileSync(join(env.workspace, TEMPLATE), readFileSync(ORIGINAL, 'utf8'));
  await openTemplate(page);
  await page.locator(`${sel.activeEditor} .codelens-decoration a`, { hasText: 'Show VPC Map' }).first().click();
  const frame = await mapFrame(page);
  await until('the map drawn', async () => (await frame.locator('svg.vpce-map [data-node]').count()) > 8, { timeout: 30_000 });
  for (const id of ['VPC', 'PrivateSubnetA', 'PrivateRouteTable', 'S3Endpoint', 'SsmEndpoint', 'service:com.amazonaws.{region}.s3']) {
    assert.equal(await frame.locator(`[data-node="${id}"]`).count(), 1, `${id} is drawn`);
  }
  assert.equal(await frame.locator('.path').count(), 0, 'no path without a trace');
  await frame.locator('[data-node="S3Endpoint"]').click();
  const line = lineOf('  S3Endpoint:');
  await until(`the editor at line ${line}`, async () => (await cursorLine(page)) === line);
  await shot('whole-map');
});

test('VPC map: the traced path highlighted hop by hop (blocked hop red), following the trace panel', async ({ page, shot }) => {
  await openTemplate(page);
  await tracePath(page, 'PrivateSubnetA', 'logs');
  const trace = await frameWith(page, 'the trace panel with its map button', '#open-map');
  await until('the trace verdict', async () => /PrivateSubnetA → logs/.test((await trace.locator('#verdict').textContent({ timeout: 1_000 }).catch(() => '')) ?? ''), { timeout: 30_000 });
  await trace.locator('#open-map').click();
  const frame = await mapFrame(page);
  await until('the path on the map', async () => (await frame.locator('.node.path').count()) >= 3, { timeout: 30_000 });
  assert.match(await frame.locator('#message').textContent(), /PrivateSubnetA → logs: BLOCKED/);
  // Hop by hop: the subnet and its route table pass; the way to logs is blocked there (no route), red. (Not ssm:
  // its endpoint hard-codes us-east-1, which the workspace's eu-west-1 cannot create, so that trace is unknown.)
  assert.match(await frame.locator('[data-node="PrivateSubnetA"]').getAttribute('class'), /path-pass/);
  assert.match(await frame.locator('[data-node="PrivateRouteTable"]').getAttribute('class'), /path-pass/);
  assert.match(await frame.locator('[data-node="service:com.amazonaws.{region}.logs"]').getAttribute('class'), /path-block/);
  const blocked = frame.locator('.edge.path-block');
  assert.equal(await blocked.count(), 1);
  assert.match(await blocked.locator('title').textContent(), /no route/);
  // The red is the theme's error colour.
  const [stroke, error] = await blocked.locator('path').evaluate((p) => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--vscode-editorError-foreground)';
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return [getComputedStyle(p).stroke, colour];
  });
  assert.equal(stroke, error);
  await shot('path');
  // The map's group maximized and the picture fitted to it (the README shows this one), then back.
  await showEditor(page, 'VPC Map: PrivateSubnetA → logs');
  await runCommand(page, 'View: Toggle Maximize Editor Group');
  // The webview is laid out again as its group grows: a click before its page settles may land elsewhere
  // (the picture was left unfitted once). Its width unchanged over a second, then the button, seen pressed.
  const widths = [];
  await until('the map\'s page settled after the maximize', async () => {
    widths.push(await frame.evaluate(() => window.innerWidth));
    return widths.length >= 4 && widths.slice(-4).every((w) => w === widths.at(-1));
  }, { interval: 300 });
  await noHover(page);
  const pressed = async () => (await frame.locator('#fit').getAttribute('aria-pressed')) === 'true';
  await until('fit to width on', async () => {
    if (!(await pressed())) await frame.locator('#fit').click();
    return until('the button pressed', pressed, { timeout: 3_000 }).catch(() => false);
  });
  await until('the picture fitted to the panel', () => frame.locator('#canvas svg').evaluate((svg) => Math.abs(svg.getBoundingClientRect().width - svg.parentElement.clientWidth) < 2));
  await page.screenshot({ path: join(env.results, 'vpc-map-editor.png') });
  await runCommand(page, 'View: Toggle Maximize Editor Group');
  // A node on the path reveals its resource.
  await frame.locator('[data-node="PrivateRouteTable"]').click();
  const line = lineOf('  PrivateRouteTable:');
  await until(`the editor at line ${line}`, async () => (await cursorLine(page)) === line);
});

// The second template of the switch test: the classic layouts, in a file of its own name.
const SECOND = 'vpc-map-second.yaml';
const CLASSIC = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'trace', 'classic.yaml');

test('VPC map: shown in place for another template, the first template\'s map is never visible once the switch starts', async ({ page, shot }) => {
  writeFileSync(join(env.workspace, TEMPLATE), readFileSync(ORIGINAL, 'utf8'));
  writeFileSync(join(env.workspace, SECOND), readFileSync(CLASSIC, 'utf8'));
  await openTemplate(page);
  await page.locator(`${sel.activeEditor} .codelens-decoration a`, { hasText: 'Show VPC Map' }).first().click();
  const frame = await mapFrame(page);
  const text = () => frame.evaluate(() => document.body.textContent ?? '');
  await until('the first template\'s map drawn', async () => (await frame.locator('svg.vpce-map [data-node]').count()) > 8 && (await text()).includes(TEMPLATE), { timeout: 30_000 });
  await openFromExplorer(page, SECOND);
  await goTo(page, 1, 1);
  const lens = page.locator(`${sel.activeEditor} .codelens-decoration a`, { hasText: 'Show VPC Map' }).first();
  await lens.waitFor({ timeout: 30_000 });
  // Every change of the page's DOM (a mutation's callback runs before the page is painted again) and every
  // painted frame is looked at: from the first change on, the page is switching, and the first template's
  // name (its map's title, the status line) must not be in it any more.
  await frame.evaluate((stale) => {
    const seen = { changes: 0, frames: 0, staleAfterChange: [] };
    window.__vpceSwitch = seen;
    const look = (when) => {
      if (seen.changes > 0 && (document.body.textContent ?? '').includes(stale)) {
        seen.staleAfterChange.push(`${when} ${seen.changes}: ${(document.getElementById('message')?.textContent ?? '').slice(0, 80)} / ${(document.getElementById('status')?.textContent ?? '').slice(0, 80)}`);
      }
    };
    new MutationObserver(() => {
      seen.changes++;
      look('change');
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const frameTick = () => {
      seen.frames++;
      look('frame');
      requestAnimationFrame(frameTick);
    };
    requestAnimationFrame(frameTick);
  }, TEMPLATE);
  await lens.click();
  await until('the second template\'s map drawn', async () => (await frame.locator('svg.vpce-map [data-node]').count()) > 3 && (await text()).includes(SECOND), { timeout: 30_000 });
  const seen = await frame.evaluate(() => window.__vpceSwitch);
  assert.ok(seen, 'the map page stayed in place (not loaded again), so the switch was watched');
  assert.ok(seen.changes > 0 && seen.frames > 0, `the switch was watched (${seen.changes} changes, ${seen.frames} frames)`);
  assert.deepEqual(seen.staleAfterChange.slice(0, 5), [], `${TEMPLATE}'s map still shown after the page began to switch`);
  assert.ok(!(await text()).includes(TEMPLATE), `nothing of ${TEMPLATE} left on the page`);
  await shot('switched');
});
