// Argument edits in a block body, in the file's own layout. `terraform fmt` aligns the `=` of a run
// of consecutive one-line arguments (a blank line, a comment line, a nested block or an argument
// whose value spans lines ends the run) one space after the longest name. Where a run is aligned that
// way, an added or removed argument keeps it so: the other lines' padding changes, nothing else. A
// run written with single spaces (no alignment) stays as written.

import type { TextEdit } from '../../fixes/types.js';
import type { Attribute, Block, Body } from '../hcl-ast.js';

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset after the line's `\n` (or the text's end). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export function indentOf(text: string, offset: number): string | undefined {
  const from = lineStartOf(text, offset);
  const lead = text.slice(from, offset);
  return /^[ \t]*$/.test(lead) ? lead : undefined;
}

function oneLine(text: string, a: { start: number; end: number }): boolean {
  return !text.slice(a.start, a.end).includes('\n');
}

/** The body's items in source order: arguments and nested blocks. */
function items(body: Body): (Attribute | Block)[] {
  return [...body.attributes, ...body.blocks].sort((x, y) => x.start - y.start);
}

/** The run of aligned one-line arguments `a` belongs to (empty when `a` spans lines or shares a line). */
export function runOf(text: string, body: Body, a: Attribute): Attribute[] {
  const all = items(body);
  const i = all.indexOf(a);
  if (i < 0 || !inRun(text, a)) return [];
  let from = i;
  let to = i;
  const joins = (x: Attribute | Block, y: Attribute | Block) => 'name' in x && 'name' in y && inRun(text, x) && inRun(text, y) && nextLineStart(text, x.end) === lineStartOf(text, y.start);
  while (from > 0 && joins(all[from - 1]!, all[from]!)) from--;
  while (to < all.length - 1 && joins(all[to]!, all[to + 1]!)) to++;
  return all.slice(from, to + 1) as Attribute[];
}

function inRun(text: string, a: Attribute | Block): a is Attribute {
  return 'name' in a && oneLine(text, a) && indentOf(text, a.start) !== undefined;
}

/** Column of the `=` after the argument's name, from its line's start. */
function eqColumn(text: string, a: Attribute): number {
  return text.indexOf('=', a.nameAt.end) - lineStartOf(text, a.start);
}

/** Whether the run is written as `terraform fmt` writes it: every `=` one space after the longest name. */
export function isFmtAligned(text: string, run: readonly Attribute[]): boolean {
  if (run.length === 0) return false;
  const cols = run.map((a) => eqColumn(text, a));
  const widest = Math.max(...run.map((a) => a.nameAt.end - lineStartOf(text, a.start)));
  return cols.every((c) => c === widest + 1);
}

/**
 * The name width of a run whose `=` all stand in one column (`terraform fmt`'s, or wider by the
 * author's choice); undefined for a run written with single spaces.
 */
export function alignedWidth(text: string, run: readonly Attribute[]): number | undefined {
  if (run.length === 0) return undefined;
  const first = run[0]!;
  const col = eqColumn(text, first);
  if (!run.every((a) => eqColumn(text, a) === col)) return undefined;
  // A single argument with one space is the plain style; its width is its name's.
  return col - (first.nameAt.start - lineStartOf(text, first.start)) - 1;
}

/** Edits that pad each argument of `run` so that its `=` stands one space after a name `width` wide. */
function pad(text: string, run: readonly Attribute[], width: number): TextEdit[] {
  const out: TextEdit[] = [];
  for (const a of run) {
    const eq = text.indexOf('=', a.nameAt.end);
    const spaces = ' '.repeat(width - (a.nameAt.end - a.nameAt.start) + 1);
    if (text.slice(a.nameAt.end, eq) !== spaces) out.push({ start: a.nameAt.end, end: eq, newText: spaces });
  }
  return out;
}

function nameWidth(run: readonly Attribute[]): number {
  return Math.max(0, ...run.map((a) => a.nameAt.end - a.nameAt.start));
}

/**
 * Adds `name = value` lines at the end of the run of `anchor` (or, without one, as the body's first
 * lines), aligned like the run.
 */
