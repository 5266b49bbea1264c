// Endpoint policy fixes in Terraform: a misspelt action, condition key or operator replaced by the
// name it most likely means. The finding points at the name as written — inside a `jsonencode`
// string, an `aws_iam_policy_document` argument or a heredoc's JSON, or an object key — and only that
// text changes.

import { parseHcl } from '../hcl.js';
import type { Attribute, Block, Body, Expr } from '../hcl-ast.js';
import { insertArguments } from './layout.js';
import { fileAt, firstInBody, str, type TfFamily } from './target.js';

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

type ObjectExpr = Extract<Expr, { k: 'object' }>;

/**
 * VPCE9003, VPCE9004 `{member, value}`: a member the policy or its statement lacks (`Version =
 * "2012-10-17"`, `Principal = "*"`), added to the HCL object it belongs in (a `jsonencode` argument),
 * aligned like its neighbours; its keys' quoting followed. A policy written as JSON text gets none here.
 */
export const addPolicyMember: TfFamily = ({ m, finding, data }) => {
  const member = str(data, 'member');
  const value = str(data, 'value');
  if ((member !== 'Version' && member !== 'Principal') || (value !== '2012-10-17' && value !== '*') || data.exists !== false) return [];
  const file = fileAt(m, finding.start);
  if (!file) return [];
  const parsed = parseHcl(m.text.slice(file.start, file.end), file.start);
  // Version: the finding is on the policy's Statement key; Principal: on the statement object itself.
  const obj = findObject(parsed.body, (o) => (member === 'Version' ? o.items.some((i) => i.key.start === finding.start || i.key.start + 1 === finding.start) : o.start === finding.start));
  if (!obj || obj.items.some((i) => i.name === member)) return [];
  const quoted = obj.items.length > 0 && obj.items.every((i) => m.text[i.key.start] === '"');
  const attrs: Attribute[] = obj.items.map((i) => ({ name: i.name ?? '', nameAt: { start: i.key.start, end: i.key.end }, value: i.value, start: i.start, end: i.end }));
  const pseudo: Block = { type: '', typeAt: { start: obj.start, end: obj.start }, labels: [], body: { attributes: attrs, blocks: [] }, start: obj.start, end: obj.end };
  const anchor = member === 'Principal' ? attrs.find((a) => a.name === 'Effect' || a.name === 'Sid') : undefined;
  const edits = insertArguments(m.text, pseudo, [[quoted ? `"${member}"` : member, JSON.stringify(value)]], anchor);
  return edits ? [{ title: `Add ${member} = "${value}"`, edits }] : [];
};

function findObject(body: Body, want: (o: ObjectExpr) => boolean): ObjectExpr | undefined {
  const inExpr = (e: Expr): ObjectExpr | undefined => {
    if (e.k === 'object') {
      if (want(e)) return e;
      for (const i of e.items) {
        const hit = inExpr(i.value);
        if (hit) return hit;
      }
    } else if (e.k === 'tuple') {
      for (const i of e.items) {
        const hit = inExpr(i);
        if (hit) return hit;
      }
    } else if (e.k === 'call') {
      for (const a of e.args) {
        const hit = inExpr(a);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return firstInBody(body, inExpr);
}
