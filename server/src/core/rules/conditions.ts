// Findings that hold only under a condition say so: a resource's own `Condition`, and the branches of
// `Fn::If` that led to the value.

import type { Resource } from '../cfn/template.js';
import { conditionWords } from '../model/condition-words.js';

export function conditionNote(resource: Resource | undefined, when: string[]): string {
  const all = [...(resource?.condition ? [resource.condition] : []), ...when];
  if (all.length === 0) return '';
  return ` (only when ${all.map(conditionWords).join(' and ')})`;
}

/**
 * A finding that holds under any one of several sets of conditions (model/list-branches.ts perBranch: two
 * branches of a list give it): each set is said, joined by "or"; one empty set: it holds whatever they are.
 */
export function conditionsNote(resource: Resource | undefined, alternatives: string[][]): string {
  if (alternatives.length <= 1) return conditionNote(resource, alternatives[0] ?? []);
  const own = resource?.condition ? `${conditionWords(resource.condition)} and ` : '';
  return ` (only when ${own}either ${alternatives.map((w) => w.map(conditionWords).join(' and ')).join(', or ')})`;
}
