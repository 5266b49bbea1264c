// Loads the Terraform parser for a face (CLI, language server, tests): the engine is pure, so the face
// reads the two WebAssembly files — beside the bundle (dist/, copied by scripts/build.mjs), or from
// node_modules when run from source — and hands their bytes to the engine once.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { hclLoaded, loadHcl } from './core/tf/hcl.js';

export const TF_WASM = { runtime: 'web-tree-sitter/tree-sitter.wasm', grammar: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm' };

function wasmPath(spec: string): string {
  const beside = join(__dirname, spec.slice(spec.lastIndexOf('/') + 1));
  return existsSync(beside) ? beside : createRequire(__filename).resolve(spec);
}

export async function ensureTerraformParser(): Promise<void> {
  if (hclLoaded()) return;
  await loadHcl({ runtime: readFileSync(wasmPath(TF_WASM.runtime)), grammar: readFileSync(wasmPath(TF_WASM.grammar)) });
}
