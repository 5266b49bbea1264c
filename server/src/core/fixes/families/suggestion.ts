// `{suggestion}`: what the finding's range should say instead. The range is a whole string value
// (an enum value, a service name, a principal) or a part of one (an action inside a policy string).
// A suggestion holding `${AWS::Region}`-style text makes a plain string a `Fn::Sub`.

import { scalarAt } from '../tree-path.js';
import { replaceInString, setString } from '../sub-text.js';
import type { FixFamily } from '../types.js';

/** `{suggestions}`: one fix per name, in the rule's order (the author picks). */
export const replaceWithEach: FixFamily<{ suggestions: string[] }> = ({ data, ...ctx }) =>
  Array.isArray(data.suggestions) ? data.suggestions.flatMap((suggestion) => replaceWithSuggestion({ ...ctx, data: { suggestion } })) : [];

export const replaceWithSuggestion: FixFamily<{ suggestion: string }> = ({ root, text, json, finding, data }) => {
  const suggestion = data.suggestion;
  if (typeof suggestion !== 'string') return [];
  const { start, end } = finding;
  const title = `Change to ${suggestion}`;
  const whole = setString(root, json, start, end, suggestion);
  if (whole) return [{ title, edits: whole }];
  const found = scalarAt(root, start, end);
  if (!found || end <= start || (found.scalar.start === start && found.scalar.end === end)) return [];
  const part = replaceInString(root, text, json, start, end, text.slice(start, end), suggestion);
  return part ? [{ title, edits: part }] : [];
};
