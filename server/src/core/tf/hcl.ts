// HCL parsing with positions, by the tree-sitter HCL grammar (@tree-sitter-grammars/tree-sitter-hcl,
// its terraform dialect) run in web-tree-sitter: one WebAssembly build for every platform, the same in
// the CLI, the language server's workers and the extension host. The engine stays pure: the face reads
// the .wasm files and hands their bytes to `loadHcl` once; parsing is then synchronous.
//
// Two builds of the grammar: a fast one (vendor/tree-sitter-hcl: whitespace runs and template text as
// single tokens, not one token a character) and the npm package's own. Their trees are the same for text
// without syntax errors, but on broken text tree-sitter's error recovery weighs the number of tokens
// skipped, so it may recover differently; a text the fast build finds broken is parsed again by the
// npm build, whose tree is then the one read (test/unit/tf/hcl-wasm-parity.test.ts).

import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { SyntaxProblem } from '../document/parse.js';
import type { Body, Block, Expr, Located, Step, TemplatePart } from './hcl-ast.js';
import { cursorExports, KIND_LEAF, KIND_NAMED, KIND_PUNCTUATION, loadFlatWalker, walk, type CursorExports, type FlatWalker, type Walk } from './hcl-cursor.js';

let parser: Parser | undefined;
let exactParser: Parser | undefined;
let kinds: NodeKinds | undefined;
let direct: CursorExports | undefined;
let flat: FlatWalker | undefined;
let loading: Promise<void> | undefined;

export interface HclWasm {
  /** web-tree-sitter's runtime (`web-tree-sitter/tree-sitter.wasm`). */
  runtime: Uint8Array;
  /** The fast grammar (`vendor/tree-sitter-hcl/tree-sitter-terraform-fast.wasm`). */
  grammar: Uint8Array;
  /** The grammar as its npm package builds it (`@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm`): texts with syntax errors. */
  exactGrammar: Uint8Array;
  /** The tree walk (`vendor/tree-sitter-hcl/hcl-walk.wasm`, scripts/hcl-wasm/walk.c). */
  walker: Uint8Array;
}

/** Loads the parser once (later calls share the first load). */
export function loadHcl(wasm: HclWasm): Promise<void> {
  loading ??= (async () => {
    // Emscripten fills the object given to init with the runtime's exports (hcl-cursor.ts reads them).
    const runtime = { wasmBinary: wasm.runtime };
    await Parser.init(runtime as object);
    direct = cursorExports(runtime);
    const language = await Language.load(wasm.grammar);
    const exact = await Language.load(wasm.exactGrammar);
    // The node kinds are read by type id (nodeKinds), so both builds must number the same types alike.
    for (let id = 0; id < Math.max(language.types.length, exact.types.length); id++) {
      if (language.types[id] !== exact.types[id] || language.nodeTypeIsNamed(id) !== exact.nodeTypeIsNamed(id)) throw new Error(`the two Terraform grammars differ at node type ${id}`);
    }
    const p = new Parser();
    p.setLanguage(language);
    const e = new Parser();
    e.setLanguage(exact);
    const k = nodeKinds(language);
    flat = await loadFlatWalker(runtime, direct, wasm.walker, language.types.length, (id) => (k.named(id) ? KIND_NAMED : 0) | (k.leaf(id) ? KIND_LEAF : 0) | (k.punctuation(id) ? KIND_PUNCTUATION : 0));
    kinds = k;
    exactParser = e;
    parser = p;
  })();
  return loading;
}

export function hclLoaded(): boolean {
  return parser !== undefined;
}

/** How trees are read by default: in one WebAssembly call (hcl-cursor.ts's FlatWalker), through the runtime's cursor exports, or TreeCursor's methods. */
export function hclReadsBy(): HclRead {
  return flat ? 'flat' : direct ? 'direct' : 'methods';
}

export type HclRead = 'flat' | 'direct' | 'methods';

/** The grammar's tree as plain data: named nodes only, children in order. */
interface Cst extends Located {
  type: string;
  children: Cst[];
}

export interface HclFile {
  body: Body;
  problems: SyntaxProblem[];
}

/**
 * Parses one file; offsets are `base` + offsets in `text`. `read`: the tree is read in one WebAssembly
 * call where it can, else through the runtime's exports, else TreeCursor's methods (hcl-cursor.ts; the
 * tests compare the three).
 */
