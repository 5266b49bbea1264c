// `{remove}`: a property that must go (VPCE2002: route tables on an Interface endpoint, ...). The
// member named `remove` of the mapping the finding's range is in is deleted, key and value.

import { pairOf } from '../../document/tree.js';
import { removePair } from '../map-edits.js';
import { enclosingMap, isKey, pathTo } from '../tree-path.js';
import type { FixFamily } from '../types.js';

export const removeMember: FixFamily<{ remove: string | null }> = ({ root, text, json, finding, data }) => {
  const name = data.remove;
  if (typeof name !== 'string') return [];
  const path = pathTo(root, finding.start, finding.end);
  // A range on the key itself names the member; otherwise the member of the mapping around the range.
  const map = isKey(path) ? path[path.length - 2]?.node : enclosingMap(path);
  const pair = map?.kind === 'map' ? pairOf(map, name) : undefined;
  if (!map || map.kind !== 'map' || !pair) return [];
  const edit = removePair(text, map, pair, json);
  return edit ? [{ title: `Remove ${name}`, edits: [edit] }] : [];
};
