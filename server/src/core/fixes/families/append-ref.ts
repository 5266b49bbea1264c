// `{appendRef, ref}`: a reference to add to a list property of the finding's resource (VPCE7003: the
// route table a gateway endpoint is missing). The new item is written like its neighbours: a `- !Ref X`
// line in a block list, `!Ref X` in a flow list, `{"Ref": "X"}` in JSON.

import { pairOf } from '../../document/tree.js';
import { eol, lineStart } from '../map-edits.js';
import { resourceNodes } from '../tree-path.js';
import type { FixFamily } from '../types.js';

export const appendRef: FixFamily<{ appendRef: string; ref: string }> = ({ root, text, json, finding, data }) => {
  const { appendRef: property, ref } = data;
  if (typeof property !== 'string' || typeof ref !== 'string' || !finding.resource) return [];
  const list = pairOf(resourceNodes(root, finding.resource)?.properties, property)?.value;
  if (list?.kind !== 'seq') return [];
  const item = json ? `{"Ref": ${JSON.stringify(ref)}}` : `!Ref ${ref}`;
  const title = `Add ${ref} to ${property}`;
  const last = list.items[list.items.length - 1];
  if (list.flow || json) {
    // Before the closing bracket, after the last item (or alone in an empty list).
    const close = text.lastIndexOf(']', list.end);
    if (close < list.start) return [];
    const at = last ? last.end : close;
    return [{ title, edits: [{ start: at, end: at, newText: last ? `, ${item}` : item }] }];
  }
  if (!last) return [];
  // A new line at the dash column of the last item.
  const dash = text.lastIndexOf('-', last.start);
  const indent = dash - lineStart(text, dash);
  const lineEnd = text.indexOf('\n', last.end);
  const at = lineEnd < 0 ? text.length : lineEnd;
  return [{ title, edits: [{ start: at, end: at, newText: `${eol(text)}${' '.repeat(indent)}- ${item}` }] }];
};
