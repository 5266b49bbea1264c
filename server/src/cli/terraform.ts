// Terraform in the CLI: the .tf files found (or named) are checked a module at a time — every *.tf of
// their folder, with its terraform.tfvars and *.auto.tfvars — and each file gets its own report.

import { localModuleFolders, readModuleFiles, repositoryOf } from '../tf-module-files.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read-input.js';
import { basename, dirname, join, resolve } from 'node:path';
import { analyzeTerraform } from '../core/tf/analysis.js';
import { LineIndex } from '../core/document/line-index.js';
import type { EngineSettings } from '../core/settings.js';
import { VARIABLES_FILE, type TfFile } from '../core/tf/module.js';
import { reportRegions, type FileReport } from './report.js';
import type { Network } from '../core/model/network.js';
import type { Finding } from '../core/findings.js';
import { compileTerraformParser, ensureTerraformParser, terraformParserModule } from '../tf-parser.js';
import { parserTier, type ParserTier } from './parser-tier.js';
import { runPooled, servePool, type PoolData } from './tf-pool.js';
import { relative, sep } from 'node:path';
import { statSync } from 'node:fs';
import { TF_FILE } from './terraform-signs.js';

export { TF_FILE };

/** What could not be read of a module: why, and for a file over the size limit its size (bytes). */
export type SkippedFile = (path: string, reason: string, size?: number) => void;

/** The files of the module a .tf file belongs to (its folder's), read as text, none past `limit` bytes; `skipped` gets what could not be read. */
export function moduleFiles(dir: string, skipped?: SkippedFile, limit?: number): TfFile[] {
  const read = readModuleFiles(dir, undefined, limit);
  for (const s of read.skipped) skipped?.(s.path, s.reason, s.size);
  return read.files;
}

/** One folder to check: its path as found, the file names asked for in it, its settings. */
export interface TfJob {
  dir: string;
  wanted: string[];
  settings: Partial<EngineSettings>;
  /** The largest file read (bytes: --max-size, maxFileSize). */
  limit: number;
}

/** What the report needs of one folder's analysis: plain data, so a worker thread can make it. */
export interface TfRun {
  dir: string;
  wanted: string[];
  /** The folder's own files (paths as read). */
  own: string[];
  /** The folders of local modules it called (resolved). */
  called: string[];
  /** Every file of the analysis (its own, then the called modules'), with its text. */
  files: { path: string; text: string }[];
  /** Each file's findings, offsets in its own text. */
  findings: [string, Finding[]][];
  /** Files of the folder that could not be read. */
  skipped: { path: string; reason: string; size?: number }[];
}

/** Checks one folder. */
export function runTfJob(job: TfJob): TfRun {
  const skipped: TfRun['skipped'] = [];
  const files = moduleFiles(job.dir, (path, reason, size) => skipped.push({ path, reason, ...(size === undefined ? {} : { size }) }), job.limit);
  const result = analyzeTerraform(files, { settings: job.settings }, terraformFolders(job.dir));
  const own = new Set(files.map((f) => f.path));
  const called = new Set(result.module.files.filter((f) => !own.has(f.path)).map((f) => resolve(dirname(f.path))));
  return {
    dir: resolve(job.dir),
    wanted: job.wanted,
    own: [...own],
    called: [...called],
    files: result.module.files.map((f) => ({ path: f.path, text: result.module.text.slice(f.start, f.end) })),
    findings: [...result.findingsByFile()],
    skipped,
  };
}

/**
 * Reports of the given .tf files, one analysis per folder. `shown` gives a file's display path.
 * Local modules are read with their callers: a folder another checked folder calls is reported through
 * that call (its variables bound, its findings under its own files), not again on its own — unless
 * nothing else calls it. A finding reached through two calls of one module is reported once. A big
 * tree's folders are checked in worker threads too (tf-pool.ts); the reports are the same.
 */
