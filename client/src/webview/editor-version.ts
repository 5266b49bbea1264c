// The version of a document the editor holds now, by URI (undefined when it is not open): what a panel
// compares an answer's version with before it shows it (ask-current.ts).

import { workspace } from 'vscode';

export function editorVersion(uri: string): number | undefined {
  return workspace.textDocuments.find((d) => d.uri.toString() === uri)?.version;
}
