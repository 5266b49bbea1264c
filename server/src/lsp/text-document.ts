// The open documents' text, kept as the LSP library's TextDocument keeps it (the same positions and
// offsets, the same handling of changes: a test compares the two over seeded edits), but with a line
// index that costs little on a very large document. The library builds its index in a loop that
// pushes each line start into an array (0.4–0.5 s for a 20 MB template on this machine), and every
// typed character then shifts that array and reads the re-joined text (40–130 ms): all on the main
// thread, while every request of every other document waits. Here the index is an Int32Array built
// with indexOf, updated in place; a keystroke in a 20 MB document costs about a millisecond.

import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText } from './chunked-text.js';

const LF = 10;
const CR = 13;
/** Documents from this size on are indexed in the background from when they open. */
const BACKGROUND_INDEX_CHARS = 1024 * 1024;

export class IndexedDocument implements TextDocument {
  /** Line starts: `starts[0..count)`; undefined until first needed, and after a change that needs a rebuild. */
  private starts: Int32Array | undefined;
  private count = 0;
  /** The index being made, piece by piece (`next`: the first piece not yet read), of `content`. */
  private building: { starts: Int32Array; count: number; next: number; content: ChunkedText } | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    text: string,
    /** The text's pieces' size (chunked-text.ts); the tests make it small. */
    private readonly pieceSize?: number,
  ) {
    this.content = new ChunkedText(text, pieceSize);
    this.indexInBackground();
  }

  private content: ChunkedText;

  /** The text's length, without joining its pieces (the size limit reads it on every version). */
  get length(): number {
    return this.content.length;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    this.index();
    return this.count;
  }

  getText(range?: Range): string {
    if (!range) return this.content.text();
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const starts = this.index();
    const line = this.lineOf(offset);
    const start = starts[line]!;
    return { line, character: this.beforeEol(offset, start) - start };
  }

  offsetAt(position: Position): number {
    const starts = this.index();
    if (position.line >= this.count) return this.content.length;
    if (position.line < 0) return 0;
    const start = starts[position.line]!;
    if (position.character <= 0) return start;
    const next = position.line + 1 < this.count ? starts[position.line + 1]! : this.content.length;
    return this.beforeEol(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const starts = this.index();
    if (line >= this.count) {
      const last = this.count - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - starts[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = starts[line]!;
    const next = line + 1 < this.count ? starts[line + 1]! : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.index();
    if (line < 0 || line >= this.count) return '';
    const next = line + 1 < this.count ? starts[line + 1]! : this.content.length;
    return this.content.substring(this.beforeEol(next, starts[line]!), next);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      const c = change as { range?: Range; rangeLength?: number; text?: unknown };
      if (typeof c.text === 'string' && c.range !== undefined) this.splice(wellFormed(c.range), c.text);
      else if (typeof c.text === 'string' && c.rangeLength === undefined) {
        this.content = new ChunkedText(c.text, this.pieceSize);
        this.starts = undefined;
        this.building = undefined;
        this.indexInBackground();
      } else throw new Error('Unknown change event received');
    }
    this.currentVersion = version;
  }

  private splice(range: Range, text: string): void {
    const s = this.offsetAt(range.start);
    const e = this.offsetAt(range.end);
    const old = this.content;
    // A \r\n made or split at either edge changes which line breaks there are: index again when needed.
    const before = s > 0 ? old.charCodeAt(s - 1) : -1;
    const first = text.length ? text.charCodeAt(0) : e < old.length ? old.charCodeAt(e) : -1;
    const last = text.length ? text.charCodeAt(text.length - 1) : before;
    const after = e < old.length ? old.charCodeAt(e) : -1;
    old.splice(s, e, text);
    if ((before === CR && first === LF) || (last === CR && after === LF)) {
      this.starts = undefined;
      this.building = undefined;
      return;
    }
    const starts = this.starts;
    if (!starts) return;
    const startLine = this.lineOf(s);
    const endLine = this.lineOf(e);
    const added = lineStarts(text, s);
    const count = this.count - (endLine - startLine) + added.length;
    const tail = startLine + 1 + added.length;
    let into = starts;
    if (count > starts.length) {
      into = new Int32Array(Math.max(count, starts.length * 2));
      into.set(starts.subarray(0, startLine + 1));
      into.set(starts.subarray(endLine + 1, this.count), tail);
    } else if (count !== this.count) into.copyWithin(tail, endLine + 1, this.count);
    into.set(added, startLine + 1);
    const diff = text.length - (e - s);
    if (diff !== 0) for (let i = tail; i < count; i++) into[i]! += diff;
    this.starts = into;
    this.count = count;
  }

  /** The line an offset is on (by line starts alone; the index is made). */
  private lineOf(offset: number): number {
    const starts = this.index();
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (starts[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    return low - 1;
  }

  private index(): Int32Array {
    if (!this.starts) this.build(Infinity);
    return this.starts!;
  }

  /**
   * Indexes up to `pieces` more pieces of the text; the index is in place once the last is done. A
   * large document is indexed a megabyte at a time between other work from when it opens, so that its
   * first edit finds the index made (an edit that comes sooner finishes it first).
   */
  private build(pieces: number): void {
    const b = (this.building ??= { starts: new Int32Array(1024), count: 1, next: 0, content: this.content });
    const add = (at: number) => {
      if (b.count === b.starts.length) {
        const more = new Int32Array(b.starts.length * 2);
        more.set(b.starts);
        b.starts = more;
      }
      b.starts[b.count++] = at;
    };
    b.next = this.content.lineStarts(add, b.next, pieces);
    if (b.next < this.content.pieceCount) return;
    this.starts = b.starts;
    this.count = b.count;
    this.building = undefined;
  }

  private indexInBackground(): void {
    if (this.content.length < BACKGROUND_INDEX_CHARS) return;
    const step = () => {
      if (this.starts || !this.building || this.building.content !== this.content) return;
      this.build(16);
      if (!this.starts) setImmediate(step).unref();
    };
    this.build(0);
    setImmediate(step).unref();
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart) {
      const c = this.content.charCodeAt(offset - 1);
      if (c !== LF && c !== CR) break;
      offset--;
    }
    return offset;
  }
}

/** The offsets (plus `base`) just after each line break in `text`: \r\n, \r or \n, as the LSP counts them. */
function lineStarts(text: string, base: number): Int32Array {
  const out: number[] = [];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(base + i + 1);
    return Int32Array.from(out);
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      if (i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      out.push(base + i + 1);
    } else if (c === LF) out.push(base + i + 1);
  }
  return Int32Array.from(out);
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** For `new TextDocuments(...)`: documents kept as IndexedDocument. */
export const indexedDocuments = {
  create: (uri: string, languageId: string, version: number, content: string): IndexedDocument => new IndexedDocument(uri, languageId, version, content),
  update: (doc: IndexedDocument, changes: TextDocumentContentChangeEvent[], version: number): IndexedDocument => {
    doc.update(changes, version);
    return doc;
  },
};
