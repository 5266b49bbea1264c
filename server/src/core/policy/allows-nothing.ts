// Whether an endpoint policy allows anything at all. An endpoint policy is an IAM resource-based policy:
// a request through the endpoint that no statement allows is implicitly denied, so a policy whose every
// statement is Deny, or whose every Allow can never match, denies every request through the endpoint.
// VPCE9016 and the trace both ask this, so the rule and the trace give one answer.
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

import { asMap, asScalar, type Node } from '../document/tree.js';
import type { PolicyDoc } from './policy-doc.js';
import { conditionsOf, readStatements, textReader, textsOf, type Statement } from './model.js';
import { languageOf, literalText, type Language } from './language.js';
import { parseOperator } from './operators.js';
import { otherServicePrefix, ownPrefix } from './other-service.js';

/** Only what the text says: a parameter's default may change at deploy time, so it decides nothing here. */
export const literalReader = textReader(undefined);

export type AllowsNothing =
  | { kind: 'nothing'; reason: string; statements: Statement[] }
  | { kind: 'unknown'; reason: string; node: Node }
  | { kind: 'some' };

/** "statement AllowReads" (its Sid) or "statement 2" (its place in the list). */
export function statementName(st: Statement, all: Statement[]): string {
  const sid = st.sid?.value ? asScalar(st.sid.value)?.value : undefined;
  return typeof sid === 'string' && sid ? `statement ${sid}` : `statement ${all.indexOf(st) + 1}`;
}

export function allowsNothing(doc: PolicyDoc): AllowsNothing {
  // A service without endpoint-policy support gives full access whatever the document says (VPCE2004).
  if (doc.endpoint?.services.some((s) => s.value.info?.policy === false)) return { kind: 'some' };
  const { statements, opaque } = readStatements(doc.root);
  if (opaque.length) return { kind: 'unknown', reason: 'some of its statements are computed at deploy time', node: opaque[0]! };
  // No statement at all is a malformed policy (VPCE9002), not one that denies.
  if (!statements.length) return { kind: 'some' };
  const language = languageOf(doc.root, literalReader);
  const own = ownPrefix(doc);
  const denies: Statement[] = [];
  const dead: { st: Statement; why: string }[] = [];
  for (const st of statements) {
    const effect = st.effect?.value ? literalReader(st.effect.value) : undefined;
    if (effect === 'Deny') {
      denies.push(st);
      continue;
    }
    if (effect !== 'Allow') return { kind: 'unknown', reason: `the Effect of ${statementName(st, statements)} is not known`, node: st.effect?.value ?? st.node };
    const why = neverMatches(st, language, own);
    if (!why) return { kind: 'some' };
    dead.push({ st, why });
  }
  const names = (list: Statement[]) => list.map((s) => statementName(s, statements)).join(', ');
  const parts = dead.map((d) => `${statementName(d.st, statements)} can never match (${d.why})`);
  const reason = dead.length
    ? `${parts.join('; ')}${denies.length ? `; ${names(denies)} ${denies.length === 1 ? 'is' : 'are'} Deny` : ''}`
    : `every statement is Deny (${names(denies)})`;
  return { kind: 'nothing', reason, statements: [...dead.map((d) => d.st), ...denies] };
}

// Keys whose values AWS makes (ids, account numbers, IAM names): none holds `$`, so a value with the
// literal text `${...}` never equals or is like one.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
const NO_DOLLAR_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce', 'aws:principalaccount', 'aws:principalorgid', 'aws:resourceaccount', 'aws:resourceorgid', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:username', 'aws:userid']);

/**
 * Why a statement can certainly match no request through an endpoint, or undefined when it may match.
 * Only what holds for every request: an element that excludes everything, or a condition that is false
 * whatever the request (the block's operators and keys are ANDed, a key's values ORed).
 */
export function neverMatches(st: Statement, language: Language, own?: string): string | undefined {
  if (st.notAction && hasStar(st.notAction.value)) return 'NotAction "*" leaves no action';
  // `own`: the endpoint's IAM prefix. A request through the endpoint is an action of its own service, so a
  // statement whose every action is another service's (or a misspelt prefix) never matches one.
  if (own && st.action) {
    const actions = textsOf(st.action.value, literalReader);
    const others = actions.map((a) => (a.text === undefined ? undefined : otherServicePrefix(a.text, own)));
    if (actions.length && others.every((p) => p !== undefined)) return `its actions are ${[...new Set(others)].join(', ')} actions, and requests through an endpoint of ${own} are ${own} actions`;
  }
  if (st.notResource && hasStar(st.notResource.value)) return 'NotResource "*" leaves no resource';
  for (const c of conditionsOf(st, literalReader)) {
    const op = parseOperator(String(c.operator.key.value));
    // A negated operator, IfExists, Null and ForAllValues are true when the key is absent.
    if (!op || op.ifExists || op.set === 'ForAllValues' || op.family === 'Null' || /Not/.test(op.base)) continue;
    const key = String(c.key.key.value).toLowerCase();
    // "The aws:SourceIp condition key is always included in the request, except requests that use Amazon VPC endpoints."
    // https://repost.aws/knowledge-center/iam-restrict-access-policy
    if (key === 'aws:sourceip') return `${c.key.key.value} is absent from requests through a VPC endpoint, so ${op.name} on it is false`;
    if (language === '2008' && op.family === 'String' && NO_DOLLAR_KEYS.has(key) && c.values.length) {
      const literals = c.values.map((v) => (v.text === undefined ? undefined : literalText(v.text, language)));
      if (literals.every((t) => t !== undefined && t.includes('$'))) return `under Version 2008-10-17 ${literals[0]} is literal text, which no ${c.key.key.value} holds`;
    }
  }
  return undefined;
}

export function hasStar(node: Node | null | undefined): boolean {
  return textsOf(node, literalReader).some((t) => t.text === '*');
}

export function principalStar(node: Node | null | undefined): boolean {
  if (asScalar(node)?.value === '*') return true;
  const aws = asMap(node)?.pairs.find((p) => p.key.value === 'AWS')?.value;
  return hasStar(aws);
}
