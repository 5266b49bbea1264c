// JSON text → located tree, through jsonc-parser (the scanner and parser VS Code's JSON support uses:
// well kept, offsets on every token, and in one pass several times faster than reading JSON as YAML).
// CloudFormation and IAM read JSON strictly, so what jsonc-parser forgives (comments, trailing commas)
// is reported; it also recovers from them, and from a missing comma between two values, exactly:
// such problems are marked `recovered` and the rest of the document is still checked. After any other
// error the parser's state is a guess: that error is reported, at its place, and nothing after it.
// Strict JSON, the usual case, is first read by json-fast.ts, which builds the same tree faster. A tab or
// line break inside a string is read as CloudFormation reads it (json-raw-controls.ts).

import type { ParseErrorCode } from 'jsonc-parser';
import type { ParsedDocument, SyntaxProblem } from './parse.js';
import type { MapNode, Node, ScalarNode, SeqNode } from './tree.js';
import { duplicateKey } from './yaml-values.js';
import { parseJsonFast } from './json-fast.js';
import { parseWithRawControls } from './json-raw-controls.js';

// jsonc-parser's ParseErrorCode values (a const enum in its types, which esbuild cannot inline across packages).
const E = {
  InvalidSymbol: 1, InvalidNumberFormat: 2, PropertyNameExpected: 3, ValueExpected: 4, ColonExpected: 5, CommaExpected: 6,
  CloseBraceExpected: 7, CloseBracketExpected: 8, EndOfFileExpected: 9, InvalidCommentToken: 10, UnexpectedEndOfComment: 11,
  UnexpectedEndOfString: 12, UnexpectedEndOfNumber: 13, InvalidUnicode: 14, InvalidEscapeCharacter: 15, InvalidCharacter: 16,
} as const;

// jsonc-parser is loaded the first time a text needs it: strict JSON, the usual case, never does, and
// evaluating the library builds some 1,200 indentation strings for its formatter (~200 KB) before a
// CLI run reads a byte (test/cli/startup-work.test.ts).
let jsonc: typeof import('jsonc-parser') | undefined;
const jsoncParser = () => (jsonc ??= require('jsonc-parser') as typeof import('jsonc-parser'));

/** Deeper than any real template; keeps the tree's consumers far from the stack limit. */
const MAX_DEPTH = 500;

interface Open {
  node: MapNode | SeqNode;
  key?: ScalarNode;
  seen?: Set<string>;
}

interface RawError {
  code: ParseErrorCode | number;
  offset: number;
  length: number;
  /** The bracket that closes the collection the error is in. */
  close: '}' | ']' | undefined;
  /** A property name was read and its colon was not. */
  afterName: boolean;
}

export function parseJson(text: string): ParsedDocument {
  return parseJsonFast(text) ?? parseWithRawControls(text, (masked) => parseJsonFast(masked) ?? parseJsonc(masked)) ?? parseJsonc(text);
}

