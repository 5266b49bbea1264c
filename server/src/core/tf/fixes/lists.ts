// Edits of HCL lists (`[a, b]`, or one item a line) and of nested and top-level blocks, written in the
// file's layout: a one-line list stays on one line, a list of one item a line gets a line like its
// others (a trailing comma where they have one).

import type { TextEdit } from '../../fixes/types.js';
import type { Block, Expr } from '../hcl-ast.js';
import { hasComment, indentOf, lineStartOf, nextLineStart } from './layout.js';

type Tuple = Extract<Expr, { k: 'tuple' }>;

/** Removes item `index` with one comma; none when a comment stands in what would go. */
export function removeTupleItem(text: string, list: Tuple, index: number): TextEdit[] | undefined {
  const item = list.items[index];
  if (!item || list.items.length < 2) return undefined;
  const multiLine = text.slice(list.start, list.end).includes('\n');
  const prev = list.items[index - 1];
  const next = list.items[index + 1];
  if (multiLine && indentOf(text, item.start) !== undefined) {
    // One item a line: its line goes (its comma too, where it ends the line).
    const end = nextLineStart(text, item.end);
    const rest = text.slice(item.end, end);
    // Its comma and a comment at the end of its line go with it; comment lines around it stay.
    if (/^[ \t]*,?[ \t]*((#|\/\/)[^\n]*)?\n?$/.test(rest)) {
      if (!next && !/^[ \t]*,/.test(rest) && prev) {
        // The last item, written without a trailing comma: the comma before it goes with it.
        const comma = text.indexOf(',', prev.end);
        if (hasComment(text, prev.end, comma + 1)) return undefined;
        return [{ start: comma, end: comma + 1, newText: '' }, { start: lineStartOf(text, item.start), end, newText: '' }];
      }
      return [{ start: lineStartOf(text, item.start), end, newText: '' }];
    }
  }
  const [start, end] = prev ? [prev.end, item.end] : [item.start, next!.start];
  if (hasComment(text, start, end)) return undefined;
  return [{ start, end, newText: '' }];
}

/** Appends an item, written like the list's others. */
export function appendTupleItem(text: string, list: Tuple, value: string): TextEdit[] | undefined {
  const last = list.items[list.items.length - 1];
  const close = list.end - 1;
  if (text[close] !== ']') return undefined;
  if (!last) return text.slice(list.start + 1, close).trim() ? undefined : [{ start: list.start + 1, end: close, newText: value }];
  const between = text.slice(last.end, close);
  const indent = indentOf(text, last.start);
  if (between.includes('\n') && indent !== undefined) {
    const comma = /^\s*,/.test(between);
    const at = comma ? text.indexOf(',', last.end) + 1 : last.end;
    return [{ start: at, end: at, newText: `${comma ? '' : ','}\n${indent}${value}${comma ? ',' : ''}` }];
  }
  if (hasComment(text, last.end, close)) return undefined;
  // One line: `[a, b]` → `[a, b, c]` (after a trailing comma, the new item keeps one).
  const comma = text.indexOf(',', last.end);
  if (comma >= 0 && comma < close) return [{ start: comma + 1, end: comma + 1, newText: ` ${value},` }];
  return [{ start: last.end, end: last.end, newText: `, ${value}` }];
}

/**
 * Adds a nested block (`lines`: its lines, unindented) to `block`'s body: after the last block of the
 * same type, else at the body's end, indented like the body.
 */
export function addNestedBlock(text: string, block: Block, type: string, lines: string[]): TextEdit[] | undefined {
  const close = block.end - 1;
  if (text[close] !== '}') return undefined;
  const outer = indentOf(text, block.start);
  if (outer === undefined) return undefined;
  const first = [...block.body.attributes, ...block.body.blocks].sort((x, y) => x.start - y.start)[0];
  const inner = (first && indentOf(text, first.start)) ?? `${outer}  `;
  const body = lines.map((l) => (l ? inner + l : l)).join('\n');
  const same = block.body.blocks.filter((b) => b.type === type).pop();
  if (same) {
    const at = nextLineStart(text, same.end);
    if (text.slice(same.end, at).trim()) return undefined;
    return [{ start: at, end: at, newText: `${body}\n` }];
  }
  const closeLine = lineStartOf(text, close);
  if (text.slice(closeLine, close).trim() || closeLine <= block.start) return [{ start: close, end: close, newText: `\n${body}\n${outer}` }];
  return [{ start: closeLine, end: closeLine, newText: `${body}\n` }];
}

/** A top-level block added at the end of the file that ends at `fileEnd`. */
export function appendTopLevel(text: string, fileEnd: number, block: string): TextEdit {
  const before = text.slice(0, fileEnd);
  const sep = before.endsWith('\n\n') || before.length === 0 ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  return { start: fileEnd, end: fileEnd, newText: `${sep}${block}\n` };
}
