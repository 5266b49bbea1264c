// Terraform's JSON syntax (`*.tf.json`, what cdktf and other generators write), read into the same HCL
// syntax tree (hcl-ast.ts) as a `.tf` file, so lowering, rules, trace and map read it unchanged. JSON is
// parsed by jsonc-parser (offsets of every value); a string where Terraform evaluates an expression is
// a string template, parsed by the tree-sitter grammar (hcl.ts) with its offsets mapped back to the JSON
// text through the string's escapes, so a finding points at the characters written.
// The rules: https://developer.hashicorp.com/terraform/language/syntax/json
//  - the root object's properties are top-level block types, each label one more level of objects (an
//    array of objects at any level for several blocks), then the body object (null: an empty body); the
//    root may also be an array of such objects (terraform validate takes both);
//  - an object value naming a key twice is an error ("Duplicate object attribute"), as is an argument set twice;
//  - `"//"` properties are comments in block bodies and at the root (not in expression objects);
//  - strings are templates (`"${aws_vpc.main.id}"` alone is that value, not a string); numbers, bools,
//    null literals; arrays tuples; objects objects;
//  - block-type-specific exceptions: `provider`, `depends_on`, `ignore_changes` take references written as
//    strings; `variable` arguments (default, description), `output` description/sensitive, module
//    source/version, provider alias/version, every `terraform` setting and a connection's `type` are literal.
// Whether a body's property is an argument or a nested block Terraform learns from the provider's schema;
// the adapter knows the nested blocks it reads (NESTED), every other property is an argument.

import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { SyntaxProblem } from '../document/parse.js';
import type { Attribute, Block, Body, Expr, Located, TemplatePart } from './hcl-ast.js';
import { parseHcl, type HclFile } from './hcl.js';
import { literalExpr } from './tfvars-json.js';

/** Labels of each top-level block type (https://developer.hashicorp.com/terraform/language/syntax/configuration). */
const TOP_LABELS: Record<string, number> = { resource: 2, data: 2, ephemeral: 2, module: 1, variable: 1, output: 1, provider: 1, check: 1, locals: 0, terraform: 0, moved: 0, import: 0, removed: 0 };

/** Nested block types the adapter reads (their labels), by the block type whose body holds them ('*': any). */
const NESTED: Record<string, Record<string, number>> = {
  '*': { lifecycle: 0, provisioner: 1, connection: 0, dynamic: 1, timeouts: 0, statement: 0, filter: 0, dns_options: 0, subnet_configuration: 0, vpc_config: 0, network_configuration: 0, precondition: 0, postcondition: 0, vpc: 0, alias: 0 },
  statement: { principals: 0, not_principals: 0, condition: 0 },
  content: { principals: 0, not_principals: 0, condition: 0 },
  dynamic: { content: 0 },
  variable: { validation: 0 },
  check: { assert: 0, data: 2 },
  terraform: { backend: 1, cloud: 0, required_providers: 0 },
};

// Arguments in list form the adapter also reads as blocks when a single object is given (attributes as blocks).
const ATTRIBUTE_BLOCKS = new Set(['ingress', 'egress', 'route']);

/** How a property's value is read: an expression, a literal value, or references written as strings. */
type Mode = 'expr' | 'literal' | 'reference' | 'references';

function modeOf(block: string, name: string, inLiteral: boolean): Mode {
  if (inLiteral || block === 'terraform' || block === 'variable') return name === 'type' && block === 'variable' ? 'reference' : 'literal';
  if (block === 'output' && (name === 'description' || name === 'sensitive')) return 'literal';
  if (block === 'module' && (name === 'source' || name === 'version')) return 'literal';
  if (block === 'provider' && (name === 'alias' || name === 'version')) return 'literal';
  if (block === 'connection' && name === 'type') return 'literal';
  if (name === 'provider') return 'reference';
  if (name === 'depends_on') return 'references';
  if (block === 'lifecycle' && name === 'ignore_changes') return 'references';
  return 'expr';
}

