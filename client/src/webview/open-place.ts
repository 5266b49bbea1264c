// Showing a place the server named: a range in the traced or mapped document, or one in a nested stack's
// template (a file the server gave relative to the document's folder). The panels call this with places
// they looked up in what they sent their page (messages.ts hopElsewhere, map-messages.ts nodePlace),
// never with a path or URI a page posted.

import { Range, Selection, Uri, ViewColumn, window, workspace } from 'vscode';
import type { LspRange, PlaceElsewhere } from '../../../server/src/protocol/trace';

/** Open `documentUri` (or, for a place elsewhere, the file beside it) and select the range. */
export async function showPlace(documentUri: string, place: { range: LspRange } | PlaceElsewhere): Promise<void> {
  const uri = 'file' in place ? besideDocument(documentUri, place.file) : Uri.parse(documentUri);
  const doc = await workspace.openTextDocument(uri);
  const editor = await window.showTextDocument(doc, { viewColumn: ViewColumn.One, preserveFocus: false });
  const r = place.range;
  const range = doc.validateRange(new Range(r.start.line, r.start.character, r.end.line, r.end.character));
  editor.selection = new Selection(range.start, range.end);
  editor.revealRange(range);
}

/** A file the server names relative to the document's folder (absolute when it is on another drive). */
function besideDocument(documentUri: string, file: string): Uri {
  if (/^(\/|[A-Za-z]:[\\/])/.test(file)) return Uri.file(file);
  return Uri.joinPath(Uri.parse(documentUri), '..', ...file.split('/'));
}
