#!/usr/bin/env node
// Runs the bundled CLI (`npm run build` makes it). A check is over in a fraction of a second, so
// compiling the 1.7 MB bundle would be a large share of every run: the build leaves V8's code cache
// for it (dist/cli.js.cache, made by running the CLI on the examples) and this loads the bundle through
// that cache, as Node 22's module.enableCompileCache() would. The cache is used only with the very build
// that wrote it (its first line names the build) and only when this V8 accepts it; otherwise the bundle
// compiles as usual. Nothing is written at run time.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');
const Module = require('node:module');

const file = join(__dirname, '..', 'dist', 'cli.js');
const cacheFile = `${file}.cache`;
let source;
try {
  // The build makes the bundle ASCII only (scripts/build.mjs checks it), so Latin-1 reads it exactly,
  // with a copy where UTF-8 would validate and decode 1.9 MB on every run.
  source = readFileSync(file, 'latin1');
} catch {
  process.stderr.write('vpce-lens: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}
const build = source.slice(0, source.indexOf('\n') + 1);
const writing = process.env.VPCE_LENS_WRITE_CODE_CACHE === '1';
// A check is one short burst of work. V8's default interrupt budget sends a function to its optimising
// compiler after a few thousand calls, and in a run this short most of that compiling (on background
// threads) is never paid back; with a budget eight times larger only what stays hot is optimised (CPU about
// a quarter lower, wall time lower too, on the 5,000-resource benchmarks: BENCHMARKS.md, "CLI: V8's
// interrupt budget"). V8 refuses a code cache made under other flags, so
// both flags are set before the bundle is compiled, when the cache is written as when it is read: a pool worker
// (cli/tf-pool.ts) loads the bundle after its main thread has set them, and with the flags set only after the
// load its cache was refused (the worker compiled the whole bundle: 20-40 ms of CPU more per worker).
require('node:v8').setFlagsFromString('--interrupt-budget=540672');
// The same for the Terraform parser (WebAssembly, compiled when Terraform is read): at V8's default tiering
// budget (1.8 M bytes executed a function) seven of its functions go to TurboFan during one small file's parse
// (two of them 100-170 ms each), and the process cannot exit before those background compiles end: about half
// of a one-file Terraform check's CPU, and most of what it costs beyond a template's. At 200 M a 2 KB .tf tiers
// up nothing, while the 5,000-resource tree still tiers up every large hot function (21 compiles against 31),
// as the parse of a large configuration needs (V8's --trace-wasm-compilation-times; BENCHMARKS.md,
// "Terraform's start-up").
require('node:v8').setFlagsFromString('--wasm-tiering-budget=200000000');
const cachedData = writing ? undefined : readCache();
// The bundle is its own module wrapper (scripts/build.mjs): compiled as it was read, it is the function
// to call with a module's arguments. (Module.wrap would make V8 copy the whole source into a flat string.)
const script = new Script(source, { filename: file, cachedData });
const mod = new Module(file, module);
mod.filename = file;
script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
// A small Terraform check leaves V8's --liftoff-only set (and the two flags it clears), for its parser
// (server/src/tf-parser.ts, compileTerraformParser); the cache is made under the flags every run starts with.
const startFlags = () => ['--no-liftoff-only', '--wasm-tier-up', '--wasm-dynamic-tiering'].forEach((f) => require('node:v8').setFlagsFromString(f));
if (writing && require('node:worker_threads').isMainThread) process.on('exit', () => (startFlags(), writeFileSync(cacheFile, Buffer.concat([Buffer.from(build, 'latin1'), script.createCachedData()]))));
mod.exports.run();

function readCache() {
  if (!build.startsWith('// vpce-lens build ')) return undefined;
  try {
    const buf = readFileSync(cacheFile);
    return buf.toString('latin1', 0, build.length) === build ? buf.subarray(build.length) : undefined;
  } catch {
    return undefined;
  }
}