/** A `.tf.json` file's text → its body, offsets `base` + offsets in `text`. */
export function parseTfJson(text: string, base = 0): HclFile {
  const problems: SyntaxProblem[] = [];
  const deep = tooDeep(text);
  if (deep !== undefined) {
    problems.push({ code: 'syntax', severity: 'error', start: base + deep, end: base + deep + 1, message: `Terraform JSON: nested more than ${MAX_DEPTH} levels deep here, more than is read; the file is not checked.` });
    return { body: { attributes: [], blocks: [] }, problems };
  }
  const errors: ParseError[] = [];
  const root = parseStrict(text, errors);
  const first = errorRange(text, errors);
  if (first) problems.push({ code: 'syntax', severity: 'error', start: base + first.start, end: base + first.end, message: `Terraform JSON syntax error: ${jsonError(errors[0]!)}.` });
  const body: Body = { attributes: [], blocks: [] };
  if (!root) return { body, problems };
  if (LONE_SURROGATE_ESCAPE.test(text)) wellFormed(root);
  const r = new Reader(text, base, problems);
  // The root is an object, or an array of objects read one after the other (terraform validate takes
  // `[{"locals": ...}, {"locals": ...}]`, and refuses any other element: "Incorrect JSON value type").
  const roots = root.type === 'array' ? (root.children ?? []) : [root];
  for (const o of roots) {
    if (o.type !== 'object') {
      r.problem(o, 'Terraform JSON syntax error: the root of a .tf.json file must be a JSON object whose properties are block types (resource, variable, ...), or an array of such objects.');
      continue;
    }
    for (const p of props(o)) {
      const labels = TOP_LABELS[p.name];
      if (labels === undefined) {
        r.problem(p.key, `Unsupported block type: blocks of type "${p.name}" are not expected here.`);
        continue;
      }
      if (p.name === 'locals') body.blocks.push(...r.locals(p.key, p.value));
      else body.blocks.push(...r.blocks(p.name, p.key, p.value, labels, []));
    }
  }
  r.resolve();
  return { body, problems };
}

// A `\uD800`-`\uDFFF` escape: jsonc-parser decodes one alone as a lone surrogate, where Terraform (Go's
// encoding/json) reads U+FFFD (`"\ud83d"` is "\uFFFD" in terraform console; a pair is its one character).
const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Every string of the tree (values and keys) with each lone surrogate as U+FFFD (one unit for one: offsets stay). */
function wellFormed(n: JsonNode): void {
  if (n.type === 'string' && typeof n.value === 'string') (n as { value: unknown }).value = n.value.replace(LONE_SURROGATE, '\ufffd');
  for (const c of n.children ?? []) wellFormed(c);
}

// Terraform reads strict JSON: no comments, no trailing commas.
function parseStrict(text: string, errors: ParseError[]): JsonNode | undefined {
  return parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
}

/** The first error only, as Terraform's parser stops there (the parser's later ones are mostly its echoes); at the end of the text (a missing brace), on the last character. */
function errorRange(text: string, errors: readonly ParseError[]): { start: number; end: number } | undefined {
  const e = errors[0];
  if (!e) return undefined;
  const start = Math.min(e.offset, Math.max(0, text.length - 1));
  return { start, end: Math.max(start + 1, Math.min(text.length, e.offset + e.length)) };
}

/** Where a .tf.json text's JSON syntax error is (the one VPCE0001 finding it makes), if it has one. */
export function jsonSyntaxError(text: string): { start: number; end: number } | undefined {
  if (tooDeep(text) !== undefined) return undefined;
  const errors: ParseError[] = [];
  parseStrict(text, errors);
  return errorRange(text, errors);
}

interface Prop {
  name: string;
  key: JsonNode;
  value: JsonNode;
  /** The property: key, colon and value. */
  node: JsonNode;
}

