// One analysis of a Terraform module: its files lowered (lower.ts) and judged by the same rules as a
// template. Findings are offsets into the module's joined text; `fileOf` says which file and where.

import { analyzeLowered, type Analysis, type DocumentOptions } from '../analysis.js';
import { byPosition, type Finding } from '../findings.js';
import type { ModuleFolders, ModuleNotice } from './local-modules.js';
import { terraformWords } from './provider-version.js';
import { lowerTerraform, type FileSpan, type LoweredModule, type TfFile } from './lower.js';
import { terraformFixes } from './fixes/index.js';
import { terraformSuggestionFix } from './fixes/suggestions.js';
import type { Fix, TextEdit } from '../fixes/types.js';
import { diffEdits, rejection } from '../fixes/verify.js';
import { hasPreferredFix } from '../fixes/offer.js';
import { terraformFixAllText } from './fixes/fix-all.js';
import { TF_JSON } from './fixes/json-edits.js';
import { parseTree, type ParseError } from 'jsonc-parser';

/**
 * Rules with no Terraform meaning: the CloudFormation syntax and schema checks (Terraform validates
 * its own arguments), YAML tags, the template size limit, and Fn::GetAtt's attribute names (Terraform
 * has no Fn::GetAtt; an attribute reference is the provider schema's to judge, which we do not carry), and
 * CloudFormation's dependency cycles (Terraform reports its own: `terraform validate`'s "Cycle").
 */
export const TF_SILENT_RULES: ReadonlySet<string> = new Set(['VPCE0002', 'VPCE0003', 'VPCE0004', 'VPCE0008', 'VPCE0009', 'VPCE0010', 'VPCE1001', 'VPCE1002', 'VPCE1003']);

/** Rules only Terraform raises (a CloudFormation template never has what they find): their fixtures are .tf only. */
export const TF_ONLY_RULES: ReadonlySet<string> = new Set(['VPCE0005']);

export interface TfAnalysis {
  module: LoweredModule;
  analysis: Analysis;
  /** The file an offset of the joined text lies in, and the offset within that file. */
  fileOf(offset: number): { file: FileSpan; offset: number } | undefined;
  /** Each file's findings, with offsets into that file's own text. */
  findingsByFile(): Map<string, Finding[]>;
  /** The module's findings with edits (offsets into the joined text, each within one file) applied. */
  relintEdits(edits: readonly TextEdit[]): readonly Finding[];
}

/**
 * `folders`: how the face reads the local module folders the configuration calls (tf-module-files.ts);
 * without it, every module call is an unknown box.
 */
