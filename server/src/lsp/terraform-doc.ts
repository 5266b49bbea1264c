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


export function isTerraformFile(fileName: string | undefined): boolean {
  return fileName !== undefined && /\.tf$/i.test(fileName);
}

/** The document's analysis as a Terraform module member; undefined when the parser is not loaded. */
export function terraformAnalysis(text: string, options: DocumentOptions): Analysis | undefined {
  if (!hclLoaded()) return undefined;
  const path = options.fileName!;
  const files: TfFile[] = [{ path, text }, ...siblings(path)];
  const { analysis } = analyzeTerraform(files, options);
  const findings = analysis.findings.filter((f) => f.start <= text.length).map((f) => (f.related ? { ...f, related: f.related.filter((r) => r.end <= text.length) } : f));
  // The editor applies edits to this document only: a fix that reaches another file of the module
  // (the VPC's DNS arguments in vpc.tf) is not offered here.
  const own = (fix: Fix | undefined) => (fix && fix.edits.every((e) => e.end <= text.length) ? fix : undefined);
  return {
    ...analysis,
    findings,
    fixes: (f) => analysis.fixes(f).filter((x) => own(x)),
    verifiedFixes: (f) => analysis.verifiedFixes(f).filter((x) => own(x)),
    suggestionFix: (s, from) => own(analysis.suggestionFix?.(s, from)),
  };
}

function siblings(path: string): TfFile[] {
  // Unreadable siblings (a FIFO, a file over the limit) are left out of the module; the CLI names them.
  return readModuleFiles(dirname(path), basename(path)).files;
}
