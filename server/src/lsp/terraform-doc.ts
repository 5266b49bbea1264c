// A Terraform document in the editor: checked with the rest of its module (the other *.tf of its
// folder and its tfvars, read from disk), the editor's text first so that the module's offsets up to
// its end are the document's own. Findings in the other files are theirs, not this document's.

import { localModuleFolders, readModuleFiles, type OpenTexts } from '../tf-module-files.js';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { byPosition, type Finding } from '../core/findings.js';
import type { LoweredModule } from '../core/tf/lower.js';
import type { ModuleFolders } from '../core/tf/local-modules.js';
import type { Analysis, DocumentOptions } from '../core/analysis.js';
import { analyzeTerraform } from '../core/tf/analysis.js';
import { hclLoaded } from '../core/tf/hcl.js';
import type { TfFile } from '../core/tf/module.js';
import type { Fix, TextEdit } from '../core/fixes/types.js';
import { rejection } from '../core/fixes/verify.js';
import { LineIndex } from '../core/document/line-index.js';
import { varFileFindings, type VarFileFindings } from './terraform-varfiles.js';


/** A Terraform document's analysis, with the folders it read (its own and its local modules'). */
export type TerraformDocAnalysis = Analysis & { reads: string[]; varFiles: VarFileFindings[] };

export function isTerraformFile(fileName: string | undefined): boolean {
  return fileName !== undefined && /\.tf(\.json)?$/i.test(fileName);
}

/**
 * The document's analysis as a Terraform module member; undefined when the parser is not loaded.
 * Its local module calls are read from disk within the workspace folder (the document's own folder
 * when it is in none). What the analysis finds inside a called module is shown on the call
 * (`module "net"`), naming the file and line: the module's file, opened, is checked on its own.
 */
export function terraformAnalysis(text: string, options: DocumentOptions): TerraformDocAnalysis | undefined {
  if (!hclLoaded()) return undefined;
  const path = options.fileName!;
  // The other open documents' texts stand for their files: an unsaved variables.tf is what is checked.
  const open: OpenTexts | undefined = options.openFiles?.length ? new Map(options.openFiles.filter((f) => f.path !== path).map((f) => [f.path, f.text])) : undefined;
  const files: TfFile[] = [{ path, text }, ...siblings(path, open, text)];
  const dir = dirname(path);
  // The folders whose files this analysis depends on: its own, and each local module folder a call
  // names (read or not: one created later changes the answer). A change on disk there re-checks it.
  const reads = new Set<string>([dir]);
  const local = localModuleFolders(dir, options.workspaceFolder ?? dir, open);
  const folders: ModuleFolders = {
    root: local.root,
    read(from, source) {
      reads.add(resolve(from, source));
      return local.read(from, source);
    },
  };
  const { analysis, module, relintEdits } = analyzeTerraform(files, options, folders);
  const ownFiles = new Set(files.map((f) => f.path));
  // What a variables file decides is shown there, and on this document's argument that reads it.
  const varFiles = varFileFindings(analysis.findings, module, text.length);
  const findings: Finding[] = [...varFiles.onDoc];
  for (const f of analysis.findings) {
    if (f.start <= text.length) findings.push(f.related ? { ...f, related: f.related.filter((r) => r.end <= text.length) } : f);
    else {
      const onCall = inModule(f, module, ownFiles, dir);
      if (onCall) findings.push(onCall);
    }
  }
  // An edit in another file of the module (the VPC's DNS arguments in vpc.tf) is placed in that file,
  // as it was read: the code action's workspace edit names its URI.
  const lines = new Map<string, LineIndex>();
  const place = (fix: Fix): Fix => {
    if (fix.edits.every((e) => e.end <= text.length)) return fix;
    const edits = fix.edits.map((e) => {
      const span = e.start > text.length ? module.files.find((f) => e.start >= f.start && e.end <= f.end) : undefined;
      if (!span) return e;
      let index = lines.get(span.path);
      if (!index) lines.set(span.path, (index = new LineIndex(module.text.slice(span.start, span.end))));
      const [start, end] = [e.start - span.start, e.end - span.start];
      return { start, end, newText: e.newText, file: { path: span.path, start: index.positionAt(start), end: index.positionAt(end) } };
    });
    return { ...fix, edits };
  };
  // A placed edit back in the module's joined text (where the analysis's own offsets are).
  const joined = (e: TextEdit): TextEdit => {
    const span = e.file && module.files.find((f) => f.path === e.file!.path);
    return span ? { start: span.start + e.start, end: span.start + e.end, newText: e.newText } : e;
  };
  if (varFiles.onDoc.length) findings.sort(byPosition);
  return {
    ...analysis,
    findings,
    fixes: (f) => analysis.fixes(f).map(place),
    verifiedFixes: (f) => analysis.verifiedFixes(f).map(place),
    // The trace panel's Apply: an edit in another file of the module names that file, as a code action's does.
    // Not an edit of a called module's file: that is fixed where it is open, as its own module.
    suggestionFix: (s, from) => {
      const fix = analysis.suggestionFix?.(s, from);
      const inRoot = fix?.edits.every((e) => module.files.slice(0, files.length).some((f) => e.start >= f.start && e.end <= f.end));
      return fix && inRoot ? place(fix) : undefined;
    },
    checkFix: (fix) => rejection(analysis.findings, relintEdits(fix.edits.map(joined)), undefined),
    reads: [...reads],
    varFiles: varFiles.files,
  };
}

/** A finding inside a called module's file, placed on the document's call of that module. */
function inModule(f: Finding, module: LoweredModule, own: Set<string>, dir: string): Finding | undefined {
  const file = module.files.find((s) => f.start >= s.start && f.start <= s.end);
  const call = f.resource?.match(/^module\.([^.[]+)/)?.[1];
  const block = call === undefined ? undefined : module.calls.get(call);
  if (!file || own.has(file.path) || !block || block.start > module.files[0]!.end) return undefined;
  const label = block.labels[0] ?? block.typeAt;
  let line = 1;
  for (let i = module.text.indexOf('\n', file.start); i >= 0 && i < f.start; i = module.text.indexOf('\n', i + 1)) line++;
  const where = `${relative(dir, file.path).split(sep).join('/')}:${line}`;
  return { ...f, start: block.start, end: label.end, message: `${f.message} (in ${where})`, related: undefined };
}

function siblings(path: string, open: OpenTexts | undefined, text: string): TfFile[] {
  // Unreadable siblings (a FIFO, a file over the limit) are left out of the module; the CLI names them.
  return readModuleFiles(dirname(path), basename(path), undefined, open, text).files;
}
