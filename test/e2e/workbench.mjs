// How the tests reach into VS Code's workbench (code-server serves the same DOM as the desktop app).
// Selectors are gathered here so a workbench change is fixed in one place.
import { env, until } from './harness.mjs';

export const sel = {
  workbench: '.monaco-workbench',
  explorerRow: (name) => `.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`,
  activeEditor: '.editor-group-container.active .monaco-editor',
  squigglyError: '.monaco-editor .squiggly-error',
  problemsStatus: '#status\\.problems',
  problemsRows: '.markers-panel .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  actionWidget: '.action-widget',
  actionItems: '.action-widget .monaco-list-row.action',
};

export async function openWorkbench(page) {
  await page.goto(`${env.url}/?folder=${encodeURIComponent(env.workspace)}`);
  await page.waitForSelector(sel.workbench, { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
}

/** Opens `a/b/c.yaml` by clicking the explorer's rows, folders first. */
export async function openFromExplorer(page, relPath) {
  const parts = relPath.split('/');
  for (const [i, name] of parts.entries()) {
    const row = page.locator(sel.explorerRow(name)).first();
    await row.waitFor({ timeout: 20_000 });
    const last = i === parts.length - 1;
    if (!last && (await row.getAttribute('aria-expanded')) === 'true') continue;
    await row.click();
  }
  await page.waitForSelector(`.tab.active[aria-label^="${parts.at(-1)}"]`, { timeout: 20_000 });
  await page.waitForSelector(sel.activeEditor);
}

/** Runs a command from the palette (F1), by its full title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector(sel.quickInputBox, { state: 'visible' });
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(sel.quickInput, { state: 'hidden' });
}

/** Moves the cursor with "Go to Line/Column" (Ctrl+G), 1-based, and waits for the status bar to agree. */
export async function goTo(page, line, column) {
  await page.locator(sel.activeEditor).click({ position: { x: 200, y: 10 } });
  await page.keyboard.press('Control+G');
  await page.waitForSelector(sel.quickInputBox, { state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await until(`cursor at ${line}:${column}`, async () =>
    ((await page.locator('#status\\.editor\\.selection').getAttribute('aria-label')) ?? '').includes(`Line ${line}, Column ${column}`) ||
    ((await page.locator('#status\\.editor\\.selection').textContent()) ?? '').includes(`Ln ${line}, Col ${column}`));
}

/** The Problems panel's rows as text (aria-labels name message, source, code and position). */
export async function problems(page) {
  return page.locator(sel.problemsRows).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
}

export async function showProblems(page) {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { state: 'visible' });
}
