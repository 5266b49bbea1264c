// Which kind of IAM policy a JSON document is, from its content alone. Only an endpoint policy gets
// endpoint-policy findings: a role's trust policy, a bucket, key, queue or topic policy, an SCP or a
// permissions boundary is judged by other rules than ours, and telling their authors that they lack
// what an endpoint policy needs would be wrong. Content decides only when it carries endpoint-policy
// signals and none of another kind's; a file's name or the configured globs decide first.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#access_policy-types
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html

import { asMap, asScalar, scalarString, type MapNode, type Node } from '../document/tree.js';
import { statementsOf, textReader, textsOf, type Statement } from './model.js';

export type PolicyKind =
  | { kind: 'endpoint' }
  /** Another kind of policy (trust, resource, identity), with the signal that told. */
  | { kind: 'other'; why: string }
  /** A policy, but nothing says which kind: not judged as an endpoint policy. */
  | { kind: 'undecided' }
  | { kind: 'not-a-policy' };

const read = textReader(undefined);

// Condition keys that only make sense on the resource's side of a request (the caller's VPC or
// endpoint, the service acting for a resource) or in a KMS key policy.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
const RESOURCE_POLICY_KEYS = new Set(['aws:sourcevpce', 'aws:sourcevpc', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths', 'kms:viaservice', 'kms:calleraccount']);

// Conditions of a resource perimeter: what an endpoint policy (or an SCP) says about the resources
// its principals may reach.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgid
const RESOURCE_PERIMETER_KEYS = new Set(['aws:resourceorgid', 'aws:resourceorgpaths', 'aws:resourceaccount']);

const ASSUME_ROLE = /^sts:assumerole(withsaml|withwebidentity)?$/i;

export function policyKind(root: Node | null): PolicyKind {
  const map = asMap(root);
  const statements = statementsOf(map ?? null);
  if (!map || !statements.some(isStatementShaped)) return { kind: 'not-a-policy' };
  const other = otherKindSignal(statements);
  if (other) return { kind: 'other', why: other };
  return statements.some(hasEndpointSignal) ? { kind: 'endpoint' } : { kind: 'undecided' };
}

/** A name that says "endpoint policy" (`s3-endpoint-policy.json`, `vpce_policy.json`). */
export function namedAsEndpointPolicy(fileName: string | undefined): boolean {
  const base = fileName?.split(/[\\/]/).pop() ?? '';
  return /(endpoint|vpce)[._-]*polic/i.test(base);
}

function isStatementShaped(st: Statement): boolean {
  return Boolean(st.effect && (st.action || st.notAction));
}

function otherKindSignal(statements: Statement[]): string | undefined {
  if (!statements.some((st) => st.principal || st.notPrincipal)) return 'no statement names a Principal (an identity policy, SCP or permissions boundary)';
  for (const st of statements) {
    const principal = principalsOf(st.principal?.value);
    const actions = textsOf(st.action?.value, read).map((t) => t.text ?? '');
    if (actions.some((a) => ASSUME_ROLE.test(a)) && (principal.service || principal.federated || principal.accounts)) return 'it lets a service, federated or account principal assume a role (a role trust policy)';
    if (principal.service) return 'it names a service principal (a resource or trust policy)';
    if (principal.federated) return 'it names a federated principal (a role trust policy)';
    if (principal.canonicalUser) return 'it names a canonical user (an S3 bucket policy)';
    const key = conditionKeys(st).find((k) => RESOURCE_POLICY_KEYS.has(k));
    if (key) return `its condition on ${key} belongs to a resource's own policy`;
    if (principal.accountRoot && actions.some((a) => a.toLowerCase() === 'kms:*')) return 'it gives an account root kms:* (a KMS key policy)';
  }
  if (!statements.some((st) => st.resource || st.notResource)) return 'no statement names a Resource (a role trust policy)';
  return undefined;
}

/** Everyone as the principal, and either every resource or a resource perimeter: how endpoint policies read. */
function hasEndpointSignal(st: Statement): boolean {
  if (!principalsOf(st.principal?.value).everyone) return false;
  const resources = textsOf(st.resource?.value, read).map((t) => t.text);
  return resources.includes('*') || conditionKeys(st).some((k) => RESOURCE_PERIMETER_KEYS.has(k));
}

interface Principals {
  everyone: boolean;
  service: boolean;
  federated: boolean;
  canonicalUser: boolean;
  /** Named AWS principals (accounts, roles, users), not `*`. */
  accounts: boolean;
  accountRoot: boolean;
}

function principalsOf(node: Node | null | undefined): Principals {
  const out: Principals = { everyone: false, service: false, federated: false, canonicalUser: false, accounts: false, accountRoot: false };
  if (!node) return out;
  if (asScalar(node)) {
    out.everyone = scalarString(node) === '*';
    return out;
  }
  const map: MapNode | undefined = asMap(node);
  for (const pair of map?.pairs ?? []) {
    const key = String(pair.key.value).toLowerCase();
    const values = textsOf(pair.value, read).map((t) => t.text ?? '');
    if (key === 'service') out.service = true;
    else if (key === 'federated') out.federated = true;
    else if (key === 'canonicaluser') out.canonicalUser = true;
    else if (key === 'aws') {
      if (values.includes('*')) out.everyone = true;
      if (values.some((v) => v !== '*')) out.accounts = true;
      if (values.some((v) => /^\d{12}$|:root$/.test(v))) out.accountRoot = true;
    }
  }
  return out;
}

function conditionKeys(st: Statement): string[] {
  const block = asMap(st.condition?.value);
  return (block?.pairs ?? []).flatMap((op) => (asMap(op.value)?.pairs ?? []).map((k) => String(k.key.value).toLowerCase()));
}
