// `terraform.tfvars.json` and `*.auto.tfvars.json`: variable values in JSON, read by Terraform with the
// HCL ones (after terraform.tfvars; the auto files with the *.auto.tfvars, in lexical order). Their
// strings are literal values (no template is evaluated). Each value becomes the expression it writes,
// at its offsets, so a finding on it points at the JSON.
// https://developer.hashicorp.com/terraform/language/values/variables#variable-definitions-tfvars-files

import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { SyntaxProblem } from '../document/parse.js';
import type { Expr } from './hcl-ast.js';

export function readTfvarsJson(text: string, base: number, into: Map<string, Expr>, problems: SyntaxProblem[]): void {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || root?.type !== 'object') {
    const at = errors[0]?.offset ?? 0;
    problems.push({ code: 'syntax', severity: 'error', start: base + at, end: base + Math.min(text.length, at + Math.max(1, errors[0]?.length ?? 1)), message: 'Terraform variables file: not a JSON object' });
    return;
  }
  for (const p of root.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.type === 'string' && v) into.set(String(k.value), literalExpr(v, base));
  }
}

/** A JSON value as the literal expression it writes (strings are not templates), at its offsets. */
export function literalExpr(n: JsonNode, base: number): Expr {
  const at = { start: base + n.offset, end: base + n.offset + n.length };
  switch (n.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return { k: 'literal', value: n.value as string | number | boolean | null, quoted: n.type === 'string', ...at };
    case 'array':
      return { k: 'tuple', items: (n.children ?? []).map((c) => literalExpr(c, base)), ...at };
    case 'object':
      return {
        k: 'object',
        items: (n.children ?? []).flatMap((p) => {
          const [key, value] = p.children ?? [];
          if (key?.type !== 'string' || !value) return [];
          const keyExpr = literalExpr(key, base);
          return [{ key: keyExpr, name: String(key.value), value: literalExpr(value, base), start: keyExpr.start, end: base + p.offset + p.length }];
        }),
        ...at,
      };
    default:
      return { k: 'other', what: 'a JSON value', ...at };
  }
}
