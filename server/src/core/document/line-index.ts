// Offset ↔ line/character conversion, for the edges (CLI, LSP, SARIF). Lines end at \n, \r\n or a lone
// \r, as in LSP (and YAML), so the CLI and the editor number the lines of an old Mac file alike. A
// position never points inside a line break: it is placed before it, as LSP's text documents do.
// Characters are UTF-16 code units, as in LSP.

export interface Position {
  line: number;
  character: number;
}

const LF = 10;
const CR = 13;

function isBreak(c: number): boolean {
  return c === LF || c === CR;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    // Without a CR, lines end at each LF: indexOf finds them in native code, where a loop over every
    // character runs in the interpreter on a CLI's one cold pass (2 ms for a 90 KB template).
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) this.starts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo]!;
    let at = clamped;
    while (at > start && isBreak(this.text.charCodeAt(at - 1))) at--;
    return { line: lo, character: at - start };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const lineStart = this.starts[pos.line]!;
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1]! : this.text.length;
    return Math.min(lineStart + Math.max(0, pos.character), next);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
