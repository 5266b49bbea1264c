// Where a document is, as the policy-file globs need it: its path relative to the workspace folder
// that holds it (forward slashes), or its bare path when no folder does.

import { matchesAny } from '../core/util/glob.js'; // shared with the CLI so both read globs alike

export function pathOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

export function relativeTo(folders: readonly string[], uri: string): string {
  const path = pathOf(uri);
  for (const folder of folders) {
    const base = pathOf(folder).replace(/\/?$/, '/');
    if (path.startsWith(base)) return path.slice(base.length);
  }
  return path.replace(/^\/+/, '');
}

/** Whether the document is a standalone endpoint policy by the user's globs. */
export function isPolicyFile(folders: readonly string[], uri: string, globs: readonly string[]): boolean {
  return matchesAny(relativeTo(folders, uri), globs);
}

/** A .tf document's workspace folder (where its local modules may be read from), as a path. */
export function terraformFolder(folders: readonly string[], uri: string): { workspaceFolder?: string } {
  if (!/\.tf(\.json)?$/i.test(uri)) return {};
  const path = pathOf(uri);
  for (const folder of folders) {
    const base = pathOf(folder).replace(/\/?$/, '/');
    if (path.startsWith(base)) return { workspaceFolder: base.length > 1 ? base.slice(0, -1) : base };
  }
  return {};
}
