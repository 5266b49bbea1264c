// Code actions: the quick fixes of the diagnostics in the request's context (found by rule id and
// diagnostic data, never by message), and "fix all" (`source.fixAll.vpce-lens`, also answered for
// `source.fixAll` and `source`), which applies preferred verified fixes until none is left. The fixes are
// made and verified (a lint of each fixed text) in the lint worker, from the version's Analysis: no parse
// or lint on this thread; only "Turn VPCExxxx off in .vpce-lens.yaml", which reads the project file, is
// made here.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import type { Fix, TextEdit as OffsetEdit } from '../core/fixes/types.js';
import type { Finding } from '../core/findings.js';
import { FIX_ALL_KIND } from '../protocol/messages.js';
import { ruleOffAction, type RuleOffContext } from './rule-off.js';
import { findingOf, rangeOf } from './diagnostics.js';

export interface CodeActionOptions {
  /** Whether the client takes versioned `documentChanges` (then a stale edit is refused, not misapplied). */
  documentChanges: boolean;
  /** For "Turn VPCExxxx off in .vpce-lens.yaml"; without it that action is not offered. */
  ruleOff?: RuleOffContext;
}

/** Whether the request's `only` filter lets actions of `kind` through. */
export function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/**
 * The findings of the document's current version that the request's diagnostics stand for, matched by
 * rule id and range: a diagnostic from an older version matches none and gets no fix, rather than a
 * fix aimed at text that has moved.
 */
export function requestedFindings(doc: TextDocument, params: CodeActionParams, current: readonly Finding[]): { diagnostic: Diagnostic; index: number; finding: Finding }[] {
  if (!wants(params.context.only, CodeActionKind.QuickFix)) return [];
  const out: { diagnostic: Diagnostic; index: number; finding: Finding }[] = [];
  for (const diagnostic of params.context.diagnostics) {
    const sent = findingOf(doc, diagnostic);
    const index = sent ? current.findIndex((f) => f.ruleId === sent.ruleId && f.start === sent.start && f.end === sent.end) : -1;
    if (index >= 0) out.push({ diagnostic, index, finding: current[index]! });
  }
  return out;
}

/**
 * The quick fixes of those findings (answers[i] belongs to requested[i]: its verified fixes and its
 * ignore fix), then "Turn VPCExxxx off in .vpce-lens.yaml", as code actions.
 */
export function quickFixes(doc: TextDocument, requested: readonly { diagnostic: Diagnostic; finding: Finding }[], answers: readonly { fixes: Fix[]; ignore?: Fix }[], opts: CodeActionOptions): CodeAction[] {
  const out: CodeAction[] = [];
  requested.forEach(({ diagnostic, finding }, i) => {
    const answer = answers[i];
    for (const fix of answer?.fixes ?? []) {
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.isPreferred, diagnostics: [diagnostic], edit: workspaceEdit(doc, fix.edits, opts) });
    }
    if (answer?.ignore) out.push({ title: answer.ignore.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(doc, answer.ignore.edits, opts) });
    const off = opts.ruleOff && finding.ruleId !== 'VPCE0000' ? ruleOffAction(doc, finding.ruleId, opts.ruleOff) : undefined;
    if (off) out.push({ title: off.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: off.edit });
  });
  return out;
}

/** Whether the request asks for fix-all (`source.fixAll.vpce-lens`, `source.fixAll` or `source`). */
export function wantsFixAll(params: CodeActionParams): boolean {
  return !!params.context.only && wants(params.context.only, FIX_ALL_KIND);
}

export function fixAllAction(doc: TextDocument, edits: readonly OffsetEdit[], opts: CodeActionOptions): CodeAction[] {
  if (edits.length === 0) return [];
  return [{ title: 'Fix all VPC Endpoint Lens problems that have a sure fix', kind: FIX_ALL_KIND, edit: workspaceEdit(doc, edits, opts) }];
}

function workspaceEdit(doc: TextDocument, edits: readonly OffsetEdit[], opts: CodeActionOptions): WorkspaceEdit {
  const lspEdits: TextEdit[] = edits.filter((e) => !e.file).map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.newText }));
  // Edits in other files of a Terraform module, placed where the module read them.
  const others = new Map<string, TextEdit[]>();
  for (const e of edits) {
    if (!e.file) continue;
    const uri = pathToFileURL(e.file.path).href;
    others.set(uri, [...(others.get(uri) ?? []), { range: { start: e.file.start, end: e.file.end }, newText: e.newText }]);
  }
  if (others.size === 0) {
    if (opts.documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lspEdits }] };
    return { changes: { [doc.uri]: lspEdits } };
  }
  if (opts.documentChanges) {
    const own = lspEdits.length ? [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lspEdits }] : [];
    return { documentChanges: [...own, ...[...others].map(([uri, e]) => ({ textDocument: { uri, version: null }, edits: e }))] };
  }
  return { changes: { ...(lspEdits.length ? { [doc.uri]: lspEdits } : {}), ...Object.fromEntries(others) } };
}
