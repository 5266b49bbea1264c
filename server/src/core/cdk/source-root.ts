// Where the app's source was when it was synthesised, so that a construct's recorded line can be shown in
// the checkout being checked. A creation stack records absolute paths of the machine that ran `cdk synth`
// (`/home/runner/work/app/app/lib/stack.ts` in CI); checked elsewhere, that path names nothing. The folder
// the app stood in then (its root) is found from the files themselves: the recorded files are looked for
// under the project folder being checked (the cloud assembly's parent), and the synth-time folder under
// which most of them are found there, each with the recorded line, is the root. One root for the whole
// assembly, so a file of another package (a construct library beside the app) is never taken for a
// project file that happens to share its name: only paths under the root are moved, every other one is
// kept as recorded. The caller owns the file system (`found`), the engine stays pure.

/** Forward slashes, as stack-frames.ts gives Windows paths. */
const segments = (path: string) => path.split('/').filter((s) => s !== '');

/**
 * The synth-time folder of the app, or undefined when none of the recorded files is found under the
 * project folder. `sources`: the recorded absolute paths with a line each; `found(relative, line)`: whether
 * the project folder holds that file with that line.
 */
export function synthRoot(sources: readonly { file: string; line: number }[], found: (relative: string, line: number) => boolean): string | undefined {
  const votes = new Map<string, number>();
  const seen = new Set<string>();
  for (const s of sources) {
    if (!s.file.startsWith('/') && !/^[A-Za-z]:\//.test(s.file)) continue;
    const key = `${s.file}:${s.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const parts = segments(s.file);
    // Every folder above the file is a candidate root: the rest of the path is the file's place under it.
    for (let i = 0; i < parts.length - 1; i++) {
      const relative = parts.slice(i + 1).join('/');
      if (!found(relative, s.line)) continue;
      const root = rootOf(s.file, parts, i);
      votes.set(root, (votes.get(root) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  let most = 0;
  for (const [root, n] of votes) {
    // A tie goes to the shallower root: the longer relative path is the more exact match.
    if (n > most || (n === most && best !== undefined && root.length < best.length)) (best = root), (most = n);
  }
  return best;
}

/** The file's place under the root, or undefined when it is not under it. */
export function underRoot(file: string, root: string): string | undefined {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return file.startsWith(prefix) && file.length > prefix.length ? file.slice(prefix.length) : undefined;
}

/** The folder `parts[0..i]` of `file`, written as the file writes it (`/a/b`, `C:/a`). */
function rootOf(file: string, parts: readonly string[], i: number): string {
  const head = parts.slice(0, i + 1).join('/');
  return file.startsWith('/') ? `/${head}` : head;
}
