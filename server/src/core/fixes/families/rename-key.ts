// `{property, suggestion}` on a key (VPCE1002): rename the key, keeping its quotes.

import { exactNode, inFlow, isKey } from '../tree-path.js';
import { replaceScalarContent } from '../render.js';
import type { FixFamily } from '../types.js';

export const renameKey: FixFamily<{ property: string; suggestion: string }> = ({ root, finding, data }) => {
  const { property, suggestion } = data;
  if (typeof property !== 'string' || typeof suggestion !== 'string') return [];
  const at = exactNode(root, finding.start, finding.end);
  if (!at || at.node.kind !== 'scalar' || !isKey(at.path) || at.node.value !== property) return [];
  const edit = replaceScalarContent(at.node, suggestion, inFlow(at.path));
  return edit ? [{ title: `Rename ${property} to ${suggestion}`, edits: [edit] }] : [];
};
