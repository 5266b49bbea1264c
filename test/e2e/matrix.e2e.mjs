// The "Trace to …" CodeLens and the trace panel's matrix in a narrow panel (~400 px): the lens opens a
// pick of the likely services with their verdicts; the matrix scrolls inside its box with its row and
// column headers still in sight, unknown and conditional cells carry a symbol and say so in words, a
// cell explains itself on hover and opens its path on click. Screenshots of each step are saved.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, env, until } from './harness.mjs';
import { sel, openFromExplorer, frameWith } from './workbench.mjs';
import { matrixTemplate } from './matrix-template.mjs';

const FILE = 'trace/matrix.yaml';
const NARROW = 400;

/** The trace panel's page (another webview, the rule page, may be open too). */
async function tracePage(page) {
  return frameWith(page, 'the trace panel', '#tab-matrix');
}

/** Resizes the browser until the trace panel's page is about `width` px wide; returns the width reached. */
async function narrowPanel(page, frame, width) {
  let inner = await frame.evaluate(() => window.innerWidth);
  for (let i = 0; i < 4 && Math.abs(inner - width) > 40; i++) {
    const vp = page.viewportSize();
    // The panel is one of two editor groups side by side: it gets about half of a change.
    await page.setViewportSize({ width: Math.max(700, Math.round(vp.width - 2 * (inner - width))), height: vp.height });
    await until('the panel to take its new width', async () => {
      const now = await frame.evaluate(() => window.innerWidth);
      const changed = now !== inner;
      inner = now;
      return changed;
    }, { timeout: 5_000 }).catch(() => undefined);
  }
  return inner;
}

