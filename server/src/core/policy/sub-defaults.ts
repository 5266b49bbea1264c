// A `${Param}` inside an endpoint policy's `!Sub` is the parameter's value: with a default the
// deployment does not override, the checks judge that default, and every finding on such a text says
// so ("with the default OrgId o-…"), as findings on other defaults do. IAM policy variables
// (`${aws:username}`, written `${!aws:username}` in a Sub), pseudo parameters (`${AWS::Region}`) and
// attributes (`${Res.Arn}`) stay variables. A variable of the Sub's own map is its value where the
// template knows it (a literal, `${AWS::Region}`-style pseudo parameters, a parameter's default: then
// noted as above), and stays a variable where it does not (a resource's attribute).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html

import { valueOf, type MapNode, type Node, type ScalarNode } from '../document/tree.js';
import type { Resolver } from '../cfn/resolve.js';
import { fromDefaultOf } from '../cfn/facts.js';
import { withPseudos } from '../cfn/values.js';
import type { FromDefault } from '../model/types.js';
import { withDefaultsNote } from '../model/defaults-note.js';

/** Scalars of a policy written as one `!Sub` JSON string (their `${Name}` are the Sub's), with the Sub's variable map. */
const SUB_SCALARS = new WeakMap<Node, MapNode | undefined>();
/** The defaults each text read through `withDefaults` rests on. */
const RESTS_ON = new WeakMap<Node, FromDefault[]>();

/** Marks every scalar of a policy parsed from a `!Sub` string, with the Sub's variable map if it has one. */
export function markSubScalars(node: Node | null, vars?: MapNode): void {
  if (!node) return;
  if (node.kind === 'scalar') SUB_SCALARS.set(node, vars);
  else if (node.kind === 'seq') for (const i of node.items) markSubScalars(i, vars);
  else for (const p of node.pairs) markSubScalars(p.value, vars);
}

/** The variable map of the `!Sub` a marked scalar comes from. */
export function subVarsOf(node: Node): MapNode | undefined {
  return SUB_SCALARS.get(node);
}

export function isSubScalar(node: Node): boolean {
  return SUB_SCALARS.has(node);
}

/**
 * The text with each `${Param}` resting on a default replaced by it, and each variable of the Sub's own
 * map by its value where known; `node` remembers the defaults used.
 */
export function withDefaults(node: Node, text: string, values: Resolver, vars?: MapNode): string {
  const used: FromDefault[] = [];
  const out = text.replace(/\$\{([^}!][^}]*)\}/g, (whole, raw: string) => {
    const name = raw.trim();
    const bound = valueOf(vars, name);
    if (bound !== undefined) {
      const v = values.value(bound);
      const known = withPseudos(v);
      if (known === undefined) return whole;
      const d = fromDefaultOf(values, v);
      if (d && !used.some((u) => u.parameter === d.parameter)) used.push(d);
      return known;
    }
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
  return withDefaultsNote(RESTS_ON.get(node) ?? []);
}

function refNode(name: string, at: Node): MapNode {
  const scalar = (value: string): ScalarNode => ({ kind: 'scalar', value, start: at.start, end: at.end, style: 'plain' });
  return { kind: 'map', pairs: [{ key: scalar('Ref'), value: scalar(name) }], start: at.start, end: at.end, flow: true };
}
