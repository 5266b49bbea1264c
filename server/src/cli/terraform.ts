// Terraform in the CLI: the .tf files found (or named) are checked a module at a time — every *.tf of
// their folder, with its terraform.tfvars and *.auto.tfvars — and each file gets its own report.

import { localModuleFolders, readModuleFiles, repositoryOf } from '../tf-module-files.js';
import { basename, dirname, join, resolve } from 'node:path';
import { analyzeTerraform } from '../core/tf/analysis.js';
import { LineIndex } from '../core/document/line-index.js';
import type { EngineSettings } from '../core/settings.js';
import type { TfFile } from '../core/tf/module.js';
import type { FileReport } from './report.js';
import type { Network } from '../core/model/network.js';
import { relative, sep } from 'node:path';
import { statSync } from 'node:fs';

export const TF_FILE = /\.tf$/i;

/** The files of the module a .tf file belongs to (its folder's), read as text; `skipped` gets what could not be read. */
export function moduleFiles(dir: string, skipped?: (path: string, reason: string) => void): TfFile[] {
  const read = readModuleFiles(dir);
  for (const s of read.skipped) skipped?.(s.path, s.reason);
  return read.files;
}

/**
 * Reports of the given .tf files, one analysis per folder. `shown` gives a file's display path.
 * Local modules are read with their callers: a folder another checked folder calls is reported through
 * that call (its variables bound, its findings under its own files), not again on its own — unless
 * nothing else calls it. A finding reached through two calls of one module is reported once.
 */
export function checkTerraform(tfFiles: string[], settingsFor: (file: string) => Partial<EngineSettings>, shown: (file: string) => string, skipped?: (path: string, reason: string) => void): FileReport[] {
  const byDir = new Map<string, Set<string>>();
  for (const f of tfFiles) {
    const dir = dirname(f);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(basename(f));
  }
  const runs = [...byDir].map(([dir, wanted]) => {
    const files = moduleFiles(dir, skipped);
    const result = analyzeTerraform(files, { settings: settingsFor(join(dir, [...wanted][0]!)) }, terraformFolders(dir));
    const own = new Set(files.map((f) => f.path));
    const called = new Set(result.module.files.filter((f) => !own.has(f.path)).map((f) => resolve(dirname(f.path))));
    return { dir: resolve(dir), wanted, own, result, called };
  });
  // Called by another checked folder that it does not call back (a cycle leaves both on their own).
  const calledBy = (dir: string) => runs.some((r) => r.dir !== dir && r.called.has(dir) && !runs.some((o) => o.dir === dir && o.called.has(r.dir)));
  const reports = new Map<string, { report: FileReport; seen: Set<string> }>();
  for (const run of runs) {
    // Its caller's analysis holds it (and what it calls) with its variables bound.
    if (calledBy(run.dir)) continue;
    const byFile = run.result.findingsByFile();
    for (const span of run.result.module.files) {
      const mine = run.own.has(span.path);
      if (mine && !run.wanted.has(basename(span.path))) continue;
      const key = resolve(span.path);
      let entry = reports.get(key);
      if (!entry) reports.set(key, (entry = { report: { file: shown(span.path), findings: [], lines: new LineIndex(run.result.module.text.slice(span.start, span.end)) }, seen: new Set() }));
      for (const f of byFile.get(span.path) ?? []) {
        const key = `${f.ruleId} ${f.start} ${f.end} ${f.message}`;
        if (entry.seen.has(key)) continue;
        entry.seen.add(key);
        entry.report.findings.push(f);
      }
    }
  }
  // A folder checked only through its callers still gets a report for each of its files that was asked for.
  for (const run of runs) {
    for (const span of run.result.module.files) {
      const path = span.path;
      if (!run.own.has(path) || !run.wanted.has(basename(path)) || reports.has(resolve(path))) continue;
      reports.set(resolve(path), { report: { file: shown(path), findings: [], lines: new LineIndex(run.result.module.text.slice(span.start, span.end)) }, seen: new Set() });
    }
  }
  return [...reports.values()].map((e) => e.report);
}

/** How the CLI reads a folder's local modules: never outside its repository (or the working folder). */
export function terraformFolders(dir: string) {
  const cwd = process.cwd();
  const underCwd = !relative(cwd, resolve(dir)).startsWith('..');
  return localModuleFolders(dir, repositoryOf(dir, underCwd ? cwd : resolve(dir)));
}

/**
 * What `vpce-lens trace` needs of a Terraform module (a folder, or a .tf file and its folder): the
 * joined text, its network, and where each offset lies. Undefined: not Terraform.
 */
export function terraformTrace(input: string): { text: string; network?: Network; locate: (offset: number) => { file: string; line: number; character: number } } | undefined {
  let dir: string;
  try {
    dir = statSync(input).isDirectory() ? input : TF_FILE.test(input) ? dirname(input) : '';
  } catch {
    return undefined;
  }
  if (!dir) return undefined;
  const files = moduleFiles(dir);
  if (!files.some((f) => TF_FILE.test(f.path))) return undefined;
  const result = analyzeTerraform(files, {}, terraformFolders(dir));
  const lines = new Map(result.module.files.map((f) => [f.path, new LineIndex(result.module.text.slice(f.start, f.end))]));
  const shown = (p: string) => {
    const rel = relative(process.cwd(), p);
    return (rel.startsWith('..') ? p : rel).split(sep).join('/');
  };
  return {
    text: result.module.text,
    network: result.analysis.network(),
    locate: (offset) => {
      const at = result.fileOf(offset);
      if (!at) return { file: shown(dir), line: 0, character: 0 };
      const p = lines.get(at.file.path)!.positionAt(at.offset);
      return { file: shown(at.file.path), line: p.line, character: p.character };
    },
  };
}
