// YAML and JSON text → located tree, plus the syntax problems found on the way. YAML goes through the
// fast path or the yaml library, read as CloudFormation reads it; JSON through jsonc-parser
// (json-parse.ts). Both keep exact ranges and report duplicate keys the same way. CloudFormation
// short-form tags become their long form here, once, so no rule ever sees a tag.

import type { Document } from 'yaml';
import { yaml } from './yaml-lib.js';
import type { Node as YNode, Scalar as YScalar, YAMLMap, YAMLSeq, Alias } from 'yaml';
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './tree.js';
import { cfnTagNames } from './cfn-tags.js';
import { duplicateKey, plainValue, shortForm } from './yaml-values.js';
import { parseJson } from './json-parse.js';
import { parseFastYaml } from './fast-yaml.js';
import { parseRecovering, type Recovered } from './recovery.js';
import { foldQuoted } from './quoted-recovery.js';
import { flowEnd } from './flow-extent.js';
import { isolateSyntaxErrors, type BrokenPiece } from './isolate.js';

// Declared to the parser so that it neither warns about them nor builds an error object per tag (a
// template holds thousands); the conversion below reads the tag off each node.
const CFN_TAGS = cfnTagNames().flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const, resolve: <T>(s: T) => s },
  { tag, collection: 'map' as const, resolve: <T>(m: T) => m },
]);

export interface SyntaxProblem {
  /** 'undeclared': a Terraform reference to a variable, local value, resource, data source or module call the module does not declare. */
  /** 'alias': a YAML alias or merge key, which CloudFormation rejects and `aws cloudformation package` resolves. */
  code: 'syntax' | 'duplicate-key' | 'tab' | 'unknown-tag' | 'too-large' | 'undeclared' | 'alias';
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
  /**
   * The text breaks the format's rules but its meaning is not in doubt (a trailing comma or a comment
   * in JSON, a missing comma between two values): the tree is exact, and the rest of it is checked.
   */
  recovered?: boolean;
  /**
   * What CloudFormation reads all the same in a template, and IAM does not in a policy (a trailing comma
   * in JSON): no finding in a template, an error in a policy (json-parse.ts).
   */
  cloudFormationAccepts?: boolean;
  /** The finding's data, for its quick fix (an undeclared Terraform reference: the declared name it most likely means). */
  data?: Record<string, unknown>;
}

export interface ParsedDocument {
  root: Node | null;
  problems: SyntaxProblem[];
  /**
   * Set when the text has syntax errors but was cut into pieces around them (isolate.ts): the pieces
   * that did not parse, each in the tree as its key with a null value. Unset with syntax errors: the
   * tree is whatever the parser recovered, not to be judged.
   */
  broken?: BrokenPiece[];
}

/**
 * The first problem that leaves the tree a guess (a syntax error or a tab the parser could not read
 * past); a recovered one (a trailing comma in JSON) leaves the tree exact and does not count.
 */
export function treeBrokenBy(problems: readonly SyntaxProblem[]): SyntaxProblem | undefined {
  return problems.find((p) => (p.code === 'syntax' || p.code === 'tab') && !p.recovered);
}

/** The logical size one document may expand to through aliases before we stop following them. */
const MAX_EXPANDED_NODES = 200_000;
/** Deeper than any real template; keeps recursion far from the stack limit. */
const MAX_DEPTH = 500;

/** `json`: the text must be strict JSON (a .json file, a policy string); anything YAML forgives is reported. */
export function parseText(text: string, options: { json?: boolean } = {}): ParsedDocument {
  if (options.json) return parseJson(text);
  const lines = withLoneCrAsLf(text);
  return isolateSyntaxErrors(lines, parseYamlWhole(lines), parseYamlWhole);
}

const LONE_CR = /\r(?!\n)/g;

/**
 * A lone CR ends a line in YAML (an old Mac file; PyYAML and libyaml read it so), where the yaml
 * library and the fast path see none: it is read as LF, one character for one, so every offset holds.
 */
export function withLoneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(LONE_CR, '\n') : text;
}

/** YAML through the fast path, else the library: the whole text, syntax errors as the library reports them. */
export function parseYamlWhole(text: string): ParsedDocument {
  return parseFastYaml(text) || parseWithYamlLibrary(text);
}

