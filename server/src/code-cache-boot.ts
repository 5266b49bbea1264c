// dist/server-cached.js: starts the language server bundle (dist/server.js) through V8's code cache, as
// bin/vpce-lens.js does for the CLI. Compiling the 1.6 MB bundle, and then each function the start and
// the first lint call, is a large share of a cold start; the cache skips both. Unlike the CLI's, this
// cache cannot ship with the build: the server runs on the editor's Node (Electron's, or code-server's),
// whose V8 would refuse a cache made by another. So it is made at run time, once per build, Node version
// and thread (main, lint worker), after the first lint (it then holds the functions a lint compiles),
// in the folder VPCE_LENS_CODE_CACHE_DIR names (the VS Code client passes its global storage). Without
// that variable, or with a cache V8 refuses, the bundle compiles as usual; nothing else changes.
// The lint worker is started through this file too (server.ts asks `bootScript()`).

import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import Module from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { BOOT_KEY, type Boot } from './boot-hook.js';

const file = join(__dirname, 'server.js');
const bytes = readFileSync(file);
// Read from the first line's own bytes: a match in the whole text would be a slice that keeps all of it
// (2 MB a thread) alive through warm() below, beside the copy the script holds.
const build = /^\/\/ vpce-lens build ([0-9a-f-]{36})\n/.exec(bytes.subarray(0, 64).toString('latin1'))?.[1];
const dir = process.env.VPCE_LENS_CODE_CACHE_DIR;
const prefix = `server-${isMainThread ? 'main' : 'worker'}-`;
const cacheFile = build && dir ? join(dir, `${prefix}${build}-${process.version}-${process.arch}.cache`) : undefined;

let cachedData: Buffer | undefined;
try {
  cachedData = cacheFile ? readFileSync(cacheFile) : undefined;
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(bytes.toString('utf8')), { filename: file, cachedData });
let toWrite = Boolean(cacheFile && (!cachedData || script.cachedDataRejected));

const boot: Boot = {
  script: __filename,
  cache: !cacheFile ? 'off' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used',
  warm() {
    if (!toWrite) return;
    toWrite = false;
    // After the answer that called this has gone out: writing never delays a lint.
    setImmediate(() => {
      try {
        mkdirSync(dir!, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile!);
        // Caches of other builds are of no more use.
        for (const f of readdirSync(dir!)) if (f.startsWith(prefix) && f.endsWith('.cache') && !f.includes(build!)) unlinkSync(join(dir!, f));
      } catch {
        // A cache that cannot be written costs the next start its compile, nothing more.
      }
    });
  },
};
(globalThis as Record<symbol, unknown>)[BOOT_KEY] = boot;

const mod = new Module(file, module);
mod.filename = file;
(mod as unknown as { paths: string[] }).paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(dirname(file));
(script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
