import type { ErrorObject } from 'ajv';
// schemas/endpoint-policy.schema.json, compiled at build time (scripts/gen-validators.mjs).
import { validatePolicy as validate } from '../schema/policy-validator.generated.js';
import { toPlain, pairOf, scalarString, type Node } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { placeAjvError } from '../schema/validate.js';
import { closest } from '../util/suggest.js';
import { statementsOf } from '../policy/model.js';
import type { PolicyDoc } from '../policy/policy-doc.js';
import { policyLabel, policyNote, statementOpening } from './policy-support.js';
import { finding, related, type Rule } from './types.js';

const meta = {
  id: 'VPCE9002',
  severity: 'error',
  title: 'Endpoint policy structure',
  why:
    'An endpoint policy follows the IAM policy grammar: Statement objects with Effect Allow or Deny, exactly one of Action and NotAction, exactly one of Resource and NotResource, ' +
    'string or list values, unique Sids. A policy that breaks it is rejected when the endpoint is created or updated.',
  docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
} as const;

export const policyStructure: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      if (!doc.root) continue;
      if (!validate(toPlain(doc.root))) out.push(...schemaFindings(doc, validate.errors ?? []));
      out.push(...elementPairs(doc), ...duplicateSids(doc));
    }
    return out;
  },
};

// An anyOf reports every alternative: the "wrong type" of the alternative the value did not take is
// noise when the other alternative went deeper. Everything else is kept, once.
function schemaFindings(doc: PolicyDoc, errors: ErrorObject[]): Finding[] {
  // ...or the other alternative failed at the same place for a reason of its own ([] is an empty list, not a mapping).
  const deeper = (e: ErrorObject) => errors.some((o) => o.instancePath.startsWith(`${e.instancePath}/`) || (o.instancePath === e.instancePath && o.keyword === 'minItems'));
  const suggested = new Set(errors.filter((e) => e.keyword === 'additionalProperties').map((e) => closestName(e)));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const err of errors) {
    if (err.keyword === 'anyOf' || ((err.keyword === 'type' || err.keyword === 'const') && deeper(err))) continue;
    // "Statement is missing" next to "Statment is not an element; did you mean Statement?" says it twice.
    if (err.keyword === 'required' && suggested.has(String(err.params.missingProperty))) continue;
    const principal = err.instancePath.endsWith('/Principal') && (err.keyword === 'type' || err.keyword === 'const');
    const key = principal ? `${err.instancePath}|principal` : `${err.instancePath}|${err.keyword}|${JSON.stringify(err.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const problem = placeAjvError(err, doc.root!, { label: policyLabel(doc), rootName: 'the policy', typeName: 'an endpoint policy', rootAnchor: doc.anchor });
    if (!problem) continue;
    const message = principal
      ? `${policyLabel(doc)}: Principal must be "*" or a mapping of AWS, Service, Federated or CanonicalUser principals`
      : err.keyword === 'minItems'
        ? `${policyLabel(doc)}: ${words(err.instancePath)} must not be empty`
        : problem.message.replace(/Statement\.(\d+)\.(\w+)/g, (_m, n: string, el: string) => `${el} of statement ${Number(n) + 1}`).replace(/Statement\.(\d+)/g, (_m, n: string) => `statement ${Number(n) + 1}`).replace('is not a property of', 'is not an element of');
    // A member the statement lacks goes on the statement's opening, not on its first key.
    const lacking = err.keyword === 'required' ? /^\/Statement(?:\/(\d+))?$/.exec(err.instancePath) : null;
    const st = lacking ? statementsOf(doc.root)[Number(lacking[1] ?? 0)] : undefined;
    const at = st ? statementOpening(doc, st.node) : { node: problem.node };
    out.push(finding(meta, at.node, message + policyNote(doc), { resource: doc.resource, data: problem.data, span: at.span }));
  }
  return out;
}

function closestName(err: ErrorObject): string | undefined {
  const known = Object.keys((err.parentSchema as { properties?: object })?.properties ?? {});
  const word = String(err.params.additionalProperty);
  return known.find((k) => k.toLowerCase() === word.toLowerCase()) ?? closest(word, known);
}

function words(instancePath: string): string {
  return instancePath.split('/').slice(1).join('.').replace(/Statement\.(\d+)/g, (_m, n: string) => `statement ${Number(n) + 1}`) || 'the policy';
}

function elementPairs(doc: PolicyDoc): Finding[] {
  const out: Finding[] = [];
  for (const st of statementsOf(doc.root)) {
    for (const [a, b] of [['Action', 'NotAction'], ['Resource', 'NotResource']] as const) {
      const x = pairOf(st.node, a);
      const y = pairOf(st.node, b);
      if (x && y) out.push(finding(meta, y.key, `${policyLabel(doc)}: a statement takes ${a} or ${b}, not both${policyNote(doc, st)}`, { resource: doc.resource }));
      else if (!x && !y) {
        const at = statementOpening(doc, st.node);
        out.push(finding(meta, at.node, `${policyLabel(doc)}: the statement has neither ${a} nor ${b}${policyNote(doc, st)}`, { resource: doc.resource, span: at.span }));
      }
    }
  }
  return out;
}

function duplicateSids(doc: PolicyDoc): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, { node: Node; when: string[] }[]>();
  for (const st of statementsOf(doc.root)) {
    const sid = scalarString(st.sid?.value);
    if (!sid || !st.sid?.value) continue;
    const earlier = seen.get(sid)?.find((e) => !exclusive(e.when, st.when));
    if (earlier) out.push(finding(meta, st.sid.value, `${policyLabel(doc)}: Sid ${sid} is used by another statement; Sids must be unique${policyNote(doc, st)}`, { resource: doc.resource, related: [related(earlier.node, 'first used here')] }));
    else seen.set(sid, [...(seen.get(sid) ?? []), { node: st.sid.value, when: st.when }]);
  }
  return out;
}

/** Two statements from opposite branches of one `Fn::If` are never in the policy together. */
function exclusive(a: string[], b: string[]): boolean {
  return a.some((c) => b.includes(c.startsWith('!') ? c.slice(1) : `!${c}`));
}
