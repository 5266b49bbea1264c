// "Turn VPCExxxx off in .vpce-lens.yaml": a workspace edit on the project file the document is linted
// with (the nearest one up from it, as the CLI finds it), or one creating `.vpce-lens.yaml` in the
// document's workspace folder when there is none and the client can create files.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleOffEdit } from '../core/fixes/index.js';
import { pathOf } from './paths.js';
import type { ProjectConfigs } from './project.js';

export interface RuleOffContext {
  projects: ProjectConfigs;
  folders: readonly string[];
  /** An open document's text wins over the file on disk (it may have unsaved changes). */
  openText(uri: string): TextDocument | undefined;
  canCreateFiles: boolean;
}

export function ruleOffAction(doc: TextDocument, ruleId: string, ctx: RuleOffContext): { title: string; edit: WorkspaceEdit } | undefined {
  if (!doc.uri.startsWith('file:')) return undefined;
  const file = ctx.projects.for(doc.uri, ctx.folders)?.file; // the file the linter uses: never above the workspace folder
  if (file) {
    const uri = pathToFileURL(file).href;
    const open = ctx.openText(uri);
    let text: string;
    try {
      text = open?.getText() ?? readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const edit = ruleOffEdit(text, /\.json$/i.test(file), ruleId);
    if (!edit) return undefined;
    const range = { start: offsetPosition(text, edit.start), end: offsetPosition(text, edit.end) };
    return { title: `Turn ${ruleId} off in ${file.slice(file.lastIndexOf('/') + 1)}`, edit: { changes: { [uri]: [{ range, newText: edit.newText }] } } };
  }
  if (!ctx.canCreateFiles) return undefined;
  const path = pathOf(doc.uri);
  const folder = ctx.folders.map(pathOf).filter((f) => path.startsWith(f.replace(/\/?$/, '/'))).sort((a, b) => b.length - a.length)[0];
  const uri = pathToFileURL(join(folder ?? dirname(path), '.vpce-lens.yaml')).href;
  const created = ruleOffEdit('', false, ruleId)!;
  return {
    title: `Turn ${ruleId} off in a new .vpce-lens.yaml`,
    edit: {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: created.newText }] },
      ],
    },
  };
}

function offsetPosition(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
