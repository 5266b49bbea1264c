// VPCE1003: a value CloudFormation rejects. `{suggestion}`: the allowed value meant (an enum);
// `{wrapInList}`: a single value where a list belongs (`SubnetIds: subnet-1`) becomes a list of that
// one value, written as the document writes flow lists (`[subnet-1]`, `["subnet-1"]`, `[!Ref Subnet]`).

import { exactNode } from '../tree-path.js';
import type { FixFamily } from '../types.js';
import { replaceWithSuggestion } from './suggestion.js';

export const fixInvalidValue: FixFamily<{ suggestion: string } | { wrapInList: true }> = (ctx) => {
  if ('suggestion' in ctx.data) return replaceWithSuggestion({ ...ctx, data: ctx.data });
  if (!('wrapInList' in ctx.data) || ctx.data.wrapInList !== true) return [];
  const at = exactNode(ctx.root, ctx.finding.start, ctx.finding.end);
  const node = at?.node;
  const pair = at?.path[at.path.length - 1]?.pair;
  // Only a whole property value, never a key or a block scalar spanning lines.
  if (!node || !pair || pair.value !== node || (node.kind === 'scalar' && node.style === 'block')) return [];
  if (node.kind !== 'scalar' && !(node.kind === 'map' && node.shortTag)) return [];
  const written = ctx.text.slice(node.start, node.end);
  if (written.includes('\n')) return [];
  const key = String(pair.key.value);
  return [{ title: `Make ${key} a list of this one value`, edits: [{ start: node.start, end: node.end, newText: `[${written}]` }] }];
};
