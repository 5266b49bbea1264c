// Following references between resources: which template resources a list property names.

import type { Node } from '../document/tree.js';
import type { Resolver } from './resolve.js';
import type { Resource, Template } from './template.js';
import { literal, type Value } from './values.js';

export interface RefItem {
  /** The template resource the item points at, when it points at one. */
  resource: Resource | undefined;
  node: Node;
}

export interface RefList {
  items: RefItem[];
  /** false when some item (or the list itself) is known only at deploy time. */
  complete: boolean;
}

export function refList(template: Template, values: Resolver, node: Node | undefined): RefList {
  if (!node) return { items: [], complete: true };
  const v = values.value(node);
  if (v.kind === 'absent') return { items: [], complete: true };
  if (v.kind !== 'list') return { items: [], complete: false };
  let complete = true;
  const items: RefItem[] = [];
  for (const item of v.items) {
    const resource = item.kind === 'ref' ? template.byId.get(item.target) : undefined;
    if (!resource) complete = false;
    items.push({ resource, node: item.node ?? node });
  }
  return { items, complete };
}

/** The template resource a single value points at (`!Ref X` or `!GetAtt X.Attr`). */
export function refResource(template: Template, v: Value): Resource | undefined {
  return v.kind === 'ref' ? template.byId.get(v.target) : undefined;
}

/** The resource a value points at, when it is a template resource of the given type. */
export function refOfType(template: Template, v: Value, type: string): Resource | undefined {
  const r = refResource(template, v);
  return r?.type === type ? r : undefined;
}

/** The offsets of `needle` inside the node's source text, or the whole node when it is not there once. */
export function locate(text: string, node: Node, needle: string): { start: number; end: number } {
  const slice = text.slice(node.start, node.end);
  const at = slice.indexOf(needle);
  if (at < 0 || slice.indexOf(needle, at + 1) >= 0) return { start: node.start, end: node.end };
  return { start: node.start + at, end: node.start + at + needle.length };
}

/** Whether two sets of branch conditions can hold together (`X` and `!X` cannot). */
export function compatible(a: string[], b: string[]): boolean {
  const all = new Set([...a, ...b]);
  for (const c of all) if (all.has(c.startsWith('!') ? c.slice(1) : `!${c}`)) return false;
  return true;
}

/** The n-th (0-based) occurrence of `needle` in the node's source text, for strings holding it more than once. */
export function locateNth(text: string, node: Node, needle: string, n: number): { start: number; end: number } {
  const slice = text.slice(node.start, node.end);
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = slice.indexOf(needle, at + 1);
    if (at < 0) return { start: node.start, end: node.end };
  }
  return { start: node.start + at, end: node.start + at + needle.length };
}

/** A comparable name for a VPC value: the template resource it points at, or its literal id. */
export function vpcIdentity(v: Value): string | undefined {
  if (v.kind === 'ref') return `resource:${v.target}`;
  const text = literal(v);
  return text ? `id:${text}` : undefined;
}
