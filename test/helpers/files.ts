// Files the tests read from folders: fixtures, examples and ../shared/corpus (present beside the checkout in CI,
// possibly absent elsewhere: a missing folder has no files, and the tests that need it say they are skipped).

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that hold no source of ours: installed packages, and dot folders (Terraform's `.terraform`, git's). */
export const notSource = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

/** The files below `dir` whose names match `re`, in sorted order (a seeded sample then picks the same ones on every machine); folders `skip` names are not entered. */
export function filesUnder(dir: string, re: RegExp, skip: (folder: string) => boolean = () => false): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!skip(e.name)) walk(p);
      } else if (re.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Every Terraform text the parser tests read: the repository's tests and examples, and the shared corpus. */
export function terraformSources(root: string): string[] {
  return ['test', 'examples', join('..', 'shared', 'corpus')].flatMap((d) => filesUnder(join(root, d), /\.(tf|tfvars)$/, notSource));
}
