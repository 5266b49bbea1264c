// VPCE3001/VPCE3002 `{region, replacement}` and VPCE3003 `{replace, with}`: the finding's range is a
// hard-coded region or partition inside a string; it becomes `${AWS::Region}` / `${AWS::Partition}`,
// and the string a `Fn::Sub` when it is not one yet.

import { replaceInString } from '../sub-text.js';
import type { FixFamily } from '../types.js';

export const substitute: FixFamily = ({ root, text, json, finding, data }) => {
  const expected = typeof data.region === 'string' ? data.region : data.replace;
  const replacement = typeof data.region === 'string' ? data.replacement : data.with;
  if (typeof expected !== 'string' || typeof replacement !== 'string') return [];
  const edits = replaceInString(root, text, json, finding.start, finding.end, expected, replacement);
  return edits ? [{ title: `Replace ${expected} with ${replacement}`, edits }] : [];
};
