// Minimal glob matching for policy-file patterns: `**` crosses folders, `*` and `?` do not.

import { escapeRegExp } from './wildcard.js';

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`, 'i');
}

/** Whether a path (forward slashes, relative) matches any of the globs; a glob without a slash matches the base name. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  const base = path.split('/').pop() ?? path;
  return globs.some((g) => globToRegExp(g).test(g.includes('/') ? path : base));
}
