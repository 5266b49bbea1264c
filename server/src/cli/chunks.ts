// Output in pieces of about a megabyte: a report of a million findings is over 500 MB of JSON, past
// the longest string V8 can make, so no format builds its report as one string.

const CHUNK = 1 << 20;

/** Collects strings and hands them on in pieces of about CHUNK characters. */
export class Chunks {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly emit: (s: string) => void) {}

  push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.parts.length) this.emit(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** JSON.stringify(value, null, 2) for a value nested `depth` levels deep in a pretty-printed document. */
export function nestedJson(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}
