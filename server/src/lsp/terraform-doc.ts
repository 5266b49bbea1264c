// A Terraform document in the editor: checked with the rest of its module (the other *.tf of its
// folder and its tfvars, read from disk), the editor's text first so that the module's offsets up to
// its end are the document's own. Findings in the other files are theirs, not this document's.

import { readModuleFiles } from '../tf-module-files.js';
import { basename, dirname } from 'node:path';
import type { Analysis, DocumentOptions } from '../core/analysis.js';
import { analyzeTerraform } from '../core/tf/analysis.js';
import { hclLoaded } from '../core/tf/hcl.js';
import type { TfFile } from '../core/tf/module.js';
import type { Fix } from '../core/fixes/types.js';
import { LineIndex } from '../core/document/line-index.js';


export function isTerraformFile(fileName: string | undefined): boolean {
  return fileName !== undefined && /\.tf$/i.test(fileName);
}

/** The document's analysis as a Terraform module member; undefined when the parser is not loaded. */
export function terraformAnalysis(text: string, options: DocumentOptions): Analysis | undefined {
  if (!hclLoaded()) return undefined;
  const path = options.fileName!;
  const files: TfFile[] = [{ path, text }, ...siblings(path)];
  const { analysis, module } = analyzeTerraform(files, options);
  const findings = analysis.findings.filter((f) => f.start <= text.length).map((f) => (f.related ? { ...f, related: f.related.filter((r) => r.end <= text.length) } : f));
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
  // The trace panel applies a suggestion's edit to this document only.
  const own = (fix: Fix | undefined) => (fix && fix.edits.every((e) => e.end <= text.length) ? fix : undefined);
  return {
    ...analysis,
    findings,
    fixes: (f) => analysis.fixes(f).map(place),
    verifiedFixes: (f) => analysis.verifiedFixes(f).map(place),
    suggestionFix: (s, from) => own(analysis.suggestionFix?.(s, from)),
  };
}

function siblings(path: string): TfFile[] {
  // Unreadable siblings (a FIFO, a file over the limit) are left out of the module; the CLI names them.
  return readModuleFiles(dirname(path), basename(path)).files;
}
