// The yaml library reads YAML 1.2 strictly; CloudFormation reads templates as YAML 1.1 parsers do
// (PyYAML, which cfn-lint uses). Two shapes that deploy break the library, each into a cascade of
// errors on valid lines below:
//   - a multi-line quoted scalar whose continuation lines sit at or below its key's indentation
//     (quoted-recovery.ts): the library ends it at the first such line;
//   - a flow collection whose lines or closing bracket sit there (flow-extent.ts): YAML 1.2 wants
//     every line of it indented deeper than its parent; PyYAML ignores indentation inside brackets.
// Each is read the way PyYAML reads it, keeping every offset. The library reads a copy of the text in
// which each such part is blanked to the same length (a quoted scalar's line breaks become spaces, a
// flow collection becomes `[]` or `{}` padded with spaces): every other node stays where it was. A
// quoted scalar's value is then folded as PyYAML folds it; a flow collection is parsed on its own, at
// its own offsets, where no indentation constrains it, and grafted in place of its placeholder.

import type { Document, ParseOptions, DocumentOptions, SchemaOptions } from 'yaml';
import { yaml } from './yaml-lib.js';
import { foldQuoted } from './quoted-recovery.js';
import { flowEnd } from './flow-extent.js';

export interface Recovered {
  doc: Document.Parsed;
  /** Quoted scalars read to their closing quote: their values, by the offset of the opening quote. */
  values: Map<number, string>;
  /** Flow collections read on their own: their documents, by the offset of the opening bracket. */
  grafts: Map<number, Document.Parsed>;
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** Beyond this many recovered parts the text is left to the library's own errors. */
const MAX_RECOVERIES = 300;
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);
const FLOW_INDENT = /^Flow (?:sequence|map) in block collection must be sufficiently indented/;

/** The library's document of `text`, with the parts YAML 1.2 reads differently from CloudFormation recovered. */
export function parseRecovering(text: string, options: Options): Recovered {
  const values = new Map<number, string>();
  const spans = new Map<number, number>();
  let current = text;
  for (let n = 0; ; n++) {
    const scan = scanTokens(current, text);
    let at = scan.cut;
    let doc: Document.Parsed | undefined;
    if (at === undefined) {
      doc = yaml().parseDocument(current, options);
      // The lexer lets a closing bracket at the parent's column pass; the composer then rejects it.
      const e = doc.errors.find((err) => err.code === 'BAD_INDENT' && FLOW_INDENT.test(err.message));
      if (e) at = { kind: 'flow', start: enclosingFlow(scan.flowStarts, e.pos[0]) };
    }
    if (at === undefined || at.start === undefined || n >= MAX_RECOVERIES) return { doc: doc ?? yaml().parseDocument(current, options), values, grafts: graft(text, spans, options) };
    const next = at.kind === 'quoted' ? recoverQuoted(text, current, at.start, values) : recoverFlow(text, current, at.start, spans);
    if (next === undefined) return { doc: doc ?? yaml().parseDocument(current, options), values, grafts: graft(text, spans, options) };
    current = next;
  }
}

interface Scan {
  /** The first place where the lexer reads the text otherwise than PyYAML. */
  cut?: { kind: 'quoted' | 'flow'; start: number | undefined };
  /** Offsets of the flow collections that open in block context. */
  flowStarts: number[];
}

// Lexes the text as the library will. What the lexer makes of the text after the first difference is
// noise, so each pass fixes one part and the next pass lexes again.
function scanTokens(current: string, original: string): Scan {
  const flowStarts: number[] = [];
  let offset = 0;
  let level = 0;
  for (const token of new (yaml().Lexer)().lex(current)) {
    if (token === '\x18') {
      // The lexer left a flow collection at an under-indented line.
      return { cut: { kind: 'flow', start: flowStarts[flowStarts.length - 1] }, flowStarts };
    }
    if (CONTROL_TOKENS.has(token)) continue;
    const c = token[0];
    if (token === '[' || token === '{') {
      if (level === 0) flowStarts.push(offset);
      level++;
    } else if (token === ']' || token === '}') level = Math.max(0, level - 1);
    else if ((c === '"' || c === "'") && current[offset] === c) {
      const folded = foldQuoted(original, offset);
      if (folded && folded.end !== offset + token.length) return { cut: { kind: 'quoted', start: offset }, flowStarts };
    }
    offset += token.length;
  }
  return { flowStarts };
}

function enclosingFlow(starts: number[], pos: number): number | undefined {
  let found: number | undefined;
  for (const s of starts) if (s <= pos) found = s;
  return found;
}

function recoverQuoted(original: string, current: string, start: number, values: Map<number, string>): string | undefined {
  const folded = foldQuoted(original, start);
  if (!folded || isImplicitKey(original, folded.end)) return undefined;
  values.set(start, folded.value);
  return current.slice(0, start) + current.slice(start, folded.end).replace(/[\r\n]/g, ' ') + current.slice(folded.end);
}

function recoverFlow(original: string, current: string, start: number, spans: Map<number, number>): string | undefined {
  if (spans.has(start)) return undefined;
  const end = flowEnd(original, start);
  if (end === undefined || isImplicitKey(original, end)) return undefined;
  spans.set(start, end);
  const inner = original.slice(start + 1, end - 1).replace(/[^\r\n]/g, ' ');
  return current.slice(0, start) + original[start] + original[end - 1] + inner + current.slice(end);
}

// `'a\n b': x` or `[a,\n b]: x` is a multi-line implicit key, an error for PyYAML too.
function isImplicitKey(text: string, end: number): boolean {
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ':' && /[\s,\]}]/.test(text[i + 1] ?? ' ');
}

// Each recovered flow collection parsed alone at its own offsets: spaces before it (so that its
// first line keeps its column), nothing after.
function graft(text: string, spans: Map<number, number>, options: Options): Map<number, Document.Parsed> {
  const out = new Map<number, Document.Parsed>();
  for (const [start, end] of spans) out.set(start, yaml().parseDocument(' '.repeat(start) + text.slice(start, end), options));
  return out;
}
