// The parts of a policy the checks read: its statements and their elements, with the nodes to point at.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html

import { asMap, asSeq, pairOf, type MapNode, type Node, type Pair } from '../document/tree.js';
import type { Resolver } from '../cfn/resolve.js';
import type { Part } from '../cfn/values.js';
import { isSubScalar, subVarsOf, withDefaults } from './sub-defaults.js';

export interface Statement {
  node: MapNode;
  effect: Pair | undefined;
  principal: Pair | undefined;
  notPrincipal: Pair | undefined;
  action: Pair | undefined;
  notAction: Pair | undefined;
  resource: Pair | undefined;
  notResource: Pair | undefined;
  condition: Pair | undefined;
  sid: Pair | undefined;
  /** The template conditions (`Fn::If` branches, `!Name` for the false one) under which this statement is in the policy. */
  when: string[];
}

export interface Statements {
  statements: Statement[];
  /** Statements (or the whole list) the template computes (`!Ref`, a Terraform `for` or conditional): unknown, not empty. */
  opaque: Node[];
}

export function statementsOf(root: MapNode | null): Statement[] {
  return readStatements(root).statements;
}

/**
 * The statements of a policy in a template: a list item or the whole list may be an intrinsic. `Fn::If`
 * gives each branch's statements with its condition (AWS::NoValue gives none); any other intrinsic is
 * computed at deploy time and is kept as opaque, never read as a statement that lacks every element.
 */
export function readStatements(root: MapNode | null): Statements {
  const out: Statements = { statements: [], opaque: [] };
  const value = pairOf(root, 'Statement')?.value;
  if (value) expand(value, [], out);
  return out;
}

function expand(n: Node, when: string[], out: Statements): void {
  if (n.kind === 'seq') return n.items.forEach((i) => expand(i, when, out));
  const node = asMap(n);
  if (!node) return;
  const fn = node.pairs.length === 1 ? String(node.pairs[0]!.key.value) : undefined;
  if (fn === 'Fn::If') {
    const [cond, a, b] = asSeq(node.pairs[0]!.value)?.items ?? [];
    const name = cond?.kind === 'scalar' ? String(cond.value) : '?';
    if (a) expand(a, [...when, name], out);
    if (b) expand(b, [...when, `!${name}`], out);
    return;
  }
  if (fn === 'Ref' && node.pairs[0]!.value?.kind === 'scalar' && node.pairs[0]!.value.value === 'AWS::NoValue') return;
  if (fn === 'Ref' || fn?.startsWith('Fn::')) return void out.opaque.push(node);
  const get = (k: string) => pairOf(node, k);
  out.statements.push({ node, effect: get('Effect'), principal: get('Principal'), notPrincipal: get('NotPrincipal'), action: get('Action'), notAction: get('NotAction'), resource: get('Resource'), notResource: get('NotResource'), condition: get('Condition'), sid: get('Sid'), when });
}

export interface Text {
  node: Node;
  /** The string, with values the template computes written as `${...}` variables; undefined when not a string. */
  text: string | undefined;
}

/** How a part computed at deploy time reads inside a policy string: an IAM-style variable, judged as unknown. */
export const UNKNOWN_PART = '${Unknown}';

/** A policy string in a template may be an intrinsic (`!Sub arn:${AWS::Partition}:...`); this reads either. */
export type TextOf = (node: Node) => string | undefined;

export function textReader(values: Resolver | undefined): TextOf {
  return (node) => {
    if (node.kind === 'scalar') {
      const text = node.value === null ? undefined : String(node.value);
      return text !== undefined && values && isSubScalar(node) ? withDefaults(node, text, values, subVarsOf(node)) : text;
    }
    if (node.kind !== 'map') return undefined;
    // A !Sub string is read as written: its ${...} are variables to the checks, and messages show them
    // as the user wrote them; a parameter's default is its value (sub-defaults.ts).
    const sub = node.pairs.length === 1 && node.pairs[0]!.key.value === 'Fn::Sub' ? node.pairs[0]!.value : undefined;
    const body = sub?.kind === 'seq' ? sub.items[0] : sub;
    if (body?.kind === 'scalar' && typeof body.value === 'string') return values ? withDefaults(node, body.value, values, sub?.kind === 'seq' ? asMap(sub.items[1]) : undefined) : body.value;
    if (!values) return undefined;
    const v = values.value(node);
    if (v.kind !== 'str') return undefined;
    return v.parts.map((p: Part) => ('lit' in p ? p.lit : 'pseudo' in p ? `\${${p.pseudo}}` : UNKNOWN_PART)).join('');
  };
}

/** The strings of an element that takes a string or a list of strings. */
export function textsOf(node: Node | null | undefined, read: TextOf): Text[] {
  if (!node) return [];
  const seq = asSeq(node);
  return (seq ? seq.items : [node]).map((n) => ({ node: n, text: read(n) }));
}

export interface ConditionEntry {
  operator: Pair;
  key: Pair;
  values: Text[];
}

export function conditionsOf(st: Statement, read: TextOf): ConditionEntry[] {
  const block = asMap(st.condition?.value);
  if (!block) return [];
  const out: ConditionEntry[] = [];
  for (const operator of block.pairs) {
    for (const key of asMap(operator.value)?.pairs ?? []) out.push({ operator, key, values: textsOf(key.value, read) });
  }
  return out;
}

/** `<YOUR-ORG-ID>`-style placeholders of published examples, to be replaced before use. */
export const PLACEHOLDER = /<[A-Za-z][A-Za-z0-9 _.:-]*>/g;

export function hasPlaceholder(text: string | undefined): boolean {
  return text !== undefined && /<[A-Za-z][A-Za-z0-9 _.:-]*>/.test(text);
}

/** A value with an IAM or template variable in it cannot be judged literally. */
export function hasVariable(text: string): boolean {
  return text.includes('${');
}

/** ARN segments split on `:`, keeping `${AWS::Partition}`-style variables whole. */
export function splitArn(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '$' && text[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ':' && depth === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}
