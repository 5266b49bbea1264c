// Templates changed outside the editor (a parent's TemplateURL, a nested stack's file, a re-synthesised cloud
// assembly, a `git checkout`): the open templates whose findings were judged with a changed file (a parent, a
// nested stack: AnalysisView.stackReads) are checked again, and all open templates when which template
// deploys which changed (parent-index.ts: a parent added, removed, or naming other files). The server asks
// the client to watch these globs where it can register watchers (as for Terraform: terraform-watch.ts); a
// client that cannot gets the save-in-editor path only (server.ts didSave).

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParentIndex } from './parent-index.js';

export const TEMPLATE_WATCH_GLOBS = ['**/*.{yaml,yml,json,template}'];

const TEMPLATE_FILE = /\.(ya?ml|json|template)$/i;

function pathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The open templates (URIs) to check again after `changed` (file URIs). */
export async function templateDependents(changed: readonly string[], open: readonly { uri: string; stackReads?: readonly string[] }[], index: ParentIndex | undefined): Promise<string[]> {
  const paths = changed.map(pathOf).filter((p): p is string => p !== undefined && TEMPLATE_FILE.test(p)).map((p) => resolve(p));
  if (paths.length === 0) return [];
  const relinked = index ? await index.update(paths) : false;
  const set = new Set(paths);
  return open.filter((d) => TEMPLATE_FILE.test(pathOf(d.uri) ?? '') && (relinked || d.stackReads?.some((r) => set.has(r)))).map((d) => d.uri);
}
