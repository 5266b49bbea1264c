// Where an element of a parent read with its nested stacks (nested-trace.ts) is written when it is not
// the parent's own: the nested template's file, as the answer names it, and its range there. One answer
// for the CLI's map, the editor's map and the editor's trace hops; the parent's own elements are given
// nothing here (their place is their offset in the parent's text).

import type { Span } from '../core/model/types.js';
import type { NodeOrigin } from '../core/map/picture.js';
import type { AcrossStacks } from './nested-trace.js';

export interface NestedPlace {
  file: string;
  /** 0-based, in `file`. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The place of `at` when it is in a nested template; undefined when it is in the parent. */
export function nestedPlace(across: AcrossStacks, at: Span): NestedPlace | undefined {
  // Offset 0 is the parent's first character: its file is the parent's name in this answer.
  const parent = across.locate(0).file;
  const start = across.locate(at.start);
  if (start.file === parent) return undefined;
  const end = across.locate(at.end);
  const to = end.file === start.file ? end : start;
  return { file: start.file, range: { start: { line: start.line, character: start.character }, end: { line: to.line, character: to.character } } };
}

/** The map's origin of each element (core/map/map.ts networkMap): the nested file and line, or none. */
export function nestedOrigins(across: AcrossStacks): (at: Span) => NodeOrigin | undefined {
  return (at) => {
    const place = nestedPlace(across, at);
    return place && { file: place.file, line: place.range.start.line };
  };
}
