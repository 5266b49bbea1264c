// Findings that hold only under a condition say so: a resource's own `Condition`, and the branches of
// `Fn::If` that led to the value.

import type { Resource } from '../cfn/template.js';

export function conditionNote(resource: Resource | undefined, when: string[]): string {
  const all = [...(resource?.condition ? [resource.condition] : []), ...when];
  if (all.length === 0) return '';
  const words = all.map((c) => (c.startsWith('!') ? `${c.slice(1)} is false` : `${c} is true`));
  return ` (only when ${words.join(' and ')})`;
}
