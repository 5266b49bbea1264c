// Panels after a window reload, in a real editor, with one reload: the VPC map left open comes back
// drawn, for the same template (its page saved the template; the extension's serializer checked it
// and opened the template); a trace panel whose template was deleted meanwhile comes back saying so,
// not blank. Runs last (run.mjs): it reloads the workbench.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, env, until } from './harness.mjs';
import { sel, openFromExplorer, runCommand, showEditor, tracePath } from './workbench.mjs';

const MAPPED = 'vpc-map-restore.yaml';
const TRACED = 'trace-restore-deleted.yaml';
const ORIGINAL = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'endpoints-with-mistakes.yaml');

/** The frame of a webview page holding `marker`, once `ready(frame)`. */
// Two minutes: after the reload the extension host starts again, then the extension, then the language
// server (on a loaded machine its activation alone was seen at 28 s).
async function pageFrame(page, what, marker, ready) {
  return until(what, async () => {
    for (const f of page.frames()) if ((await f.locator(marker).count().catch(() => 0)) && (await ready(f).catch(() => false))) return f;
    return undefined;
  }, { timeout: 120_000 });
}

/** "Developer: Reload Window", as a user reloads: the workbench saves its editors (and the panels' states) first. */
async function reload(page) {
  // The palette is asked again until it offers the command: keys typed while a webview held the focus, or
  // before the palette's list was filled, once left it without the row (the fresh-clone CI, after 10 s).
  const input = page.locator('.quick-input-widget input:not([type="checkbox"])').first();
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Developer: Reload Window' }).first();
  await until('the palette offering Developer: Reload Window', async () => {
    if (!(await input.isVisible())) {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
    }
    if ((await input.inputValue()) !== '>Developer: Reload Window') await input.fill('>Developer: Reload Window');
    return row.isVisible();
  }, { timeout: 30_000, interval: 300 });
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 }), page.keyboard.press('Enter')]);
  await page.waitForSelector(sel.workbench, { timeout: 60_000 });
}

test('panels restored after a reload: the VPC map comes back drawn; a trace of a deleted template says so', async ({ page, shot }) => {
  for (const name of [MAPPED, TRACED]) writeFileSync(join(env.workspace, name), readFileSync(ORIGINAL, 'utf8'));
  const drawn = (f) => f.locator('svg.vpce-map [data-node="S3Endpoint"]').count().then((n) => n === 1);
  const verdict = (f) => f.locator('#verdict').textContent();
  try {
    await openFromExplorer(page, TRACED);
    await tracePath(page, 'PrivateSubnetA', 's3');
    await pageFrame(page, 'the trace', '#verdict', async (f) => /PrivateSubnetA → s3/.test(await verdict(f)));
    await openFromExplorer(page, MAPPED);
    await runCommand(page, 'VPC Endpoint Lens: Show VPC Map');
    await pageFrame(page, 'the map drawn', '#canvas', drawn);
    // The map in a group of its own, right of the trace panel: both panels are shown when the window
    // comes back, and revived at once.
    await showEditor(page, 'VPC Map');
    await runCommand(page, 'View: Move Editor into Right Group');
    rmSync(join(env.workspace, TRACED));

    await reload(page);
    const map = await pageFrame(page, 'the map restored and drawn after the reload', '#canvas', drawn);
    assert.ok((await map.locator('svg.vpce-map [data-node]').count()) > 8, 'the whole map, not a part');
    assert.equal(await page.locator('.tab', { hasText: 'VPC Map' }).count(), 1, 'one map panel');
    await shot('map-restored');
    // The trace panel (a tab behind the map, maybe scrolled out of its group's tab bar) is restored when
    // shown: with the reason, in the panel.
    await showEditor(page, 'Trace: PrivateSubnetA → s3');
    const told = await pageFrame(page, 'the restored trace panel saying its template is gone', '#verdict', async (f) => /can no longer be opened/.test(await verdict(f)));
    assert.equal(await verdict(told), `The trace panel showed ${TRACED}, which can no longer be opened: it may have been moved or deleted. Open the template and run "VPC Endpoint Lens: Trace Path…" again.`);
    await shot('trace-template-deleted');
  } finally {
    for (const name of [MAPPED, TRACED]) rmSync(join(env.workspace, name), { force: true });
  }
});
