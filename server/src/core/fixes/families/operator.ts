// VPCE9008 `{operator, suggestion}`: a condition operator to replace. The finding is on the operator
// itself (an unknown name) or on a condition key under it (an operator of the wrong family); then the
// operator is the nearest one before the key, in the same string when the policy is a JSON string.

import { replaceInString } from '../sub-text.js';
import { scalarAt } from '../tree-path.js';
import type { FixFamily } from '../types.js';

export const replaceOperator: FixFamily<{ operator: string; suggestion: string }> = ({ root, text, json, finding, data }) => {
  const { operator, suggestion } = data;
  if (typeof operator !== 'string' || typeof suggestion !== 'string' || !operator) return [];
  let start = text.slice(finding.start, finding.end) === operator ? finding.start : text.lastIndexOf(operator, finding.start);
  if (start < 0) return [];
  // Inside a JSON string the operator must be in that same string.
  const around = scalarAt(root, finding.start, finding.end)?.scalar;
  if (around && typeof around.value === 'string' && start < around.start) start = -1;
  if (start < 0) return [];
  const edits = replaceInString(root, text, json, start, start + operator.length, operator, suggestion);
  return edits ? [{ title: `Change ${operator} to ${suggestion}`, edits }] : [];
};
