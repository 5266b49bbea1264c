// Loads the Terraform parser for a face (CLI, language server, tests): the engine is pure, so the face
// reads the WebAssembly files — beside the bundle (dist/, copied by scripts/build.mjs), or when run from
// source from node_modules (the runtime) and vendor/ (the grammar's two builds, vendor/tree-sitter-hcl/
// README.md) — and hands their bytes to the engine once.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { hclCompiledModule, hclLoaded, hclModuleCompiled, loadHcl } from './core/tf/hcl.js';
import type { ParserTier } from './cli/parser-tier.js';

/** The two files: an npm specifier, or a path from the repository's root (`./`). */
export const TF_WASM = {
  module: './vendor/tree-sitter-hcl/hcl-parse.wasm',
  runtime: 'web-tree-sitter/tree-sitter.wasm',
  grammar: './vendor/tree-sitter-hcl/tree-sitter-terraform-fast.wasm',
  exactGrammar: './vendor/tree-sitter-hcl/tree-sitter-terraform.wasm',
  walker: './vendor/tree-sitter-hcl/hcl-walk.wasm',
};

function wasmPath(spec: string): string {
  const beside = join(__dirname, spec.slice(spec.lastIndexOf('/') + 1));
  if (existsSync(beside)) return beside;
  // From source, this file is server/src/tf-parser.ts.
  return spec.startsWith('./') ? join(__dirname, '..', '..', spec) : createRequire(__filename).resolve(spec);
}

/**
 * Loads the parser in this thread. `compiled`: the static module as another thread compiled it
 * (terraformParserModule there, posted here): V8 then shares that thread's compiled and tiered-up code.
 */
export async function ensureTerraformParser(compiled?: WebAssembly.Module): Promise<void> {
  if (hclLoaded()) return;
  await loadHcl({ module: compiled ?? readFileSync(wasmPath(TF_WASM.module)), runtime: readFileSync(wasmPath(TF_WASM.runtime)), grammar: readFileSync(wasmPath(TF_WASM.grammar)), exactGrammar: readFileSync(wasmPath(TF_WASM.exactGrammar)), walker: readFileSync(wasmPath(TF_WASM.walker)) });
}

/** The static parser module as compiled in this thread (once loaded), for a worker thread's ensureTerraformParser. */
export function terraformParserModule(): WebAssembly.Module | undefined {
  return hclCompiledModule();
}

/**
 * Compiles the static parser module now (once loaded, and not compiled yet: else nothing changes), with V8's
 * default tier-up or on Liftoff alone (cli/parser-tier.ts). V8 reads --liftoff-only (and the two flags it turns
 * off, --wasm-tier-up and --wasm-dynamic-tiering) when it compiles a module, and --wasm-tier-up again each time it
 * compiles one of its functions at the first call: set back after the compile, the module's functions went to
 * TurboFan as they were first called (46 compiles on the 5,000-resource tree, against 20 by default). So the flag
 * stays set for the rest of this process, which then runs all its WebAssembly on Liftoff's code: the CLI chooses
 * this only for a run without worker threads (a worker's bundle is refused V8's code cache under other flags),
 * and bin/vpce-lens.js sets the flags back before it writes that cache.
 */
export function compileTerraformParser(tier: ParserTier): void {
  if (!hclLoaded() || hclModuleCompiled()) return;
  if (tier === 'baseline') setFlagsFromString('--liftoff-only');
  hclCompiledModule();
}
