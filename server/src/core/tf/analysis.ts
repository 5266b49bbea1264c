// One analysis of a Terraform module: its files lowered (lower.ts) and judged by the same rules as a
// template. Findings are offsets into the module's joined text; `fileOf` says which file and where.

import { analyzeLowered, type Analysis, type DocumentOptions } from '../analysis.js';
import type { Finding } from '../findings.js';
import { TF_WORDS } from '../rules/words.js';
import { lowerTerraform, type FileSpan, type LoweredModule, type TfFile } from './lower.js';
import { terraformFixes } from './fixes.js';
import type { Fix } from '../fixes/types.js';

/**
 * Rules with no Terraform meaning: the CloudFormation syntax and schema checks (Terraform validates
 * its own arguments), YAML tags, and the template size limit.
 */
export const TF_SILENT_RULES: ReadonlySet<string> = new Set(['VPCE0002', 'VPCE0003', 'VPCE0004', 'VPCE1001', 'VPCE1002', 'VPCE1003']);

export interface TfAnalysis {
  module: LoweredModule;
  analysis: Analysis;
  /** The file an offset of the joined text lies in, and the offset within that file. */
  fileOf(offset: number): { file: FileSpan; offset: number } | undefined;
  /** Each file's findings, with offsets into that file's own text. */
  findingsByFile(): Map<string, Finding[]>;
}

export function analyzeTerraform(files: readonly TfFile[], options: DocumentOptions = {}): TfAnalysis {
  const module = lowerTerraform(files);
  const lowered = analyzeLowered(module.text, module.root, module.problems, options, TF_SILENT_RULES, TF_WORDS);
  // A fix edits the first file (the one the editor has open): the fixed module is that file's new
  // text with the others as they are. A fix is kept when the fixed module no longer has the finding.
  const first = files[0];
  const relint = (edited: string): readonly Finding[] => {
    if (!first) return [];
    const span = module.files[0]!;
    const fixedFirst = edited.slice(0, edited.length - (module.text.length - span.end));
    return analyzeTerraform([{ path: first.path, text: fixedFirst }, ...files.slice(1)], options).analysis.findings;
  };
  const fixes = (f: Finding): Fix[] => (first && f.start < module.files[0]!.end ? terraformFixes(module, f) : []);
  const verified = new Map<Finding, Fix[]>();
  const analysis: Analysis = {
    ...lowered,
    fixes,
    verifiedFixes: (f) => {
      let out = verified.get(f);
      if (!out) {
        out = fixes(f).filter((fix) => {
          const fixed = applyEdits(module.text, fix.edits);
          return !relint(fixed).some((g) => g.ruleId === f.ruleId && g.resource === f.resource);
        });
        verified.set(f, out);
      }
      return out;
    },
    relint,
  };
  const fileOf = (offset: number) => {
    const file = module.files.find((f) => offset >= f.start && offset <= f.end);
    return file && { file, offset: offset - file.start };
  };
  return {
    module,
    analysis,
    fileOf,
    findingsByFile() {
      const out = new Map<string, Finding[]>(module.files.map((f) => [f.path, []]));
      for (const f of analysis.findings) {
        const at = fileOf(f.start);
        if (!at) continue;
        const shift = at.file.start;
        const related = f.related?.filter((r) => r.start >= at.file.start && r.end <= at.file.end).map((r) => ({ ...r, start: r.start - shift, end: r.end - shift }));
        out.get(at.file.path)!.push({ ...f, start: f.start - shift, end: Math.min(f.end, at.file.end) - shift, ...(related ? { related } : {}) });
      }
      return out;
    },
  };
}

function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
