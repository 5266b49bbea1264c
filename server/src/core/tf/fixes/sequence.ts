// Several changes to one file made one after another, each on the file as the last left it (parsed
// again: offsets and aligned runs are then the new text's), then given back as edits of the original
// text, one per changed stretch of lines, so that what did not change is not touched.

import { applyEdits } from '../../fixes/edits.js';
import type { TextEdit } from '../../fixes/types.js';
import { parseHcl } from '../hcl.js';
import { parseTfJson } from '../json-syntax.js';
import { TF_JSON, type EditDoc } from './json-edits.js';
import type { Block } from '../hcl-ast.js';
import { blockIn } from './entry.js';
import type { FileSpan } from '../module.js';

/** `doc`: the file as the last step left it, as a one-file module (its edits are in the file's syntax: json-edits.ts). */
export type Step = (text: string, blockOf: (address: string) => Block | undefined, doc: EditDoc) => TextEdit[] | undefined | null;

/** Runs the steps on `file` of `text` (null from a step: nothing to do; undefined: no fix). */
export function sequence(text: string, file: FileSpan, steps: Step[]): TextEdit[] | undefined {
  const original = text.slice(file.start, file.end);
  let current = original;
  for (const step of steps) {
    const json = TF_JSON.test(file.path);
    const parsed = json ? parseTfJson(current) : parseHcl(current);
    if (parsed.problems.length) return undefined;
    const blockOf = (address: string) => blockIn(parsed.body, address);
    const edits = step(current, blockOf, { text: current, files: [{ ...file, start: 0, end: current.length }] });
    if (edits === undefined) return undefined;
    if (edits) current = applyEdits(current, edits);
  }
  return lineEdits(original, current).map((e) => ({ ...e, start: e.start + file.start, end: e.end + file.start }));
}

// Beyond this many changed lines each side, one edit replaces the stretch (the diff is quadratic).
const MAX_DIFF_LINES = 600;

/** Edits turning `before` into `after`, one per run of changed lines. */
export function lineEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = before.split(/(?<=\n)/);
  const b = after.split(/(?<=\n)/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const offsets = [0];
  for (const line of a) offsets.push(offsets[offsets.length - 1]! + line.length);
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length > MAX_DIFF_LINES || midB.length > MAX_DIFF_LINES) return [{ start: offsets[head]!, end: offsets[a.length - tail]!, newText: midB.join('') }];
  // Longest common subsequence of the middle lines; what is not in it changed.
  const n = midA.length;
  const m = midB.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: TextEdit[] = [];
  let i = 0;
  let j = 0;
  let open: { from: number; text: string } | undefined;
  const close = (at: number) => {
    if (open) out.push({ start: offsets[head + open.from]!, end: offsets[head + at]!, newText: open.text });
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      close(i);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      open ??= { from: i, text: '' };
      open.text += midB[j++];
    } else {
      open ??= { from: i, text: '' };
      i++;
    }
  }
  close(i);
  return out;
}
