// Code actions: the quick fixes of the diagnostics in the request's context (found by rule id and
// diagnostic data, never by message), each verified against a fresh lint before it is offered, and
// "fix all" (`source.fixAll.vpce-lens`, also answered for `source.fixAll` and `source`), which applies
// preferred verified fixes until none is left.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diffEdits, fixAllText, fixesFor, fixSource, hasPreferredFix, ignoreFix, verifiedFixes, type Fix, type FixSource, type Relint } from '../core/fixes/index.js';
import { ruleOffAction, type RuleOffContext } from './rule-off.js';
import type { TextEdit as OffsetEdit } from '../core/fixes/types.js';
import type { Finding } from '../core/findings.js';
import { FIX_ALL_KIND } from '../protocol/messages.js';
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
 * Quick fixes for the diagnostics of the request. With the findings of the document's current version
 * at hand, a diagnostic is matched to its finding (rule id and range): one from an older version matches
 * none and gets no fix, rather than a fix aimed at text that has moved.
 */
export function quickFixes(doc: TextDocument, params: CodeActionParams, opts: CodeActionOptions, current?: readonly Finding[], relint?: Relint): CodeAction[] {
  if (!wants(params.context.only, CodeActionKind.QuickFix)) return [];
  const source = fixSource(doc.getText());
  const out: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    const sent = findingOf(doc, diagnostic);
    const finding = sent && current ? current.find((f) => f.ruleId === sent.ruleId && f.start === sent.start && f.end === sent.end) : sent;
    if (!finding) continue;
    // Without the current findings there is nothing to compare a fix's result with: unverified fixes
    // are offered only then (a client that asks before the first lint ends).
    const fixes = current && relint ? verifiedOnce(doc, finding, () => verifiedFixes(source, finding, current, relint)) : fixesFor(source, finding);
    for (const fix of fixes) {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fix.isPreferred,
        diagnostics: [diagnostic as Diagnostic],
        edit: workspaceEdit(doc, fix.edits, opts),
      });
    }
    out.push(...ignoreActions(doc, diagnostic as Diagnostic, finding, source, opts));
  }
  return out;
}

// Verification lints the document once per fix; the editor asks again on every cursor move over a
// diagnostic, so the answers are kept for the document's current version (one document at a time).
let verified: { key: string; fixes: Map<string, Fix[]> } | undefined;

function verifiedOnce(doc: TextDocument, finding: Finding, compute: () => Fix[]): Fix[] {
  const key = `${doc.uri}@${doc.version}`;
  if (verified?.key !== key) verified = { key, fixes: new Map() };
  const id = `${finding.ruleId}:${finding.start}:${finding.end}`;
  const hit = verified.fixes.get(id);
  if (hit) return hit;
  const fixes = compute();
  verified.fixes.set(id, fixes);
  return fixes;
}

/** "Ignore VPCExxxx for Resource" (the resource's Metadata) and "Turn VPCExxxx off in .vpce-lens.yaml". */
function ignoreActions(doc: TextDocument, diagnostic: Diagnostic, finding: Finding, source: FixSource, opts: CodeActionOptions): CodeAction[] {
  if (finding.ruleId === 'VPCE0000') return [];
  const out: CodeAction[] = [];
  const ignore = finding.resource ? ignoreFix(source.text, source.root, source.json, finding.resource, finding.ruleId) : undefined;
  if (ignore) out.push({ title: ignore.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(doc, ignore.edits, opts) });
  const off = opts.ruleOff ? ruleOffAction(doc, finding.ruleId, opts.ruleOff) : undefined;
  if (off) out.push({ title: off.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: off.edit });
  return out;
}

export function fixAllAction(doc: TextDocument, params: CodeActionParams, findings: readonly Finding[], opts: CodeActionOptions, relint: Relint): CodeAction[] {
  if (!params.context.only || !wants(params.context.only, FIX_ALL_KIND)) return [];
  // Cheap first: a document none of whose rules has a preferred fix costs no lint.
  if (!findings.some((f) => hasPreferredFix(f.ruleId))) return [];
  const text = doc.getText();
  // The first lint is the one already made for this version.
  let first = true;
  const edits = diffEdits(text, fixAllText(text, (t) => (first && t === text ? ((first = false), findings) : relint(t))).text);
  if (edits.length === 0) return [];
  return [{ title: 'Fix all VPC Endpoint Lens problems that have a sure fix', kind: FIX_ALL_KIND, edit: workspaceEdit(doc, edits, opts) }];
}

function workspaceEdit(doc: TextDocument, edits: readonly OffsetEdit[], opts: CodeActionOptions): WorkspaceEdit {
  const lspEdits: TextEdit[] = edits.map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.newText }));
  if (opts.documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lspEdits }] };
  return { changes: { [doc.uri]: lspEdits } };
}
