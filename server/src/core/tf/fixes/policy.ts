// Endpoint policy fixes in Terraform: a misspelt action, condition key or operator replaced by the
// name it most likely means. The finding points at the name as written — inside a `jsonencode`
// string, an `aws_iam_policy_document` argument or a heredoc's JSON, or an object key — and only that
// text changes.

import { str, type TfFamily } from './target.js';

// A name IAM knows: nothing in it that HCL or JSON would read as a quote, escape or template.
const NAME = /^[A-Za-z0-9:*?._\/-]+$/;

/** VPCE9005, VPCE9007, VPCE9008 `{suggestion}`: the name written replaced. */
export const replaceName: TfFamily = ({ m, finding, data }) => {
  const suggestion = str(data, 'suggestion');
  let { start, end } = finding;
  // A quoted name: the text between the quotes.
  if (m.text[start] === '"' && m.text[end - 1] === '"' && end - start >= 2) [start, end] = [start + 1, end - 1];
  const written = m.text.slice(start, end);
  if (!suggestion || !NAME.test(suggestion) || !NAME.test(written) || written === suggestion) return [];
  // The operator rule names what it replaces: the text must be it.
  const operator = str(data, 'operator');
  if (operator !== undefined && operator !== written) return [];
  return [{ title: `Change ${written} to ${suggestion}`, edits: [{ start, end, newText: suggestion }] }];
};
