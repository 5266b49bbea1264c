// Putting CloudFormation substitutions (`${AWS::Region}`, `${AWS::Partition}`) into a string. Inside
// an `Fn::Sub` the edit is just the replaced part; a string that is not yet a `Fn::Sub` becomes one
// (`!Sub ` in YAML with its quoting kept, `{"Fn::Sub": "..."}` in JSON), and a `${` it already held is
// escaped to `${!` so that its meaning does not change.

import type { Node, ScalarNode } from '../document/tree.js';
import { escapeFor, replaceScalarContent, yamlString } from './render.js';
import { inFlow, isKey, isSubText, scalarAt } from './tree-path.js';
import type { TextEdit } from './types.js';

/** Whether text written into a template needs CloudFormation to substitute it. */
export function needsSub(s: string): boolean {
  return /\$\{AWS::[A-Za-z]+\}/.test(s);
}

/**
 * Replaces the part [start, end) of a string scalar, which must read `expected`, by `replacement`.
 * Undefined when the range is not such a part of a string value.
 */
export function replaceInString(root: Node | null, text: string, json: boolean, start: number, end: number, expected: string, replacement: string): TextEdit[] | undefined {
  const found = scalarAt(root, start, end);
  if (!found || typeof found.scalar.value !== 'string') return undefined;
  if (isKey(found.path) && needsSub(replacement)) return undefined; // a key cannot be a Fn::Sub
  if (text.slice(start, end) !== expected) return undefined;
  const { scalar, path } = found;
  const flow = inFlow(path);
  if (isSubText(path) || !needsSub(replacement)) {
    const escaped = escapeFor(scalar, replacement, flow);
    if (escaped !== undefined) return [{ start, end, newText: escaped }];
  }
  // Rewrite the whole string: replace every occurrence (they are all the same mistake), then quote.
  const value = scalar.value as string;
  if (!value.includes(expected)) return undefined;
  const parts = value.split(expected);
  const wrap = needsSub(replacement) && !isSubText(path);
  const content = (wrap ? parts.map(escapeSubstitutions) : parts).join(replacement);
  if (wrap) return [asSub(scalar, content, json, flow)];
  const edit = replaceScalarContent(scalar, content, flow);
  return edit ? [edit] : undefined;
}

/**
 * Gives a string value new content. When the content needs substitution and the string is not a
 * `Fn::Sub` yet, it becomes one. Works on a scalar or on a whole `Fn::Sub` at [start, end).
 */
export function setString(root: Node | null, json: boolean, start: number, end: number, content: string): TextEdit[] | undefined {
  const found = scalarAt(root, start, end);
  if (!found) return undefined;
  const { scalar, path } = found;
  // The range must be the whole string or the whole `Fn::Sub` around it, never a part of it.
  const at = path.find((s) => s.node.start === start && s.node.end === end)?.node;
  if (at !== scalar && !(at?.kind === 'map' && isSubText(path))) return undefined;
  const flow = inFlow(path);
  if (needsSub(content) && !isSubText(path) && !isKey(path)) return [asSub(scalar, content, json, flow)];
  const edit = replaceScalarContent(scalar, content, flow);
  return edit ? [edit] : undefined;
}

/** The scalar rewritten as a `Fn::Sub` of `content`, quoted as it was. */
export function asSub(scalar: ScalarNode, content: string, json: boolean, flow: boolean): TextEdit {
  if (json) return { start: scalar.start, end: scalar.end, newText: `{"Fn::Sub": ${JSON.stringify(content)}}` };
  const quoted =
    scalar.style === 'double' ? JSON.stringify(content)
    : scalar.style === 'single' && !content.includes('\n') ? `'${content.replace(/'/g, "''")}'`
    : yamlString(content, flow);
  return { start: scalar.start, end: scalar.end, newText: `!Sub ${quoted}` };
}

/** `${X}` in a string that becomes a `Fn::Sub` must stay literal: CloudFormation's escape is `${!X}`. */
function escapeSubstitutions(s: string): string {
  return s.replace(/\$\{(?!!)/g, '${!');
}
