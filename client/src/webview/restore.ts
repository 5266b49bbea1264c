// Restoring a panel after a window reload. VS Code hands back the state the panel's page saved: it
// comes from a webview, so it is checked field by field first (messages.ts, map-messages.ts); here the
// document it names must be one this window may read — open in an editor or a tab, or inside one of the
// workspace's folders — and must still open. What does not resolve becomes a message the panel shows,
// never a blank page.

import { TabInputText, Uri, window, workspace } from 'vscode';

export type Restored<T> = { target: T } | { problem: string };

/**
 * `target`: the checked state (undefined when it was not one we wrote); `panel` and `command` name the
 * panel and how to open it again, for the message.
 */
export async function resolveRestored<T extends { uri: string }>(target: T | undefined, panel: string, command: string): Promise<Restored<T>> {
  if (!target) return { problem: `The ${panel} could not be restored: its saved state is not one VPC Endpoint Lens wrote. Run "${command}" again.` };
  let uri: Uri;
  try {
    uri = Uri.parse(target.uri, true);
  } catch {
    return { problem: `The ${panel} could not be restored: it named a document that is not a valid URI. Run "${command}" again.` };
  }
  const name = uri.scheme === 'file' || workspace.getWorkspaceFolder(uri) ? workspace.asRelativePath(uri) : uri.path.split('/').pop() || uri.toString();
  const key = uri.toString();
  const open = workspace.textDocuments.some((d) => d.uri.toString() === key) || window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof TabInputText && t.input.uri.toString() === key));
  if (!open && uri.scheme === 'untitled') return { problem: `The ${panel} showed ${name}, an unsaved document that is no longer open. Run "${command}" on it again.` };
  if (!open && !workspace.getWorkspaceFolder(uri)) return { problem: `The ${panel} showed ${name}, which is outside this window's folders. Open it and run "${command}" again.` };
  if (uri.scheme !== 'untitled' && !(await workspace.fs.stat(uri).then(() => true, () => false))) {
    return { problem: `The ${panel} showed ${name}, which can no longer be opened: it may have been moved or deleted. Open the template and run "${command}" again.` };
  }
  try {
    // Opening it sends it to the language server, which answers only about open documents.
    await workspace.openTextDocument(uri);
  } catch (err) {
    return { problem: `The ${panel} showed ${name}, which cannot be opened: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { target };
}
