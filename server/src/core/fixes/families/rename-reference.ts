// `{name, suggestion}`: a reference to a name the template does not declare (VPCE0007), or an attribute
// its resource's type does not return (VPCE0008), changed to the declared name or attribute it most
// likely means. Only the name's own characters change (inside a `!Sub` string, only the
// variable), in YAML short or long form and in JSON alike; where the text there is not the name as the
// rule read it (the finding came back from an editor after an edit), nothing is offered.

import type { FixFamily } from '../types.js';

// Logical ids are alphanumeric; pseudo parameters add `::`. Either is written as is in any scalar style.
const WRITABLE = /^[A-Za-z0-9]+(::[A-Za-z0-9]+)?$/;

export const renameReference: FixFamily<{ name: string; suggestion: string }> = ({ text, finding, data }) => {
  const { name, suggestion } = data;
  if (typeof name !== 'string' || typeof suggestion !== 'string' || !WRITABLE.test(suggestion)) return [];
  if (text.slice(finding.start, finding.end) !== name) return [];
  return [{ title: `Change to ${suggestion}`, edits: [{ start: finding.start, end: finding.end, newText: suggestion }] }];
};
