// The editor experience around the findings: a rule's documentation opens rendered, at the rule, beside the
// editor (from the hover's link and from the Problems panel's code link) without taking the user's tab;
// the status bar shows the regions in effect; the output channel says how long the extension took to
// show its first diagnostics.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, env, until } from './harness.mjs';
import { sel, openFromExplorer, problems, showProblems, goTo, frameWith } from './workbench.mjs';

const TEMPLATE = 'examples/endpoints-with-mistakes.yaml';

/** The rule page's frame (the trace panel may be open too: find the frame that has the rules list). */
async function rulePage(page) {
  return frameWith(page, 'the rule page', '#rules article', 20_000);
}

async function currentRule(page) {
  const frame = await rulePage(page);
  return until('a rule shown', async () => (await frame.locator('article.current').getAttribute('id', { timeout: 1_000 }).catch(() => null)) ?? undefined);
}

const groups = (page) => page.locator('.editor-group-container').count();

/**
 * The left edge of the editor group holding the tab whose label starts with `label` (the active tab of its
 * group when `active`), or undefined. Groups are placed side by side: "beside" is further right.
 */
const groupLeft = (page, label, active = false) => page.locator('.editor-group-container', { has: page.locator(`.tab${active ? '.active' : ''}[aria-label^="${label}"]`) }).first()
  .boundingBox({ timeout: 1_000 }).then((b) => b?.x).catch(() => undefined);

test('the hover\'s rule link opens the rule\'s page beside the editor, at the rule; the template keeps its tab and focus', async ({ page, shot }) => {
  await openFromExplorer(page, TEMPLATE);
  await showProblems(page);
  const finding = await until('a finding in the Problems panel', () => problems(page).then((r) => r.find((p) => p.source === 'vpce-lens' && /^VPCE\d{4}$/.test(p.code))));
  await goTo(page, finding.line, finding.column);
  // The hover may close before the click (a late diagnostics update re-renders the editor): shown again then.
  const link = page.locator('.monaco-hover a', { hasText: `${finding.code} documentation` }).first();
  let shown = false;
  await until('the hover\'s rule link clicked', async () => {
    if (!(await link.isVisible())) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await link.waitFor({ timeout: 5_000 });
    }
    if (!shown) await shot('hover');
    shown = true;
    await link.click({ timeout: 2_000 });
    return true;
  }, { timeout: 30_000, interval: 200 });
  assert.equal(await currentRule(page), finding.code.toLowerCase());
  const frame = await rulePage(page);
  assert.match(await frame.locator('article.current h3').textContent(), new RegExp(`^${finding.code}: `));
  // The rule's AWS page first; a rule Terraform also reads links its Terraform page after it (meta.terraform).
  const hrefs = await frame.locator('article.current a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.match(hrefs[0] ?? '', /^https:\/\/docs\.aws\.amazon\.com\//, hrefs.join(' '));
  assert.ok(hrefs.slice(1).every((h) => /^https:\/\/(registry\.terraform\.io|developer\.hashicorp\.com)\//.test(h ?? '')), hrefs.join(' '));
  // Beside the template's group: a group to its right (a new one, or the one already there: how many groups
  // earlier tests left open is theirs, not this link's to count).
  const templateX = await until('the template\'s group', () => groupLeft(page, 'endpoints-with-mistakes.yaml', true));
  const ruleX = await until('the rule page\'s group', () => groupLeft(page, `Rule ${finding.code}`, true));
  assert.ok(ruleX > templateX, `the rule page opened beside the template (its group at x=${ruleX}, the template's at x=${templateX})`);
  // The page did not take the keyboard focus: it is still in the template's editor group. (VS Code makes
  // the new group the active one even with preserveFocus; the keys still go to the template.)
  const focused = await page.evaluate(() => document.activeElement?.closest('.editor-group-container')?.querySelector('.tab.active')?.getAttribute('aria-label') ?? '');
  assert.match(focused, /^endpoints-with-mistakes\.yaml/, `focus in ${focused}`);
  await shot('rule-page');
});

test('the Problems panel\'s code link shows that rule in the same page', async ({ page, shot }) => {
  await showProblems(page);
  const rows = page.locator(`${sel.problemsRows}`);
  const codes = (await problems(page)).map((p) => p.code).filter((c) => /^VPCE\d{4}$/.test(c));
  const current = await currentRule(page);
  const other = codes.find((c) => c.toLowerCase() !== current);
  assert.ok(other, `another rule than ${current} among ${codes}`);
  const groupsBefore = await groups(page);
  await rows.locator('a', { hasText: other }).first().click();
  await until(`${other} shown`, async () => (await currentRule(page)) === other.toLowerCase());
  assert.equal(await groups(page), groupsBefore, 'the same page, no new group');
  await shot();
});

test('the status bar shows the regions in effect', async ({ page }) => {
  await openFromExplorer(page, TEMPLATE);
  const item = page.locator('[id="vpce-lens.vpc-endpoint-lens.vpceLens.regions"], .statusbar-item', { hasText: 'eu-west-1' }).first();
  await item.waitFor({ timeout: 10_000 });
  assert.match(await item.textContent(), /eu-west-1/);
});

test('the output channel tells the settings in effect and the time to the first diagnostics', async () => {
  const logs = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/VPC Endpoint Lens\.log$/.test(name)) logs.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(env.userData, 'logs'));
  const text = logs.join('\n');
  const first = /first diagnostics (\d+) ms after activation/.exec(text);
  assert.ok(first, `no timing line in the output channel:\n${text.slice(0, 2000)}`);
  console.log(`  first diagnostics ${first[1]} ms after activation`);
  assert.match(text, /Settings in effect for .*: regions eu-west-1 \(editor settings\)/);
});

