// Finding → LSP Diagnostic: the one place offsets become line/character for diagnostics, and where a
// diagnostic gets what code actions and editors need (rule code, documentation link, fix data).

import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity, Span } from '../core/findings.js';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../protocol/messages.js';
import { jsonSyntaxError } from '../core/tf/json-syntax.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function rangeOf(doc: TextDocument, start: number, end: number): Range {
  // Offset 0 needs no line index (a document over the size limit gets its one finding there).
  const at = (offset: number) => (offset === 0 ? { line: 0, character: 0 } : doc.positionAt(offset));
  return { start: at(start), end: at(end) };
}

/** Where a rule is documented: docs/rules.md next to the bundle, with the rule's anchor. */
export function ruleDocUrl(docsBase: string, ruleId: string): string {
  return `${docsBase}#${ruleId.toLowerCase()}`;
}

export function toDiagnostic(doc: TextDocument, finding: Finding, docsBase: string): Diagnostic {
  return diagnosticAt(doc.uri, rangeOf(doc, finding.start, finding.end), finding, docsBase, (r) => rangeOf(doc, r.start, r.end));
}

/** A finding placed in a file that is no open document (a Terraform variables file): its range given. */
export function placedDiagnostic(uri: string, range: Range, finding: Finding, docsBase: string): Diagnostic {
  // Its related places in the same file are offsets of a text the main thread does not hold: only placed ones are kept.
  return diagnosticAt(uri, range, { ...finding, related: finding.related?.filter((r) => r.file) }, docsBase, () => range);
}

function diagnosticAt(uri: string, range: Range, finding: Finding, docsBase: string, rangeIn: (r: Span) => Range): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId };
  if (finding.data) data.data = finding.data;
  if (finding.resource) data.resource = finding.resource;
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(docsBase, finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.related?.length) {
    // A place in another file of a Terraform module names that file.
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: r.file ? { uri: pathToFileURL(r.file.path).href, range: { start: r.file.start, end: r.file.end } } : { uri, range: rangeIn(r) }, message: r.message }));
  }
  return diagnostic;
}

/**
 * VS Code (and its open builds) checks the syntax of JSON documents itself, with the same parser
 * (jsonc-parser): there our syntax finding would be a second diagnostic for one problem. Other
 * editors, and JSON with comments (`jsonc`), get ours. Duplicate keys, size limits and every rule stay.
 */
export { jsonSyntaxError };

export function editorChecksJson(clientName: string | undefined): boolean {
  return /^(?:Visual Studio Code|VSCodium|Code - OSS)/.test(clientName ?? '');
}

export function reportedByEditor(finding: Finding, languageId: string, editorChecksJsonSyntax: boolean, doc?: { uri: string; getText(): string }): boolean {
  if (!editorChecksJsonSyntax || languageId !== 'json' || finding.ruleId !== 'VPCE0001') return false;
  // A .tf.json document's VPCE0001 is also Terraform's own (an unknown block type, an override with no
  // original): only the JSON parser's error, which the editor shows too, is left to it.
  if (doc && /\.tf\.json$/i.test(doc.uri)) {
    const e = jsonSyntaxError(doc.getText());
    return e !== undefined && e.start === finding.start && e.end === finding.end;
  }
  return true;
}

/** The finding a diagnostic came from, rebuilt from its data (never its message) against `doc`. */
export function findingOf(doc: TextDocument, diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  const ruleId = typeof data?.ruleId === 'string' ? data.ruleId : typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
  if (!ruleId) return undefined;
  const finding: Finding = {
    ruleId,
    severity: 'error',
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    start: doc.offsetAt(diagnostic.range.start),
    end: doc.offsetAt(diagnostic.range.end),
  };
  if (data?.data && typeof data.data === 'object') finding.data = data.data;
  if (typeof data?.resource === 'string') finding.resource = data.resource;
  return finding;
}
