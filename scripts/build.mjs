// Bundles each face with esbuild: the CLI, the language server, the VS Code client and the webview.
// `--production` minifies (for the .vsix); the default keeps names readable for stack traces.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const production = process.argv.includes('--production');
// The schemas become validation code first: the bundles import it.
execFileSync(process.execPath, [new URL('./gen-validators.mjs', import.meta.url).pathname], { stdio: 'inherit' });
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { VPCE_LENS_VERSION: JSON.stringify(version) },
};

const entries = [
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['client/src/webview/page.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all(entries.map((e) => build({ ...common, ...e })));
console.log(`built ${entries.map((e) => e.outfile).join(', ')}${production ? ' (production)' : ''}`);
