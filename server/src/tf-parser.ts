// Loads the Terraform parser for a face (CLI, language server, tests): the engine is pure, so the face
// reads the WebAssembly files — beside the bundle (dist/, copied by scripts/build.mjs), or when run from
// source from node_modules (the runtime) and vendor/ (the grammar's two builds, vendor/tree-sitter-hcl/
// README.md) — and hands their bytes to the engine once.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { hclCompiledModule, hclLoaded, loadHcl } from './core/tf/hcl.js';

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
