// Whether an action in an endpoint policy is of another service than the endpoint's. An endpoint carries
// requests to its own service only, so such an action never applies to a request through it: VPCE9006 says so
// of each one, and allows-nothing.ts of a statement whose every action is one (then VPCE9016 and the trace).
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html

import type { PolicyDoc } from './policy-doc.js';
import { hasPlaceholder, hasVariable } from './model.js';

// Prefixes whose requests may reach the endpoint's service host although their prefix differs: S3 Object
// Lambda access points are S3 access points, and whether their requests can travel through an S3 endpoint is
// not documented either way, so they are not judged.
const COMPANIONS: Record<string, string[]> = { s3: ['s3-object-lambda'] };

/** The endpoint's own IAM prefix when the policy's service is known from something other than its own actions. */
export function ownPrefix(doc: PolicyDoc): string | undefined {
  return doc.service.how === 'actions' || doc.service.how === 'unknown' ? undefined : doc.service.prefix;
}

/**
 * The prefix of `action` when it is certainly another service's than `own`'s (a literal `prefix:Name`, the
 * prefix without wildcards); undefined when it is the endpoint's, a companion's, `*`, or not read literally.
 */
export function otherServicePrefix(action: string, own: string): string | undefined {
  if (action === '*' || hasVariable(action) || hasPlaceholder(action) || !action.includes(':')) return undefined;
  const prefix = action.slice(0, action.indexOf(':')).toLowerCase();
  if (/[*?]/.test(prefix) || prefix === own || COMPANIONS[own]?.includes(prefix)) return undefined;
  return prefix;
}
