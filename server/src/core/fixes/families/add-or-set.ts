// `{member, value, exists}`: a property to add (exists: false) or to change. Where it goes depends on the rule:
// the Properties of the finding's resource (template rules), or the mapping the finding's range is
// on (policy rules: a statement or the policy itself).

import type { MapNode } from '../../document/tree.js';
import { plainValue, setMembers } from '../set-members.js';
import { enclosingMap, isKey, pathTo, resourceNodes } from '../tree-path.js';
import { renderValue } from '../render.js';
import type { FixContext, FixFamily } from '../types.js';

export type Target = 'resource-properties' | 'enclosing-map';

export function addOrSet(target: Target): FixFamily<{ member: string; value: unknown; exists: boolean }> {
  return (ctx) => {
    const key = ctx.data.member;
    const value = plainValue(ctx.data.value);
    if (typeof key !== 'string' || value === undefined) return [];
    const map = target === 'resource-properties' ? resourceProperties(ctx) : mapAt(ctx);
    if (!map) return [];
    const edits = setMembers(ctx.text, map, [[key, value]], ctx.json);
    const shown = renderValue(value, ctx.json ? 'json' : 'flow');
    return edits?.length ? [{ title: ctx.data.exists ? `Set ${key} to ${shown}` : `Add ${key}: ${shown}`, edits }] : [];
  };
}

/**
 * The mapping the finding's range is on. A range inside a string value means the mapping is not in
 * this tree (a policy written as a JSON string): no fix, rather than one in the wrong mapping.
 */
function mapAt(ctx: FixContext): MapNode | undefined {
  const path = pathTo(ctx.root, ctx.finding.start, ctx.finding.end);
  if (path[path.length - 1]?.node.kind === 'scalar' && !isKey(path)) return undefined;
  return enclosingMap(path);
}

function resourceProperties(ctx: FixContext): MapNode | undefined {
  return ctx.finding.resource ? resourceNodes(ctx.root, ctx.finding.resource)?.properties : undefined;
}
