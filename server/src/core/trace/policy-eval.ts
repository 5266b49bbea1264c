// The endpoint policy as the last hop: does it let this action through? Without an action, does it
// restrict anything at all? Conditions and specific resources cannot be decided from the template, except
// where they are false for every request (policy/allows-nothing.ts). Policy variables are variables under
// Version 2012-10-17 (unknown here) and literal text under 2008-10-17 (policy/language.ts).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

import type { PolicyDoc } from '../policy/policy-doc.js';
import { readStatements, textsOf } from '../policy/model.js';
import { allowsNothing, hasStar as star, literalReader as read, neverMatches, principalStar, statementName } from '../policy/allows-nothing.js';
import { languageOf, literalText, type Language } from '../policy/language.js';
import { scalarString } from '../document/tree.js';
import { wildcardRegExp } from '../util/wildcard.js';

export interface PolicyOutcome {
  decision: 'allowed' | 'denied' | 'unknown' | 'unrestricted' | 'restricted';
  reason: string;
}

export function evaluatePolicy(doc: PolicyDoc, action: string | undefined): PolicyOutcome {
  const { statements, opaque } = readStatements(doc.root);
  if (!doc.root) return { decision: 'unknown', reason: doc.computed ? `${doc.computed.why} (decided by ${doc.computed.decides})` : 'the policy is computed at deploy time' };
  // One answer with VPCE9016: a policy that allows nothing denies every request, whatever the action.
  const nothing = allowsNothing(doc);
  if (nothing.kind === 'nothing') return { decision: 'denied', reason: `the policy allows nothing: ${nothing.reason}` };
  // Statements the template computes may allow or deny anything.
  if (opaque.length && !action) return { decision: 'unknown', reason: 'some of the policy\'s statements are computed at deploy time' };
  if (!action) {
    const open = statements.some((s) => !s.when.length && scalarString(s.effect?.value) === 'Allow' && !s.condition && star(s.action?.value) && star(s.resource?.value) && principalStar(s.principal?.value));
    const deny = statements.some((s) => scalarString(s.effect?.value) === 'Deny');
    return open && !deny ? { decision: 'unrestricted', reason: 'the policy allows everything (the default)' } : { decision: 'restricted', reason: 'the policy restricts who may do what; name an action to evaluate it' };
  }
  const language = languageOf(doc.root, read);
  let allow: Tri = opaque.length ? 'maybe' : 'no';
  let deny: Tri = opaque.length ? 'maybe' : 'no';
  let denier: string | undefined;
  for (const s of statements) {
    const effect = scalarString(s.effect?.value);
    const actionHit = s.action ? matchesAny(s.action.value, action, language) : s.notAction ? invert(matchesAny(s.notAction.value, action, language)) : 'no';
    if (actionHit === 'no' || neverMatches(s, language)) continue;
    const certain = actionHit === 'yes' && !s.when.length && !s.condition && star(s.resource?.value) && principalStar(s.principal?.value);
    const hit = certain ? 'yes' : 'maybe';
    if (effect === 'Deny') {
      if (hit === 'yes' && deny !== 'yes') denier = statementName(s, statements);
      deny = stronger(deny, hit);
    } else if (effect === 'Allow') allow = stronger(allow, hit);
  }
  if (deny === 'yes') return { decision: 'denied', reason: `Deny ${denier} matches ${action}` };
  if (allow === 'no') return { decision: 'denied', reason: `no Allow statement matches ${action} (implicit deny)` };
  if (allow === 'yes' && deny === 'no') return { decision: 'allowed', reason: `an Allow statement matches ${action}` };
  return { decision: 'unknown', reason: `whether ${action} is allowed depends on conditions, resources or principals` };
}

type Tri = 'yes' | 'maybe' | 'no';

function matchesAny(node: Parameters<typeof textsOf>[0], action: string, language: Language): Tri {
  let out: Tri = 'no';
  for (const { text } of textsOf(node, read)) {
    // Under 2008-10-17 a policy variable is the text it is written as; under 2012-10-17 it is a variable.
    const literal = text === undefined ? undefined : text.includes('${') ? literalText(text, language) : text;
    if (literal === undefined) out = out === 'yes' ? 'yes' : 'maybe';
    else if (wildcardRegExp(literal).test(action)) return 'yes';
  }
  return out;
}

function stronger(a: Tri, b: Tri): Tri {
  return a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no';
}

function invert(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'maybe';
}
