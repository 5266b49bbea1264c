// The extension-host suite (suite/index.cjs) on a desktop VS Code downloaded by @vscode/test-electron.
// Needs the network (update.code.visualstudio.com) and a display (on Linux: xvfb-run). Where either is
// missing it prints SKIPPED with the reason and exits 0 without claiming a pass (E2E_ELECTRON_REQUIRED=1
// makes a skip exit 1). On machines without them the same suite runs inside code-server: scripts/e2e/run.sh.
//
//   npm run build && node test/e2e/electron/run.mjs
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// Downloads go beside the other e2e tools, outside the repository.
const cache = join(process.env.VPCE_E2E_TOOLS ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vpce-lens-e2e'), 'vscode-test');
const DOWNLOAD_LIMIT_MS = Number(process.env.E2E_ELECTRON_DOWNLOAD_TIMEOUT ?? 60_000);

function skip(reason) {
  console.log(`e2e (electron): SKIPPED: ${reason}`);
  process.exit(process.env.E2E_ELECTRON_REQUIRED === '1' ? 1 : 0);
}

let vscodeExecutable;
try {
  vscodeExecutable = await Promise.race([
    downloadAndUnzipVSCode({ version: process.env.E2E_VSCODE_VERSION ?? 'stable', timeout: 15_000, cachePath: cache }),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${DOWNLOAD_LIMIT_MS / 1000} s`)), DOWNLOAD_LIMIT_MS).unref()),
  ]);
} catch (err) {
  skip(`cannot download VS Code (${err instanceof Error ? err.message : String(err)}); this machine has no route to it. ` +
    'The same suite runs inside code-server: npm run test:e2e');
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  skip('no display for VS Code\'s window: run it as `xvfb-run -a node test/e2e/electron/run.mjs`');
}

// A scratch copy of the examples: the suite edits the template in memory only, but never risk the repo's.
const scratch = mkdtempSync(join(tmpdir(), 'vpce-electron-'));
cpSync(join(root, 'examples'), join(scratch, 'workspace', 'examples'), { recursive: true });
try {
  await runTests({
    vscodeExecutablePath: vscodeExecutable,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test/e2e/electron/suite/index.cjs'),
    launchArgs: [join(scratch, 'workspace'), '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(scratch, 'user-data')],
  });
  console.log('e2e (electron): the extension-host suite passed');
} catch (err) {
  console.error(`e2e (electron): FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
