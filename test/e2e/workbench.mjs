// How the tests reach into VS Code's workbench (code-server serves the same DOM as the desktop app).
// Selectors are gathered here so a workbench change is fixed in one place.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { env, until, untilAfter } from './harness.mjs';

export const sel = {
  workbench: '.monaco-workbench',
  explorerRow: (name) => `.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`,
  activeEditor: '.editor-group-container.active .monaco-editor',
  squigglyError: '.monaco-editor .squiggly-error',
  problemsStatus: '#status\\.problems',
  problemsRows: '.markers-panel .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  actionWidget: '.action-widget:not(.action-list-submenu-panel)',
  lightBulb: '.editor-group-container.active .lightBulbWidget',
  actionItems: '.action-widget:not(.action-list-submenu-panel) .monaco-list-row.action',
  suggestRows: '.editor-widget.suggest-widget.visible .monaco-list-row',
};

export async function openWorkbench(page) {
  await page.goto(`${env.url}/?folder=${encodeURIComponent(env.workspace)}`);
  await page.waitForSelector(sel.workbench, { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
}

/** Between tests: closes whatever menu, widget or quick input a failed test may have left open. */
export async function dismissPopups(page) {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
}

/**
 * Opens `a/b/c.yaml` by clicking the explorer's rows, folders first. The explorer redraws its rows when
 * files appear or go (a test before this one wrote and removed some), and a click on a row being replaced
 * is lost: so a folder is clicked again until its child row shows, and the file until its tab is active.
 */
export async function openFromExplorer(page, relPath) {
  const parts = relPath.split('/');
  const rowOf = (name) => page.locator(sel.explorerRow(name)).first();
  for (const [i, name] of parts.entries()) {
    const row = rowOf(name);
    await row.waitFor({ timeout: 20_000 });
    if (i === parts.length - 1) break;
    const child = rowOf(parts[i + 1]);
    await until(`the explorer folder ${name} open, showing ${parts[i + 1]}`, async () => {
      if (await child.isVisible()) return true;
      if ((await row.getAttribute('aria-expanded', { timeout: 1_000 })) !== 'true') await row.click({ timeout: 2_000 });
      await child.waitFor({ timeout: 2_000 });
      return true;
    }, { timeout: 20_000, interval: 200 });
  }
  const tab = `.tab.active[aria-label^="${parts.at(-1)}"]`;
  await untilAfter(`the tab of ${relPath}`, () => rowOf(parts.at(-1)).click({ timeout: 5_000 }).catch(() => {}),
    () => page.locator(tab).first().isVisible(), { attempts: 3, each: 7_000 });
  await page.waitForSelector(sel.activeEditor);
}

/**
 * Runs a command from the palette (F1), by its full title. Focus may still be on its way into a webview
 * (a panel's tab just clicked): then the palette loses it and closes, or the keys go to the page. So the
 * palette is opened again until it holds the title and offers the command, and the row is clicked.
 */
export async function runCommand(page, title) {
  await pick(page, 'F1', `>${title}`, title);
}

/**
 * Shows an open editor (a text file, a webview panel) by its tab's title, through Quick Open's list of
 * open editors: its tab may be scrolled out of a narrow group's tab bar, where a click lands on another.
 */
export async function showEditor(page, title) {
  await pick(page, 'Control+P', `edt ${title.split(/[:\s]/)[0]}`, title);
}

async function pick(page, key, query, rowText) {
  await choose(page, key, query, rowText);
  await page.waitForSelector(sel.quickInput, { state: 'hidden' });
  await noHover(page);
}

const quickInput = (page) => page.locator('.quick-input-widget input:not([type="checkbox"])').first();

/** Opens the quick input with `key` (again, until it stays open), writes `query` and clicks the row showing `rowText`. */
async function choose(page, key, query, rowText) {
  const input = quickInput(page);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
  let offered = [];
  await until(`the quick input offering ${rowText}`, async () => {
    if (!(await input.isVisible())) {
      await page.keyboard.press(key);
      await input.waitFor({ state: 'visible', timeout: 5_000 });
    }
    // Short waits: a quick input still closing (Go to Line's, just used) looks visible but takes no text, and
    // Playwright's own 30 s wait would spend the whole round on it instead of opening the palette again.
    if ((await input.inputValue({ timeout: 2_000 })) !== query) await input.fill(query, { timeout: 2_000 });
    offered = await page.locator('.quick-input-list .monaco-list-row').allTextContents();
    await row.click({ timeout: 2_000 });
    return true;
  }, { timeout: 30_000, interval: 200 }).catch((err) => {
    throw new Error(`${err.message}; it offered: ${JSON.stringify(offered)}`);
  });
}

/**
 * "VPC Endpoint Lens: Trace Path…" from the palette, then its two picks: the source, then the destination,
 * each written into the pick's own input (never typed at whatever holds the focus) and taken with Enter.
 */
export async function tracePath(page, from, to) {
  await choose(page, 'F1', '>VPC Endpoint Lens: Trace Path', 'Trace Path');
  const input = quickInput(page);
  for (const [name, title] of [[from, 'Trace Path: from'], [to, `Trace Path: from ${from} to`]]) {
    await page.locator('.quick-input-title', { hasText: title }).first().waitFor({ timeout: 20_000 });
    await input.fill(name, { timeout: 10_000 });
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${escaped}`) }).first().waitFor();
    await input.press('Enter');
  }
}

/**
 * Moves the pointer off the workbench's tabs and waits for their hover to go: left over a tab (where a
 * quick input's row was clicked), its title's hover covers the top of a webview page below it, and a
 * click there lands on the hover (the map's Fit to width, once).
 */
export async function noHover(page) {
  await page.mouse.move(1, 1);
  await until('no workbench hover', async () => !(await page.locator('.context-view .hover-contents').first().isVisible().catch(() => false)), { timeout: 10_000 });
}

/**
 * Moves the cursor with "Go to Line/Column" (Ctrl+G), 1-based, and waits for the status bar to agree. The
 * keys may reach the workbench before the editor holds the focus (a panel just shown): the line is then asked
 * again, and typed only into the open quick input, never into the document.
 */
export async function goTo(page, line, column) {
  const at = async () =>
    ((await page.locator('#status\\.editor\\.selection').getAttribute('aria-label', { timeout: 2_000 })) ?? '').includes(`Line ${line}, Column ${column}`) ||
    ((await page.locator('#status\\.editor\\.selection').textContent({ timeout: 2_000 })) ?? '').includes(`Ln ${line}, Col ${column}`);
  const input = page.locator('.quick-input-widget input:not([type="checkbox"])').first();
  let tried = false;
  await until(`cursor at ${line}:${column}`, async () => {
    // The first round always goes to the line: the click also gives the editor the focus the caller's next keys need.
    if (tried && (await at().catch(() => false))) return true;
    tried = true;
    if (await input.isVisible()) await page.keyboard.press('Escape');
    await page.locator(sel.activeEditor).click({ position: { x: 200, y: 10 } });
    await page.keyboard.press('Control+G');
    await input.waitFor({ state: 'visible', timeout: 3_000 });
    // Go to Line's quick access is the input's ":" prefix.
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    return until('the status bar', at, { timeout: 2_000 }).catch(() => false);
  }, { timeout: 30_000, interval: 200 });
}

/**
 * The Problems panel's marker rows, read from the parts the panel renders: message, source, code and
 * `[Ln 61, Col 7]` (1-based). File rows, which have no position, are left out.
 */
export async function problems(page) {
  const rows = await page.locator(sel.problemsRows).evaluateAll((els) =>
    els.map((r) => {
      const part = (c) => r.querySelector(c)?.textContent?.trim() ?? '';
      return { message: part('.marker-message'), source: part('.marker-source'), code: part('.marker-code'), position: part('.marker-line') };
    }),
  );
  return rows.flatMap((r) => {
    const m = /Ln (\d+), Col (\d+)/.exec(r.position);
    return m ? [{ message: r.message, source: r.source, code: r.code, line: Number(m[1]), column: Number(m[2]) }] : [];
  });
}

export async function showProblems(page) {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { state: 'visible' });
}

/**
 * Opens the quick-fix menu at the cursor (Ctrl+.) and applies the action whose title matches `title`.
 * Returns every title the menu offered.
 */
export async function applyQuickFix(page, title, { onMenu } = {}) {
  // The light bulb shows once the server has answered textDocument/codeAction for the cursor's line.
  await page.waitForSelector(sel.lightBulb, { state: 'visible', timeout: 10_000 });
  await until('the quick-fix menu', async () => {
    if (await page.locator(sel.actionWidget).isVisible()) return true;
    await page.keyboard.press('Control+.');
    return page.locator(sel.actionWidget).waitFor({ state: 'visible', timeout: 2_000 }).then(() => true);
  }, { timeout: 10_000, interval: 0 });
  const items = page.locator(sel.actionItems);
  await items.first().waitFor({ timeout: 10_000 });
  const titles = await items.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') || e.textContent || '').trim()));
  await onMenu?.();
  const index = titles.findIndex((t) => title.test(t));
  if (index < 0) {
    await page.keyboard.press('Escape');
    throw new Error(`no quick fix matching ${title} among: ${JSON.stringify(titles)}`);
  }
  await items.nth(index).click();
  await page.waitForSelector(sel.actionWidget, { state: 'hidden' });
  return titles;
}

/**
 * Saves the active editor (Ctrl+S) once it shows the edit just made, and waits until its tab no longer shows
 * unsaved changes. A quick fix's edit may land after its menu closed: saved before it, the file missed it
 * and the tab stayed dirty (the light-bulb test, once under load).
 */
export async function save(page) {
  const tab = '.editor-group-container.active .tab.active';
  await page.waitForSelector(`${tab}.dirty`, { timeout: 10_000 });
  await page.keyboard.press('Control+S');
  await page.waitForSelector(`${tab}:not(.dirty)`, { timeout: 10_000 });
}

/** Replaces the selection with `text` through the clipboard, as a user's paste. */
export async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

/**
 * The suggest widget's labels, in order, once it shows one matching `first`. Until the language server
 * has answered (it may be starting, or restarted by the extension-host suite) the editor shows its own
 * word suggestions: then the widget is closed and asked again.
 */
export async function suggestions(page, first) {
  const rows = sel.suggestRows;
  return until(`suggestions starting with ${first}`, async () => {
    if (!(await page.locator(rows).first().isVisible().catch(() => false))) await page.keyboard.press('Control+Space');
    await page.locator(rows).first().waitFor({ timeout: 2_000 }).catch(() => {});
    const labels = await page.locator(`${rows} .label-name`).allTextContents();
    if (labels.length && first.test(labels[0])) return labels;
    await page.keyboard.press('Escape');
    return undefined;
  }, { timeout: 30_000, interval: 500 });
}

/** The text of every "VPC Endpoint Lens" output log the editor wrote (one per extension-host session). */
export function extensionLogs() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('VPC Endpoint Lens.log')) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(env.userData, 'logs'));
  return out;
}

/**
 * The frame of the webview page holding `selector`, once it does: several webviews may be open and visible at
 * once (the trace panel, the map, the rule page), so a page is found by what it holds, never by position.
 */
export async function frameWith(page, what, selector, timeout = 30_000) {
  return until(what, async () => {
    for (const f of page.frames()) if (await f.locator(selector).count().catch(() => 0)) return f;
    return undefined;
  }, { timeout });
}