// VS Code titles an extension's settings from their keys in search results ("Vpce Lens: Regions" for
// vpceLens.regions; the configuration title "VPC Endpoint Lens" heads the extension's group in the table of
// contents): the log line records what it shows, the screenshot shows it.
test('the Settings editor shows the extension\'s settings with their descriptions', async ({ page, shot }) => {
  await page.keyboard.press('F1');
  await page.waitForSelector(sel.quickInputBox, { state: 'visible' });
  await page.keyboard.type('Preferences: Open User Settings');
  // Not "(JSON)", which may be listed first once used; a row may carry "recently used" / "other commands".
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: /^Preferences: Open User Settings(?!\s*\(JSON\))/ }).first();
  await row.waitFor();
  await row.click();
  await page.locator('.settings-editor .suggest-input-container').first().waitFor({ timeout: 20_000 });
  await page.locator('.settings-editor .suggest-input-container').first().click();
  await page.keyboard.type('@ext:vpce-lens.vpc-endpoint-lens');
  const labels = page.locator('.settings-editor .setting-item-contents .setting-item-label');
  await until('the extension\'s settings', async () => (await labels.allTextContents()).includes('Regions'));
  // In the manifest's order (each setting's "order"); the list renders only the rows in view.
  const shown = await labels.allTextContents();
  assert.ok(shown.length >= 3, `only ${shown.join(', ')} shown`);
  assert.deepEqual(shown, ['Regions', 'Rules', 'Policy Files', 'Trace Services', 'Server'].slice(0, shown.length));
  const regions = page.locator('.settings-editor .setting-item-contents', { has: page.locator('.setting-item-label', { hasText: /^Regions$/ }) });
  assert.match(await regions.locator('.setting-item-description').textContent(), /Regions the stacks deploy to/);
  const categories = await page.locator('.settings-editor .setting-item-contents .setting-item-category').allTextContents();
  console.log(`  shown as: ${[...new Set(categories)].join(' | ')} + ${(await labels.allTextContents()).join(', ')}`);
  await shot();
  await page.keyboard.press('Control+W');
});
