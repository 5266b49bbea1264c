// Terraform in the CLI: the .tf files found (or named) are checked a module at a time — every *.tf of
// their folder, with its terraform.tfvars and *.auto.tfvars — and each file gets its own report.

import { readModuleFiles } from '../tf-module-files.js';
import { basename, dirname, join } from 'node:path';
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

/** Reports of the given .tf files, one analysis per folder. `shown` gives a file's display path. */
export function checkTerraform(tfFiles: string[], settingsFor: (file: string) => Partial<EngineSettings>, shown: (file: string) => string, skipped?: (path: string, reason: string) => void): FileReport[] {
  const byDir = new Map<string, Set<string>>();
  for (const f of tfFiles) {
    const dir = dirname(f);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(basename(f));
  }
  const reports: FileReport[] = [];
  for (const [dir, wanted] of byDir) {
    const files = moduleFiles(dir, skipped);
    const result = analyzeTerraform(files, { settings: settingsFor(join(dir, [...wanted][0]!)) });
    const byFile = result.findingsByFile();
    for (const f of files) {
      if (!wanted.has(basename(f.path))) continue;
      reports.push({ file: shown(f.path), findings: byFile.get(f.path) ?? [], lines: new LineIndex(f.text) });
    }
  }
  return reports;
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
  const result = analyzeTerraform(files);
  const lines = new Map(files.map((f) => [f.path, new LineIndex(f.text)]));
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
