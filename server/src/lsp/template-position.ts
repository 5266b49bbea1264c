// What the cursor is on in a template, for completion and hover: the resource around an offset, and
// the value of `ServiceName:` / `VpcEndpointType:` being typed. The text being typed is often not
// valid YAML or JSON yet, so the value slot is read from the line itself; the tree only says which
// resource the line belongs to.

import { asMap, scalarString, valueOf, type MapNode, type Node } from '../core/document/tree.js';

export interface ResourceAt {
  id: string;
  node: MapNode | undefined;
  type: string | undefined;
}

/** The resource whose entry holds the offset: the last one starting before it, within `Resources`. */
export function resourceAt(root: Node | null, offset: number): ResourceAt | undefined {
  const top = asMap(root);
  const index = top?.pairs.findIndex((p) => p.key.value === 'Resources') ?? -1;
  if (!top || index < 0) return undefined;
  const next = top.pairs[index + 1];
  if (next && offset >= next.key.start) return undefined;
  const resources = asMap(top.pairs[index]!.value);
  let found: ResourceAt | undefined;
  for (const p of resources?.pairs ?? []) {
    if (p.key.start > offset) break;
    const node = asMap(p.value);
    found = { id: String(p.key.value), node, type: scalarString(valueOf(node, 'Type')) };
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