/** An object's properties, comments (`"//"`) left out. */
function props(o: JsonNode, comments = false): Prop[] {
  const out: Prop[] = [];
  for (const p of o.children ?? []) {
    const [key, value] = p.children ?? [];
    if (key?.type !== 'string' || !value) continue;
    const name = String(key.value);
    if (name === '//' && !comments) continue;
    out.push({ name, key, value, node: p });
  }
  return out;
}

function jsonError(e: ParseError): string {
  const what = printParseErrorCode(e.error);
  // 'CommaExpected' → 'comma expected'
  return what.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

class Reader {
  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly problems: SyntaxProblem[],
  ) {}

  at(n: JsonNode): Located {
    return { start: this.base + n.offset, end: this.base + n.offset + n.length };
  }

  problem(n: JsonNode | Located, message: string): void {
    const at = 'offset' in n ? this.at(n) : n;
    this.problems.push({ code: 'syntax', severity: 'error', start: at.start, end: Math.max(at.end, at.start + 1), message });
  }

  /**
   * The blocks of `type` one property's value gives: `labels` more levels of objects keyed by label (or
   * arrays of such objects), then the body object (or an array of bodies).
   */
  blocks(type: string, typeKey: JsonNode, value: JsonNode, labels: number, got: Block['labels'], lastKey?: JsonNode): Block[] {
    if (value.type === 'array') return (value.children ?? []).flatMap((el) => (el.type === 'object' || el.type === 'null' ? this.blocks(type, typeKey, el, labels, got, lastKey ?? el) : (this.wrongType(type, el), [])));
    // null where the body is: an empty body (terraform validate takes `{"variable": {"x": null}}`, and
    // `[null]` there, as one block); where a label is still to come, no block ("Missing block label").
    if (value.type === 'null' && labels === got.length) return [{ type, typeAt: this.at(got.length ? lastKey! : typeKey), labels: got, body: { attributes: [], blocks: [] }, start: this.base + (got.length ? lastKey! : (lastKey ?? typeKey)).offset, end: this.base + value.offset + value.length }];
    if (value.type === 'null') return this.problem(value, `Missing block label: a "${type}" block needs ${labels} label${labels === 1 ? '' : 's'} (a JSON object keyed by each) before its body.`), [];
    if (value.type !== 'object') return this.wrongType(type, value), [];
    if (labels > got.length) {
      return props(value).flatMap((p) => this.blocks(type, typeKey, p.value, labels, [...got, { value: p.name, ...this.at(p.key) }], p.key));
    }
    // A labelled block is found by its last label (its name), where the header of a .tf block is.
    const head = got.length ? lastKey! : (lastKey ?? typeKey);
    const typeAt = got.length ? this.at(lastKey!) : this.at(typeKey);
    return [{ type, typeAt, labels: got, body: this.body(type, value, false), start: this.base + head.offset, end: this.base + value.offset + value.length }];
  }

  private wrongType(type: string, n: JsonNode): void {
    this.problem(n, `Incorrect JSON value type: either a JSON object or a JSON array of objects is required, representing the contents of one or more "${type}" blocks.`);
  }

  /** `"locals": { "name": expr, ... }` (or an array of such objects): one locals block each. */
  locals(typeKey: JsonNode, value: JsonNode): Block[] {
    if (value.type === 'array') return (value.children ?? []).flatMap((el) => (el.type === 'object' ? this.locals(typeKey, el) : (this.wrongType('locals', el), [])));
    // `"locals": null` declares nothing (terraform validate takes it; `[null]` it refuses, as above).
    if (value.type === 'null') return [];
    if (value.type !== 'object') return this.wrongType('locals', value), [];
    const attributes = props(value).map((p) => this.attribute('locals', p, false));
    this.duplicates(attributes);
    return [{ type: 'locals', typeAt: this.at(typeKey), labels: [], body: { attributes, blocks: [] }, start: this.base + typeKey.offset, end: this.base + value.offset + value.length }];
  }

  body(type: string, o: JsonNode, inLiteral: boolean): Body {
    const out: Body = { attributes: [], blocks: [] };
    const literal = inLiteral || type === 'terraform';
    for (const p of props(o)) {
      const labels = NESTED[type]?.[p.name] ?? (type !== 'terraform' && !literal ? NESTED['*']![p.name] : undefined);
      const objects = p.value.type === 'object' || (p.value.type === 'array' && (p.value.children ?? []).length > 0 && p.value.children!.every((c) => c.type === 'object'));
      const attributeBlock = ATTRIBUTE_BLOCKS.has(p.name) && p.value.type === 'object' && type !== 'locals';
      if ((labels !== undefined && objects) || attributeBlock) out.blocks.push(...this.blocks(p.name, p.key, p.value, labels ?? 0, []));
      else out.attributes.push(this.attribute(type, p, literal));
    }
    this.duplicates(out.attributes);
    return out;
  }

  /** Terraform: "Duplicate argument: The argument "x" was already set at ... Each argument may be set only once." */
  private duplicates(attributes: Attribute[]): void {
    const seen = new Map<string, Attribute>();
    for (const a of attributes) {
      const first = seen.get(a.name);
      if (first) this.problem(a.nameAt, `Duplicate argument: the argument "${a.name}" was already set; each argument may be set only once.`);
      else seen.set(a.name, a);
    }
  }

  private attribute(type: string, p: Prop, inLiteral: boolean): Attribute {
    const mode = modeOf(type, p.name, inLiteral);
    const value = this.value(p.value, mode, type === 'module' && p.name === 'providers');
    return { name: p.name, nameAt: { start: this.base + p.key.offset + 1, end: this.base + p.key.offset + p.key.length - 1 }, value, start: this.base + p.node.offset, end: this.base + p.node.offset + p.node.length };
  }

  /**
   * Terraform: "Duplicate object attribute" where an object value (an expression's or a literal's) names a key
   * twice: HCL's JSON reader refuses it, where the native syntax keeps the last. Keys written alike only (a
   * computed key that evaluates to another's is not looked for).
   */
  private duplicateKeys(n: JsonNode): void {
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const p of n.children ?? []) {
        const key = p.children?.[0];
        if (key?.type !== 'string') continue;
        const name = String(key.value);
        if (seen.has(name)) this.problem(key, `Duplicate object attribute: the attribute ${JSON.stringify(name)} was already defined in this object.`);
        seen.add(name);
      }
    }
    if (n.type === 'object' || n.type === 'array') for (const c of n.children ?? []) this.duplicateKeys(c.type === 'property' ? c.children?.[1] ?? c : c);
  }

  private value(n: JsonNode, mode: Mode, providers = false): Expr {
    if (n.type === 'object' || n.type === 'array') this.duplicateKeys(n);
    return this.valueOf(n, mode, providers);
  }

  private valueOf(n: JsonNode, mode: Mode, providers = false): Expr {
    if (mode === 'literal') return literalExpr(n, this.base);
    if (mode === 'references' && n.type === 'array') return { k: 'tuple', items: (n.children ?? []).map((c) => this.valueOf(c, 'reference')), ...this.at(n) };
    if ((mode === 'reference' || mode === 'references') && n.type === 'string') return this.reference(n);
    switch (n.type) {
      case 'string':
        return this.template(n);
      case 'array':
        return { k: 'tuple', items: (n.children ?? []).map((c) => this.valueOf(c, 'expr')), ...this.at(n) };
      case 'object':
        return {
          k: 'object',
          // An expression object's `"//"` is an attribute like any other (the docs' Comment Properties).
          items: props(n, true).map((p) => {
            // A module's `providers = { aws = aws.west }`: both sides are provider addresses written as strings.
            const key = providers ? this.reference(p.key) : this.template(p.key);
            const item = { key, name: nameOf(key), value: providers ? this.valueOf(p.value, 'reference') : this.valueOf(p.value, 'expr'), start: this.base + p.node.offset, end: this.base + p.node.offset + p.node.length };
            // A key still to be parsed (resolve) is named once it is.
            if (this.later_.has(key)) this.named.push(() => (item.name = nameOf(key)));
            return item;
          }),
          ...this.at(n),
        };
      default:
        return literalExpr(n, this.base);
    }
  }

  /** A string where an expression is evaluated: a string template (literal text unless it has `${` or `%{`). */
  private template(n: JsonNode): Expr {
    const value = String(n.value);
    const at = this.at(n);
    if (!/[$%]\{/.test(value)) return { k: 'literal', value, quoted: true, ...at };
    return this.later(n, true);
  }

  /** A string holding a reference or keyword (`"aws.west"`, `"aws_vpc.main"`, `"all"`): parsed as an expression. */
  private reference(n: JsonNode): Expr {
    return this.later(n, false);
  }

  readonly pending: Pending[] = [];
  private readonly later_ = new Set<Expr>();
  readonly named: (() => void)[] = [];

  /** A stand-in for the string's expression, filled by resolve(). */
  private later(n: JsonNode, template: boolean): Expr {
    const out = { k: 'other', what: String(n.value), ...this.at(n) } as Expr;
    this.pending.push({ n, template, out });
    this.later_.add(out);
    return out;
  }

  /**
   * Parses every string's expression: all in one text for the grammar (one parse, not one per string),
   * each a heredoc (a template: a heredoc's text has no escapes of its own, as a JSON string's decoded
   * value is — HCL's JSON spec parses the value as a template) or an expression. Where that text has a
   * syntax error, each string is parsed on its own, so an error is its string's and spoils no other.
   */
  resolve(): void {
    if (this.pending.length === 0) return;
    let marker = 'EOT';
    while (this.pending.some((p) => String(p.n.value).includes(marker))) marker += '_';
    const pieces = this.pending.map((p, i) => piece(`a${i}`, String(p.n.value), p.template, marker));
    const batch = parseHcl(pieces.map((x) => x.src).join(''), 0);
    const attrs = batch.body.attributes;
    const whole = batch.problems.length === 0 && attrs.length === pieces.length;
    let at = 0;
    this.pending.forEach((p, i) => {
      const one = whole ? { e: attrs[i]!.value, problems: [], start: at + pieces[i]!.prefix } : this.alone(p, marker);
      at += pieces[i]!.src.length;
      fill(p.out, this.finish(p, one.e, one.problems, one.start));
    });
    for (const f of this.named) f();
  }

  private alone(p: Pending, marker: string): { e: Expr | undefined; problems: SyntaxProblem[]; start: number } {
    const x = piece('x', String(p.n.value), p.template, marker);
    const parsed = parseHcl(x.src, 0);
    return { e: parsed.body.attributes[0]?.value, problems: parsed.problems, start: x.prefix };
  }

  /** The string's expression, its offsets (from `start` in the parsed text) moved into the JSON text through its escapes. */
  private finish(p: Pending, e: Expr | undefined, problems: readonly SyntaxProblem[], start: number): Expr {
    const n = p.n;
    const value = String(n.value);
    const at = this.at(n);
    // Without escapes (the string as long as its value) each character is where it is written.
    const offsets = n.length - 2 === value.length ? undefined : decodedOffsets(this.text.slice(n.offset + 1, n.offset + n.length - 1), value.length);
    const map = (q: number) => {
      const d = Math.min(Math.max(q - start, 0), value.length);
      return at.start + 1 + (offsets ? offsets[d]! : d);
    };
    for (const problem of problems.slice(0, 5)) {
      const from = map(problem.start);
      this.problems.push({ ...problem, start: from, end: Math.max(from + 1, map(problem.end)), message: problem.message.replace(/^Terraform syntax error/, 'Terraform syntax error in a JSON string') });
    }
    if (!e || problems.length) return { k: 'other', what: value, ...at };
    remap(e, map);
    if (!p.template) {
      // An expression is the whole string, quotes and all, as a finding on it should underline.
      if (e.start <= at.start + 1 && e.end >= at.end - 1) Object.assign(e, at);
      return e;
    }
    if (e.k !== 'template') return { k: 'other', what: value, ...at };
    const end = at.end - 1;
    const parts = e.parts.flatMap((x): TemplatePart[] => {
      if (!('lit' in x)) return [x];
      // The heredoc's last line break is the wrapper's, not the string's.
      const lit = x.end >= end && x.lit.endsWith('\n') ? x.lit.slice(0, -1) : x.lit;
      return lit ? [{ ...x, lit }] : [];
    });
    // A template of one interpolation and nothing else is that expression's value, not a string (the docs'
    // Expression Mapping): read as the expression itself, as the native syntax writes it, so what looks at
    // an argument's form (`vpc_id = aws_vpc.main.id`, a reference) sees the same in both syntaxes.
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only && 'expr' in only) return only.expr;
    return { k: 'template', parts, heredoc: false, ...at };
  }
}

