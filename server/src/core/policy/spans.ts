// A policy string's characters without its quotes, so that a fix replacing the range keeps them.

import type { Node } from '../document/tree.js';
import { locate } from '../cfn/refs.js';

export function contentSpan(text: string, node: Node, value: string): { start: number; end: number } {
  return value ? locate(text, node, value) : { start: node.start, end: node.end };
}
