// Strict JSON → located tree, token by token through sticky regular expressions. A CLI run parses a
// template once, before V8 has compiled anything hot: jsonc-parser's scanner then walks each character
// in the bytecode interpreter (25-35 ms for cfn-lint's 90 KB Quick Start fixture, a quarter of the whole
// process), where the regular expression engine matches a token in native code. This path takes only
// what JSON allows and builds exactly the tree json-parse.ts builds; at the first thing it does not
// take (a syntax error, a comment, a BOM, absurd nesting) it gives up and json-parse.ts reads the text
// again with jsonc-parser, which reports the problem and recovers from it.

import type { ParsedDocument, SyntaxProblem } from './parse.js';
import type { MapNode, Node, ScalarNode, SeqNode } from './tree.js';
import { duplicateKey } from './yaml-values.js';

// JSON's own grammar (RFC 8259). Sticky expressions run by test(), which moves lastIndex and builds no
// match: whitespace, a string, a number.
const SPACE = /[ \t\n\r]*/y;
const STRING = /"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** As json-parse.ts: nesting this deep is left to it (it reports it). */
const MAX_DEPTH = 500;

interface Frame {
  node: MapNode | SeqNode;
  key?: ScalarNode;
  seen?: Set<string>;
}

// What the next token may be.
const VALUE = 0; // a value (the document's, after ':' or after ',' in an array)
const VALUE_OR_CLOSE = 1; // after '['
const KEY = 2; // after ',' in an object
const KEY_OR_CLOSE = 3; // after '{'
const COLON = 4;
const AFTER = 5; // after a value: ',' or the closing bracket

const Q = 34, MINUS = 45, ZERO = 48, NINE = 57, T = 116, N = 110, F = 102, OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, COMMA = 44, COLON_CHAR = 58;

/** The tree and problems of strict JSON text, or undefined when the text is not strict JSON. */
export function parseJsonFast(text: string): ParsedDocument | undefined {
  const problems: SyntaxProblem[] = [];
  const stack: Frame[] = [];
  let root: Node | null = null;
  let state = VALUE;
  let pos = 0;
  for (;;) {
    SPACE.lastIndex = pos;
    SPACE.test(text);
    const start = SPACE.lastIndex;
    if (start >= text.length) break;
    const c = text.charCodeAt(start);
    let end = start + 1;
    if (c === Q || c === MINUS || (c >= ZERO && c <= NINE)) {
      const re = c === Q ? STRING : NUMBER;
      re.lastIndex = start;
      if (!re.test(text)) return undefined;
      end = re.lastIndex;
    } else if (c === T || c === N) end = start + 4;
    else if (c === F) end = start + 5;
    pos = end;
    if (state === AFTER) {
      const top = stack[stack.length - 1];
      if (!top) return undefined; // text after the document's value
      if (c === COMMA) state = top.node.kind === 'map' ? KEY : VALUE;
      else if (c === (top.node.kind === 'map' ? CLOSE_BRACE : CLOSE_BRACKET)) close(stack, start);
      else return undefined;
      continue;
    }
    if (state === KEY || state === KEY_OR_CLOSE) {
      const top = stack[stack.length - 1]!;
      if (c === Q) {
        const name = stringValue(text, start, end);
        const key: ScalarNode = { kind: 'scalar', value: name, start, end, style: 'double' };
        if (top.seen!.has(name)) problems.push(duplicateKey(text, key));
        top.seen!.add(name);
        top.key = key;
        state = COLON;
      } else if (c === CLOSE_BRACE && state === KEY_OR_CLOSE) {
        close(stack, start);
        state = AFTER;
      } else return undefined;
      continue;
    }
    if (state === COLON) {
      if (c !== COLON_CHAR) return undefined;
      state = VALUE;
      continue;
    }
    // A value, or the end of an empty array.
    if (c === CLOSE_BRACKET && state === VALUE_OR_CLOSE) {
      close(stack, start);
      state = AFTER;
      continue;
    }
    let node: Node;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (stack.length >= MAX_DEPTH) return undefined;
      node = c === OPEN_BRACE ? { kind: 'map', pairs: [], start, end: start + 1, flow: true } : { kind: 'seq', items: [], start, end: start + 1, flow: true };
    } else if (c === Q) node = { kind: 'scalar', value: stringValue(text, start, end), start, end, style: 'double' };
    else if (c === T || c === F || c === N) {
      const word = c === T ? 'true' : c === F ? 'false' : 'null';
      if (!text.startsWith(word, start)) return undefined;
      node = { kind: 'scalar', value: c === T ? true : c === F ? false : null, start, end, style: 'plain' };
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) node = { kind: 'scalar', value: Number(text.slice(start, end)), start, end, style: 'plain' };
    else return undefined;
    const top = stack[stack.length - 1];
    if (!top) root = node;
    else if (top.node.kind === 'seq') top.node.items.push(node);
    else {
      top.node.pairs.push({ key: top.key!, value: node });
      top.key = undefined;
    }
    if (node.kind === 'map') {
      stack.push({ node, seen: new Set() });
      state = KEY_OR_CLOSE;
    } else if (node.kind === 'seq') {
      stack.push({ node });
      state = VALUE_OR_CLOSE;
    } else state = AFTER;
  }
  // The text ended: after the whole value?
  if (state !== AFTER || stack.length || root === null) return undefined;
  return { root, problems: problems.sort((a, b) => a.start - b.start) };
}

function close(stack: Frame[], offset: number): void {
  stack.pop()!.node.end = offset + 1;
}

function stringValue(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}
