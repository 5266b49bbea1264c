// `{member, value, exists}`: a property to add (exists: false) or to change. Where it goes depends on the rule:
// the Properties of the finding's resource (template rules), or the mapping the finding's range is
// on (policy rules: a statement or the policy itself).

import type { MapNode } from '../../document/tree.js';
import { eol, lineStart } from '../map-edits.js';
import { plainValue, setMembers } from '../set-members.js';
import { enclosingMap, inFlow, isKey, pathTo, resourceNodes, scalarAt } from '../tree-path.js';
import { escapeFor, renderValue, type Plain } from '../render.js';
import type { FixContext, FixFamily, TextEdit } from '../types.js';

export type Target = 'resource-properties' | 'enclosing-map';

export function addOrSet(target: Target): FixFamily<{ member: string; value: unknown; exists: boolean }> {
  return (ctx) => {
    const key = ctx.data.member;
    const value = plainValue(ctx.data.value);
    if (typeof key !== 'string' || value === undefined) return [];
    const shown = renderValue(value, ctx.json ? 'json' : 'flow');
    const title = ctx.data.exists ? `Set ${key} to ${shown}` : `Add ${key}: ${shown}`;
    if (target === 'enclosing-map' && !ctx.data.exists) {
      const inside = insideString(ctx, key, value);
      if (inside) return [{ title, edits: [inside] }];
    }
    const map = target === 'resource-properties' ? resourceProperties(ctx) : mapAt(ctx);
    if (!map) return [];
    const edits = setMembers(ctx.text, map, [[key, value]], ctx.json);
    return edits?.length ? [{ title, edits }] : [];
  };
}

/**
 * The mapping the finding's range is on. A range inside a string value means the mapping is not in
 * this tree (a policy written as a JSON string): see `insideString`.
 */
function mapAt(ctx: FixContext): MapNode | undefined {
  const path = pathTo(ctx.root, ctx.finding.start, ctx.finding.end);
  if (path[path.length - 1]?.node.kind === 'scalar' && !isKey(path)) return undefined;
  return enclosingMap(path);
}

/**
 * A policy written as a JSON string: the finding's range is a member's key inside the string (the
 * policy's "Statement"); the new member goes just before it, as JSON escaped for the string's quoting,
 * on a line of its own when the JSON is written one member per line.
 */
function insideString(ctx: FixContext, key: string, value: Plain): TextEdit | undefined {
  const found = scalarAt(ctx.root, ctx.finding.start, ctx.finding.end);
  if (!found || isKey(found.path) || typeof found.scalar.value !== 'string') return undefined;
  const { scalar } = found;
  const at = ctx.finding.start;
  if (at <= scalar.start || ctx.finding.end >= scalar.end) return undefined;
  // Only before a member's key (`"Statement":`), never before a value or a whole statement.
  if (!/^\s*:/.test(ctx.text.slice(ctx.finding.end, ctx.finding.end + 20)) || !/^\\?"/.test(ctx.text.slice(at, at + 2))) return undefined;
  const ls = lineStart(ctx.text, at);
  const ownLine = ls > scalar.start && /^[ \t]*$/.test(ctx.text.slice(ls, at));
  const member = `${JSON.stringify(key)}: ${JSON.stringify(value)},`;
  const escaped = escapeFor(scalar, member, inFlow(found.path));
  if (escaped === undefined) return undefined;
  return { start: at, end: at, newText: ownLine ? escaped + eol(ctx.text) + ctx.text.slice(ls, at) : escaped + ' ' };
}

function resourceProperties(ctx: FixContext): MapNode | undefined {
  return ctx.finding.resource ? resourceNodes(ctx.root, ctx.finding.resource)?.properties : undefined;
}
