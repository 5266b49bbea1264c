// Resource snippets as completion items, offered only where a resource can start: on a line of its own
// inside `Resources`, at the column of the resource names (YAML), or where a new member of the
// `Resources` object can begin (JSON). Never in a value position: Enter after `ServiceName: ...api`
// must not insert a whole endpoint. (VS Code's static snippets are offered everywhere; these replace them.)

import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResourceIndex } from './lint-protocol.js';
import yamlSnippets from '../../../snippets/cloudformation-yaml.json';
import jsonSnippets from '../../../snippets/cloudformation-json.json';
import { rangeOf } from './diagnostics.js';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string[];
}

/** Where a resource snippet may go: the word typed so far on an otherwise empty line. */
export interface ResourceSlot {
  start: number;
  end: number;
  typed: string;
}

export function resourceSlotAt(text: string, index: ResourceIndex, offset: number, json: boolean): ResourceSlot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const m = (json ? /^([ \t]*)"?([\w-]*)$/ : /^([ \t]*)([\w-]*)$/).exec(before);
  if (!m) return undefined;
  const lineEnd = text.indexOf('\n', offset);
  const after = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  if (!/^[\w-]*"?[ \t]*\r?$/.test(after)) return undefined;
  if (index.keyStart < 0) return undefined;
  const indent = m[1]!.length;
  if (json) {
    // Inside the Resources object and not inside one of its resources.
    if (index.valueStart < 0 || offset <= index.valueStart || offset >= index.valueEnd) return undefined;
    for (let i = 0; i < index.starts.length; i++) {
      if (index.valueEnds[i]! > index.valueStarts[i]! && index.valueStarts[i]! < offset && offset < index.valueEnds[i]!) return undefined;
    }
  } else {
    // Below `Resources:` and before the next top-level key; at the resource names' column.
    if (offset <= index.keyEnd) return undefined;
    if (offset >= index.end) return undefined;
    const first = index.starts.length ? index.starts[0]! : undefined;
    const column = first !== undefined ? first - (text.lastIndexOf('\n', first - 1) + 1) : undefined;
    const keyColumn = index.keyStart - (text.lastIndexOf('\n', index.keyStart - 1) + 1);
    if (column !== undefined ? indent !== column : indent <= keyColumn) return undefined;
  }
  const word = m[2]!;
  const start = offset - word.length - (json && before.trimStart().startsWith('"') ? 1 : 0);
  const end = offset + (/^[\w-]*"?/.exec(after)?.[0].length ?? 0);
  return { start, end, typed: word };
}

export function snippetItems(doc: TextDocument, slot: ResourceSlot, json: boolean): CompletionItem[] {
  const snippets = (json ? jsonSnippets : yamlSnippets) as Record<string, Snippet>;
  const range = rangeOf(doc, slot.start, slot.end);
  return Object.entries(snippets).map(([name, s], i) => {
    const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
    return {
      label: prefixes[0]!,
      kind: CompletionItemKind.Snippet,
      detail: name,
      documentation: s.description,
      filterText: prefixes.join(' '),
      sortText: `~${i}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: s.body.join('\n') },
    };
  });
}
