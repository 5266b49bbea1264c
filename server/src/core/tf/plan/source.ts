// Where a plan's resource is written in its module's files: `resource "type" "name" {` in a `.tf`
// file, or the `"name"` object under `"resource"` → `"type"` in a `.tf.json` file (Terraform's JSON
// syntax: each level an object, or an array of objects for several blocks). The plan's configuration
// section gives expressions but no positions, so the block is found in the files' text.
// https://developer.hashicorp.com/terraform/language/syntax/json#resource-blocks

import { parseTree, type Node as JsonNode } from 'jsonc-parser';

/** The offset where the resource's block is written in the file, if it is. */
export function resourceBlockAt(path: string, text: string, type: string, name: string): number | undefined {
  if (/\.tf\.json$/i.test(path)) return jsonResourceAt(text, type, name);
  const header = new RegExp(`^[ \\t]*resource[ \\t]+"${escape(type)}"[ \\t]+"${escape(name)}"[ \\t]*\\{`, 'm');
  const m = header.exec(text);
  return m ? m.index + m[0].length - m[0].trimStart().length : undefined;
}

/** Terraform module files the search reads, in the order it reads them. */
export const SOURCE_FILE = /\.tf(\.json)?$/i;

function jsonResourceAt(text: string, type: string, name: string): number | undefined {
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  for (const resources of members(root, 'resource')) for (const ofType of members(resources, type)) for (const block of keys(ofType, name)) return block;
  return undefined;
}

/** The values of an object's property (an array of objects: each element's). */
function members(n: JsonNode | undefined, key: string): JsonNode[] {
  const objects = n?.type === 'array' ? (n.children ?? []) : n ? [n] : [];
  const out: JsonNode[] = [];
  for (const o of objects) {
    if (o.type !== 'object') continue;
    for (const p of o.children ?? []) if (p.children?.[0]?.value === key && p.children[1]) out.push(p.children[1]);
  }
  return out;
}

/** The offsets of a property's key in an object (or in each object of an array). */
function keys(n: JsonNode, key: string): number[] {
  const objects = n.type === 'array' ? (n.children ?? []) : [n];
  return objects.flatMap((o) => (o.type === 'object' ? (o.children ?? []).filter((p) => p.children?.[0]?.value === key).map((p) => p.children![0]!.offset) : []));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
