// A document's text as a list of pieces of about 64K characters. V8 joins `a + b + c` lazily (a rope)
// and makes it one flat string again on the next read of any character: an edit of a 20 MB text kept
// as one string costs a copy of the 20 MB on every keystroke. Here an edit re-makes one piece, a read
// of a character touches one piece, and the whole text is joined only when asked for (kept until the
// next edit).

const PIECE = 64 * 1024;

export class ChunkedText {
  private pieces: string[];
  /** Where each piece starts; rebuilt after an edit (a few hundred entries for 20 MB). */
  private starts: number[] = [];
  private joined: string | undefined;
  private total = 0;

  /** `piece`: the pieces' size (small in the tests, so that every edit crosses pieces). */
  constructor(
    text: string,
    private readonly piece = PIECE,
  ) {
    this.pieces = split(text, piece);
    this.joined = text;
    this.reindex();
  }

  get length(): number {
    return this.total;
  }

  text(): string {
    return (this.joined ??= this.pieces.join(''));
  }

  charCodeAt(offset: number): number {
    if (this.joined !== undefined) return this.joined.charCodeAt(offset);
    if (offset < 0 || offset >= this.total) return NaN;
    const i = this.pieceAt(offset);
    return this.pieces[i]!.charCodeAt(offset - this.starts[i]!);
  }

  substring(start: number, end: number): string {
    if (this.joined !== undefined) return this.joined.substring(start, end);
    start = Math.max(0, Math.min(start, this.total));
    end = Math.max(0, Math.min(end, this.total));
    if (start > end) [start, end] = [end, start];
    if (start === end) return '';
    const first = this.pieceAt(start);
    const last = this.pieceAt(end - 1);
    if (first === last) return this.pieces[first]!.substring(start - this.starts[first]!, end - this.starts[first]!);
    const parts = [this.pieces[first]!.substring(start - this.starts[first]!)];
    for (let i = first + 1; i < last; i++) parts.push(this.pieces[i]!);
    parts.push(this.pieces[last]!.substring(0, end - this.starts[last]!));
    return parts.join('');
  }

  get pieceCount(): number {
    return this.pieces.length;
  }

  /**
   * Calls `add` with the offset just after each line break (\r\n, \r or \n), in order, in up to
   * `count` pieces from piece `from`; returns the next piece to read.
   */
  lineStarts(add: (offset: number) => void, from = 0, count = Infinity): number {
    const breaks = /\r\n?|\n/g;
    const to = Math.min(this.pieces.length, from + count);
    for (let i = from; i < to; i++) {
      const piece = this.pieces[i]!;
      const base = this.starts[i]!;
      if (piece.indexOf('\r') < 0) {
        for (let at = piece.indexOf('\n'); at >= 0; at = piece.indexOf('\n', at + 1)) add(base + at + 1);
        continue;
      }
      breaks.lastIndex = 0;
      for (let m = breaks.exec(piece); m; m = breaks.exec(piece)) {
        const end = m.index + m[0].length;
        // A \r ending a piece whose next piece starts with \n: one break, counted at the \n.
        if (m[0] === '\r' && end === piece.length && this.charCodeAt(base + end) === 10) continue;
        add(base + end);
      }
    }
    return to;
  }

  /** Replaces [start, end) (offsets within the text, start <= end) with `text`. */
  splice(start: number, end: number, text: string): void {
    const first = this.pieceAt(Math.min(start, Math.max(this.total - 1, 0)));
    const last = this.pieceAt(Math.min(Math.max(end - 1, start), Math.max(this.total - 1, 0)));
    const head = (this.pieces[first] ?? '').substring(0, start - (this.starts[first] ?? 0));
    const tail = (this.pieces[last] ?? '').substring(end - (this.starts[last] ?? 0));
    this.pieces.splice(first, last - first + 1, ...split(head + text + tail, this.piece));
    this.joined = undefined;
    this.reindex();
  }

  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.starts[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    return Math.max(low - 1, 0);
  }

  private reindex(): void {
    this.starts = new Array<number>(this.pieces.length);
    let at = 0;
    for (let i = 0; i < this.pieces.length; i++) {
      this.starts[i] = at;
      at += this.pieces[i]!.length;
    }
    this.total = at;
    if (this.pieces.length === 0) {
      this.pieces = [''];
      this.starts = [0];
    }
  }
}

function split(text: string, piece: number): string[] {
  if (text.length === 0) return [];
  if (text.length <= 2 * piece) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += piece) out.push(text.substring(i, i + piece));
  return out;
}
