// Resource snippets as completion items, offered only where a resource can start: on a line of its own
// inside `Resources`, at the column of the resource names (YAML), or where a new member of the
// `Resources` object can begin (JSON). Never in a value position: Enter after `ServiceName: ...api`
// must not insert a whole endpoint. (VS Code's static snippets are offered everywhere; these replace them.)

import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { asMap, type MapNode, type Node } from '../core/document/tree.js';
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

export function resourceSlotAt(text: string, root: Node | null, offset: number, json: boolean): ResourceSlot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const m = (json ? /^([ \t]*)"?([\w-]*)$/ : /^([ \t]*)([\w-]*)$/).exec(before);
  if (!m) return undefined;
  const lineEnd = text.indexOf('\n', offset);
  const after = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  if (!/^[\w-]*"?[ \t]*\r?$/.test(after)) return undefined;
  const resources = resourcesOf(root);
  if (!resources) return undefined;
  const { pair, map } = resources;
  const indent = m[1]!.length;
  if (json) {
    // Inside the Resources object and not inside one of its resources.
    const value = pair.value;
    if (!value || offset <= value.start || offset >= value.end) return undefined;
    if (map?.pairs.some((p) => p.value && p.value.start < offset && offset < p.value.end)) return undefined;
  } else {
    if (offset <= pair.key.end) return undefined;
    // Below `Resources:` and before the next top-level key; at the resource names' column.
    const next = nextTopLevel(root, pair.key.start);
    if (next !== undefined && offset >= next) return undefined;
    const first = map?.pairs[0];
    const column = first ? first.key.start - (text.lastIndexOf('\n', first.key.start - 1) + 1) : undefined;
    const keyColumn = pair.key.start - (text.lastIndexOf('\n', pair.key.start - 1) + 1);
    if (column !== undefined ? indent !== column : indent <= keyColumn) return undefined;
  }
  const word = m[2]!;
  const start = offset - word.length - (json && before.trimStart().startsWith('"') ? 1 : 0);
  const end = offset + (/^[\w-]*"?/.exec(after)?.[0].length ?? 0);
  return { start, end, typed: word };
}

function resourcesOf(root: Node | null): { pair: NonNullable<MapNode['pairs'][number]>; map: MapNode | undefined } | undefined {
  const top = asMap(root);
  const pair = top?.pairs.find((p) => p.key.value === 'Resources');
  return pair ? { pair, map: asMap(pair.value) } : undefined;
}

function nextTopLevel(root: Node | null, after: number): number | undefined {
  return asMap(root)?.pairs.find((p) => p.key.start > after)?.key.start;
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