interface Pending {
  n: JsonNode;
  /** A string template, or an expression (a reference) written as a string. */
  template: boolean;
  /** The stand-in the body holds until resolve() fills it. */
  out: Expr;
}

/** One string as an HCL attribute: its text, and where its value starts in it. */
function piece(name: string, value: string, template: boolean, marker: string): { src: string; prefix: number } {
  const head = template ? `${name} = <<${marker}\n` : `${name} = `;
  return { src: template ? `${head}${value}\n${marker}\n` : `${head}${value}\n`, prefix: head.length };
}

/** Makes the stand-in `out` the expression `e` (the body already holds `out`). */
function fill(out: Expr, e: Expr): void {
  for (const k of Object.keys(out)) delete (out as unknown as Record<string, unknown>)[k];
  Object.assign(out, e);
}

function nameOf(key: Expr): string | undefined {
  return key.k === 'literal' && typeof key.value === 'string' ? key.value : key.k === 'traversal' && key.steps.length === 0 ? key.root : undefined;
}

// Deeper than this (nesting no configuration needs) the file is not read: the parser and the readers recurse.
const MAX_DEPTH = 300;

/** The offset of the first bracket that opens past MAX_DEPTH levels, outside strings; undefined if none. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}

/**
 * For each UTF-16 unit of a JSON string's decoded value, its offset in the raw text between the quotes
 * (one more entry: the end). An escape (`\n`, `\"`, `\u0041`) is one unit written in several characters.
 */