/** Through jsonc-parser: any JSON text, with its problems reported and recovered from. */
export function parseJsonc(text: string): ParsedDocument {
  const problems: SyntaxProblem[] = [];
  const errors: RawError[] = [];
  const stack: Open[] = [];
  let root: Node | null = null;
  let skipped = 0; // depth beyond MAX_DEPTH: nodes there are not built
  let colon = false;
  const place = (node: Node) => {
    const top = stack[stack.length - 1];
    if (!top) {
      root ??= node;
      return;
    }
    if (top.node.kind === 'seq') top.node.items.push(node);
    else if (top.key) {
      top.node.pairs.push({ key: top.key, value: node });
      top.key = undefined;
    }
  };
  const flushKey = (top: Open | undefined) => {
    if (top?.key && top.node.kind === 'map') top.node.pairs.push({ key: top.key, value: null });
    if (top) top.key = undefined;
  };
  const open = (node: MapNode | SeqNode) => {
    if (skipped || stack.length >= MAX_DEPTH) {
      if (!skipped) problems.push({ code: 'too-large', severity: 'error', start: node.start, end: node.start + 1, message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed` });
      skipped++;
      return;
    }
    place(node);
    stack.push(node.kind === 'map' ? { node, seen: new Set() } : { node });
  };
  const close = (offset: number) => {
    if (skipped) return void skipped--;
    const top = stack.pop();
    flushKey(top);
    if (top) top.node.end = offset + 1;
  };
  // A BOM is the file's encoding, not part of the JSON.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  try {
    jsoncParser().visit(
      source,
      {
        onObjectBegin: (offset) => open({ kind: 'map', pairs: [], start: offset, end: offset + 1, flow: true }),
        onObjectEnd: (offset) => close(offset),
        onArrayBegin: (offset) => open({ kind: 'seq', items: [], start: offset, end: offset + 1, flow: true }),
        onArrayEnd: (offset) => close(offset),
        onObjectProperty: (name, offset, length) => {
          if (skipped) return;
          const top = stack[stack.length - 1];
          if (!top) return;
          flushKey(top);
          const key: ScalarNode = { kind: 'scalar', value: name, start: offset, end: offset + length, style: 'double' };
          if (top.seen!.has(name)) problems.push(duplicateKey(text, key));
          top.seen!.add(name);
          top.key = key;
          colon = false;
        },
        onSeparator: (c) => {
          if (c === ':') colon = true;
        },
        onLiteralValue: (value: unknown, offset, length) => {
          if (skipped) return;
          const v = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
          place({ kind: 'scalar', value: v, start: offset, end: offset + length, style: typeof value === 'string' ? 'double' : 'plain' });
        },
        onError: (code, offset, length) => {
          const top = stack[stack.length - 1];
          errors.push({ code, offset, length, close: top ? (top.node.kind === 'map' ? '}' : ']') : undefined, afterName: Boolean(top?.key) && !colon });
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (err) {
    // The parser recurses; absurd nesting can exhaust the stack. Report it instead of crashing.
    problems.push({ code: 'too-large', severity: 'error', start: 0, end: Math.min(text.length, 1), message: `Could not parse the document: ${err instanceof RangeError ? 'it nests too deeply' : String(err)}` });
    return { root: null, problems };
  }
  // Collections left open by an error end where the text does.
  while (stack.length) close(text.length - 1);
  problems.push(...syntaxProblems(text, errors));
  return { root, problems: problems.sort((a, b) => a.start - b.start) };
}

function syntaxProblems(text: string, errors: RawError[]): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  let last = -1;
  for (const e of errors) {
    if (e.offset === last) continue; // one problem, reported by several of the parser's steps
    last = e.offset;
    const at = (start: number, message: string, recovered: boolean, length = recovered ? 1 : e.length): SyntaxProblem => ({
      code: 'syntax',
      severity: 'error',
      start: Math.min(start, Math.max(text.length - 1, 0)),
      end: Math.min(Math.max(start + 1, start + length), text.length),
      message,
      ...(recovered ? { recovered: true } : {}),
    });
    const c = text[e.offset];
    if (e.code === E.InvalidCommentToken) {
      out.push(at(e.offset, 'Comments are not allowed in JSON; CloudFormation and IAM reject them', true, e.length));
      continue;
    }
    if ((e.code === E.PropertyNameExpected || e.code === E.ValueExpected) && (c === '}' || c === ']')) {
      const comma = previousToken(text, e.offset);
      if (text[comma] === ',') {
        // CloudFormation deploys a JSON template with trailing commas (stelligent/cfn_nag#203,
        // humanmade/cf-to-tf#7), as cfn-lint reads it; IAM rejects them in a policy.
        out.push({ ...at(comma, `Trailing comma: JSON allows none before ${c}`, true), cloudFormationAccepts: true });
        continue;
      }
    }
    // `"a": 1 "b": 2`: a comma is missing between two whole values; nothing else is in doubt.
    if (e.code === E.CommaExpected && /[\s]/.test(text[e.offset - 1] ?? '') && /["\d\-[{tfn]/.test(c ?? '')) {
      out.push(at(e.offset, `Expected ',' or '${e.close ?? '}'}'`, true));
      continue;
    }
    out.push(at(e.offset, messageOf(e, c), false));
    // What the parser makes of the text after this is a guess: no more findings from it.
    break;
  }
  return out;
}

function previousToken(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i;
}

function messageOf(e: RawError, c: string | undefined): string {
  switch (e.code) {
    case E.InvalidSymbol:
      if (e.afterName) return "Expected ':' after the property name";
      return c === "'" ? 'JSON strings take double quotes' : 'Unexpected character in JSON';
    case E.InvalidNumberFormat:
      return 'Invalid number in JSON';
    case E.PropertyNameExpected:
      return 'Expected a double-quoted property name';
    case E.ValueExpected:
      return c === undefined ? 'Unexpected end of JSON' : 'Expected a JSON value';
    case E.ColonExpected:
      return "Expected ':' after the property name";
    case E.CommaExpected:
      return `Expected ',' or '${e.close ?? '}'}'`;
    case E.CloseBraceExpected:
      return "Expected '}': the object is not closed";
    case E.CloseBracketExpected:
      return "Expected ']': the array is not closed";
    case E.EndOfFileExpected:
      return 'Unexpected text after the JSON value';
    case E.UnexpectedEndOfString:
      return 'Unterminated JSON string';
    case E.InvalidEscapeCharacter:
      return 'Invalid escape in a JSON string';
    case E.InvalidUnicode:
      return 'Invalid \\u escape in a JSON string';
    case E.InvalidCharacter:
      return 'Control characters must be escaped in a JSON string';
    default:
      return 'Invalid JSON';
  }
}
