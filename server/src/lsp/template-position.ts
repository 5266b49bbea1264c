// What the cursor is on in a template, for completion and hover: the resource around an offset, and
// the value of `ServiceName:` / `VpcEndpointType:` being typed. The text being typed is often not
// valid YAML or JSON yet, so the value slot is read from the line itself; the tree only says which
// resource the line belongs to.

import { asMap, scalarString, valueOf, type Node } from '../core/document/tree.js';
import type { ResourceIndex } from './lint-protocol.js';

/**
 * The entries of `Resources` (key start and type) and where the section ends: made once per version in
 * the lint worker, so that completion can tell which resource a line belongs to without a tree.
 */
export function resourceIndex(root: Node | null): ResourceIndex {
  const top = asMap(root);
  const index = top?.pairs.findIndex((p) => p.key.value === 'Resources') ?? -1;
  const section = index >= 0 ? top!.pairs[index]! : undefined;
  const next = index >= 0 ? top!.pairs[index + 1] : undefined;
  const pairs = asMap(section?.value)?.pairs ?? [];
  const out: ResourceIndex = {
    starts: new Uint32Array(pairs.length),
    types: new Int32Array(pairs.length),
    typeNames: [],
    valueStarts: new Uint32Array(pairs.length),
    valueEnds: new Uint32Array(pairs.length),
    keyStart: section ? section.key.start : -1,
    keyEnd: section ? section.key.end : -1,
    valueStart: section?.value ? section.value.start : -1,
    valueEnd: section?.value ? section.value.end : -1,
    end: !section ? 0 : next ? next.key.start : Infinity,
  };
  const named = new Map<string, number>();
  pairs.forEach((p, i) => {
    out.starts[i] = p.key.start;
    out.valueStarts[i] = p.value?.start ?? 0;
    out.valueEnds[i] = p.value?.end ?? 0;
    const type = scalarString(valueOf(asMap(p.value), 'Type'));
    let t = type === undefined ? -1 : named.get(type);
    if (t === undefined) {
      t = out.typeNames.push(type!) - 1;
      named.set(type!, t);
    }
    out.types[i] = t;
  });
  return out;
}

/** The resource whose entry holds the offset (the last one starting at or before it, within `Resources`): its type, or null when it has none. */
export function resourceTypeAt(index: ResourceIndex, offset: number): string | null | undefined {
  const found = resourceAt(index, offset);
  if (found < 0) return undefined;
  const t = index.types[found]!;
  return t < 0 ? null : index.typeNames[t]!;
}

/** The index of that resource in the resource index, -1 when none. */
export function resourceAt(index: ResourceIndex, offset: number): number {
  if (offset >= index.end) return -1;
  let lo = 0;
  let hi = index.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index.starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export type SlotKey = 'ServiceName' | 'VpcEndpointType';

export interface ValueSlot {
  key: SlotKey;
  /** Where the value starts and ends on the line (what a completion replaces). */
  start: number;
  end: number;
  /** What is typed between the start of the value and the cursor. */
  typed: string;
}

// `ServiceName: ...`, `"ServiceName": "...`, `{ServiceName: ...`: the key, then the value typed so far.
const SLOT = /(?:^|[\s{,])(["']?)(ServiceName|VpcEndpointType)\1[ \t]*:[ \t]*([^,{}[\]#\n]*)$/;

export function valueSlotAt(text: string, offset: number): ValueSlot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = SLOT.exec(text.slice(lineStart, offset));
  if (!m) return undefined;
  const typed = m[3]!;
  const start = offset - typed.length;
  // The rest of the value after the cursor is replaced too, up to a comma, brace, comment or line end.
  const lineEnd = text.indexOf('\n', offset);
  const rest = /^[^,{}[\]#\r\n]*/.exec(text.slice(offset, lineEnd < 0 ? text.length : lineEnd))![0];
  const end = offset + rest.trimEnd().length;
  return { key: m[2] as SlotKey, start, end, typed };
}