function decodedOffsets(raw: string, length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < raw.length; ) {
    out.push(i);
    i += raw[i] === '\\' ? (raw[i + 1] === 'u' ? 6 : 2) : 1;
  }
  out.push(raw.length);
  // Not one unit per entry (a broken escape): every offset falls back to the string's start and end.
  if (out.length !== length + 1) return Array.from({ length: length + 1 }, (_, i) => (i === 0 ? 0 : raw.length));
  return out;
}

/** Moves every `start`/`end` of an expression tree (offsets in the parsed text) into the JSON text. */
function remap(e: Expr, map: (p: number) => number): void {
  const at = (x: Located) => {
    x.start = map(x.start);
    x.end = map(x.end);
  };
  at(e);
  switch (e.k) {
    case 'template':
      for (const p of e.parts) 'expr' in p ? remap(p.expr, map) : at(p);
      return;
    case 'tuple':
      for (const i of e.items) remap(i, map);
      return;
    case 'object':
      for (const i of e.items) {
        at(i);
        remap(i.key, map);
        remap(i.value, map);
      }
      return;
    case 'postfix':
      remap(e.base, map);
      for (const st of e.steps) {
        at(st);
        if ('index' in st) remap(st.index, map);
      }
      return;
    case 'traversal':
      for (const st of e.steps) {
        at(st);
        if ('index' in st) remap(st.index, map);
      }
      return;
    case 'call':
    case 'op':
      for (const x of e.args) remap(x, map);
      return;
    case 'cond':
      for (const x of [e.test, e.then, e.else]) remap(x, map);
      return;
    case 'for':
      for (const x of [e.coll, e.key, e.value, e.cond]) if (x) remap(x, map);
      return;
    case 'literal':
    case 'other':
      return;
  }
}
