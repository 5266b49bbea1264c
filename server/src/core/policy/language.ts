// The policy language version decides what `${aws:username}` means: a variable under 2012-10-17, literal
// text under 2008-10-17 (also the version of a policy without Version). VPCE9003 warns about it; the
// trace and VPCE9016 read variables through here so all three give one answer.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html

import { pairOf, type MapNode } from '../document/tree.js';
import type { TextOf } from './model.js';

/**
 * An IAM policy variable: ${aws:username}, ${s3:prefix}, ${aws:PrincipalTag/team}, the special ${*} ${?} ${$};
 * inside a !Sub written ${!aws:username}. Not ${AWS::Region} or ${Param}, which CloudFormation substitutes.
 */
export const POLICY_VARIABLE = /\$\{!?(?:[A-Za-z0-9-]+:(?!:)[^}]+|[*?$])\}/;
const POLICY_VARIABLES = new RegExp(POLICY_VARIABLE.source, 'g');

/** '2008': variables are text; '2012': they are variables; 'unknown': the Version is computed or not one IAM knows. */
export type Language = '2008' | '2012' | 'unknown';

export function languageOf(root: MapNode | null, read: TextOf): Language {
  const version = pairOf(root, 'Version');
  // "If you do not include a Version element, the value defaults to 2008-10-17."
  if (!version) return '2008';
  const text = version.value ? read(version.value) : undefined;
  return text === '2012-10-17' ? '2012' : text === '2008-10-17' ? '2008' : 'unknown';
}

/**
 * A policy string as IAM compares it under the 2008 language: its policy variables are the text they are
 * written as (`${!aws:username}` in a !Sub is `${aws:username}` once substituted). Undefined when another
 * `${...}` remains — a value the template computes — or the language is not 2008.
 */
export function literalText(text: string, language: Language): string | undefined {
  if (language !== '2008') return undefined;
  const literal = text.replace(POLICY_VARIABLES, (v) => v.replace('${!', '${'));
  return literal.replace(POLICY_VARIABLES, '').includes('${') ? undefined : literal;
}

/** Whether the string holds an IAM policy variable (as opposed to only template substitutions). */
export function hasPolicyVariable(text: string): boolean {
  return POLICY_VARIABLE.test(text);
}
