// Findings that hold only under a condition say so: a resource's own `Condition`, and the branches of
// `Fn::If` that led to the value.

import type { Resource } from '../cfn/template.js';
import { conditionWords } from '../model/condition-words.js';

export function conditionNote(resource: Resource | undefined, when: string[]): string {
  const all = [...(resource?.condition ? [resource.condition] : []), ...when];
  if (all.length === 0) return '';
  return ` (only when ${all.map(conditionWords).join(' and ')})`;
}
