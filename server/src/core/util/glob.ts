// Glob matching for policy-file patterns (settings and `.vpce-lens.yaml`): `**` crosses folders, `*`,
// `?` and `[...]` do not, `{a,b}` is either, `\` escapes; case-insensitive.
//
// The globs come from a repository's files, so a hostile one must not hang the CLI or the language
// server. Every glob library we measured compiles to a backtracking RegExp: picomatch 4.0.3 takes
// 2.1 s to reject a 28-character name against `*a*a*a*a*a*a*a*a*a*a*a*a*b`, and twice that per extra
// character. Here a glob becomes a small automaton (Thompson's construction) that is run on the
// whole set of its states at once: time is path length × glob length, whatever the glob.

export class GlobError extends Error {}

/** Longer patterns are refused: no policy-file glob needs more, and it bounds the automaton. */
export const MAX_GLOB_LENGTH = 1000;

interface State {
  /** States reached without reading a character. */
  eps: number[];
  /** Reading a character this accepts leads to `next`. */
  test?: (c: string) => boolean;
  next?: number;
}

interface Fragment {
  start: number;
  /** A state with no way out yet: what follows the fragment is attached to it. */
  end: number;
}

export interface GlobMatcher {
  (path: string): boolean;
}

const notSlash = (c: string) => c !== '/';
const anyChar = () => true;

class Compiler {
  readonly states: State[] = [];
  private i = 0;

  constructor(private readonly glob: string) {}

  compile(): Fragment {
    return this.sequence(false); // outside braces `,` and `}` are plain characters: it reads to the end
  }

  private state(): number {
    return this.states.push({ eps: [] }) - 1;
  }

  private char(test: (c: string) => boolean): Fragment {
    const start = this.state();
    const end = this.state();
    Object.assign(this.states[start]!, { test, next: end });
    return { start, end };
  }

  /** `inner*`: zero or more times. */
  private star(inner: Fragment): Fragment {
    const start = this.state();
    const end = this.state();
    this.states[start]!.eps.push(inner.start, end);
    this.states[inner.end]!.eps.push(start);
    return { start, end };
  }

  private concat(a: Fragment, b: Fragment): Fragment {
    this.states[a.end]!.eps.push(b.start);
    return { start: a.start, end: b.end };
  }

  private empty(): Fragment {
    const s = this.state();
    return { start: s, end: s };
  }

  /** Parses up to the end, or (inside braces) up to the `,` or `}` that ends this alternative. */
  private sequence(inBraces: boolean): Fragment {
    const g = this.glob;
    let f = this.empty();
    while (this.i < g.length) {
      const c = g[this.i]!;
      if (inBraces && (c === ',' || c === '}')) break;
      f = this.concat(f, this.atom());
    }
    return f;
  }

  private atom(): Fragment {
    const g = this.glob;
    const c = g[this.i]!;
    if (c === '*' && g[this.i + 1] === '*') {
      this.i += 2;
      if (g[this.i] === '/') {
        // `**/`: nothing, or any run of folders each ending in a slash.
        this.i++;
        const folders = this.concat(this.star(this.char(anyChar)), this.char((x) => x === '/'));
        const either = this.empty();
        const end = this.state();
        this.states[either.start]!.eps.push(folders.start, end);
        this.states[folders.end]!.eps.push(end);
        return { start: either.start, end };
      }
      return this.star(this.char(anyChar));
    }
    this.i++;
    if (c === '*') return this.star(this.char(notSlash));
    if (c === '?') return this.char(notSlash);
    if (c === '\\' && this.i < g.length) return this.literal(g[this.i++]!);
    if (c === '[') return this.charClass() ?? this.literal('[');
    if (c === '{') return this.braces() ?? this.literal('{');
    return this.literal(c);
  }

  private literal(c: string): Fragment {
    const lower = c.toLowerCase();
    return this.char((x) => x === lower);
  }

  /** `[abc]`, `[a-z]`, `[!a]` / `[^a]`; never a slash. Undefined (a literal `[`) when unclosed. */
  private charClass(): Fragment | undefined {
    const g = this.glob;
    const close = g.indexOf(']', this.i + 1);
    if (close < 0) return undefined;
    let body = g.slice(this.i, close);
    this.i = close + 1;
    const negated = body[0] === '!' || body[0] === '^';
    if (negated) body = body.slice(1);
    const ranges: [string, string][] = [];
    for (let k = 0; k < body.length; k++) {
      const lo = body[k]!.toLowerCase();
      if (body[k + 1] === '-' && k + 2 < body.length) {
        ranges.push([lo, body[k + 2]!.toLowerCase()]);
        k += 2;
      } else ranges.push([lo, lo]);
    }
    return this.char((x) => x !== '/' && ranges.some(([a, b]) => x >= a && x <= b) !== negated);
  }

  /** `{a,b,c}` (nestable); undefined (a literal `{`) when unclosed. */
  private braces(): Fragment | undefined {
    const back = this.i;
    const start = this.state();
    const end = this.state();
    for (;;) {
      const alt = this.sequence(true);
      this.states[start]!.eps.push(alt.start);
      this.states[alt.end]!.eps.push(end);
      const c = this.glob[this.i];
      if (c === '}') {
        this.i++;
        return { start, end };
      }
      if (c !== ',') {
        this.i = back;
        return undefined;
      }
      this.i++;
    }
  }
}

/** Compiles a glob; throws GlobError for one that is too long. */
export function compileGlob(glob: string): GlobMatcher {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`glob longer than ${MAX_GLOB_LENGTH} characters`);
  const compiler = new Compiler(glob);
  const { start, end } = compiler.compile();
  const states = compiler.states;
  // Generation marks instead of fresh sets: each step costs the states it touches, nothing more.
  const mark = new Uint32Array(states.length);
  let generation = 0;
  const close = (from: number[], into: number[]) => {
    const stack = [...from];
    while (stack.length) {
      const s = stack.pop()!;
      if (mark[s] === generation) continue;
      mark[s] = generation;
      into.push(s);
      for (const e of states[s]!.eps) if (mark[e] !== generation) stack.push(e);
    }
  };
  return (path: string) => {
    const text = path.toLowerCase();
    let current: number[] = [];
    generation++;
    close([start], current);
    for (let k = 0; k < text.length && current.length; k++) {
      const c = text[k]!;
      const moves: number[] = [];
      for (const s of current) {
        const st = states[s]!;
        if (st.test && st.test(c)) moves.push(st.next!);
      }
      generation++;
      current = [];
      close(moves, current);
    }
    return current.includes(end);
  };
}

const compiled = new Map<string, GlobMatcher | null>();

function matcherFor(glob: string): GlobMatcher | null {
  let m = compiled.get(glob);
  if (m === undefined) {
    try {
      m = compileGlob(glob);
    } catch (e) {
      if (!(e instanceof GlobError)) throw e;
      m = null; // refused where it was configured (the config reader reports it); matches nothing
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(glob, m);
  }
  return m;
}

/** Whether a path (forward slashes, relative) matches any of the globs; a glob without a slash matches the base name. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  const base = path.split('/').pop() ?? path;
  return globs.some((g) => matcherFor(g)?.(g.includes('/') ? path : base) ?? false);
}
