import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../../schemas/endpoint-policy.schema.json';
import { toPlain, pairOf, scalarString, type Node } from '../document/tree.js';
import type { Finding } from '../findings.js';
import { placeAjvError } from '../schema/validate.js';
import { statementsOf } from '../policy/model.js';
import type { PolicyDoc } from '../policy/policy-doc.js';
import { policyLabel, policyNote } from './policy-support.js';
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

let validate: ValidateFunction | undefined;

export const policyStructure: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const doc of ctx.policies()) {
      if (!doc.root) continue;
      validate ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
      if (!validate(toPlain(doc.root))) out.push(...schemaFindings(doc, validate.errors ?? []));
      out.push(...elementPairs(doc), ...duplicateSids(doc));
    }
    return out;
  },
};

// anyOf alternatives report an error each; keep the deepest errors, one per node.
function schemaFindings(doc: PolicyDoc, errors: ErrorObject[]): Finding[] {
  const kept = errors.filter((e) => e.keyword !== 'anyOf' && !errors.some((o) => o.instancePath.startsWith(`${e.instancePath}/`)));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const err of kept) {
    if (seen.has(err.instancePath)) continue;
    seen.add(err.instancePath);
    const problem = placeAjvError(err, doc.root!, { label: policyLabel(doc), rootName: 'the policy', typeName: 'an endpoint policy statement', rootAnchor: doc.anchor });
    if (!problem) continue;
    const message = err.instancePath.endsWith('/Principal') && err.keyword !== 'additionalProperties' ? `${policyLabel(doc)}: Principal must be "*" or a mapping of AWS, Service, Federated or CanonicalUser principals` : problem.message;
    out.push(finding(meta, problem.node, message + policyNote(doc), { resource: doc.resource, data: problem.data }));
  }
  return out;
}

function elementPairs(doc: PolicyDoc): Finding[] {
  const out: Finding[] = [];
  for (const st of statementsOf(doc.root)) {
    for (const [a, b] of [['Action', 'NotAction'], ['Resource', 'NotResource']] as const) {
      const x = pairOf(st.node, a);
      const y = pairOf(st.node, b);
      if (x && y) out.push(finding(meta, y.key, `${policyLabel(doc)}: a statement takes ${a} or ${b}, not both${policyNote(doc)}`, { resource: doc.resource }));
      else if (!x && !y) out.push(finding(meta, firstKey(st.node), `${policyLabel(doc)}: the statement has neither ${a} nor ${b}${policyNote(doc)}`, { resource: doc.resource }));
    }
  }
  return out;
}

function duplicateSids(doc: PolicyDoc): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, Node>();
  for (const st of statementsOf(doc.root)) {
    const sid = scalarString(st.sid?.value);
    if (!sid || !st.sid?.value) continue;
    const earlier = seen.get(sid);
    if (earlier) out.push(finding(meta, st.sid.value, `${policyLabel(doc)}: Sid ${sid} is used by another statement; Sids must be unique${policyNote(doc)}`, { resource: doc.resource, related: [related(earlier, 'first used here')] }));
    else seen.set(sid, st.sid.value);
  }
  return out;
}

function firstKey(node: { pairs: { key: Node }[]; start: number; end: number }): Node {
  return node.pairs[0]?.key ?? (node as unknown as Node);
}
