// The files of a Terraform module (one folder's *.tf, terraform.tfvars and *.auto.tfvars), read as the
// CLI and the language server read every user file: regular files only, never past the size limit
// (read-input.ts). A FIFO named x.tf would otherwise block the read forever; what cannot be read is
// named, never silently left out.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TfFile } from './core/tf/module.js';
import { DEFAULT_MAX_FILE_SIZE, readInput } from './read-input.js';

const MODULE_FILE = /(\.tf|^terraform\.tfvars|\.auto\.tfvars)$/;

export interface ModuleRead {
  files: TfFile[];
  /** Files of the module that could not be read, each with why. */
  skipped: { path: string; reason: string }[];
}

/** `except`: a file name whose text the caller already has (the open document). */
export function readModuleFiles(dir: string, except?: string, limit = DEFAULT_MAX_FILE_SIZE): ModuleRead {
  const out: ModuleRead = { files: [], skipped: [] };
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => MODULE_FILE.test(n) && n !== except).sort();
  } catch {
    return out; // an unsaved document, a virtual file system: nothing beside it
  }
  for (const n of names) {
    const path = join(dir, n);
    const read = readInput(path, limit);
    if (read.kind === 'text') out.files.push({ path, text: read.text });
    else out.skipped.push({ path, reason: read.kind === 'too-large' ? `over the ${Math.round(limit / (1024 * 1024))} MB limit` : read.reason });
  }
  return out;
}
