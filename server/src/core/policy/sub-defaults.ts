// A `${Param}` inside an endpoint policy's `!Sub` is the parameter's value: with a default the
// deployment does not override, the checks judge that default, and every finding on such a text says
// so ("with the default OrgId o-…"), as findings on other defaults do. IAM policy variables
// (`${aws:username}`, written `${!aws:username}` in a Sub), pseudo parameters (`${AWS::Region}`) and
// attributes (`${Res.Arn}`) stay variables; so does a Sub with its own variable map.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html

import type { MapNode, Node, ScalarNode } from '../document/tree.js';
import type { Resolver } from '../cfn/resolve.js';
import { fromDefaultOf } from '../cfn/facts.js';
import type { FromDefault } from '../model/types.js';

/** Scalars of a policy written as one `!Sub` JSON string (their `${Name}` are the Sub's). */
const SUB_SCALARS = new WeakSet<Node>();
/** The defaults each text read through `withDefaults` rests on. */
const RESTS_ON = new WeakMap<Node, FromDefault[]>();

/** Marks every scalar of a policy parsed from a `!Sub` string without a variable map. */
export function markSubScalars(node: Node | null): void {
  if (!node) return;
  if (node.kind === 'scalar') SUB_SCALARS.add(node);
  else if (node.kind === 'seq') node.items.forEach(markSubScalars);
  else for (const p of node.pairs) markSubScalars(p.value);
}

export function isSubScalar(node: Node): boolean {
  return SUB_SCALARS.has(node);
}

/** The text with each `${Param}` resting on a default replaced by it; `node` remembers the defaults used. */
export function withDefaults(node: Node, text: string, values: Resolver): string {
  const used: FromDefault[] = [];
  const out = text.replace(/\$\{([^}!][^}]*)\}/g, (whole, raw: string) => {
    const name = raw.trim();
    if (!/^[A-Za-z0-9]+$/.test(name)) return whole;
    const v = values.value(refNode(name, node));
    const d = fromDefaultOf(values, v);
    if (!d || d.parameter !== name) return whole;
    if (!used.some((u) => u.parameter === d.parameter)) used.push(d);
    return d.value;
  });
  if (used.length) RESTS_ON.set(node, used);
  else RESTS_ON.delete(node);
  return out;
}

/** " (with the default P v)" when the node's text rests on parameter defaults. */
export function defaultsNote(node: Node): string {
  const used = RESTS_ON.get(node);
  return used?.length ? ` (with the default${used.length > 1 ? 's' : ''} ${used.map((d) => `${d.parameter} ${d.value}`).join(' and ')})` : '';
}

function refNode(name: string, at: Node): MapNode {
  const scalar = (value: string): ScalarNode => ({ kind: 'scalar', value, start: at.start, end: at.end, style: 'plain' });
  return { kind: 'map', pairs: [{ key: scalar('Ref'), value: scalar(name) }], start: at.start, end: at.end, flow: true };
}