export function parseHcl(text: string, base = 0, read: HclRead = 'flat'): HclFile {
  if (!kinds) throw new Error('the Terraform parser is not loaded (loadHcl)');
  const k = kinds;
  const tree = parseHclTree(text);
  try {
    const hasError = tree.rootNode.hasError;
    let root: Cst;
    if (read === 'flat' && flat) root = flat.walk(tree, hasError, (nodes) => cstOf(nodes, k, base));
    else {
      const w = walk(tree, read === 'methods' ? undefined : direct);
      try {
        root = readCst(w, k, base, hasError, w.typeId());
      } finally {
        w.close();
      }
    }
    const problems: SyntaxProblem[] = [];
    if (hasError) collectErrors(tree.rootNode, base, problems);
    const conv = new Converter(text, base);
    const body = root.children.find((c) => c.type === 'body');
    return { body: body ? conv.body(body) : { attributes: [], blocks: [] }, problems };
  } finally {
    tree.delete();
  }
}

/** The grammar's tree of `text`: the fast build's, or the npm build's where the fast one finds errors. The caller deletes it. */
export function parseHclTree(text: string): Tree {
  if (!parser || !exactParser) throw new Error('the Terraform parser is not loaded (loadHcl)');
  let tree = parser.parse(text);
  if (tree?.rootNode.hasError) {
    tree.delete();
    tree = exactParser.parse(text);
  }
  if (!tree) throw new Error('the Terraform parser returned no tree');
  return tree;
}

// Each cursor call crosses into WebAssembly (and marshals the cursor through a shared buffer): read
// only what the converter uses. A node's kind is read as its type id, one call, and looked up in tables
// made once per grammar: its name, whether it is named, whether its text says all (no field names: an
// object element's key and value are its first and second expressions; missing nodes only in a tree
// with errors).
// Nodes whose text says all the converter needs: their children are not read (a third of all nodes).
const LEAVES = new Set(['identifier', 'variable_expr', 'get_attr', 'string_lit', 'numeric_lit', 'bool_lit', 'null_lit', 'template_literal', 'heredoc_identifier', 'comment', 'quoted_template_start', 'quoted_template_end', 'object_start', 'object_end', 'tuple_start', 'tuple_end', 'block_start', 'block_end', 'template_interpolation_start', 'template_interpolation_end', 'heredoc_start']);

// Named punctuation: in a tree without errors not read at all (a seventh of the named nodes); the
// converter never looks at them. A tree with errors keeps them, as it keeps missing tokens.
const PUNCTUATION = new Set(['quoted_template_start', 'quoted_template_end', 'object_start', 'object_end', 'tuple_start', 'tuple_end', 'block_start', 'block_end', 'template_interpolation_start', 'template_interpolation_end', 'heredoc_start']);

/** Per type id of the grammar: its name (web-tree-sitter's, `ERROR` where it has none), named, a leaf, punctuation. */
interface NodeKinds {
  type(id: number): string;
  named(id: number): boolean;
  leaf(id: number): boolean;
  punctuation(id: number): boolean;
}

function nodeKinds(language: Language): NodeKinds {
  const names: string[] = [];
  const named: boolean[] = [];
  const leaf: boolean[] = [];
  const punctuation: boolean[] = [];
  // Ids past the symbol table (the error symbol, 65535) are looked up the first time they are seen.
  const learn = (id: number) => {
    const name = language.types[id] || 'ERROR';
    names[id] = name;
    named[id] = language.nodeTypeIsNamed(id);
    leaf[id] = LEAVES.has(name);
    punctuation[id] = named[id] && PUNCTUATION.has(name);
  };
  for (let id = 0; id < language.types.length; id++) learn(id);
  return {
    type: (id) => names[id] ?? (learn(id), names[id]!),
    named: (id) => named[id] ?? (learn(id), named[id]!),
    leaf: (id) => leaf[id] ?? (learn(id), leaf[id]!),
    punctuation: (id) => punctuation[id] ?? (learn(id), punctuation[id]!),
  };
}

// Deeper than this (nesting no configuration needs) a node is read as an opaque expression, unknown.
const MAX_CST_DEPTH = 300;

// Leaves share one empty list of children (a third of all nodes read).
const NO_CHILDREN: Cst[] = [];