export function insertArguments(text: string, block: Block, args: readonly [string, string][], anchor?: Attribute): TextEdit[] | undefined {
  const widest = Math.max(...args.map(([n]) => n.length));
  const lines = (indent: string, width: number) => args.map(([n, v]) => `${indent}${n.padEnd(width)} = ${v}\n`).join('');
  const run = anchor ? runOf(text, block.body, anchor) : [];
  const last = run[run.length - 1];
  if (last) {
    const indent = indentOf(text, last.start)!;
    const column = alignedWidth(text, run);
    const width = column === undefined ? 0 : Math.max(column, widest);
    const end = nextLineStart(text, last.end);
    const nl = text[end - 1] === '\n' ? '' : '\n';
    return [...(column === undefined ? [] : pad(text, run, width)), { start: end, end, newText: nl + lines(indent, width) }];
  }
  // The body's first lines: after the `{` line, indented like the first item (or two spaces in).
  const open = text.indexOf('{', block.labels.length ? block.labels[block.labels.length - 1]!.end : block.typeAt.end);
  if (open < 0 || open > block.end) return undefined;
  const first = items(block.body)[0];
  const outer = indentOf(text, block.start) ?? '';
  const indent = (first && indentOf(text, first.start)) ?? `${outer}  `;
  if (!text.slice(open + 1, nextLineStart(text, open)).trim() && text.indexOf('\n', open) < block.end) {
    const at = nextLineStart(text, open);
    // A body whose first item is a run of aligned arguments takes the new ones into it.
    if (first && 'name' in first && lineStartOf(text, first.start) === at) {
      const firstRun = runOf(text, block.body, first);
      const column = alignedWidth(text, firstRun);
      if (column !== undefined) {
        const width = Math.max(column, widest);
        return [{ start: at, end: at, newText: lines(indent, width) }, ...pad(text, firstRun, width)];
      }
    }
    return [{ start: at, end: at, newText: lines(indent, args.length > 1 ? widest : 0) }];
  }
  // `{}` on one line: the body opens onto lines of its own.
  const close = text.lastIndexOf('}', block.end);
  if (close <= open || text.slice(open + 1, close).trim()) return undefined;
  return [{ start: open + 1, end: close, newText: `\n${lines(indent, args.length > 1 ? widest : 0)}${outer}` }];
}

/** Sets an argument: its value replaced in place, or the argument added after `anchor`'s run. */
export function setArgument(text: string, block: Block, name: string, value: string, anchor?: Attribute): TextEdit[] | undefined {
  const existing = block.body.attributes.find((a) => a.name === name);
  if (existing) return [{ start: existing.value.start, end: existing.value.end, newText: value }];
  return insertArguments(text, block, [[name, value]], anchor ?? block.body.attributes.find((a) => oneLine(text, a)));
}

/**
 * Removes an argument or nested block: its whole lines (with a comment at the end of its last line);
 * comment lines around it stay. The run it leaves is padded again where it was aligned, as is the run
 * that forms when it stood between two (each aligned) runs.
 */
export function removeItem(text: string, body: Body, item: Attribute | Block): TextEdit[] | undefined {
  const from = lineStartOf(text, item.start);
  if (indentOf(text, item.start) === undefined) return undefined;
  const end = nextLineStart(text, item.end);
  const rest = text.slice(item.end, end);
  // Something else after it on its line (another argument, a closing brace): not a line of its own.
  if (rest.trim() && !/^\s*(#|\/\/)/.test(rest)) return undefined;
  const edits: TextEdit[] = [{ start: from, end, newText: '' }];
  const all = items(body);
  const i = all.indexOf(item);
  const before = all[i - 1];
  const after = all[i + 1];
  const runBefore = before && 'name' in before ? runOf(text, body, before).filter((a) => a !== item) : [];
  const runAfter = after && 'name' in after ? runOf(text, body, after).filter((a) => a !== item) : [];
  const ownRun = 'name' in item ? runOf(text, body, item) : [];
  const aligned = (run: Attribute[]) => run.length > 0 && isFmtAligned(text, run);
  // The runs the removal joins: the lines just above and below it become neighbours.
  const adjacent = before && after && nextLineStart(text, before.end) === from && lineStartOf(text, after.start) === end;
  let runs: Attribute[][];
  if (ownRun.length) runs = [ownRun.filter((a) => a !== item)];
  else if (adjacent && runBefore.length && runAfter.length && runBefore.includes(before as Attribute) && runAfter.includes(after as Attribute)) runs = [[...runBefore, ...runAfter]];
  else runs = [];
  for (const run of runs) {
    const wasAligned = ownRun.length ? aligned(ownRun) : aligned(runBefore) && aligned(runAfter);
    if (wasAligned && run.length) edits.push(...pad(text, run, nameWidth(run)));
  }
  return edits;
}

/** A comment in the text between two offsets. */
export function hasComment(text: string, start: number, end: number): boolean {
  return /#|\/\/|\/\*/.test(text.slice(start, end));
}
