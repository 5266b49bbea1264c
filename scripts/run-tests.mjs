// Runs every test file under test/ (unit, fixtures, corpus, cli, lsp), or the files and folders named, with Node's own test runner;
// TypeScript is loaded through tsx. Node 20's --test takes no globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'e2e' ? [] : find(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

// The engine imports the validators compiled from the schemas; a test run without a build makes them.
if (!existsSync('server/src/core/schema/validators.generated.js')) spawnSync(process.execPath, ['scripts/gen-validators.mjs'], { stdio: 'inherit' });

// Arguments: test files, or folders whose tests all run (Node 20's --test runs a folder's files only when named one by one).
const only = process.argv.slice(2).flatMap((a) => (existsSync(a) && statSync(a).isDirectory() ? find(a).sort() : [a]));
const files = only.length ? only : find('test').sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