/** The cursor's node (its type id `id`, already read) and, unless its text says all, its named children. */
function readCst(c: Walk, k: NodeKinds, base: number, hasError: boolean, id: number, depth = 0): Cst {
  const deep = depth > MAX_CST_DEPTH;
  const node: Cst = { type: deep ? 'too_deep' : k.type(id), start: c.start() + base, end: c.end() + base, children: NO_CHILDREN };
  if (!deep && !k.leaf(id) && c.firstChild()) {
    const children: Cst[] = [];
    do {
      const child = c.typeId();
      // Punctuation carries nothing the converter needs, except the error and missing markers.
      if (k.named(child) ? hasError || !k.punctuation(child) : hasError && c.missing()) children.push(readCst(c, k, base, hasError, child, depth + 1));
    } while (c.nextSibling());
    c.parent();
    node.children = children;
  }
  return node;
}

/** The tree as walk.c wrote it (hcl-cursor.ts): readCst's nodes, four int32 each, in document order. */
function cstOf(nodes: Int32Array, k: NodeKinds, base: number): Cst {
  let at = 0;
  const node = (): Cst => {
    const id = nodes[at]!;
    const n: Cst = { type: id < 0 ? 'too_deep' : k.type(id), start: nodes[at + 1]! + base, end: nodes[at + 2]! + base, children: NO_CHILDREN };
    let count = nodes[at + 3]!;
    at += 4;
    if (count > 0) {
      const children: Cst[] = [];
      while (count-- > 0) children.push(node());
      n.children = children;
    }
    return n;
  };
  return node();
}

type TsNode = NonNullable<ReturnType<Parser['parse']>>['rootNode'];

