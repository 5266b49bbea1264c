// A very small test harness for the real-editor tests: sequential tests sharing one browser page, a
// screenshot after every test (and on failure), and the closing line `N passed, N failed` that CI reads.
// Not node:test on purpose: these run only under scripts/e2e/run.sh, with code-server already started.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const tests = [];
/** Registers a test: `fn({ page, shot })`; tests run in the order they are registered. */
export function test(name, fn) {
  tests.push({ name, fn });
}

export const env = {
  url: required('E2E_URL'),
  workspace: required('E2E_WORKSPACE'),
  userData: required('E2E_USER_DATA'),
  results: process.env.E2E_RESULTS ?? 'test-results/e2e',
};

function required(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the e2e tests through scripts/e2e/run.sh`);
  return v;
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/** Polls `fn` until it returns a truthy value (returned) or the time is up (throws with `what`). */
export async function until(what, fn, { timeout = 20_000, interval = 100 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Does `act`, then waits up to `each` ms for `fn`; does `act` again if it did not come, `attempts` times in all.
 * For a UI action whose first try a busy workbench may drop (a click in a webview that is still re-rendering):
 * the test still fails if the outcome never comes, and a run that needed more than one try says so.
 */
export async function untilAfter(what, act, fn, { attempts = 3, each = 8_000 } = {}) {
  for (let i = 1; ; i++) {
    await act();
    try {
      const v = await until(what, fn, { timeout: each });
      if (i > 1) console.log(`  (${what}: came on try ${i} of ${attempts})`);
      return v;
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

export async function runAll({ before, beforeEach }) {
  mkdirSync(env.results, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  let passed = 0;
  let failed = 0;
  const grep = process.env.E2E_GREP;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.log(`  [page error] ${err.message}`));
    const t0 = Date.now();
    await before(page);
    console.log(`  workbench ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // The extension-host suite drives the same editor (it opens its template, restarts the server) until
    // it has written its result; the whole run's first test waits for that. A run of chosen tests waits too,
    // or its tests race the suite (a hover closed under the pointer, a tab opened over the test's).
    const hostResult = process.env.VPCE_E2E_HOST_RESULT;
    if (grep && hostResult) await until('the extension-host suite to finish', () => existsSync(hostResult), { timeout: 90_000 });
    for (const [i, t] of tests.entries()) {
      if (grep && !t.name.includes(grep)) continue;
      const started = Date.now();
      const shot = async (label) => {
        const file = join(env.results, `${String(i + 1).padStart(2, '0')}-${slug(t.name)}${label ? `-${slug(label)}` : ''}.png`);
        await page.screenshot({ path: file });
        return file;
      };
      try {
        await beforeEach?.(page);
        await t.fn({ page, shot });
        passed++;
        console.log(`ok ${passed + failed} - ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        console.log(`not ok ${passed + failed} - ${t.name}\n  ${String(err?.stack ?? err).split('\n').join('\n  ')}`);
        await shot('failed').catch(() => {});
      }
    }
  } catch (err) {
    failed++;
    console.log(`not ok - setting up the editor\n  ${String(err?.stack ?? err).split('\n').join('\n  ')}`);
  } finally {
    await browser.close().catch(() => {});
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}
