// `{quote}`: a plain value that YAML 1.1 rejects where it stands (`::/0` inside { } or [ ]) written in single
// quotes, the same characters: in a single-quoted YAML scalar only a quote needs escaping (doubled).

import type { FixFamily } from '../types.js';

export const quoteValue: FixFamily<{ quote?: string }> = ({ text, finding, data }) => {
  const value = data.quote;
  // Only the value the finding was made for, still where it was.
  if (typeof value !== 'string' || !value || text.slice(finding.start, finding.end) !== value) return [];
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return [{ title: `Quote the value: ${quoted}`, edits: [{ start: finding.start, end: finding.end, newText: quoted }] }];
};