/** The whole of YAML, with the yaml library's error reports; what the fast path hands over to. */
export function parseWithYamlLibrary(text: string): ParsedDocument {
  const problems: SyntaxProblem[] = [];
  let doc: Document.Parsed;
  let recovered: Recovered;
  // Duplicate keys are found during conversion, in linear time (the parser's own check is quadratic).
  const parseOptions = { prettyErrors: false, uniqueKeys: false, strict: false, customTags: CFN_TAGS };
  try {
    // YAML is read as CloudFormation reads it where YAML 1.2 is stricter (recovery.ts).
    recovered = parseRecovering(text, parseOptions);
    doc = recovered.doc;
  } catch (err) {
    // The parser recurses; absurd nesting can exhaust the stack. Report it instead of crashing.
    problems.push({ code: 'too-large', severity: 'error', start: 0, end: Math.min(text.length, 1), message: `Could not parse the document: ${errorText(err)}` });
    return { root: null, problems };
  }
  problems.push(...libraryProblems(doc, text));
  for (const graft of recovered.grafts.values()) problems.push(...libraryProblems(graft, text));
  const converter = new Converter(text, doc, problems, recovered);
  let root: Node | null = null;
  try {
    root = converter.convert(doc.contents as YNode | null, 0);
  } catch (err) {
    problems.push({ code: 'too-large', severity: 'error', start: 0, end: Math.min(text.length, 1), message: `Could not analyse the document: ${errorText(err)}` });
  }
  return { root, problems };
}

function aliasWarning(node: Alias, start: number, end: number): SyntaxProblem {
  return { code: 'alias', severity: 'warning', start, end, message: `YAML alias *${node.source}: CloudFormation rejects aliases ("YAML aliases are not allowed in CloudFormation templates"); deploy through \`aws cloudformation package\` or \`sam deploy\`, which expand them, or write the value out` };
}