export function analyzeTerraform(files: readonly TfFile[], options: DocumentOptions = {}, folders?: ModuleFolders): TfAnalysis {
  // A fix's verification lints the module again: the called folders are read once for both.
  const read = folders && keptFolders(folders);
  const module = lowerTerraform(files, read);
  const checked = analyzeLowered(module.text, module.root, module.problems, options, TF_SILENT_RULES, terraformWords(module.awsProvider));
  const lowered = module.notices.length ? { ...checked, findings: [...checked.findings, ...module.notices.map(noticeFinding)].sort(byPosition) } : checked;
  // The root module's own files (a called module's files come after them): a fix edits only these;
  // a called module is fixed where it is open, as its own module.
  const own = module.files.slice(0, files.length);
  // A fix may edit any file of the module (the VPC of an endpoint is often in another): the fixed
  // module is each file with the edits that fall in it, the others as they are.
  const relintEdits = (edits: readonly TextEdit[]): readonly Finding[] => {
    const fixed = own.map((span) => {
      const mine = edits.filter((e) => e.start >= span.start && e.end <= span.end).map((e) => ({ ...e, start: e.start - span.start, end: e.end - span.start }));
      const text = module.text.slice(span.start, span.end);
      return { path: span.path, text: mine.length ? applyEdits(text, mine) : text };
    });
    return analyzeTerraform(fixed, options, read).analysis.findings;
  };
  // Another text of the whole module: the span that differs is one file's edit.
  const relint = (edited: string): readonly Finding[] => {
    if (edited === module.text) return lowered.findings;
    let p = 0;
    while (p < edited.length && p < module.text.length && edited[p] === module.text[p]) p++;
    let q = 0;
    while (q < edited.length - p && q < module.text.length - p && edited[edited.length - 1 - q] === module.text[module.text.length - 1 - q]) q++;
    // An insertion that begins with the separator after a file ("\n") matches past that file's end: the
    // same edit, moved left while the text it passes is the same on both sides, lands inside the file.
    const inFile = (at: number) => own.some((span) => at >= span.start && at <= span.end);
    while (p > 0 && !inFile(p) && edited[p - 1] === edited[edited.length - 1 - q] && module.text[p - 1] === module.text[module.text.length - 1 - q]) {
      p--;
      q++;
    }
    return relintEdits([{ start: p, end: module.text.length - q, newText: edited.slice(p, edited.length - q) }]);
  };
  // The fixes write each file's syntax (fixes/json-edits.ts for .tf.json); a fix that would leave a
  // .tf.json file that is not JSON (a value written in place that JSON cannot hold) is not offered.
  const inFile = (_f: Finding, fix: Fix) => fix.edits.every((e) => own.some((span) => e.start >= span.start && e.end <= span.end)) && keepsJson(module.text, module.files, fix.edits);
  const fixes = (f: Finding): Fix[] => (files[0] && f.start < module.files[0]!.end ? terraformFixes(module, f).filter((fix) => inFile(f, fix)) : []);
  const verified = new Map<Finding, Fix[]>();
  const analysis: Analysis = {
    ...lowered,
    fixes,
    verifiedFixes: (f) => {
      let out = verified.get(f);
      if (!out) {
        // As for a template: the fix removes its finding and adds no warning or error.
        out = fixes(f).filter((fix) => rejection(lowered.findings, relintEdits(fix.edits), f, fix.leaves) === undefined);
        verified.set(f, out);
      }
      return out;
    },
    // The document (the first file) with the module's sure fixes applied: fixes/fix-all.ts.
    fixAll: () => {
      const doc = module.files[0];
      const text = files[0]?.text;
      // The module's offsets up to the document's end must be the document's own.
      if (text === undefined || !doc || doc.start !== 0 || module.text.slice(0, doc.end) !== text || !lowered.findings.some((f) => hasPreferredFix(f.ruleId))) return [];
      const again = (t: string) => analyzeTerraform([{ path: files[0]!.path, text: t }, ...files.slice(1)], options, read).analysis;
      return diffEdits(text, terraformFixAllText(text, analysis, again).text);
    },
    relint,
    suggestionFix: (s) => {
      const fix = terraformSuggestionFix(module, s);
      return fix && keepsJson(module.text, module.files, fix.edits) ? fix : undefined;
    },
  };
  const fileOf = (offset: number) => {
    const file = module.files.find((f) => offset >= f.start && offset <= f.end);
    return file && { file, offset: offset - file.start };
  };
  return {
    module,
    analysis,
    relintEdits,
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

/** A module call the engine could not follow: a warning on its `source` (the tool's own notice, not a rule). */
function noticeFinding(n: ModuleNotice): Finding {
  return { ruleId: 'VPCE0000', severity: n.severity ?? 'warning', message: n.message, start: n.start, end: n.end, resource: n.module };
}

function keptFolders(folders: ModuleFolders): ModuleFolders {
  const kept = new Map<string, ReturnType<ModuleFolders['read']>>();
  return {
    root: folders.root,
    read(from, source) {
      const key = `${from}\u0000${source}`;
      let r = kept.get(key);
      if (!r) kept.set(key, (r = folders.read(from, source)));
      return r;
    },
  };
}

/** Whether every .tf.json file the edits touch is still strict JSON once they are made. */
function keepsJson(text: string, files: readonly FileSpan[], edits: readonly TextEdit[]): boolean {
  return files.every((span) => {
    if (!TF_JSON.test(span.path)) return true;
    const mine = edits.filter((e) => e.start < span.end && e.end > span.start || (e.start === e.end && e.start > span.start && e.start < span.end));
    if (!mine.length) return true;
    if (mine.some((e) => e.start < span.start || e.end > span.end)) return false;
    const after = applyEdits(text.slice(span.start, span.end), mine.map((e) => ({ ...e, start: e.start - span.start, end: e.end - span.start })));
    const errors: ParseError[] = [];
    parseTree(after, errors, { allowTrailingComma: false, disallowComments: true });
    return errors.length === 0;
  });
}

function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
