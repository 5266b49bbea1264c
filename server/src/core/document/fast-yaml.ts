// A fast path for the YAML templates are written in: block mappings and sequences, plain, quoted and
// block scalars, flow collections, comments and CloudFormation's short-form tags. It builds the
// engine's tree straight from the text in one pass, where the yaml library makes three (tokens, a
// concrete tree, a document) before ours is built from its result. That difference is most of a cold
// CLI run: the CLI parses each template once, before V8 has compiled or warmed anything.
//
// It accepts only what it reads exactly as the yaml library does. Anything else (anchors, aliases,
// multi-line quoted scalars, explicit keys, tabs, CR line ends, a second document, any syntax error)
// makes it give up, and the caller parses with the yaml library, which knows all of YAML and reports
// errors. Tests hold the two trees equal on every template we have and on thousands of mutated ones.

import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './tree.js';
import type { ParsedDocument, SyntaxProblem } from './parse.js';
import { duplicateKey, plainValue, shortForm } from './yaml-values.js';

/** Thrown to leave the fast path; never escapes this module. */
class GiveUp {}
const GIVE_UP = new GiveUp();

// Characters the fast path does not handle at all; their presence sends the text to the yaml library.
const UNSUPPORTED = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\ufeff]|^(?:%|\.\.\.)/m;
/** A plain `<<` key: YAML 1.1's merge key, which the yaml library path merges (parse.ts). */
const MERGE_KEY = /(?:^|[\s{,])<<[ ]*:/;
/** A document start marker; only the one before the first content is taken. */
const DOCUMENT_START = /^---(?:[ \n]|$)/gm;
/** Far deeper than a template nests; deeper text goes to the full parser, which reports it. */
const MAX_DEPTH = 100;
/** YAML's limit on an implicit key's length. */
const MAX_KEY = 1024;

const NL = 10, SPACE = 32, HASH = 35, COLON = 58, DASH = 45, COMMA = 44, QUOTE = 34, APOS = 39, BANG = 33;
const LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125, PIPE = 124, GT = 62;

/** The tree of a plain template, or undefined when the text needs the full YAML parser. */
export function parseFastYaml(text: string): ParsedDocument | undefined {
  if (UNSUPPORTED.test(text) || (text.includes('<<') && MERGE_KEY.test(text))) return undefined;
  try {
    return new FastYaml(text).document();
  } catch (e) {
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}

class FastYaml {
  private pos = 0;
  /** End of the last line's content, a trailing comment included: where a block collection ends. */
  private tail = 0;
  private depth = 0;
  /** Column of the block collection that closed last, or -1: the last entry's value was none. */
  private closedCol = -1;
  private readonly len: number;
  private readonly problems: SyntaxProblem[] = [];

  constructor(private readonly text: string) {
    this.len = text.length;
  }

  document(): ParsedDocument {
    this.skipBlankLines();
    if (this.startsWith('---')) {
      this.pos += 3;
      this.endLine();
      this.skipBlankLines();
    }
    // A second marker starts a second document (or ends a block scalar, a plain scalar...): all of that
    // is the yaml library's business.
    DOCUMENT_START.lastIndex = this.pos;
    if (DOCUMENT_START.test(this.text)) throw GIVE_UP;
    if (this.pos >= this.len) throw GIVE_UP;
    const indent = this.indentAt(this.pos);
    this.pos += indent;
    if (!this.startsKey()) throw GIVE_UP;
    const root = this.blockMap(indent);
    this.skipBlankLines();
    if (this.pos < this.len) throw GIVE_UP;
    return { root, problems: this.problems };
  }

  // ---- block structure ----

  /** A node that starts at `pos`, column `col`, inside a block indented `parent`. */
  private blockNode(col: number, parent: number): Node {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    const c = this.code(this.pos);
    let node: Node;
    if (c === DASH && this.blankOrEnd(this.pos + 1)) node = this.blockSeq(col);
    else if (this.startsKey()) node = this.blockMap(col);
    else node = this.inlineValue(parent, false);
    this.depth--;
    return node;
  }

  private blockMap(col: number): MapNode {
    const map: MapNode = { kind: 'map', pairs: [], start: this.pos, end: this.pos, flow: false };
    const seen = new Set<string>();
    for (;;) {
      const key = this.key();
      const name = key.value as string;
      if (seen.has(name)) this.problems.push(duplicateKey(this.text, key));
      seen.add(name);
      this.closedCol = -1;
      map.pairs.push({ key, value: this.mapValue(col) } satisfies Pair);
      map.end = this.tail;
      if (!this.nextLineAt(col)) break;
      if (this.code(this.pos) === DASH && this.blankOrEnd(this.pos + 1)) throw GIVE_UP;
      if (!this.startsKey()) throw GIVE_UP;
    }
    map.end = this.trailingComments(col, false);
    this.closedCol = col;
    return map;
  }

  private blockSeq(col: number): SeqNode {
    const seq: SeqNode = { kind: 'seq', items: [], start: this.pos, end: this.pos, flow: false };
    for (;;) {
      this.pos++;
      this.closedCol = -1;
      this.skipSpaces();
      if (this.atLineEnd()) {
        this.endLine();
        this.skipBlankLines();
        const indent = this.pos < this.len ? this.indentAt(this.pos) : -1;
        if (indent <= col) throw GIVE_UP;
        this.pos += indent;
        seq.items.push(this.blockNode(indent, col));
      } else {
        seq.items.push(this.blockNode(this.column(this.pos), col));
      }
      seq.end = this.tail;
      if (!this.nextLineAt(col)) break;
      // At the sequence's column, a line that is no item belongs to the mapping that holds it.
      if (this.code(this.pos) !== DASH || !this.blankOrEnd(this.pos + 1)) {
        this.pos -= col;
        break;
      }
    }
    seq.end = this.trailingComments(col, true);
    this.closedCol = col;
    return seq;
  }

  /**
   * Where a block collection at column `col` ends: the yaml library counts some of the comment lines
   * after its last entry as its own. Measured against it: after a scalar, a mapping takes the comments
   * indented deeper than its column; after a nested collection, a comment indented exactly as that
   * collection. A comment indented no deeper than `col` ends the search. What we could not pin down
   * (a sequence after a scalar, a run of such comments) goes to the full parser.
   */
  private trailingComments(col: number, seq: boolean): number {
    const text = this.text;
    const inner = this.closedCol;
    let p = Math.min(nextNewline(text, this.tail) + 1, this.len);
    let taken = false;
    while (p < this.len) {
      const indent = this.indentAt(p);
      const c = text.charCodeAt(p + indent);
      if (p + indent >= this.len || c === NL) {
        p += indent + 1;
        continue;
      }
      if (c !== HASH) break;
      // After a comment it took, the library may take the next ones whatever their indentation.
      if (taken) throw GIVE_UP;
      if (indent <= col || (inner >= 0 && indent < inner)) {
        this.noDeeperComment(p, col);
        break;
      }
      if (inner < 0) {
        if (seq) throw GIVE_UP;
      } else if (indent > inner) throw GIVE_UP;
      else taken = true;
      const eol = nextNewline(text, p);
      let e = eol;
      while (text.charCodeAt(e - 1) === SPACE) e--;
      this.tail = e;
      p = eol + 1;
    }
    return this.tail;
  }

  /**
   * A comment indented deeper than `col` further down the same run of comment lines makes the library
   * count the whole run up to it as the collection's; we do not follow it there.
   */
  private noDeeperComment(from: number, col: number): void {
    const text = this.text;
    let p = Math.min(nextNewline(text, from) + 1, this.len);
    while (p < this.len) {
      const indent = this.indentAt(p);
      const c = text.charCodeAt(p + indent);
      if (p + indent < this.len && c !== NL) {
        if (c !== HASH) return;
        if (indent > col) throw GIVE_UP;
      }
      p = Math.min(nextNewline(text, p) + 1, this.len);
    }
  }

  /**
   * After a block node: skips blank and comment lines and, when the next line is indented `col`,
   * moves to its first character and says so. A line indented less ends the block; one indented more
   * is an error the yaml library must report.
   */
  private nextLineAt(col: number): boolean {
    this.skipBlankLines();
    if (this.pos >= this.len) return false;
    const indent = this.indentAt(this.pos);
    if (indent < col) return false;
    if (indent > col) throw GIVE_UP;
    this.pos += indent;
    return true;
  }

  /** The value after `key:`, in a mapping at column `col`. */
  private mapValue(col: number): Node {
    const afterColon = this.pos;
    this.skipSpaces();
    if (!this.atLineEnd()) return this.inlineValue(col, false);
    const empty = this.pos;
    this.pos = afterColon;
    this.endLine();
    const keyLineTail = this.tail;
    this.skipBlankLines();
    if (this.pos < this.len) {
      const indent = this.indentAt(this.pos);
      const first = this.pos + indent;
      if (indent > col || (indent === col && this.code(first) === DASH && this.blankOrEnd(first + 1))) {
        this.pos = first;
        return this.blockNode(indent, col);
      }
    }
    // The comment lines under a key with no value belong to that entry, however indented.
    this.tail = Math.max(keyLineTail, this.lastCommentBefore(this.pos));
    return { kind: 'scalar', value: null, start: empty, end: empty, style: 'plain' };
  }

  /** A value that starts on the current line (a scalar, a flow collection, a tagged node). */
  private inlineValue(parent: number, tagged: boolean): Node {
    const c = this.code(this.pos);
    switch (c) {
      case BANG:
        if (tagged) throw GIVE_UP;
        return this.taggedNode(parent);
      case PIPE:
      case GT:
        return this.blockScalar(parent, c === PIPE);
      case LBRACKET:
      case LBRACE: {
        const node = this.flowNode(parent);
        this.endLine();
        return node;
      }
      case QUOTE:
      case APOS: {
        const node = this.quoted();
        this.endLine();
        return node;
      }
      default:
        if (!startsPlain(c, this.code(this.pos + 1))) throw GIVE_UP;
        return this.plainScalar(parent, tagged);
    }
  }

  private taggedNode(parent: number): Node {
    const start = this.pos;
    let i = start + 1;
    while (isTagChar(this.code(i))) i++;
    if (i === start + 1) throw GIVE_UP;
    const tag = this.text.slice(start, i);
    this.pos = i;
    let inner: Node;
    if (this.code(i) === SPACE) {
      this.skipSpaces();
      if (this.atLineEnd()) inner = this.taggedBlock(parent, i);
      else inner = this.inlineValue(parent, true);
    } else if (i >= this.len || this.code(i) === NL) inner = this.taggedBlock(parent, i);
    else throw GIVE_UP;
    const node = shortForm(this.text, tag, inner);
    if (!node) throw GIVE_UP;
    return node;
  }

  /**
   * `!Join` at a line's end: its value is the block below, indented more than `parent`; with no such
   * block (`!GetAZs` alone), an empty string where the line's spaces end.
   */
  private taggedBlock(parent: number, tagEnd: number): Node {
    const empty = this.pos;
    this.endLine();
    const tail = this.tail === empty ? tagEnd : this.tail;
    this.skipBlankLines();
    const indent = this.pos < this.len ? this.indentAt(this.pos) : -1;
    if (indent <= parent) {
      if (this.lastCommentBefore(this.pos) > tail) throw GIVE_UP;
      // The empty value sits after the tag's space (`!Ref ` at a line's end): a collection the tagged
      // node ends takes its end there, as the library's does (found by the seeded mutation test).
      this.tail = Math.max(tail, empty);
      return { kind: 'scalar', value: '', start: empty, end: empty, style: 'plain' };
    }
    this.pos += indent;
    const c = this.code(this.pos);
    if (c === BANG || c === PIPE || c === GT) throw GIVE_UP;
    return this.blockNode(indent, parent);
  }

  // ---- keys and scalars ----

  /** Whether the line from `pos` on is `key: ...`. */
  private startsKey(): boolean {
    const c = this.code(this.pos);
    if (c === QUOTE || c === APOS) {
      const close = this.quoteEnd(this.pos);
      if (close < 0) return false;
      let i = close;
      while (this.code(i) === SPACE) i++;
      return this.code(i) === COLON && this.blankOrEnd(i + 1);
    }
    if (!startsPlain(c, this.code(this.pos + 1))) return false;
    const text = this.text;
    for (let i = this.pos + 1; i < this.len; i++) {
      const ch = text.charCodeAt(i);
      if (ch === NL) return false;
      if (ch === COLON && this.blankOrEnd(i + 1)) return true;
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) return false;
    }
    return false;
  }

  /** The key at `pos` (startsKey said there is one); leaves `pos` after its colon. */
  private key(): ScalarNode {
    const start = this.pos;
    const c = this.code(start);
    let key: ScalarNode;
    if (c === QUOTE || c === APOS) {
      key = this.quoted();
    } else {
      let i = start;
      while (!(this.code(i) === COLON && this.blankOrEnd(i + 1))) i++;
      let end = i;
      while (this.code(end - 1) === SPACE) end--;
      // A key is a name: a plain `on:` or `0755:` is the text as written.
      key = { kind: 'scalar', value: this.text.slice(start, end), start, end, style: 'plain' };
      this.pos = i;
    }
    if (key.end - start > MAX_KEY) throw GIVE_UP;
    this.skipSpaces();
    if (this.code(this.pos) !== COLON) throw GIVE_UP;
    this.pos++;
    return key;
  }

  /** A plain scalar in block context, folded over the lines that continue it. */
  private plainScalar(parent: number, tagged: boolean): ScalarNode {
    const text = this.text;
    const start = this.pos;
    let end = this.plainLineEnd(start);
    let value = text.slice(start, end);
    this.pos = end;
    this.endLine();
    let tail = this.tail;
    // Continuation lines are indented more than the parent block; a comment ends the scalar.
    let breaks = 0;
    while (tail === end && this.pos < this.len) {
      const lineStart = this.pos;
      const indent = this.indentAt(lineStart);
      const first = lineStart + indent;
      const c = this.code(first);
      if (first >= this.len || c === NL) {
        breaks++;
        this.pos = Math.min(first + 1, this.len);
        continue;
      }
      if (indent <= parent || c === HASH) {
        this.pos = lineStart;
        break;
      }
      if (!startsPlain(c, this.code(first + 1)) || c === DASH || c === COLON || c === 63) throw GIVE_UP;
      const lineEnd = this.plainLineEnd(first);
      value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
      value += text.slice(first, lineEnd);
      end = lineEnd;
      breaks = 0;
      this.pos = lineEnd;
      this.endLine();
      tail = this.tail;
    }
    this.tail = tail;
    return { kind: 'scalar', value: plainValue(value, tagged), start, end, style: 'plain' };
  }

  /** Where a plain scalar's text on this line ends (before trailing spaces or a comment). */
  private plainLineEnd(from: number): number {
    const text = this.text;
    let i = from;
    let end = from;
    for (; i < this.len; i++) {
      const c = text.charCodeAt(i);
      if (c === NL) break;
      if (c === SPACE) continue;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) break;
      // `a: b` in a value is a mapping YAML does not allow here: the yaml library reports it.
      if (c === COLON && this.blankOrEnd(i + 1)) throw GIVE_UP;
      end = i + 1;
    }
    return end;
  }

  private quoted(): ScalarNode {
    const start = this.pos;
    const double = this.code(start) === QUOTE;
    const close = this.quoteEnd(start);
    if (close < 0) throw GIVE_UP;
    const value = double ? this.doubleQuoted(start + 1, close - 1) : this.text.slice(start + 1, close - 1).replace(/''/g, "'");
    this.pos = close;
    return { kind: 'scalar', value, start, end: close, style: double ? 'double' : 'single' };
  }

  /** Just past the quote that closes the one at `start` on the same line, or -1. */
  private quoteEnd(start: number): number {
    const text = this.text;
    const q = text.charCodeAt(start);
    for (let i = start + 1; i < this.len; i++) {
      const c = text.charCodeAt(i);
      if (c === NL) return -1;
      if (q === QUOTE) {
        if (c === 92) {
          if (text.charCodeAt(i + 1) === NL) return -1;
          i++;
        }
        else if (c === QUOTE) return i + 1;
      } else if (c === APOS) {
        if (text.charCodeAt(i + 1) === APOS) i++;
        else return i + 1;
      }
    }
    return -1;
  }

  private doubleQuoted(from: number, to: number): string {
    const text = this.text;
    let out = '';
    let run = from;
    for (let i = from; i < to; i++) {
      if (text.charCodeAt(i) !== 92) continue;
      out += text.slice(run, i);
      const e = text[i + 1]!;
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i++;
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = text.slice(i + 2, i + 2 + n);
        if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex) || i + 2 + n > to) throw GIVE_UP;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw GIVE_UP;
        out += String.fromCodePoint(code);
        i += 1 + n;
      } else throw GIVE_UP;
      run = i + 1;
    }
    return out + text.slice(run, to);
  }

  /** `|` or `>` with an optional chomping indicator; the content is the lines indented past `parent`. */
  private blockScalar(parent: number, literal: boolean): ScalarNode {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    if (this.code(i) === DASH) (chomp = 'strip'), i++;
    else if (this.code(i) === 43) (chomp = 'keep'), i++;
    if (chomp === 'keep' || (this.code(i) !== SPACE && this.code(i) !== NL && i < this.len)) throw GIVE_UP;
    this.pos = i;
    this.skipSpaces();
    if (!this.atLineEnd()) throw GIVE_UP;
    this.skipToNextLine();
    // The first line with text fixes the content's indentation; blank lines before it may not be deeper.
    let indent = -1;
    let maxBlank = 0;
    for (let p = this.pos; p < this.len; ) {
      const n = this.indentAt(p);
      const c = this.code(p + n);
      if (p + n >= this.len || c === NL) {
        maxBlank = Math.max(maxBlank, n);
        p += n + 1;
        continue;
      }
      indent = n;
      break;
    }
    if (indent <= parent || maxBlank > indent) throw GIVE_UP;
    const lines: string[] = [];
    let end = start;
    let p = this.pos;
    let contentEnd = p;
    while (p < this.len) {
      const n = this.indentAt(p);
      const first = p + n;
      const eol = first < this.len ? nextNewline(text, first) : this.len;
      if (first >= this.len || text.charCodeAt(first) === NL) {
        if (n > indent) {
          // Spaces past the indentation are text in a literal scalar; a folded one would fold them.
          if (!literal) throw GIVE_UP;
          lines.push(text.slice(p + indent, eol));
        } else lines.push('');
        p = eol + 1;
        continue;
      }
      if (n < indent) break;
      lines.push(text.slice(p + indent, eol));
      let e = eol;
      while (text.charCodeAt(e - 1) === SPACE) e--;
      end = e;
      p = eol + 1;
      contentEnd = Math.min(p, this.len);
    }
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) throw GIVE_UP;
    let value: string;
    if (literal) value = lines.join('\n');
    else {
      // Lines fold into one with a space; each empty line between them is a line break.
      value = '';
      let started = false;
      let breaks = 0;
      for (const line of lines) {
        if (line === '') {
          breaks++;
          continue;
        }
        if (line.charCodeAt(0) === SPACE) throw GIVE_UP;
        value += started ? (breaks === 0 ? ' ' : '\n'.repeat(breaks)) : '\n'.repeat(breaks);
        value += line;
        started = true;
        breaks = 0;
      }
    }
    if (chomp === 'clip') value += '\n';
    this.pos = contentEnd;
    this.tail = end;
    return { kind: 'scalar', value, start, end, style: 'block' };
  }

  // ---- flow collections ----

  private flowNode(parent: number): Node {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    const c = this.code(this.pos);
    let node: Node;
    if (c === LBRACKET) node = this.flowSeq(parent);
    else if (c === LBRACE) node = this.flowMap(parent);
    else node = this.flowItem(parent);
    this.depth--;
    return node;
  }

  private flowSeq(parent: number): SeqNode {
    const seq: SeqNode = { kind: 'seq', items: [], start: this.pos, end: 0, flow: true };
    this.pos++;
    this.skipFlowSpace(parent);
    if (this.code(this.pos) === RBRACKET) {
      seq.end = ++this.pos;
      return seq;
    }
    for (;;) {
      seq.items.push(this.flowItem(parent));
      this.skipFlowSpace(parent);
      const c = this.code(this.pos);
      if (c === RBRACKET) break;
      if (c !== COMMA) throw GIVE_UP;
      this.pos++;
      this.skipFlowSpace(parent);
      if (this.code(this.pos) === RBRACKET) throw GIVE_UP;
    }
    seq.end = ++this.pos;
    return seq;
  }

  private flowMap(parent: number): MapNode {
    const map: MapNode = { kind: 'map', pairs: [], start: this.pos, end: 0, flow: true };
    const seen = new Set<string>();
    this.pos++;
    this.skipFlowSpace(parent);
    if (this.code(this.pos) === RBRACE) {
      map.end = ++this.pos;
      return map;
    }
    for (;;) {
      const key = this.flowKey();
      const name = key.value as string;
      if (seen.has(name)) this.problems.push(duplicateKey(this.text, key));
      seen.add(name);
      this.skipFlowSpace(parent);
      const v = this.code(this.pos);
      if (v === COMMA || v === RBRACE) throw GIVE_UP;
      map.pairs.push({ key, value: this.flowItem(parent) });
      this.skipFlowSpace(parent);
      const c = this.code(this.pos);
      if (c === RBRACE) break;
      if (c !== COMMA) throw GIVE_UP;
      this.pos++;
      this.skipFlowSpace(parent);
      if (this.code(this.pos) === RBRACE) throw GIVE_UP;
    }
    map.end = ++this.pos;
    return map;
  }

  private flowKey(): ScalarNode {
    const start = this.pos;
    const c = this.code(start);
    let key: ScalarNode;
    if (c === QUOTE || c === APOS) {
      key = this.quoted();
      this.skipSpaces();
      if (this.code(this.pos) !== COLON) throw GIVE_UP;
      this.pos++;
      return key;
    }
    if (!startsPlain(c, this.code(start + 1)) || c === COLON || c === 63) throw GIVE_UP;
    let i = start;
    for (; i < this.len; i++) {
      const ch = this.text.charCodeAt(i);
      if (ch === COLON && (this.code(i + 1) === SPACE || this.code(i + 1) === NL)) break;
      if (ch === NL || ch === COMMA || ch === LBRACKET || ch === RBRACKET || ch === LBRACE || ch === RBRACE || ch === HASH || ch === COLON) throw GIVE_UP;
    }
    let end = i;
    while (this.code(end - 1) === SPACE) end--;
    key = { kind: 'scalar', value: this.text.slice(start, end), start, end, style: 'plain' };
    if (end - start > MAX_KEY) throw GIVE_UP;
    this.pos = i + 1;
    return key;
  }

  private flowItem(parent: number): Node {
    const c = this.code(this.pos);
    if (c === LBRACKET || c === LBRACE) return this.flowNode(parent);
    if (c === QUOTE || c === APOS) return this.quoted();
    if (c === BANG) {
      const start = this.pos;
      let i = start + 1;
      while (isTagChar(this.code(i))) i++;
      if (i === start + 1 || this.code(i) !== SPACE) throw GIVE_UP;
      const tag = this.text.slice(start, i);
      this.pos = i;
      this.skipSpaces();
      const n = this.code(this.pos);
      if (n === BANG || n === NL || n === HASH || n === COMMA || n === RBRACKET || n === RBRACE) throw GIVE_UP;
      const inner = n === LBRACKET || n === LBRACE || n === QUOTE || n === APOS ? this.flowItem(parent) : this.flowPlain(true);
      const node = shortForm(this.text, tag, inner);
      if (!node) throw GIVE_UP;
      return node;
    }
    return this.flowPlain(false);
  }

  /** A plain scalar inside a flow collection: one line, ended by `,`, a bracket, `: ` or a comment. */
  private flowPlain(tagged: boolean): ScalarNode {
    const text = this.text;
    const start = this.pos;
    const c = this.code(start);
    // A plain value beginning with `:` or `?` inside { } or [ ] is a YAML 1.1 error: the library path reports it (parse.ts).
    if (!startsPlain(c, this.code(start + 1)) || c === COMMA || c === RBRACKET || c === RBRACE || c === HASH || c === COLON || c === 63) throw GIVE_UP;
    let end = start;
    let i = start;
    for (; i < this.len; i++) {
      const ch = text.charCodeAt(i);
      if (ch === NL || ch === COMMA || ch === RBRACKET || ch === RBRACE || ch === LBRACKET || ch === LBRACE) break;
      if (ch === SPACE) continue;
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (ch === COLON) {
        const n = this.code(i + 1);
        if (n === SPACE || n === NL || n === COMMA || n === RBRACKET || n === RBRACE || n === LBRACKET || n === LBRACE || i + 1 >= this.len) throw GIVE_UP;
      }
      end = i + 1;
    }
    const ch = this.code(i);
    if (ch === LBRACKET || ch === LBRACE) throw GIVE_UP;
    this.pos = end;
    const raw = text.slice(start, end);
    return { kind: 'scalar', value: plainValue(raw, tagged), start, end, style: 'plain' };
  }

  /** Spaces, line breaks and comments between flow items; a line indented no more than `parent` is an error. */
  private skipFlowSpace(parent: number): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === SPACE) this.pos++;
      else if (c === NL) {
        this.pos++;
        const indent = this.indentAt(this.pos);
        const n = this.code(this.pos + indent);
        if (indent <= parent && n !== NL && this.pos + indent < this.len) throw GIVE_UP;
      } else if (c === HASH) {
        const prev = text.charCodeAt(this.pos - 1);
        if (prev !== SPACE && prev !== NL) throw GIVE_UP;
        this.pos = nextNewline(text, this.pos);
      } else if (this.pos >= this.len) throw GIVE_UP;
      else return;
    }
  }

  // ---- lines ----

  /** After a node that ends its line: only spaces and a comment may follow. Moves to the next line. */
  private endLine(): void {
    const nodeEnd = this.pos;
    this.skipSpaces();
    const c = this.code(this.pos);
    if (c === HASH) {
      const before = this.code(this.pos - 1);
      if (before === SPACE || before === NL || this.pos === 0) {
        const eol = nextNewline(this.text, this.pos);
        let e = eol;
        while (this.code(e - 1) === SPACE) e--;
        this.tail = e;
        this.pos = Math.min(eol + 1, this.len);
        return;
      }
      throw GIVE_UP;
    }
    if (this.pos < this.len && c !== NL) throw GIVE_UP;
    this.tail = nodeEnd;
    this.pos = Math.min(this.pos + 1, this.len);
  }

  /** End of the last comment line before `lineStart` (skipped blank and comment lines), or -1. */
  private lastCommentBefore(lineStart: number): number {
    const text = this.text;
    let end = text.charCodeAt(lineStart - 1) === NL ? lineStart - 1 : lineStart;
    while (end > 0) {
      const ls = text.lastIndexOf('\n', end - 1) + 1;
      const first = ls + this.indentAt(ls);
      if (first < end) {
        if (text.charCodeAt(first) !== HASH) return -1;
        while (text.charCodeAt(end - 1) === SPACE) end--;
        return end;
      }
      end = ls - 1;
    }
    return -1;
  }

  private skipToNextLine(): void {
    this.pos = Math.min(nextNewline(this.text, this.pos) + 1, this.len);
  }

  /** From a line's start, past every line that holds only spaces or a comment. */
  private skipBlankLines(): void {
    const text = this.text;
    while (this.pos < this.len) {
      let i = this.pos;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      if (i >= this.len) {
        this.pos = this.len;
        return;
      }
      if (c === NL) this.pos = i + 1;
      else if (c === HASH) this.pos = Math.min(nextNewline(text, i) + 1, this.len);
      else return;
    }
  }

  private skipSpaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
  }

  private atLineEnd(): boolean {
    const c = this.code(this.pos);
    return this.pos >= this.len || c === NL || c === HASH;
  }

  private indentAt(lineStart: number): number {
    let i = lineStart;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i - lineStart;
  }

  private column(pos: number): number {
    return pos - (this.text.lastIndexOf('\n', pos - 1) + 1);
  }

  private blankOrEnd(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return i >= this.len || c === SPACE || c === NL;
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos) && this.blankOrEnd(this.pos + s.length);
  }

  private code(i: number): number {
    return this.text.charCodeAt(i);
  }
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

function nextNewline(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

/** A tag's name characters (CloudFormation's are letters and digits: `!Base64`). */
function isTagChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** Whether a plain scalar may start with `c` (followed by `next`); indicators start other things. */
function startsPlain(c: number, next: number): boolean {
  switch (c) {
    case DASH:
    case COLON:
    case 63: // ?
      return next !== SPACE && next !== NL && next === next; // NaN at the end of the text
    case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE: case HASH: case 38: case 42: case BANG:
    case PIPE: case GT: case APOS: case QUOTE: case 37: case 64: case 96: case SPACE: case NL:
      return false;
    default:
      return c === c; // not NaN: not past the end
  }
}