class Converter {
  private readonly done = new Map<YNode, Node>();
  private readonly sizes = new Map<Node, number>();
  private expanded = 0;
  private aliasLimitReported = false;
  private depthReported = false;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly problems: SyntaxProblem[],
    /** The parts read as CloudFormation reads them where YAML 1.2 is stricter. */
    private readonly recovered: Recovered,
    /** The offset of the flow collection this converter's document was grafted from. */
    private readonly graftRoot = -1,
  ) {}

  convert(node: YNode | null, depth: number): Node | null {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        const [start] = rangeOf(node);
        this.problems.push({ code: 'too-large', severity: 'error', start, end: start + 1, message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed` });
      }
      return null;
    }
    if (yaml().isAlias(node)) return this.alias(node, depth);
    const cached = this.done.get(node);
    if (cached) return cached;
    const plain = this.untagged(node, depth);
    if (!plain) return null;
    const tag = (node as { tag?: string }).tag;
    const result = tag && !tag.startsWith('tag:yaml.org') ? this.tagged(tag, plain) : plain;
    this.done.set(node, result);
    return result;
  }

  // Aliases share the anchored subtree instead of copying it; what they would expand to is counted
  // so that an alias bomb ends with a finding rather than an exponential walk in every rule.
  private alias(node: Alias, depth: number, merged = false): Node | null {
    const target = node.resolve(this.doc);
    const [start, end] = rangeOf(node);
    if (!merged && target) this.problems.push(aliasWarning(node, start, end));
    if (!target) {
      this.problems.push({ code: 'syntax', severity: 'error', start, end, message: `Unknown alias *${node.source}` });
      return null;
    }
    const converted = this.convert(target as YNode, depth);
    if (!converted) return null;
    this.expanded += this.sizeOf(converted);
    if (this.expanded > MAX_EXPANDED_NODES) {
      if (!this.aliasLimitReported) {
        this.aliasLimitReported = true;
        this.problems.push({ code: 'too-large', severity: 'error', start, end, message: `Aliases expand this document beyond ${MAX_EXPANDED_NODES} nodes; the rest of the aliases are not followed` });
      }
      return null;
    }
    return converted;
  }

  private sizeOf(node: Node): number {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    let size = 1;
    if (node.kind === 'seq') for (const i of node.items) size += this.sizeOf(i);
    else if (node.kind === 'map') for (const p of node.pairs) size += 1 + (p.value ? this.sizeOf(p.value) : 0);
    size = Math.min(size, MAX_EXPANDED_NODES + 1);
    this.sizes.set(node, size);
    return size;
  }

  private untagged(node: YNode, depth: number): Node | null {
    const [start, rawEnd] = rangeOf(node);
    // Block collections end after their last line break; a finding on them should not.
    let end = rawEnd;
    while (end > start && isSpace(this.text.charCodeAt(end - 1))) end--;
    if (yaml().isScalar(node)) return this.scalar(node, start, end);
    const graft = this.recovered.grafts.get(start);
    if (graft && start !== this.graftRoot && (node as YAMLMap | YAMLSeq).flow) return new Converter(this.text, graft, this.problems, this.recovered, start).convert(graft.contents as YNode | null, depth);
    if (yaml().isMap(node)) {
      const map = node as YAMLMap;
      const out: MapNode = { kind: 'map', pairs: [], start, end, flow: Boolean(map.flow) };
      this.done.set(node, out);
      const seen = new Set<string>();
      // Merge keys (`<<: *base`), as YAML 1.1 and PyYAML read them: the keys written here win, then the
      // merged mappings in the order listed. Each merged pair keeps its node where the anchor wrote it.
      const merges: { at: number; pairs: Pair[] }[] = [];
      for (const item of map.items) {
        if (!yaml().isPair(item)) continue;
        if (isMergeKey(item.key)) {
          const pairs = this.mergeSource(item.key as YScalar, item.value as YNode | null, depth + 1);
          if (pairs) merges.push({ at: out.pairs.length, pairs });
          continue;
        }
        const key = this.key(item.key as YNode | null, start);
        const name = String(key.value);
        if (seen.has(name)) this.problems.push(duplicateKey(this.text, key));
        seen.add(name);
        const value = this.convert(item.value as YNode | null, depth + 1);
        if (map.flow) this.plainIndicator(item.key as YNode | null), this.plainIndicator(item.value as YNode | null);
        out.pairs.push({ key, value } satisfies Pair);
        // A grafted flow collection reaches past its placeholder (recovery.ts): so does its parent.
        if (value && value.end > out.end) out.end = value.end;
      }
      for (const m of merges.reverse()) {
        const fresh = m.pairs.filter((p) => !seen.has(String(p.key.value)));
        for (const p of fresh) seen.add(String(p.key.value));
        out.pairs.splice(m.at, 0, ...fresh);
      }
      return out;
    }
    if (yaml().isSeq(node)) {
      const seq = node as YAMLSeq;
      const out: SeqNode = { kind: 'seq', items: [], start, end, flow: Boolean(seq.flow) };
      this.done.set(node, out);
      for (const item of seq.items) {
        const converted = this.convert(item as YNode, depth + 1);
        if (seq.flow) this.plainIndicator(item as YNode);
        if (converted) out.items.push(converted);
        if (converted && converted.end > out.end) out.end = converted.end;
      }
      return out;
    }
    return null;
  }

  /**
   * Inside { } or [ ], YAML 1.1 (PyYAML, and CloudFormation's reader with it) does not let a plain value begin
   * with `:` or `?` (`{ DestinationIpv6CidrBlock: ::/0 }`), where YAML 1.2, this library's, does: the
   * template would be rejected at deploy time, so it is a syntax error here too. (In a block mapping
   * `::/0` is a plain value in both.)
   */
  private plainIndicator(node: YNode | null): void {
    if (!node || !yaml().isScalar(node) || (node as YScalar).type !== 'PLAIN') return;
    const [start, end] = rangeOf(node);
    const c = this.text[start];
    if (c !== ':' && c !== '?') return;
    const value = this.text.slice(start, end);
    this.problems.push({ code: 'syntax', severity: 'error', start, end: Math.max(end, start + 1), message: `Inside { } or [ ], a plain value cannot begin with "${c}" in the YAML CloudFormation reads (YAML 1.1): quote it ('${value}')`, data: { quote: value } });
  }

  /** The pairs a merge key brings in (earlier mappings of a list win), or undefined when its value is not mappings. */
  private mergeSource(key: YScalar, value: YNode | null, depth: number): Pair[] | undefined {
    const [kStart, kEnd] = rangeOf(key);
    this.problems.push({ code: 'alias', severity: 'warning', start: kStart, end: kEnd, message: 'YAML merge key <<: CloudFormation rejects merge keys; deploy through `aws cloudformation package` or `sam deploy`, which expand them, or write the keys out' });
    const sources = value && yaml().isSeq(value) ? (value as YAMLSeq).items as YNode[] : [value];
    const out: Pair[] = [];
    const taken = new Set<string>();
    for (const source of sources) {
      // PyYAML merges mapping nodes only, by their pairs: a tag on the mapping is not applied, a tagged scalar is no mapping.
      const target = source && yaml().isAlias(source) ? (source.resolve(this.doc) as YNode | undefined) : source;
      const tagged = Boolean((target as { tag?: string } | null | undefined)?.tag && !(target as { tag: string }).tag.startsWith('tag:yaml.org'));
      const merged = !target || !yaml().isMap(target) ? null : tagged ? this.pairsOfTagged(target, depth) : source && yaml().isAlias(source) ? this.alias(source, depth, true) : this.convert(source, depth);
      if (!merged || merged.kind !== 'map') {
        const [inner, end] = source ? rangeOf(source) : [kStart, kEnd];
        // A tagged value (`!Ref X`) starts at its tag.
        const tag = (source as { tag?: string } | null)?.tag;
        const start = tag && !tag.startsWith('tag:yaml.org') && this.text.lastIndexOf(tag, inner) > kEnd ? this.text.lastIndexOf(tag, inner) : inner;
        this.problems.push({ code: 'syntax', severity: 'error', start, end: Math.max(end, start + 1), message: 'A merge key (<<) takes a mapping or a list of mappings' });
        return undefined;
      }
      for (const p of merged.pairs) {
        const name = String(p.key.value);
        if (taken.has(name)) continue;
        taken.add(name);
        out.push(p);
      }
    }
    return out;
  }

  /** A tagged mapping read without its tag, leaving the tagged conversion the one aliases share. */
  private pairsOfTagged(node: YNode, depth: number): Node | null {
    const shared = this.done.get(node);
    const plain = this.untagged(node, depth);
    if (shared) this.done.set(node, shared);
    else this.done.delete(node);
    return plain;
  }

  /** A key is a name: a plain `on:` or `0755:` is the text as written, not YAML's true or 493. */
  private keyName(node: YScalar, start: number, end: number): string {
    return node.type === 'PLAIN' ? this.text.slice(start, end) : String(node.value);
  }

  private scalar(node: YScalar, start: number, end: number): ScalarNode {
    const recovered = this.recovered.values.get(start);
    if (recovered !== undefined) return { kind: 'scalar', value: recovered, start, end, style: styleOf(node.type) };
    const tag = (node as { tag?: string }).tag;
    const v = node.type === 'PLAIN' && (!tag || !tag.startsWith('tag:yaml.org')) ? plainValue(String(node.source), Boolean(tag)) : node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    return { kind: 'scalar', value, start, end, style: styleOf(node.type) };
  }

  private key(node: YNode | null, fallback: number): ScalarNode {
    if (node && yaml().isScalar(node)) {
      const [start, end] = rangeOf(node);
      return { kind: 'scalar', start, end, style: styleOf(node.type), value: this.keyName(node, start, end) };
    }
    // `*name :` — PyYAML and libyaml read the name the alias stands for; an alias like any other.
    const target = node && yaml().isAlias(node) ? node.resolve(this.doc) : undefined;
    if (node && target && yaml().isScalar(target)) {
      const [start, end] = rangeOf(node);
      this.problems.push(aliasWarning(node as Alias, start, end));
      const [tStart, tEnd] = rangeOf(target);
      return { kind: 'scalar', start, end, style: styleOf(target.type), value: this.keyName(target, tStart, tEnd) };
    }
    const [start, end] = node ? rangeOf(node) : [fallback, fallback];
    this.problems.push({ code: 'syntax', severity: 'error', start, end: Math.max(end, start + 1), message: 'Only plain keys are allowed in a CloudFormation template' });
    return { kind: 'scalar', value: '', start, end, style: 'plain' };
  }

  private tagged(tag: string, inner: Node): Node {
    const node = shortForm(this.text, tag, inner);
    if (node) return node;
    const tagStart = this.text.lastIndexOf(tag, inner.start);
    const start = tagStart >= 0 ? tagStart : inner.start;
    this.problems.push({ code: 'unknown-tag', severity: 'error', start, end: start + tag.length, message: `Unknown tag ${tag}: CloudFormation accepts only its own short forms such as !Ref and !Sub` });
    return inner;
  }
}

function libraryProblems(doc: Document.Parsed, text: string): SyntaxProblem[] {
  return doc.errors.map((e) => {
    // Errors at the very end point one past it; keep every range inside the text.
    const start = Math.min(e.pos[0], text.length);
    const end = Math.min(Math.max(e.pos[1], start + 1), text.length);
    const message = firstLine(e.message);
    // The library turns a stack overflow in deep nesting into an error of the text: it is its size.
    if (/Maximum call stack/.test(message)) return { code: 'too-large', severity: 'error', start, end, message: `Nesting too deep to parse` } satisfies SyntaxProblem;
    const code = e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : e.code === 'TAB_AS_INDENT' ? 'tab' : 'syntax';
    // The library's own words name its API; CloudFormation (PyYAML) reads one document and rejects a second.
    if (e.code === 'MULTIPLE_DOCS') return { code, severity: 'error', start, end, message: 'A template is one YAML document, but a second one starts here; CloudFormation rejects the template' } satisfies SyntaxProblem;
    // The library reports a quote that never closes where the text ends; its root is the opening quote.
    const quote = /^Missing closing (['"])quote/.exec(message)?.[1];
    const open = quote ? openingQuote(text, start, quote) : undefined;
    if (open !== undefined) return { code, severity: 'error', start: open, end: open + 1, message: `${message}: the string opened here never ends` } satisfies SyntaxProblem;
    // An unclosed bracket is reported where the collection should have ended; its root is the bracket.
    const flow = /^Flow (sequence|map) in block collection must be sufficiently indented and end with a ([\]}])/.exec(message);
    const bracket = flow ? openingBracket(text, start, flow[2] === ']' ? '[' : '{') : undefined;
    if (bracket !== undefined) return { code, severity: 'error', start: bracket, end: bracket + 1, message: `Unclosed ${text[bracket]}: the flow ${flow![1]} opened here never ends with ${flow![2]}` } satisfies SyntaxProblem;
    return { code, severity: 'error', start, end, message } satisfies SyntaxProblem;
  });
}

function openingBracket(text: string, before: number, open: string): number | undefined {
  return searchBack(text, before, open, (q) => flowEnd(text, q) === undefined);
}

function openingQuote(text: string, before: number, quote: string): number | undefined {
  return searchBack(text, before, quote, (q) => !foldQuoted(text, q));
}

/** The nearest `ch` before `before` that opens a value (after a space, bracket, comma or colon) and `unclosed` accepts. */
function searchBack(text: string, before: number, ch: string, unclosed: (q: number) => boolean): number | undefined {
  // lastIndexOf(x, -1) searches from 0 again: stop after offset 0, or a text that opens with `ch` loops forever.
  for (let q = text.lastIndexOf(ch, before - 1); q >= 0 && before - q < 100_000; q = q > 0 ? text.lastIndexOf(ch, q - 1) : -1) {
    if (/[\s[{,:]/.test(text[q - 1] ?? ' ') && unclosed(q)) return q;
  }
  return undefined;
}

/** A plain `<<` key: YAML 1.1's merge key (a quoted '<<' is an ordinary key). */
function isMergeKey(key: unknown): boolean {
  return yaml().isScalar(key) && (key as YScalar).type === 'PLAIN' && (key as YScalar).source === '<<';
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function styleOf(type: string | undefined): ScalarNode['style'] {
  switch (type) {
    case 'QUOTE_SINGLE': return 'single';
    case 'QUOTE_DOUBLE': return 'double';
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': return 'block';
    default: return 'plain';
  }
}

function rangeOf(node: YNode | Alias): [number, number] {
  const r = (node as { range?: [number, number, number] }).range;
  return r ? [r[0], r[1]] : [0, 0];
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function errorText(err: unknown): string {
  if (err instanceof RangeError) return 'it nests too deeply';
  return err instanceof Error ? err.message : String(err);
}
