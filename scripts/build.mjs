// Bundles each face with esbuild: the CLI, the language server, the VS Code client and the webview.
// `--production` minifies (for the .vsix); the default keeps names readable for stack traces.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

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
  // jsonc-parser's `main` is a UMD build whose factory requires its own files at run time, which a
  // bundle cannot follow; its ES module build bundles like any other.
  // web-tree-sitter's ES module build finds `require` through `await import("module")` and
  // `import.meta.url`, which a CommonJS bundle (run through vm.Script by bin/vpce-lens.js) has neither
  // of; its CommonJS build uses the bundle's own `require`.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js', 'web-tree-sitter': createRequire(import.meta.url).resolve('web-tree-sitter') },
};


const buildId = randomUUID();
const CLI_WRAPPER_START = "(function (bundle) { return typeof module === 'object' && typeof __filename === 'string' ? void bundle(exports, require, module, __filename, __dirname) : bundle; })((function (exports, require, module, __filename, __dirname) {";
const CLI_WRAPPER_END = '}));';
const entries = [
  // The first line names the build, so bin/vpce-lens.js never pairs a code cache with another build.
  // Whitespace and syntax are minified even here: every run reads and hashes the whole bundle, and a
  // third less text is a few milliseconds of a ~70 ms run. Names stay, for stack traces.
  // The bundle is its own CommonJS wrapper, so that bin/vpce-lens.js compiles the text as read: wrapping
  // it there (Module.wrap) made V8 copy the 1.9 MB of source into one flat string on every run. Run by
  // Node as a module (`node dist/cli.js`, a pool worker without the launcher) it calls itself with
  // Node's wrapper arguments; compiled as a script, it is the function the launcher calls with them.
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `// vpce-lens build ${buildId}\n${CLI_WRAPPER_START}` }, footer: { js: CLI_WRAPPER_END }, minifyWhitespace: true, minifySyntax: true },
  // The server's first line names the build too: dist/server-cached.js pairs its code cache with it.
  // Minified as the CLI is (names kept): both of its threads hold the bundle's whole text as long as they run.
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: `// vpce-lens build ${buildId}` }, minifyWhitespace: true, minifySyntax: true },
  { entryPoints: ['server/src/code-cache-boot.ts'], outfile: 'dist/server-cached.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['client/src/webview/page.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { entryPoints: ['client/src/webview/map/map-page.ts'], outfile: 'dist/map-page.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { entryPoints: ['client/src/webview/rule-page.ts'], outfile: 'dist/rule-page.js', platform: 'browser', format: 'iife', target: 'es2022' },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all(entries.map((e) => build({ ...common, ...e })));
// V8 keeps a script's source as long as its functions live, one byte a character when every character is
// Latin-1, two otherwise: one stray character (a "→" in a comment esbuild kept) doubled the 2-3 MB the
// server's text holds in each of its threads. esbuild escapes strings and regular expressions; this
// guards what it copies as is.
for (const out of ['dist/cli.js', 'dist/server.js']) {
  const at = readFileSync(out, 'utf8').search(/[^\x00-\xff]/u);
  if (at >= 0) throw new Error(`${out} holds a character beyond Latin-1 at offset ${at}: V8 would keep its source at two bytes a character`);
}
// bin/vpce-lens.js reads the CLI's bundle as Latin-1, which is its UTF-8 only while every byte is ASCII.
const nonAscii = readFileSync('dist/cli.js', 'latin1').search(/[^\x00-\x7f]/);
if (nonAscii >= 0) throw new Error(`dist/cli.js holds a byte beyond ASCII at offset ${nonAscii}: bin/vpce-lens.js reads it as Latin-1`);
// IAM action descriptions: read by the language server's main thread on first use, never bundled (the lint
// workers would each compile 1.7 MB they never read).
copyFileSync('server/src/lsp/complete/iam-descriptions.generated.json', 'dist/iam-descriptions.json');

// The Terraform parser's WebAssembly (web-tree-sitter's runtime as its npm package ships it, and the
// tree-sitter-hcl grammar's two builds from vendor/tree-sitter-hcl, made by scripts/build-hcl-wasm.sh)
// goes beside the bundles that load it (server/src/tf-parser.ts).
const require = createRequire(import.meta.url);
mkdirSync('dist', { recursive: true });
for (const spec of ['web-tree-sitter/tree-sitter.wasm']) copyFileSync(require.resolve(spec), `dist/${spec.slice(spec.lastIndexOf('/') + 1)}`);
for (const f of ['hcl-parse.wasm', 'tree-sitter-terraform-fast.wasm', 'tree-sitter-terraform.wasm', 'hcl-walk.wasm']) copyFileSync(`vendor/tree-sitter-hcl/${f}`, `dist/${f}`);

// V8's code cache for the CLI, made after a real run so that it holds the functions a check compiles
// (parser, rules, schema validators, IAM index). It exits 1 on purpose: the examples hold mistakes.
const warm = spawnSync(process.execPath, ['bin/vpce-lens.js', 'check', '--region', 'us-east-1', 'examples', 'scripts/code-cache'], { env: { ...process.env, VPCE_LENS_WRITE_CODE_CACHE: '1' }, stdio: 'ignore' });
if (warm.status !== 0 && warm.status !== 1) throw new Error(`making the CLI's code cache failed (exit ${warm.status})`);
console.log(`built ${entries.map((e) => e.outfile).join(', ')}${production ? ' (production)' : ''}`);