export function checkTerraform(tfFiles: string[], settingsFor: (file: string) => Partial<EngineSettings>, shown: (file: string) => string, skipped?: SkippedFile, limitFor: (file: string) => number = () => DEFAULT_MAX_FILE_SIZE): FileReport[] {
  const byDir = new Map<string, Set<string>>();
  const sizes = new Map<string, number>();
  for (const f of tfFiles) {
    const dir = dirname(f);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(basename(f));
    sizes.set(dir, (sizes.get(dir) ?? 0) + sizeOf(f));
  }
  const jobs: TfJob[] = [...byDir].map(([dir, wanted]) => {
    const first = join(dir, [...wanted][0]!);
    return { dir, wanted: [...wanted], settings: settingsFor(first), limit: limitFor(first) };
  });
  const bytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  // Before the first parse: how V8 compiles the parser for a run of this size (parser-tier.ts).
  const done = runPooled(jobs, jobs.map((j) => sizes.get(j.dir) ?? 0), runTfJob, terraformParserModule, (workers) => compileTerraformParser(forcedTier() ?? parserTier(bytes, workers)));
  const runs = done.map((r) => {
    for (const s of r.skipped) skipped?.(s.path, s.reason, s.size);
    return { dir: r.dir, wanted: new Set(r.wanted), own: new Set(r.own), called: new Set(r.called), files: r.files, byFile: new Map(r.findings), regions: jobs.find((j) => resolve(j.dir) === r.dir)?.settings.regions };
  });
  // Called by another checked folder that it does not call back (a cycle leaves both on their own).
  const calledBy = (dir: string) => runs.some((r) => r.dir !== dir && r.called.has(dir) && !runs.some((o) => o.dir === dir && o.called.has(r.dir)));
  const reports = new Map<string, { report: FileReport; seen: Set<string> }>();
  for (const run of runs) {
    // Its caller's analysis holds it (and what it calls) with its variables bound.
    if (calledBy(run.dir)) continue;
    for (const file of run.files) {
      const mine = run.own.has(file.path);
      // A variables file is no .tf file asked for, but a finding its value decides is reported in it.
      if (mine && !run.wanted.has(basename(file.path)) && !(VARIABLES_FILE.test(file.path) && run.byFile.get(file.path)?.length)) continue;
      const key = resolve(file.path);
      let entry = reports.get(key);
      if (!entry) reports.set(key, (entry = { report: { file: shown(file.path), findings: [], lines: new LineIndex(file.text), ...reportRegions(run.regions) }, seen: new Set() }));
      for (const f of run.byFile.get(file.path) ?? []) {
        const key = `${f.ruleId} ${f.start} ${f.end} ${f.message}`;
        if (entry.seen.has(key)) continue;
        entry.seen.add(key);
        entry.report.findings.push(f);
      }
    }
  }
  // A folder checked only through its callers still gets a report for each of its files that was asked for.
  for (const run of runs) {
    for (const file of run.files) {
      const path = file.path;
      if (!run.own.has(path) || !run.wanted.has(basename(path)) || reports.has(resolve(path))) continue;
      reports.set(resolve(path), { report: { file: shown(path), findings: [], lines: new LineIndex(file.text), ...reportRegions(run.regions) }, seen: new Set() });
    }
  }
  return [...reports.values()].map((e) => e.report);
}

/** VPCE_LENS_TF_PARSER_TIER=baseline|tiered (benchmarks): the parser's tier whatever the tree's size (baseline with workers: their bundle compiles without the code cache). */
function forcedTier(): ParserTier | undefined {
  const forced = process.env.VPCE_LENS_TF_PARSER_TIER;
  return forced === 'baseline' || forced === 'tiered' ? forced : undefined;
}

/** A file's size for balancing the workers (0 when it cannot be read: the read reports it). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** A worker thread's part: the CLI's `run` calls this when it was started by runPooled. */
export async function serveTerraformFolders(data: PoolData<TfJob>): Promise<void> {
  // The parser's module as the main thread compiled it: this thread runs the code V8 compiled and tiered up there.
  await ensureTerraformParser(data.shared instanceof WebAssembly.Module ? data.shared : undefined);
  servePool(data, runTfJob);
}

/** How the CLI reads a folder's local modules: never outside its repository (or the working folder). */
export function terraformFolders(dir: string) {
  const cwd = process.cwd();
  const underCwd = !relative(cwd, resolve(dir)).startsWith('..');
  return localModuleFolders(dir, repositoryOf(dir, underCwd ? cwd : resolve(dir)));
}

/**
 * What `vpce-lens trace` needs of a Terraform module (a folder, or a .tf file and its folder): the
 * joined text, its network, where each offset lies, and the regions it was modelled for. Undefined: not
 * Terraform. `settingsFor`: a file's settings, asked for the module's first .tf file as check asks.
 */
export function terraformTrace(input: string, settingsFor: (file: string) => Partial<EngineSettings> = () => ({}), skipped?: SkippedFile, limitFor: (file: string) => number = () => DEFAULT_MAX_FILE_SIZE): { text: string; network?: Network; broken?: { message: string; at: number }; regions: string[]; locate: (offset: number) => { file: string; line: number; character: number } } | undefined {
  let dir: string;
  try {
    dir = statSync(input).isDirectory() ? input : TF_FILE.test(input) ? dirname(input) : '';
  } catch {
    return undefined;
  }
  if (!dir) return undefined;
  // The limit of the folder's configuration (.vpce-lens.yaml is looked for from the folder up, whichever file asks).
  const files = moduleFiles(dir, skipped, limitFor(input === dir ? join(dir, 'main.tf') : input));
  const first = files.find((f) => TF_FILE.test(f.path));
  if (!first) return undefined;
  const settings = settingsFor(first.path);
  const result = analyzeTerraform(files, { settings }, terraformFolders(dir));
  const lines = new Map(result.module.files.map((f) => [f.path, new LineIndex(result.module.text.slice(f.start, f.end))]));
  const shown = (p: string) => {
    const rel = relative(process.cwd(), p);
    return (rel.startsWith('..') ? p : rel).split(sep).join('/');
  };
  const network = result.analysis.network();
  // A module that does not parse has no network (the tree recovered after the error is a guess): its
  // first syntax error, where check reports it, is what the trace and the map say instead.
  const syntax = network ? undefined : result.analysis.findings.find((f) => f.ruleId === 'VPCE0001');
  return {
    text: result.module.text,
    network,
    ...(syntax ? { broken: { message: syntax.message, at: syntax.start } } : {}),
    regions: settings.regions ?? [],
    locate: (offset) => {
      const at = result.fileOf(offset);
      if (!at) return { file: shown(dir), line: 0, character: 0 };
      const p = lines.get(at.file.path)!.positionAt(at.offset);
      return { file: shown(at.file.path), line: p.line, character: p.character };
    },
  };
}
