// A Terraform document in the editor: checked with the rest of its module (the other *.tf of its
// folder and its tfvars, read from disk), the editor's text first so that the module's offsets up to
// its end are the document's own. Findings in the other files are theirs, not this document's.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Analysis, DocumentOptions } from '../core/analysis.js';
import { analyzeTerraform } from '../core/tf/analysis.js';
import { hclLoaded } from '../core/tf/hcl.js';
import type { TfFile } from '../core/tf/module.js';

const MODULE_FILE = /(\.tf|^terraform\.tfvars|\.auto\.tfvars)$/;

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
  return { ...analysis, findings };
}

function siblings(path: string): TfFile[] {
  const dir = dirname(path);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => MODULE_FILE.test(n) && n !== basename(path)).sort();
  } catch {
    return []; // an unsaved document, a virtual file system: the document alone
  }
  const out: TfFile[] = [];
  for (const n of names) {
    try {
      out.push({ path: join(dir, n), text: readFileSync(join(dir, n), 'utf8') });
    } catch {
      // unreadable: not part of what can be checked
    }
  }
  return out;
}
