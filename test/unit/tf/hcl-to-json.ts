// Test helper: a .tf file written again in Terraform's JSON syntax, as a generator (cdktf) would write
// it — blocks as nested objects (nested blocks as arrays), every expression that is not a plain literal
// as a "${...}" template of its source text, references (provider, depends_on, ignore_changes) as plain
// strings, variable defaults as literal JSON. Made from the .tf parse tree, so every fixture has a twin.
// https://developer.hashicorp.com/terraform/language/syntax/json

import { parseHcl } from '../../../server/src/core/tf/hcl.js';
import type { Block, Body, Expr } from '../../../server/src/core/tf/hcl-ast.js';

export function hclToJson(text: string): string {
  const body = parseHcl(text).body;
  const src = (e: { start: number; end: number }) => text.slice(e.start, e.end);
  const literal = (e: Expr): unknown => {
    if (e.k === 'literal') return e.value;
    if (e.k === 'tuple') return e.items.map(literal);
    if (e.k === 'object') return Object.fromEntries(e.items.map((i) => [i.name ?? src(i.key), literal(i.value)]));
    if (e.k === 'template' && e.parts.every((p) => 'lit' in p)) return e.parts.map((p) => ('lit' in p ? p.lit : '')).join('');
    throw new Error(`not a literal: ${src(e)}`);
  };
  const expr = (e: Expr): unknown => {
    switch (e.k) {
      case 'literal':
        return typeof e.value === 'string' ? e.value.replace(/([$%])\{/g, '$1$1{') : e.value;
      case 'tuple':
        return e.items.map(expr);
      case 'object':
        return Object.fromEntries(e.items.map((i) => [i.name ?? `\${${src(i.key)}}`, expr(i.value)]));
      case 'template':
        return e.parts.map((p) => ('lit' in p ? p.lit.replace(/([$%])\{/g, '$1$1{') : `\${${src(p.expr)}}`)).join('');
      default:
        return `\${${src(e)}}`;
    }
  };
  const bodyJson = (type: string, b: Body): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const a of b.attributes) {
      if (type === 'variable' || (type === 'module' && (a.name === 'source' || a.name === 'version')) || (type === 'provider' && a.name === 'alias')) out[a.name] = a.name === 'type' ? src(a.value) : literal(a.value);
      else if (a.name === 'provider') out[a.name] = src(a.value);
      else if (a.name === 'depends_on' || (type === 'lifecycle' && a.name === 'ignore_changes')) out[a.name] = a.value.k === 'tuple' ? a.value.items.map(src) : src(a.value);
      else if (type === 'module' && a.name === 'providers' && a.value.k === 'object') out[a.name] = Object.fromEntries(a.value.items.map((i) => [src(i.key), src(i.value)]));
      else out[a.name] = expr(a.value);
    }
    const byType = new Map<string, Block[]>();
    for (const n of b.blocks) byType.set(n.type, [...(byType.get(n.type) ?? []), n]);
    for (const [t, blocks] of byType) out[t] = blocks.map((n) => labelled(n));
    return out;
  };
  // One block as `{ label: { label: body } }` (an element of its type's array).
  const labelled = (b: Block): unknown => b.labels.reduceRight<unknown>((inner, l) => ({ [l.value]: inner }), bodyJson(b.type, b.body));
  const root: Record<string, unknown[]> = {};
  for (const b of body.blocks) {
    if (b.type === 'locals') (root.locals ??= []).push(Object.fromEntries(b.body.attributes.map((a) => [a.name, expr(a.value)])));
    else (root[b.type] ??= []).push(labelled(b));
  }
  return `${JSON.stringify(root, null, 2)}\n`;
}