function collectErrors(node: TsNode, base: number, out: SyntaxProblem[], depth = 0): void {
  if (out.length >= 20) return;
  if (depth > MAX_CST_DEPTH) {
    out.push({ code: 'syntax', message: 'Terraform syntax error: nested too deeply to read.', start: node.startIndex + base, end: Math.max(node.endIndex, node.startIndex + 1) + base, severity: 'error' });
    return;
  }
  if (node.isMissing || node.type === 'ERROR') {
    const what = node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 30))}`;
    out.push({ code: 'syntax', message: `Terraform syntax error: ${what}.`, start: node.startIndex + base, end: Math.max(node.endIndex, node.startIndex + 1) + base, severity: 'error' });
    if (node.type === 'ERROR') return;
  }
  if (!node.hasError) return;
  for (const child of node.children) if (child) collectErrors(child, base, out, depth + 1);
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

class Converter {
  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {}

  private src(n: Located): string {
    return this.text.slice(n.start - this.base, n.end - this.base);
  }

  body(n: Cst): Body {
    const out: Body = { attributes: [], blocks: [] };
    for (const c of n.children) {
      if (c.type === 'attribute') {
        const [id, expr] = c.children;
        if (id && expr) out.attributes.push({ name: this.src(id), nameAt: { start: id.start, end: id.end }, value: this.expr(expr), start: c.start, end: c.end });
      } else if (c.type === 'block') out.blocks.push(this.block(c));
    }
    return out;
  }

  private block(n: Cst): Block {
    const [id, ...rest] = n.children;
    const labels: Block['labels'] = [];
    let body: Body = { attributes: [], blocks: [] };
    for (const c of rest) {
      if (c.type === 'string_lit') labels.push({ value: this.stringLit(c), start: c.start, end: c.end });
      else if (c.type === 'identifier') labels.push({ value: this.src(c), start: c.start, end: c.end });
      else if (c.type === 'body') body = this.body(c);
    }
    return { type: id ? this.src(id) : '', typeAt: { start: id?.start ?? n.start, end: id?.end ?? n.start }, labels, body, start: n.start, end: n.end };
  }

  /** A literal string (no interpolation: the grammar's string_lit), without its quotes. */
  private stringLit(n: Cst): string {
    return unescape(this.src(n).slice(1, -1));
  }

  expr(n: Cst): Expr {
    const at = { start: n.start, end: n.end };
    if (n.type !== 'expression') return this.term(n, at);
    const [first, ...steps] = n.children;
    if (!first) return { k: 'other', what: '', ...at };
    if (steps.length === 0) return this.term(first, at);
    const out: Step[] = [];
    for (const s of steps) {
      const step = this.step(s);
      if (!step) return { k: 'other', what: this.src(n), ...at };
      out.push(...step);
    }
    if (first.type !== 'variable_expr') return { k: 'postfix', base: this.term(first, { start: first.start, end: first.end }), steps: out, ...at };
    return { k: 'traversal', root: this.src(first), steps: out, ...at };
  }

  private step(s: Cst): Step[] | undefined {
    if (s.type === 'get_attr') return [{ attr: this.src(s).replace(/^\s*\.\s*/, ''), start: s.start, end: s.end }];
    if (s.type === 'index') {
      const inner = s.children[0];
      const e = inner?.children[0];
      if (inner?.type === 'new_index' && e) return [{ index: this.expr(e), start: s.start, end: s.end }];
      // legacy `.0`
      if (inner?.type === 'legacy_index') return [{ index: { k: 'literal', value: Number(this.src(inner).slice(1)), quoted: false, start: inner.start, end: inner.end }, start: s.start, end: s.end }];
      return undefined;
    }
    if (s.type === 'splat') {
      const full = s.children[0];
      const rest = (full?.children ?? []).flatMap((c) => this.step(c) ?? []);
      return [{ splat: true, start: s.start, end: s.start + 3 }, ...rest];
    }
    return undefined;
  }

  private term(n: Cst, at: Located): Expr {
    switch (n.type) {
      case 'expression':
        return this.expr(n);
      case 'literal_value':
        return this.literal(n.children[0], at);
      case 'template_expr':
        return this.template(n.children[0]!, at);
      case 'collection_value': {
        const c = n.children[0]!;
        if (c.type === 'tuple') return { k: 'tuple', items: c.children.filter((x) => x.type === 'expression').map((x) => this.expr(x)), ...at };
        const items = c.children.filter((x) => x.type === 'object_elem' && x.children.length >= 2).map((el) => {
          const [k, v] = el.children.filter((x) => x.type === 'expression');
          const key = this.expr(k ?? el);
          const value = this.expr(v ?? el);
          const name = key.k === 'traversal' && key.steps.length === 0 ? key.root : key.k === 'literal' && typeof key.value === 'string' ? key.value : undefined;
          return { key, name, value, start: el.start, end: el.end };
        });
        return { k: 'object', items, ...at };
      }
      case 'variable_expr':
        return { k: 'traversal', root: this.src(n), steps: [], ...at };
      case 'conditional': {
        const [test, then, other] = n.children.filter((x) => x.type === 'expression');
        if (!test || !then || !other) return { k: 'other', what: this.src(n), ...at };
        return { k: 'cond', test: this.expr(test), then: this.expr(then), else: this.expr(other), ...at };
      }
      case 'operation':
        return n.children[0] ? this.operation(n.children[0], at) : { k: 'other', what: this.src(n), ...at };
      case 'for_expr':
        return n.children[0] ? this.forExpr(n.children[0], at) : { k: 'other', what: this.src(n), ...at };
      case 'function_call': {
        const name = this.src(n.children[0]!);
        const args = n.children.find((x) => x.type === 'function_arguments')?.children.filter((x) => x.type === 'expression').map((x) => this.expr(x)) ?? [];
        return { k: 'call', name, args, ...at };
      }
      default:
        return { k: 'other', what: this.src(n), ...at };
    }
  }

  /**
   * `a == b`, `!a`: the grammar lists an operation's operands flat (a traversal's steps follow its
   * root), the operator between them unnamed; an operand starts at each node that is not a step.
   */
  private operation(n: Cst, at: Located): Expr {
    const operands: Cst[][] = [];
    for (const c of n.children) {
      if (c.type === 'get_attr' || c.type === 'index' || c.type === 'splat') operands[operands.length - 1]?.push(c);
      else operands.push([c]);
    }
    const want = n.type === 'unary_operation' ? 1 : 2;
    if (operands.length !== want || operands.some((o) => o.length === 0)) return { k: 'other', what: this.src(n), ...at };
    const args = operands.map((o) => this.expr({ type: 'expression', children: o, start: o[0]!.start, end: o[o.length - 1]!.end }));
    // Parentheses around an operand are not part of the operator.
    const between = want === 1 ? this.text.slice(n.start - this.base, operands[0]![0]!.start - this.base) : this.text.slice(args[0]!.end - this.base, args[1]!.start - this.base);
    const op = between.replace(/[()\s]/g, '');
    return { k: 'op', op, args, ...at };
  }

  private forExpr(n: Cst, at: Located): Expr {
    const intro = n.children.find((c) => c.type === 'for_intro');
    const names = intro?.children.filter((c) => c.type === 'identifier').map((c) => this.src(c)) ?? [];
    const coll = intro?.children.find((c) => c.type === 'expression');
    const exprs = n.children.filter((c) => c.type === 'expression');
    const cond = n.children.find((c) => c.type === 'for_cond')?.children.find((c) => c.type === 'expression');
    const object = n.type === 'for_object_expr';
    if (!coll || names.length < 1 || names.length > 2 || exprs.length !== (object ? 2 : 1)) return { k: 'other', what: this.src(n), ...at };
    return {
      k: 'for',
      keyVar: names.length === 2 ? names[0] : undefined,
      valueVar: names[names.length - 1]!,
      coll: this.expr(coll),
      key: object ? this.expr(exprs[0]!) : undefined,
      value: this.expr(exprs[exprs.length - 1]!),
      cond: cond ? this.expr(cond) : undefined,
      group: n.children.some((c) => c.type === 'ellipsis'),
      ...at,
    };
  }

  private literal(n: Cst | undefined, at: Located): Expr {
    const raw = n ? this.src(n) : '';
    if (n?.type === 'numeric_lit') return { k: 'literal', value: Number(raw), quoted: false, ...at };
    if (n?.type === 'bool_lit') return { k: 'literal', value: raw === 'true', quoted: false, ...at };
    if (n?.type === 'null_lit') return { k: 'literal', value: null, quoted: false, ...at };
    if (n?.type === 'string_lit') return { k: 'literal', value: this.stringLit(n), quoted: true, ...at };
    return { k: 'other', what: raw, ...at };
  }

  private template(n: Cst, at: Located): Expr {
    const heredoc = n.type === 'heredoc_template';
    const parts: TemplatePart[] = [];
    if (!heredoc) {
      for (const c of n.children) {
        if (c.type === 'template_literal') parts.push({ lit: unescape(this.src(c)), start: c.start, end: c.end });
        else if (c.type === 'template_interpolation') {
          const e = c.children.find((x) => x.type === 'expression');
          parts.push(e ? { expr: this.expr(e) } : { lit: '', start: c.start, end: c.end });
        } else if (c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end') return { k: 'other', what: this.src(n), ...at };
      }
    } else {
      const ids = n.children.filter((c) => c.type === 'heredoc_identifier');
      const strip = this.src(n).startsWith('<<-');
      const open = ids[0];
      const close = ids[ids.length - 1];
      if (!open || !close || open === close) return { k: 'other', what: this.src(n), ...at };
      const bodyStart = this.text.indexOf('\n', open.end - this.base) + 1 + this.base;
      const bodyEnd = this.text.lastIndexOf('\n', close.start - this.base - 1) + 1 + this.base;
      if (n.children.some((c) => c.type === 'template_directive')) return { k: 'other', what: this.src(n), ...at };
      let pos = bodyStart;
      const inters = n.children.filter((c) => c.type === 'template_interpolation');
      const indent = strip ? minIndent(this.text.slice(bodyStart - this.base, bodyEnd - this.base)) : 0;
      const lit = (a: number, b: number) => {
        if (b <= a) return;
        let s = this.text.slice(a - this.base, b - this.base).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
        if (indent) s = s.replace(new RegExp(`(^|\\n) {0,${indent}}`, 'g'), '$1');
        parts.push({ lit: s, start: a, end: b });
      };
      for (const i of inters) {
        lit(pos, i.start);
        const e = i.children.find((x) => x.type === 'expression');
        if (e) parts.push({ expr: this.expr(e) });
        pos = i.end;
      }
      lit(pos, Math.max(pos, bodyEnd));
    }
    return { k: 'template', parts, heredoc, ...at };
  }
}

function minIndent(s: string): number {
  let min = Infinity;
  for (const line of s.split('\n')) {
    if (!line.trim()) continue;
    min = Math.min(min, line.length - line.trimStart().length);
  }
  return min === Infinity ? 0 : min;
}

function unescape(s: string): string {
  if (!/[\\$%]/.test(s)) return s;
  return s
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (m, c: string) => (c.length > 1 ? String.fromCodePoint(parseInt(c.slice(1), 16)) : (ESCAPES[c] ?? m)))
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}
