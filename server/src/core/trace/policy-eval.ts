// The endpoint policy as the last hop: does it let this action through? Without an action, does it
// restrict anything at all? Conditions and specific resources cannot be decided from the template.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

import type { PolicyDoc } from '../policy/policy-doc.js';
import { readStatements, textReader, textsOf } from '../policy/model.js';
import { asMap, asScalar, scalarString } from '../document/tree.js';
import { wildcardRegExp } from '../util/wildcard.js';

export interface PolicyOutcome {
  decision: 'allowed' | 'denied' | 'unknown' | 'unrestricted' | 'restricted';
  reason: string;
}

const read = textReader(undefined);

export function evaluatePolicy(doc: PolicyDoc, action: string | undefined): PolicyOutcome {
  const { statements, opaque } = readStatements(doc.root);
  if (!doc.root) return { decision: 'unknown', reason: 'the policy is computed at deploy time' };
  // Statements the template computes may allow or deny anything.
  if (opaque.length && !action) return { decision: 'unknown', reason: 'some of the policy\'s statements are computed at deploy time' };
  if (!action) {
    const open = statements.some((s) => !s.when.length && scalarString(s.effect?.value) === 'Allow' && !s.condition && star(s.action?.value) && star(s.resource?.value) && principalStar(s.principal?.value));
    const deny = statements.some((s) => scalarString(s.effect?.value) === 'Deny');
    return open && !deny ? { decision: 'unrestricted', reason: 'the policy allows everything (the default)' } : { decision: 'restricted', reason: 'the policy restricts who may do what; name an action to evaluate it' };
  }
  let allow: Tri = opaque.length ? 'maybe' : 'no';
  let deny: Tri = opaque.length ? 'maybe' : 'no';
  for (const s of statements) {
    const effect = scalarString(s.effect?.value);
    const actionHit = s.action ? matchesAny(s.action.value, action) : s.notAction ? invert(matchesAny(s.notAction.value, action)) : 'no';
    if (actionHit === 'no') continue;
    const certain = actionHit === 'yes' && !s.when.length && !s.condition && star(s.resource?.value) && principalStar(s.principal?.value);
    const hit = certain ? 'yes' : 'maybe';
    if (effect === 'Deny') deny = stronger(deny, hit);
    else if (effect === 'Allow') allow = stronger(allow, hit);
  }
  if (deny === 'yes') return { decision: 'denied', reason: `a Deny statement matches ${action}` };
  if (allow === 'no') return { decision: 'denied', reason: `no Allow statement matches ${action} (implicit deny)` };
  if (allow === 'yes' && deny === 'no') return { decision: 'allowed', reason: `an Allow statement matches ${action}` };
  return { decision: 'unknown', reason: `whether ${action} is allowed depends on conditions, resources or principals` };
}

type Tri = 'yes' | 'maybe' | 'no';

function matchesAny(node: Parameters<typeof textsOf>[0], action: string): Tri {
  let out: Tri = 'no';
  for (const { text } of textsOf(node, read)) {
    if (text === undefined || text.includes('${')) out = out === 'yes' ? 'yes' : 'maybe';
    else if (wildcardRegExp(text).test(action)) return 'yes';
  }
  return out;
}

function stronger(a: Tri, b: Tri): Tri {
  return a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no';
}

function invert(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'maybe';
}


function star(node: Parameters<typeof textsOf>[0]): boolean {
  return textsOf(node, read).some((t) => t.text === '*');
}

function principalStar(node: Parameters<typeof asScalar>[0]): boolean {
  if (asScalar(node)?.value === '*') return true;
  const aws = asMap(node)?.pairs.find((p) => p.key.value === 'AWS')?.value;
  return textsOf(aws, read).some((t) => t.text === '*');
}
