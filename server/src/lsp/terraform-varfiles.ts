// A finding a Terraform variables file decides (terraform.tfvars, *.auto.tfvars, their .json forms):
// the engine places it on the value there, as the CLI reports it. The editor shows it there too, on
// that file's own URI (open or not: the Problems panel lists it), and on the argument of the document
// that reads the variable (`private_dns_enabled = var.dns`), each pointing at the other.

import { basename } from 'node:path';
import type { Finding, RelatedLocation } from '../core/findings.js';
import type { Position } from '../core/document/line-index.js';
import { LineIndex } from '../core/document/line-index.js';
import type { LoweredModule } from '../core/tf/lower.js';
import type { Block, Located } from '../core/tf/hcl-ast.js';
import { VARIABLES_FILE } from '../core/tf/module.js';

/** A finding placed in another file than the document: its range there (line/character). */
export interface PlacedFinding {
  finding: Finding;
  start: Position;
  end: Position;
}

/** What a document's analysis found in its module's variables files, by file path. */
export interface VarFileFindings {
  path: string;
  findings: PlacedFinding[];
}

/**
 * Splits the module's findings that lie in the root module's variables files out of the rest.
 * `onDoc`: those findings again, on the document's argument that reads the variable (when there is
 * one in the finding's resource block), with a related place at the value.
 */
export function varFileFindings(findings: readonly Finding[], module: LoweredModule, docLength: number): { files: VarFileFindings[]; onDoc: Finding[] } {
  const byPath = new Map<string, PlacedFinding[]>();
  const onDoc: Finding[] = [];
  const lines = new Map<string, LineIndex>();
  const placeIn = (span: LoweredModule['files'][number], start: number, end: number) => {
    let index = lines.get(span.path);
    if (!index) lines.set(span.path, (index = new LineIndex(module.text.slice(span.start, span.end))));
    return { start: index.positionAt(start - span.start), end: index.positionAt(Math.min(end, span.end) - span.start) };
  };
  const doc = module.files[0]!;
  for (const f of findings) {
    const span = module.files.find((s) => f.start >= s.start && f.start < s.end);
    if (!span || span === doc || !VARIABLES_FILE.test(span.path)) continue;
    const name = [...module.tfvars].find(([, v]) => f.start >= v.start && f.start <= v.end)?.[0];
    const reader = name === undefined ? undefined : readerOf(f, name, module, docLength);
    const at = placeIn(span, f.start, f.end);
    const file = basename(span.path);
    const related: RelatedLocation[] = (f.related ?? []).filter((r) => r.start >= span.start && r.end <= span.end).map((r) => ({ ...r, start: r.start - span.start, end: r.end - span.start, file: { path: span.path, ...placeIn(span, r.start, r.end) } }));
    if (reader) {
      related.push({ message: `var.${name} is read here (${reader.argument})`, start: reader.at.start, end: reader.at.end, file: { path: doc.path, ...placeIn(doc, reader.at.start, reader.at.end) } });
      const value: RelatedLocation = { message: `var.${name} is set here (${file}:${at.start.line + 1})`, start: f.start - span.start, end: Math.min(f.end, span.end) - span.start, file: { path: span.path, ...at } };
      onDoc.push({ ...f, start: reader.at.start, end: reader.at.end, message: `${f.message} (var.${name}, set in ${file}:${at.start.line + 1})`, related: [value] });
    }
    const finding: Finding = { ...f, start: f.start - span.start, end: Math.min(f.end, span.end) - span.start, ...(f.related || related.length ? { related } : {}) };
    let list = byPath.get(span.path);
    if (!list) byPath.set(span.path, (list = []));
    list.push({ finding, ...at });
  }
  return { files: [...byPath].map(([path, placed]) => ({ path, findings: placed })), onDoc };
}

/** The argument of the finding's resource block, in the document, whose value reads `var.<name>`. */
function readerOf(f: Finding, name: string, module: LoweredModule, docLength: number): { at: Located; argument: string } | undefined {
  const address = f.resource?.replace(/\[[^\]]*\]$/, '');
  const block = address === undefined ? undefined : module.blockOf(address);
  if (!block || block.end > docLength) return undefined;
  const reads = new RegExp(`\\bvar\\.${name.replace(/[^\w-]/g, '')}(?![\\w-])`);
  const search = (b: Block): { at: Located; argument: string } | undefined => {
    for (const a of b.body.attributes) if (reads.test(module.text.slice(a.value.start, a.value.end))) return { at: a.value, argument: a.name };
    for (const inner of b.body.blocks) {
      const found = search(inner);
      if (found) return found;
    }
    return undefined;
  };
  return search(block);
}
