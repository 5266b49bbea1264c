// Terraform files changed outside the editor (a module's file, a .tfvars, a `git checkout`): the open
// .tf documents whose module read the folder of a changed file (their own folder, a local module's:
// AnalysisView.reads) are checked again, as a save in the editor already makes them. The server asks
// the client to watch these globs where it can register watchers itself (dynamic registration; the VS
// Code client turns that into FileSystemWatchers); a client that cannot gets the save-in-editor path only.
// Files open in the editor are read as their documents' texts, saved or not (openTerraformTexts): an
// edit of one re-checks the same open documents at once, as a change on disk does.

import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULE_FILE } from '../tf-module-files.js';

export const TERRAFORM_WATCH_GLOBS = ['**/*.tf', '**/*.tf.json', '**/*.tfvars', '**/*.tfvars.json'];

const TERRAFORM_FILE = /\.(tf|tfvars)(\.json)?$/i;

function pathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a changed file is a Terraform file a module reads (not one under `.terraform/`, which is never read). */
export function isWatchedTerraformFile(uri: string): boolean {
  const path = pathOf(uri);
  return path !== undefined && TERRAFORM_FILE.test(path) && !/[\\/]\.terraform[\\/]/.test(path);
}

/**
 * A JSON file a module may read as data (a policy named by `file("${path.module}/policy.json")`, which the
 * faces hand the module: tf-module-files.ts), not a Terraform file itself.
 */
function isModuleDataFile(uri: string): boolean {
  const path = pathOf(uri);
  return path !== undefined && /\.json$/i.test(path) && !TERRAFORM_FILE.test(path) && !/[\\/]\.terraform[\\/]/.test(path);
}

/**
 * The open Terraform documents to check again after `changed` (file URIs): those whose module read a
 * changed file's folder. A document whose view is not at hand (being analysed) is checked again after a
 * Terraform file's change; after a JSON file's, only the documents known to read its folder are.
 */
export function terraformDependents(changed: readonly string[], open: readonly { uri: string; reads?: readonly string[] }[]): string[] {
  const folders = new Set(changed.filter(isWatchedTerraformFile).map((u) => dirname(pathOf(u)!)));
  const dataFolders = new Set(changed.filter(isModuleDataFile).map((u) => dirname(pathOf(u)!)));
  if (folders.size === 0 && dataFolders.size === 0) return [];
  const out: string[] = [];
  for (const doc of open) {
    const path = pathOf(doc.uri);
    if (!path || !/\.tf(\.json)?$/i.test(path)) continue;
    if (!doc.reads ? folders.size > 0 : doc.reads.some((r) => folders.has(r) || dataFolders.has(r))) out.push(doc.uri);
  }
  return out;
}

/** A .tf or .tf.json document (the ones checked as a module member). */
export function isTerraformDocument(uri: string): boolean {
  return /\.tf(\.json)?$/i.test(pathOf(uri) ?? '');
}

/**
 * The texts of the other open Terraform documents a .tf document's module may read: those under its
 * workspace folder (the local modules' fence), else in its own folder. Their texts stand for the files.
 */
export function openTerraformTexts(docs: readonly { uri: string; getText(): string }[], uri: string, workspaceFolder: string | undefined): { path: string; text: string }[] {
  const own = pathOf(uri);
  if (!own) return [];
  const base = workspaceFolder ?? dirname(own);
  const under = base.endsWith(sep) ? base : base + sep;
  const out: { path: string; text: string }[] = [];
  for (const d of docs) {
    const path = d.uri === uri ? undefined : pathOf(d.uri);
    if (!path || !MODULE_FILE.test(path.slice(path.lastIndexOf(sep) + 1)) || /[\\/]\.terraform[\\/]/.test(path)) continue;
    if (path.startsWith(under)) out.push({ path, text: d.getText() });
  }
  return out;
}
