// What the endpoint-policy rules share: naming the policy in messages and the condition note.

import type { PolicyDoc } from '../policy/policy-doc.js';
import { conditionsOf, statementsOf, type ConditionEntry, type Statement } from '../policy/model.js';
import type { MapNode, Node } from '../document/tree.js';
import type { RuleContext } from './types.js';
import { conditionNote } from './conditions.js';

/** "Endpoint policy of S3Endpoint" in a template, "Endpoint policy" in a policy file. */
export function policyLabel(doc: PolicyDoc): string {
  return doc.resource ? `${doc.resource.id} policy` : 'Endpoint policy';
}

/** The template conditions the finding holds under: the policy's own, then its statement's (`Fn::If` in the list). */
export function policyNote(doc: PolicyDoc, st?: Statement): string {
  return conditionNote(doc.resource, st?.when.length ? [...doc.when, ...st.when] : doc.when);
}

/** How the endpoint's service was found, for messages about it. */
export function serviceSource(doc: PolicyDoc): string {
  switch (doc.service.how) {
    case 'endpoint': return `the endpoint's service`;
    case 'setting': return 'the service set for this file';
    case 'file name': return 'the service named by the file name';
    case 'actions': return `the service of the policy's other actions`;
    default: return 'the service';
  }
}

/** Every statement of every endpoint policy the context holds, with its policy. */
export function* policyStatements(ctx: RuleContext): Generator<{ doc: PolicyDoc; st: Statement }> {
  for (const doc of ctx.policies()) for (const st of statementsOf(doc.root)) yield { doc, st };
}

/** Every condition entry (operator, key, values) of every statement, with its policy. */
export function* policyConditions(ctx: RuleContext): Generator<{ doc: PolicyDoc; st: Statement; c: ConditionEntry }> {
  for (const { doc, st } of policyStatements(ctx)) for (const c of conditionsOf(st, ctx.textOf)) yield { doc, st, c };
}

/**
 * Where a finding about a member the statement lacks goes: the statement's opening `{` when it is written
 * in braces (not on whichever key happens to come first, which reads as "this key is wrong"); a block
 * mapping has no opening of its own, so its first line. A policy inside a JSON string keeps the first
 * key: the fix there inserts before the finding, inside the string's escaping.
 */
export function statementOpening(doc: PolicyDoc, node: MapNode): { node: Node; span?: { start: number; end: number } } {
  if (node.flow && doc.form !== 'string') return { node, span: { start: node.start, end: node.start + 1 } };
  return { node: node.pairs[0]?.key ?? node };
}
