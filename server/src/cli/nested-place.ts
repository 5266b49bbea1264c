// Where an element of a parent read with its nested stacks (nested-trace.ts) is written when it is not
// the answered file's own (the parent's, or an open nested template's in the editor): the other template's
// file, as the answer names it, and its range there. One answer for the CLI's map, the editor's map and the
// editor's trace hops; the answered file's own elements are given nothing here (their place is in its text).

import type { Span } from '../core/model/types.js';
import type { NodeOrigin } from '../core/map/picture.js';
import type { AcrossStacks } from './nested-trace.js';

export interface NestedPlace {
  file: string;
  /** 0-based, in `file`. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * The place of `at` when it is in another template than `own` (the file the answer is for, as `locate` names
 * it: the parent's by default); undefined when it is in that one.
 */
export function nestedPlace(across: AcrossStacks, at: Span, own = parentOf(across)): NestedPlace | undefined {
  const start = across.locate(at.start);
  if (start.file === own) return undefined;
  const end = across.locate(at.end);
  const to = end.file === start.file ? end : start;
  return { file: start.file, range: { start: { line: start.line, character: start.character }, end: { line: to.line, character: to.character } } };
}

// Offset 0 is the parent's first character: its file is the parent's name in this answer.
const parentOf = (across: AcrossStacks) => across.locate(0).file;

/** The map's origin of each element (core/map/map.ts networkMap): the other file and line, or none (`own`'s). */
export function nestedOrigins(across: AcrossStacks, own = parentOf(across)): (at: Span) => NodeOrigin | undefined {
  return (at) => {
    const place = nestedPlace(across, at, own);
    return place && { file: place.file, line: place.range.start.line };
  };
}