test('CodeLens "Trace to …" opens a pick of the likely services with their verdicts; the matrix at ~400 px keeps its headers and opens a path', async ({ page, shot }) => {
  const classic = readFileSync(new URL('../fixtures/trace/classic.yaml', import.meta.url), 'utf8');
  writeFileSync(join(env.workspace, FILE), matrixTemplate(classic));
  await openFromExplorer(page, FILE);

  // The first subnet's lens (CondSubnet is the first resource): its pick lists the likely services, each traced.
  const lens = page.locator(`${sel.activeEditor} .codelens-decoration a`, { hasText: 'Trace to s3 · dynamodb · ssm' }).first();
  await lens.waitFor({ timeout: 30_000 });
  await lens.click();
  await page.locator('.quick-input-title', { hasText: 'Trace Path: from CondSubnet to' }).waitFor({ timeout: 20_000 });
  const row = (label) => page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${label}`) }).first();
  await until('the verdicts in the pick', async () => /public/.test((await row('s3').textContent({ timeout: 1_000 })) ?? ''), { timeout: 30_000 });
  assert.match(await row('ssm').textContent(), /private/);
  await shot('lens-pick');
  await page.keyboard.type('s3');
  await page.keyboard.press('Enter');

  const frame = await tracePage(page);
  await until('the CondSubnet → s3 verdict', async () => /CondSubnet → s3: Public/.test((await frame.locator('#verdict').textContent({ timeout: 1_000 }).catch(() => '')) ?? ''), { timeout: 30_000 });
  const original = page.viewportSize();
  try {
    // A panel of modest height too, so that the matrix scrolls down as well as across.
    await page.setViewportSize({ width: original.width, height: 720 });
    const width = await narrowPanel(page, frame, NARROW);
    assert.ok(Math.abs(width - NARROW) <= 60, `the panel is ${width} px wide`);
    console.log(`  panel width: ${width} px`);

    await frame.locator('#tab-matrix').click();
    await until('the matrix', async () => (await frame.locator('table.matrix tbody tr').count()) >= 20, { timeout: 30_000 });
    // Unknown and conditional cells carry a symbol and say so in words, not by colour alone.
    const unknown = frame.locator('button.cell[data-from="UnknownSubnet"][data-to="s3"]');
    assert.equal(await unknown.locator('.vmark').textContent(), '?');
    assert.match(await unknown.getAttribute('aria-label'), /UnknownSubnet to s3: unknown/);
    const conditional = frame.locator('button.cell[data-from="CondSubnet"][data-to="s3"]');
    assert.equal(await conditional.locator('.cond-mark').textContent(), '*');
    assert.match(await conditional.getAttribute('aria-label'), /conditional: other parameter values change it/);

    // Scroll the matrix right and down with the wheel: the headers stay at the box's edges, on top.
    const scroller = frame.locator('.matrix-scroll');
    await scroller.hover({ position: { x: 120, y: 80 } });
    await page.mouse.wheel(0, 2000);
    await page.mouse.wheel(2000, 0);
    const layout = await until('the matrix scrolled both ways', async () => {
      const l = await frame.evaluate(() => {
        const sc = document.querySelector('.matrix-scroll');
        const box = sc.getBoundingClientRect();
        const rect = (e) => e.getBoundingClientRect();
        const heads = [...document.querySelectorAll('.matrix thead th')];
        const rows = [...document.querySelectorAll('.matrix tbody th')];
        const lastCol = rect(heads.at(-1));
        const lastRow = rect(rows.at(-1));
        const on = (r, el) => el.contains(document.elementFromPoint(r.left + 3, r.top + 3));
        return {
          scrollTop: sc.scrollTop, scrollLeft: sc.scrollLeft, box: { top: box.top, left: box.left, right: box.right, bottom: box.bottom },
          corner: rect(heads[0]), lastCol, lastRow,
          cornerOnTop: on(rect(heads[0]), heads[0]), lastColOnTop: on(lastCol, heads.at(-1)), lastRowOnTop: on(lastRow, rows.at(-1)),
          lastColText: heads.at(-1).textContent, lastRowText: rows.at(-1).textContent,
        };
      });
      return l.scrollTop > 0 && l.scrollLeft > 0 ? l : undefined;
    }, { timeout: 10_000 });
    const near = (a, b) => Math.abs(a - b) <= 3;
    assert.ok(near(layout.corner.top, layout.box.top) && near(layout.corner.left, layout.box.left), `the corner header sticks: ${JSON.stringify(layout)}`);
    assert.ok(near(layout.lastCol.top, layout.box.top) && layout.lastCol.right <= layout.box.right + 1 && layout.lastColOnTop, `the last column's header (${layout.lastColText}) is in sight at the top`);
    assert.ok(near(layout.lastRow.left, layout.box.left) && layout.lastRow.bottom <= layout.box.bottom + 1 && layout.lastRowOnTop, `the last row's header (${layout.lastRowText}) is in sight at the left`);
    assert.equal(layout.lastColText, 'internet');
    assert.equal(layout.lastRowText, 'Worker');
    await shot('narrow-scrolled');

    // Back to the top left; a cell explains itself on hover: verdict, deciding hop and value, conditions.
    await page.mouse.wheel(0, -2000);
    await page.mouse.wheel(-2000, 0);
    await until('the matrix back at the top left', () => frame.evaluate(() => document.querySelector('.matrix-scroll').scrollTop === 0 && document.querySelector('.matrix-scroll').scrollLeft === 0));
    await unknown.hover();
    const tip = frame.locator('#cell-tip');
    await tip.waitFor({ state: 'visible', timeout: 5_000 });
    const unknownTip = await tip.textContent();
    assert.match(unknownTip, /UnknownSubnet → s3: unknown/);
    assert.match(unknownTip, /Decided at route table \(UnknownSubnet\), unknown: .*SharedRt/);
    await conditional.hover();
    await until('the conditional cell\'s explanation', async () => /CondSubnet → s3: public/.test((await tip.textContent()) ?? ''));
    const condTip = await tip.textContent();
    assert.match(condTip, /Decided at route \(CondDefault\), passes: 0\.0\.0\.0\/0 → nat gateway Nat/);
    assert.match(condTip, /When NatOn is false: blocked/);
    await shot('narrow-hover');

    // A click opens that cell's path in the trace view. The path tab still holds the lens's trace of the
    // same path (hidden): its verdict is marked so that only the reply to this click's request counts.
    await frame.evaluate(() => document.querySelector('#verdict strong').setAttribute('data-before-click', ''));
    await conditional.click();
    const fresh = async () => (await frame.locator('#verdict strong:not([data-before-click])').textContent({ timeout: 1_000 }).catch(() => '')) ?? '';
    await until('the path of the cell', async () => /CondSubnet → s3: Public/.test(await fresh()) && (await frame.locator('#panel-path').isVisible()), { timeout: 20_000 });
    assert.ok(await frame.locator('#panel-matrix').isHidden());
    assert.ok((await frame.locator('.hop.deciding .decides').count()) === 1, 'the deciding hop is marked');
    await shot('narrow-path');
  } finally {
    await page.setViewportSize(original);
  }
});
