// The editor's size limit, applied on the main thread before anything costly: a document over it is
// not copied to a lint worker, parsed or indexed by line; it gets one VPCE0004 finding at its start,
// as the CLI gives a file over its limit (the same default, 20 MB, and the same `maxFileSize` in
// .vpce-lens.yaml). Without it a 20 MB template was sent to the large lane, ran it out of memory
// after seconds, and the worker was replaced, while every request in other documents waited on the
// main thread's share of that (the copy, the collection of the garbage).

import { DEFAULT_MAX_FILE_SIZE, documentName, overLimit, oversizeMessage } from '../protocol/size-limit.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/findings.js';
import type { AnalysisView } from './lint-protocol.js';
import { resourceIndex } from './template-position.js';

/** The view of a document over the limit, or undefined when it is within it. */
export function oversizeView(doc: TextDocument, version: number, maxFileSize: number | undefined): AnalysisView | undefined {
  const limit = maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // The length without joining the text, where the document keeps it in pieces (text-document.ts).
  const length = (doc as { length?: number }).length ?? doc.getText().length;
  const size = overLimit(length, () => doc.getText(), limit);
  if (size === undefined) return undefined;
  const finding: Finding = {
    ruleId: 'VPCE0004',
    severity: 'warning',
    message: oversizeMessage(documentName(doc.uri), size, limit, maxFileSize !== undefined),
    start: 0,
    end: 0,
  };
  return { version, analysis: 0, kind: 'too-large', findings: [finding], resources: resourceIndex(null), services: [] };
}
