// The editor's size limit, applied on the main thread before anything costly: a document over it is
// not copied to a lint worker, parsed or indexed by line; it gets one VPCE0004 finding at its start,
// as the CLI gives a file over its limit (the same default, 20 MB, and the same `maxFileSize` in
// .vpce-lens.yaml). Without it a 20 MB template was sent to the large lane, ran it out of memory
// after seconds, and the worker was replaced, while every request in other documents waited on the
// main thread's share of that (the copy, the collection of the garbage).

import { DEFAULT_MAX_FILE_SIZE, MB } from '../read-input.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/findings.js';
import type { AnalysisView } from './lint-protocol.js';
import { resourceIndex } from './template-position.js';

/**
 * The size of the document's text in UTF-8 bytes when it is over `limit`, else undefined. Counted only when the
 * length alone cannot decide (a UTF-16 unit is 1 to 3 bytes), so most documents cost nothing here.
 */
export function overLimit(doc: TextDocument, limit: number): number | undefined {
  // The length without joining the text, where the document keeps it in pieces (text-document.ts).
  const length = (doc as { length?: number }).length ?? doc.getText().length;
  if (length > limit) return length;
  if (length * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(doc.getText(), 'utf8');
  return bytes > limit ? bytes : undefined;
}

/** The view of a document over the limit, or undefined when it is within it. */
export function oversizeView(doc: TextDocument, version: number, maxFileSize: number | undefined): AnalysisView | undefined {
  const limit = maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const size = overLimit(doc, limit);
  if (size === undefined) return undefined;
  const name = decodeURIComponent(doc.uri.replace(/^.*\//, ''));
  const how = maxFileSize === undefined ? 'the default' : 'maxFileSize in .vpce-lens.yaml';
  const finding: Finding = {
    ruleId: 'VPCE0004',
    severity: 'warning',
    message: `${name} is ${sizeText(size)}, over the editor's ${sizeText(limit)} limit (${how}): not checked in the editor; run the CLI on it: vpce-lens check --max-size ${Math.ceil(size / MB)} ${name}`,
    start: 0,
    end: 0,
  };
  return { version, analysis: 0, kind: 'too-large', findings: [finding], resources: resourceIndex(null), services: [] };
}

function sizeText(bytes: number): string {
  if (bytes < MB) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
}
