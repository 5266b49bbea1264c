// The files of a Terraform module (one folder's *.tf and *.tf.json, terraform.tfvars and *.auto.tfvars), read as the
// CLI and the language server read every user file: regular files only, never past the size limit
// (read-input.ts). A FIFO named x.tf would otherwise block the read forever; what cannot be read is
// named, never silently left out.

import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { TfFile } from './core/tf/module.js';
import type { ModuleFolders } from './core/tf/local-modules.js';
import { DEFAULT_MAX_FILE_SIZE, readInput } from './read-input.js';

/** The files of a module folder: its .tf and .tf.json files (override files among them) and the tfvars Terraform loads itself. */
export const MODULE_FILE = /(\.tf|\.tf\.json|^terraform\.tfvars|^terraform\.tfvars\.json|\.auto\.tfvars|\.auto\.tfvars\.json)$/;

export interface ModuleRead {
  files: TfFile[];
  /** Files of the module that could not be read, each with why. */
  /** Files not read: why, and for one over the size limit its size (bytes). */
  skipped: { path: string; reason: string; size?: number }[];
  /** Why the folder itself could not be listed (not when it does not exist). */
  unreadable?: string;
}

/**
 * The editor's open documents by path, saved or not: read instead of the file on disk (and as a file of
 * their folder when not on disk yet), so a module's facts are those of the texts the user sees.
 */
export type OpenTexts = ReadonlyMap<string, string>;

/**
 * `except`: a file name whose text the caller already has (the open document), `exceptText` that text:
 * the .json files its `file()` calls name are read too.
 */
export function readModuleFiles(dir: string, except?: string, limit = DEFAULT_MAX_FILE_SIZE, open?: OpenTexts, exceptText?: string): ModuleRead {
  const out: ModuleRead = { files: [], skipped: [] };
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => MODULE_FILE.test(n) && n !== except);
  } catch (e) {
    // An unsaved document, a virtual file system: nothing beside it. A folder that is there but cannot be listed says so.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      out.unreadable = code ?? String(e);
      return out;
    }
  }
  if (open) {
    const onDisk = new Set(names);
    for (const path of open.keys()) {
      const n = basename(path);
      if (dirname(path) === dir && MODULE_FILE.test(n) && n !== except && !onDisk.has(n)) names.push(n);
    }
  }
  names.sort();
  for (const n of names) {
    const path = join(dir, n);
    const text = open?.get(path);
    if (text !== undefined) {
      out.files.push({ path, text });
      continue;
    }
    const read = readInput(path, limit);
    if (read.kind === 'text') out.files.push({ path, text: read.text });
    else if (read.kind === 'too-large') out.skipped.push({ path, reason: `over the ${Math.round(limit / (1024 * 1024))} MB limit`, size: read.size });
    else out.skipped.push({ path, reason: read.reason });
  }
  readDataFiles(dir, [...out.files.map((f) => f.text), ...(exceptText === undefined ? [] : [exceptText])], out, limit, open);
  return out;
}

// A literal path to a .json file in the module's folder, as a `file()` or `templatefile()` call writes
// it: `"${path.module}/policy.json"`, `"policy.json"`, `"./policies/s3.json"` (tf/file-function.ts reads
// no other form). Never one that leaves the folder.
const FILE_CALL = /\b(?:file|templatefile)\(\s*"(?:\$\{path\.(?:module|root)\}\/|\.\/)?([\w./-]+\.json)"/g;

/** The .json files the module's `file()` calls name, read as its other files are (regular files, within the limit). */
function readDataFiles(dir: string, texts: string[], out: ModuleRead, limit: number, open?: OpenTexts): void {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(FILE_CALL)) if (!m[1]!.split('/').includes('..') && !/\.t(f|fvars)\.json$/.test(m[1]!)) names.add(m[1]!);
  for (const name of [...names].sort()) {
    const path = join(dir, name);
    const text = open?.get(path);
    if (text !== undefined) {
      out.files.push({ path, text });
      continue;
    }
    // A link that points out of the folder is not followed.
    if (!inside(dir, path)) continue;
    const read = readInput(path, limit);
    if (read.kind === 'text') out.files.push({ path, text: read.text });
    // A file() of a file that is not there fails Terraform's plan; here the policy stays unknown.
    else if (read.kind === 'too-large') out.skipped.push({ path, reason: `over the ${Math.round(limit / (1024 * 1024))} MB limit`, size: read.size });
  }
}

// What one analysis reads of local module folders at most (an editor reads them on every keystroke's
// lint; a generated tree must not make that slow). The depth and folder count are the engine's.
const MAX_MODULE_FILES = 400;
const MAX_MODULE_BYTES = 32 * 1024 * 1024;

/**
 * Reads the local module folders (`source = "./modules/net"`) of the root module in `rootDir`, never
 * outside `boundary` (the repository or workspace folder): a `source` that leaves it, or a symlink
 * (folder or file) that points out of it, is not read and says so. An untrusted workspace cannot make
 * the editor read a file outside itself.
 */
export function localModuleFolders(rootDir: string, boundary: string, open?: OpenTexts): ModuleFolders {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const fence = real(boundary) ?? resolve(boundary);
  const inside = (p: string) => {
    const rel = relative(fence, p);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  let files = 0;
  let bytes = 0;
  return {
    root: rootDir,
    read(from, source) {
      const dir = resolve(from, source);
      // Not a mistake of the configuration (the folder may well be there, as in a published example read in
      // place): the call is an unknown module, said at info level, naming the folder.
      const outside = (at: string) => ({ error: `${at} is outside ${boundary}, which is all that is read`, info: true });
      // Outside as written: refused before anything there is looked at.
      const written = resolve(real(from) ?? from, source);
      if (!inside(real(from) ?? resolve(from)) || !inside(written)) return outside(written);
      const target = real(dir);
      if (!target) return { error: `no such folder (${dir})` };
      if (!inside(target)) return outside(`${dir} (a link to ${target})`);
      let folder: boolean;
      try {
        folder = statSync(target).isDirectory();
      } catch (e) {
        return { error: `${dir} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, info: true };
      }
      if (!folder) return { error: `${dir} is not a folder` };
      const read = readModuleFiles(dir, undefined, DEFAULT_MAX_FILE_SIZE, open);
      if (read.unreadable) return { error: `${dir} cannot be read (${read.unreadable})`, info: true };
      const out: TfFile[] = [];
      for (const f of read.files) {
        if (!/\.tf(\.json)?$/i.test(f.path)) continue; // tfvars are the root module's only
        const at = real(f.path) ?? (open?.has(f.path) ? f.path : undefined); // an open document not saved yet is where it is named
        if (!at || !inside(at)) continue; // a symlink out of the workspace
        if (++files > MAX_MODULE_FILES || (bytes += f.text.length) > MAX_MODULE_BYTES) return { error: `the module folders hold more than ${MAX_MODULE_FILES} files or ${MAX_MODULE_BYTES / (1024 * 1024)} MB` };
        out.push(f);
      }
      if (out.length === 0) return { error: read.skipped.length ? `its .tf files cannot be read (${read.skipped[0]!.reason})` : 'the folder has no .tf or .tf.json files' };
      return { dir, files: out };
    },
  };
}

/** The repository a folder is in (the nearest folder above it with a .git), else `fallback`. */
export function repositoryOf(dir: string, fallback: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return fallback;
  }
}

function inside(dir: string, path: string): boolean {
  try {
    const from = relative(realpathSync(dir), realpathSync(path));
    return !!from && !from.startsWith('..') && !isAbsolute(from);
  } catch {
    return false;
  }
}
