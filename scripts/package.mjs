// `npm run package`: a production build, then `vsce package --no-dependencies` → dist/vpc-endpoint-lens.vsix.
// vsce 4 needs Node >= 22; the machines have Node 20, so vsce runs on the Node 24 that
// scripts/e2e/setup.sh keeps outside the repository (installed here on first use: `setup.sh package`, ~25 s).
// What goes into the .vsix is decided by .vscodeignore (an allowlist).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tools = process.env.VPCE_E2E_TOOLS ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vpce-lens-e2e');
const node24 = join(tools, 'node/node_modules/node/bin/node');
const vsce = join(tools, 'node/node_modules/@vscode/vsce/vsce');
const out = join(root, 'dist/vpc-endpoint-lens.vsix');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`package: ${[cmd, ...args].join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

run(process.execPath, ['scripts/build.mjs', '--production']);
for (const f of ['dist/extension.js', 'dist/server.js']) {
  if (!existsSync(join(root, f))) {
    console.error(`package: ${f} is missing after the build; the extension cannot run without it`);
    process.exit(1);
  }
}
if (!existsSync(join(root, 'server/src/server.ts'))) {
  console.warn('package: WARNING server/src/server.ts does not exist; packaging the dist/server.js that is there');
}
if (!existsSync(vsce) || !existsSync(node24)) run('bash', ['scripts/e2e/setup.sh', 'package']);

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = [vsce, 'package', '--no-dependencies', '--out', out];
// Only for what is genuinely absent: without a repository vsce cannot turn README's relative links into
// absolute ones (they keep working inside the editor); without a LICENSE file it would stop and ask.
if (!pkg.repository) args.push('--allow-missing-repository', '--no-rewrite-relative-links');
if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f)))) args.push('--skip-license');
run(node24, args);
console.log(`package: ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);
