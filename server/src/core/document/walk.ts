// Visiting every scalar under a node, with the key path that leads to it.

import type { Node, ScalarNode } from './tree.js';

export function forEachScalar(node: Node | null, visit: (s: ScalarNode, path: readonly string[]) => void, path: string[] = [], seen = new Set<Node>()): void {
  if (!node || seen.has(node)) return;
  seen.add(node);
  if (node.kind === 'scalar') visit(node, path);
  else if (node.kind === 'seq') for (const item of node.items) forEachScalar(item, visit, path, seen);
  else for (const p of node.pairs) forEachScalar(p.value, visit, [...path, String(p.key.value)], seen);
}

/** Every scalar under a node, map keys included (a placeholder can hide in a condition key). */
export function forEachKeyOrScalar(node: Node | null, visit: (s: ScalarNode) => void, seen = new Set<Node>()): void {
  if (!node || seen.has(node)) return;
  seen.add(node);
  if (node.kind === 'scalar') visit(node);
  else if (node.kind === 'seq') for (const item of node.items) forEachKeyOrScalar(item, visit, seen);
  else
    for (const p of node.pairs) {
      visit(p.key);
      forEachKeyOrScalar(p.value, visit, seen);
    }
}
