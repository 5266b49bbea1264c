// From the grammar's tree, as the reader wrote it (hcl.ts: four numbers a node read, in document order),
// to the HCL syntax the adapter reads (hcl-ast.ts). The nodes stay numbers in one array, addressed by
// their index: no object a node, which was most of what a file's reading allocated.

import type { SyntaxProblem } from '../document/parse.js';
import type { Body, Block, Expr, Located, Step, TemplatePart } from './hcl-ast.js';

/**
 * Four numbers a node (named nodes only, and missing ones in a tree with errors), in document order:
 * its type id (-1: nested too deeply to read), start and end (offsets in the file's text), and how
 * many nodes read are below it (its children follow it, each followed by its own).
 */
export type NodeArray = Int32Array | number[];

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
/** A quoted string's text that has escapes to read (`\\`, `$${`, `%%{`). */
const ESCAPED = /[\\$%]/;

export class Converter {
  // Each field is written once, in the constructor. Parameter properties or field declarations (ES2022
  // class fields) first define every field as undefined and then assign it: V8 then keeps `base` as a
  // tagged value instead of a small integer and marks the fields mutable (`--trace-generalization`).
  private declare readonly text: string;
  private declare readonly base: number;
  private declare readonly d: NodeArray;
  /** A type id's name (web-tree-sitter's, `ERROR` where it has none). */
  private declare readonly typeName: (id: number) => string;
  /** Names by type id, looked up once a file. */
  private declare readonly names: string[];
  /**
   * Steps being read, a traversal's above its outer one's (an index holds traversals); `top` is the
   * first free slot. A traversal keeps an array of exactly its steps, not one grown by push (17 slots
   * for one or two steps, kept as long as the syntax tree is).
   */
  private declare readonly stepsRead: Step[];
  private declare top: number;
  /**
   * Where in `stepsRead` the steps after an attribute-only splat (`.*`) stop applying to each element: its first
   * index (-1: none pending). HCL's `.*` takes attributes alone (`tuple.*.foo.bar[0]` is
   * `[for v in tuple: v.foo.bar][0]`, hclsyntax/spec.md "Splat Operators"); the grammar's attr_splat takes indexes
   * too, so the steps from that index on are read as applying to the splat's result (finish).
   */
  private declare attrSplatEnd: number;
  /** What the grammar takes and Terraform refuses (hex numbers), read from a tree without errors. */
  declare readonly refused: SyntaxProblem[];

  /** A tree with syntax errors: the line-end checks (lineEnds) are left out, as its items may be pieces of a recovery. */
  private declare readonly broken: boolean;

  constructor(text: string, base: number, d: NodeArray, typeName: (id: number) => string, broken = false) {
    this.text = text;
    this.base = base;
    this.d = d;
    this.typeName = typeName;
    this.names = [];
    this.stepsRead = [];
    this.top = 0;
    this.refused = [];
    this.attrSplatEnd = -1;
    this.broken = broken;
  }

  /** The file's body: the root's `body` child, or an empty one. */
  root(): Body {
    const last = this.d[3]!;
    for (let c = 1; c <= last; c += this.d[4 * c + 3]! + 1) {
      if (this.type(c) !== 'body') continue;
      this.lineEnds(c, -1, -1);
      return this.body(c);
    }
    return { attributes: [], blocks: [] };
  }

  /**
   * What the grammar takes and HCL does not: items of a body not each ended by a line end (hclsyntax spec,
   * "Structural Elements": Attribute = Identifier "=" Expression Newline; a block's "{" is followed by a
   * Newline, or the block is a one-line block of at most one argument, closed on its line). `open`/`close`: the
   * block's braces (-1: the file's body, whose last item may end the file). terraform fmt's messages.
   */
  private lineEnds(body: number | undefined, open: number, close: number): void {
    if (body === undefined || this.broken) return;
    const text = this.text;
    const last = body + this.d[4 * body + 3]!;
    // No array of the items and no closure: this runs for every body of every file.
    let prev = -1;
    let prevBlock = false;
    let oneLine = false;
    for (let c = body + 1; c <= last; c += this.d[4 * c + 3]! + 1) {
      const type = this.type(c);
      const block = type === 'block';
      if (!block && type !== 'attribute') continue;
      const start = this.d[4 * c + 1]!;
      if (prev < 0) oneLine = open >= 0 && !lineEndBetween(text, open + 1, start);
      if (oneLine && (prev >= 0 || block)) {
        // A one-line block: one argument, and its closing brace on its line.
        this.refuse(start, 'Terraform syntax error: a block written on one line holds one argument at most (a block with more starts a new line after its "{").');
        return;
      }
      if (prev >= 0 && !lineEndBetween(text, this.d[4 * prev + 2]!, start)) this.refuse(start, `Terraform syntax error: missing newline after ${prevBlock ? 'block definition' : 'argument'} (each argument and block ends its line).`);
      prev = c;
      prevBlock = block;
    }
    if (prev < 0 || close < 0) return;
    const end = this.d[4 * prev + 2]!;
    if (oneLine) {
      if (lineEndBetween(text, end, close)) this.refuse(close, 'Terraform syntax error: invalid single-argument block definition (a block opened and given its argument on one line closes on that line).');
    } else if (!lineEndBetween(text, end, close)) this.refuse(close, `Terraform syntax error: missing newline after ${prevBlock ? 'block definition' : 'argument'} (each argument and block ends its line).`);
  }

  /** A syntax problem of one character at `at` (an offset in `text`). */
  private refuse(at: number, message: string): void {
    this.refused.push({ code: 'syntax', message, start: this.base + at, end: this.base + at + 1, severity: 'error' });
  }

  private type(n: number): string {
    const id = this.d[4 * n]!;
    return id < 0 ? 'too_deep' : (this.names[id] ??= this.typeName(id));
  }

  private start(n: number): number {
    return this.d[4 * n + 1]! + this.base;
  }

  private end(n: number): number {
    return this.d[4 * n + 2]! + this.base;
  }

  private at(n: number): Located {
    return { start: this.d[4 * n + 1]! + this.base, end: this.d[4 * n + 2]! + this.base };
  }

  private kids(n: number): number[] {
    const out: number[] = [];
    const last = n + this.d[4 * n + 3]!;
    for (let c = n + 1; c <= last; c += this.d[4 * c + 3]! + 1) out.push(c);
    return out;
  }

  /** The `i`th child of `n` (no array made: most nodes read have one to three children). */
  private child(n: number, i: number): number | undefined {
    const last = n + this.d[4 * n + 3]!;
    for (let c = n + 1; c <= last; c += this.d[4 * c + 3]! + 1) if (i-- === 0) return c;
    return undefined;
  }

  /** The expressions among `n`'s children, converted (no array of the children). */
  private expressionsIn(n: number): Expr[] {
    const out: Expr[] = [];
    const last = n + this.d[4 * n + 3]!;
    for (let c = n + 1; c <= last; c += this.d[4 * c + 3]! + 1) if (this.type(c) === 'expression') out.push(this.expr(c));
    return out;
  }

  /** The first child of `n` of a type. */
  private childOfType(n: number, type: string): number | undefined {
    const last = n + this.d[4 * n + 3]!;
    for (let c = n + 1; c <= last; c += this.d[4 * c + 3]! + 1) if (this.type(c) === type) return c;
    return undefined;
  }

  private src(n: number): string {
    return this.text.slice(this.d[4 * n + 1], this.d[4 * n + 2]);
  }

  private body(n: number): Body {
    const out: Body = { attributes: [], blocks: [] };
    const last = n + this.d[4 * n + 3]!;
    for (let c = n + 1; c <= last; c += this.d[4 * c + 3]! + 1) {
      const type = this.type(c);
      if (type === 'attribute') {
        const id = this.child(c, 0);
        const expr = this.child(c, 1);
        if (id !== undefined && expr !== undefined) out.attributes.push({ name: this.src(id), nameAt: this.at(id), value: this.expr(expr), start: this.start(c), end: this.end(c) });
      } else if (type === 'block') out.blocks.push(this.block(c));
    }
    return out;
  }

  private block(n: number): Block {
    const id = this.child(n, 0);
    const labels: Block['labels'] = [];
    let body: Body | undefined;
    const last = n + this.d[4 * n + 3]!;
    let bodyNode: number | undefined;
    // Where the header ends (the type or the last label): the "{" is the next token (the grammar's block_start,
    // which the node array leaves out with the other punctuation).
    let headEnd = id === undefined ? -1 : this.d[4 * id + 2]!;
    for (let c = id === undefined ? last + 1 : id + this.d[4 * id + 3]! + 1; c <= last; c += this.d[4 * c + 3]! + 1) {
      const type = this.type(c);
      if (type === 'string_lit') labels.push({ value: this.stringLit(c), start: this.start(c), end: this.end(c) });
      else if (type === 'identifier') labels.push({ value: this.src(c), start: this.start(c), end: this.end(c) });
      else if (type === 'body') body = this.body((bodyNode = c));
      if (type === 'string_lit' || type === 'identifier') headEnd = this.d[4 * c + 2]!;
    }
    const close = this.d[4 * n + 2]! - 1;
    const open = headEnd < 0 ? -1 : nextToken(this.text, headEnd, close);
    if (!this.broken && open >= 0 && this.text.charCodeAt(open) === 123 && this.text.charCodeAt(close) === 125) {
      // Block = Identifier (StringLit|Identifier)* "{" Newline Body "}" Newline: the brace on the header's line.
      if (lineEndBetween(this.text, headEnd, open)) this.refuse(open, 'Terraform syntax error: invalid block definition (a block\'s "{" is on the line of its type and labels).');
      else this.lineEnds(bodyNode, open, close);
    }
    const typeAt = id === undefined ? { start: this.start(n), end: this.start(n) } : this.at(id);
    return { type: id === undefined ? '' : this.src(id), typeAt, labels, body: body ?? { attributes: [], blocks: [] }, start: this.start(n), end: this.end(n) };
  }

  /** A literal string (no interpolation: the grammar's string_lit), without its quotes. */
  private stringLit(n: number): string {
    // Sliced without its quotes straight from the text: one string made, not two.
    return this.unescaped(this.d[4 * n + 1]! + 1, this.d[4 * n + 2]! - 1);
  }

  /** The text from `from` to `to` (offsets in `text`), its escapes read; an escape of no Unicode character is refused where it is written. */
  private unescaped(from: number, to: number): string {
    const s = this.text.slice(from, to);
    if (!ESCAPED.test(s)) return s;
    return unescape(s, (at, length) => {
      const start = this.base + from + at;
      // Terraform: "Invalid escape sequence: Cannot encode character U+D83D in UTF-8" (a surrogate, or past U+10FFFF).
      this.refused.push({ code: 'syntax', message: `Terraform syntax error: ${s.slice(at, at + length)} is an invalid escape sequence (no Unicode character: a surrogate half or past U+10FFFF).`, start, end: start + length, severity: 'error' });
    });
  }

  private expr(n: number): Expr {
    const start = this.start(n);
    const end = this.end(n);
    if (this.type(n) !== 'expression') return this.term(n, start, end);
    const first = this.child(n, 0);
    if (first === undefined) return { k: 'other', what: '', start, end };
    // Most expressions are one term: no array of children for them.
    const last = n + this.d[4 * n + 3]!;
    if (first + this.d[4 * first + 3]! === last) return this.term(first, start, end);
    // A term and the steps after it (no array of the children).
    const mark = this.top;
    for (let c = first + this.d[4 * first + 3]! + 1; c <= last; c += this.d[4 * c + 3]! + 1) {
      if (!this.step(c)) {
        this.top = mark;
        if (this.attrSplatEnd >= mark) this.attrSplatEnd = -1;
        return { k: 'other', what: this.text.slice(start - this.base, end - this.base), start, end };
      }
    }
    return this.finish(first, mark, start, end);
  }

  /** The term `first` and the steps read since `mark`: a traversal, or the index after an attribute-only splat and what follows it applied to the traversal up to there. */
  private finish(first: number, mark: number, start: number, end: number): Expr {
    const split = this.attrSplatEnd >= mark && this.attrSplatEnd < this.top ? this.attrSplatEnd - mark : -1;
    if (split >= 0) this.attrSplatEnd = -1;
    const out = this.stepsSince(mark);
    if (split < 0) return this.traversalOf(first, out, start, end);
    const base = this.traversalOf(first, out.slice(0, split), start, out[split - 1]!.end);
    return { k: 'postfix', base, steps: out.slice(split), start, end };
  }

  /** The steps read since `mark`, as an array of their own; the slots are free again. */
  private stepsSince(mark: number): Step[] {
    const out = this.stepsRead.slice(mark, this.top);
    this.top = mark;
    return out;
  }

  /** An expression made of `nodes[0]` and the steps after it (`start`-`end`: the whole). */
  private traversal(nodes: number[], start: number, end: number): Expr {
    const first = nodes[0]!;
    if (nodes.length === 1) return this.term(first, start, end);
    const mark = this.top;
    for (let i = 1; i < nodes.length; i++) {
      if (!this.step(nodes[i]!)) {
        this.top = mark;
        if (this.attrSplatEnd >= mark) this.attrSplatEnd = -1;
        return { k: 'other', what: this.text.slice(start - this.base, end - this.base), start, end };
      }
    }
    return this.finish(first, mark, start, end);
  }

  /** The term `first` and its steps `out` (at least one). */
  private traversalOf(first: number, out: Step[], start: number, end: number): Expr {
    // Steps after a call, a collection or a parenthesised expression (`values(m)[*].id`, `tolist(x)[0]`).
    if (this.type(first) !== 'variable_expr') return { k: 'postfix', base: this.term(first, this.start(first), this.end(first)), steps: out, start, end };
    const root = this.src(first);
    // `resource.aws_vpc.main.id` is `aws_vpc.main.id`: Terraform reads the resource. prefix as an escape
    // for a resource type that a later language edition may reserve (addrs/parse_ref.go; terraform
    // validate accepts it). aws-ia/terraform-aws-eks-blueprints' privatelink-access pattern writes it.
    const type = out[0];
    const name = out[1];
    if (root === 'resource' && type && 'attr' in type && name && 'attr' in name) return { k: 'traversal', root: type.attr, steps: out.slice(1), start, end };
    return { k: 'traversal', root, steps: out, start, end };
  }

  /** Adds the step `s` is to the steps being read (a splat: it and the steps it holds); false where it is no step. */
  private step(s: number): boolean {
    const type = this.type(s);
    if (type === 'get_attr') {
      // `.name`, sliced after the dot straight from the text; the regular expression only where space may follow the dot.
      const from = this.d[4 * s + 1]!;
      const to = this.d[4 * s + 2]!;
      const c = from + 1 < to ? this.text.charCodeAt(from + 1) : 0;
      this.stepsRead[this.top++] = { attr: this.text.charCodeAt(from) === 46 && c > 32 && c < 127 ? this.text.slice(from + 1, to) : this.src(s).replace(/^\s*\.\s*/, ''), start: from + this.base, end: to + this.base };
      return true;
    }
    if (type === 'index') {
      const inner = this.child(s, 0);
      if (inner === undefined) return false;
      const e = this.child(inner, 0);
      if (this.type(inner) === 'new_index' && e !== undefined) {
        // The index first: a traversal in it reads its steps above this one's.
        const index = this.expr(e);
        this.stepsRead[this.top++] = { index, start: this.start(s), end: this.end(s) };
        return true;
      }
      // legacy `.0`
      if (this.type(inner) === 'legacy_index') {
        this.stepsRead[this.top++] = { index: { k: 'literal', value: Number(this.src(inner).slice(1)), quoted: false, start: this.start(inner), end: this.end(inner) }, start: this.start(s), end: this.end(s) };
        return true;
      }
      return false;
    }
    if (type === 'splat') {
      this.stepsRead[this.top++] = { splat: true, start: this.start(s), end: this.start(s) + 3 };
      const full = this.child(s, 0);
      if (full !== undefined) {
        const attrOnly = this.type(full) === 'attr_splat';
        const last = full + this.d[4 * full + 3]!;
        for (let c = full + 1; c <= last; c += this.d[4 * c + 3]! + 1) {
          // Set once the index is read: a traversal inside the index reads (and frees) its steps above this one's.
          if (this.step(c) && attrOnly && this.attrSplatEnd < 0 && this.type(c) === 'index') this.attrSplatEnd = this.top - 1;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * `test ? then : other`. The grammar reads `a ? b : c ? d : e` as `(a ? b : c) ? d : e`; HCL reads each branch
   * as a whole expression, so it is `a ? b : (c ? d : e)` (hclsyntax/parser.go parseTernaryConditional): a
   * test that is itself an unparenthesised conditional is rotated into that conditional's else branch.
   */
  private conditional(test: number, then: number, other: number, start: number, end: number): Expr {
    const inner = this.child(test, 0);
    if (inner !== undefined && this.type(inner) === 'conditional' && this.start(inner) === this.start(test) && this.end(inner) === this.end(test)) {
      const [t, a, b] = this.kids(inner).filter((x) => this.type(x) === 'expression');
      if (t !== undefined && a !== undefined && b !== undefined) {
        return { k: 'cond', test: this.expr(t), then: this.expr(a), else: this.conditional(b, then, other, this.start(b), end), start, end };
      }
    }
    return { k: 'cond', test: this.expr(test), then: this.expr(then), else: this.expr(other), start, end };
  }

  private term(n: number, start: number, end: number): Expr {
    switch (this.type(n)) {
      case 'expression':
        return this.expr(n);
      case 'literal_value':
        return this.literal(this.child(n, 0), start, end);
      case 'template_expr':
        return this.template(this.child(n, 0)!, start, end);
      case 'collection_value': {
        const c = this.child(n, 0)!;
        if (this.type(c) === 'tuple') return { k: 'tuple', items: this.expressionsIn(c), start, end };
        // Each element with two children or more: its first two expressions are key and value (no arrays of children made).
        const items: Extract<Expr, { k: 'object' }>['items'] = [];
        const last = c + this.d[4 * c + 3]!;
        let prevEnd = -1;
        for (let el = c + 1; el <= last; el += this.d[4 * el + 3]! + 1) {
          if (this.type(el) !== 'object_elem') continue;
          // HCL separates an object's elements by a comma or a line end (terraform fmt: "Missing attribute
          // separator"); the grammar takes `{ a = 1 b = 2 }`.
          if (prevEnd >= 0 && !this.broken && !separatorBetween(this.text, prevEnd, this.d[4 * el + 1]!)) this.refuse(this.d[4 * el + 1]!, 'Terraform syntax error: missing attribute separator (a comma or a line end between the elements of an object).');
          prevEnd = this.d[4 * el + 2]!;
          if (this.child(el, 1) === undefined) continue;
          let k: number | undefined;
          let v: number | undefined;
          const elLast = el + this.d[4 * el + 3]!;
          for (let x = el + 1; x <= elLast && v === undefined; x += this.d[4 * x + 3]! + 1) {
            if (this.type(x) !== 'expression') continue;
            if (k === undefined) k = x;
            else v = x;
          }
          const key = this.expr(k ?? el);
          const value = this.expr(v ?? el);
          const name = key.k === 'traversal' && key.steps.length === 0 ? key.root : key.k === 'literal' && typeof key.value === 'string' ? key.value : undefined;
          items.push({ key, name, value, start: this.start(el), end: this.end(el) });
        }
        return { k: 'object', items, start, end };
      }
      case 'variable_expr':
        return { k: 'traversal', root: this.src(n), steps: [], start, end };
      case 'conditional': {
        const [test, then, other] = this.kids(n).filter((x) => this.type(x) === 'expression');
        if (test === undefined || then === undefined || other === undefined) return { k: 'other', what: this.src(n), start, end };
        return this.conditional(test, then, other, start, end);
      }
      case 'operation': {
        const op = this.child(n, 0);
        return op === undefined ? { k: 'other', what: this.src(n), start, end } : this.operation(op, start, end);
      }
      case 'for_expr': {
        const f = this.child(n, 0);
        return f === undefined ? { k: 'other', what: this.src(n), start, end } : this.forExpr(f, start, end);
      }
      case 'function_call': {
        // Its name is its first child (a call read without one is named by the whole text, as before).
        const name = this.d[4 * n + 3]! > 0 ? this.src(n + 1) : this.text;
        const args = this.childOfType(n, 'function_arguments');
        return { k: 'call', name, args: args === undefined ? [] : this.expressionsIn(args), start, end };
      }
      default:
        return { k: 'other', what: this.src(n), start, end };
    }
  }

  /**
   * `a == b`, `!a`: the grammar lists an operation's operands flat (a traversal's steps follow its
   * root), the operator between them unnamed; an operand starts at each node that is not a step.
   */
  private operation(n: number, start: number, end: number): Expr {
    const operands: number[][] = [];
    for (const c of this.kids(n)) {
      const type = this.type(c);
      if (type === 'get_attr' || type === 'index' || type === 'splat') operands[operands.length - 1]?.push(c);
      else operands.push([c]);
    }
    const unary = this.type(n) === 'unary_operation';
    if (operands.length !== (unary ? 1 : 2) || operands.some((o) => o.length === 0)) return { k: 'other', what: this.src(n), start, end };
    const args = operands.map((o) => this.traversal(o, this.start(o[0]!), this.end(o[o.length - 1]!)));
    // Parentheses around an operand are not part of the operator.
    const between = unary ? this.text.slice(this.start(n) - this.base, this.start(operands[0]![0]!) - this.base) : this.text.slice(args[0]!.end - this.base, args[1]!.start - this.base);
    const op = between.replace(/[()\s]/g, '');
    return { k: 'op', op, args, start, end };
  }

  private forExpr(n: number, start: number, end: number): Expr {
    const kids = this.kids(n);
    const intro = kids.find((c) => this.type(c) === 'for_intro');
    const introKids = intro === undefined ? [] : this.kids(intro);
    const names = introKids.filter((c) => this.type(c) === 'identifier').map((c) => this.src(c));
    const coll = introKids.find((c) => this.type(c) === 'expression');
    const exprs = kids.filter((c) => this.type(c) === 'expression');
    const condNode = kids.find((c) => this.type(c) === 'for_cond');
    const cond = condNode === undefined ? undefined : this.kids(condNode).find((c) => this.type(c) === 'expression');
    const object = this.type(n) === 'for_object_expr';
    if (coll === undefined || names.length < 1 || names.length > 2 || exprs.length !== (object ? 2 : 1)) return { k: 'other', what: this.src(n), start, end };
    return {
      k: 'for',
      keyVar: names.length === 2 ? names[0] : undefined,
      valueVar: names[names.length - 1]!,
      coll: this.expr(coll),
      key: object ? this.expr(exprs[0]!) : undefined,
      value: this.expr(exprs[exprs.length - 1]!),
      cond: cond === undefined ? undefined : this.expr(cond),
      group: kids.some((c) => this.type(c) === 'ellipsis'),
      start,
      end,
    };
  }

  private literal(n: number | undefined, start: number, end: number): Expr {
    const type = n === undefined ? undefined : this.type(n);
    // A string's text is sliced once, without its quotes (stringLit).
    if (type === 'string_lit') return { k: 'literal', value: this.stringLit(n!), quoted: true, start, end };
    const raw = n === undefined ? '' : this.src(n);
    if (type === 'numeric_lit') {
      // The grammar takes /0x[0-9a-zA-Z]+/ as a number; HCL's numbers are decimal (hclsyntax spec.md, "Numeric
      // Literals": https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md#numeric-literals) and
      // `terraform fmt` refuses `0x1F`. Its value is not read (Number() would take it as hex).
      if (raw.length > 1 && (raw.charCodeAt(1) | 0x20) === 0x78) {
        this.refused.push({ code: 'syntax', message: `Terraform syntax error: ${JSON.stringify(raw.slice(0, 30))} is no number (HCL's numbers are decimal).`, start, end, severity: 'error' });
        return { k: 'other', what: raw, start, end };
      }
      return { k: 'literal', value: Number(raw), quoted: false, start, end };
    }
    if (type === 'bool_lit') return { k: 'literal', value: raw === 'true', quoted: false, start, end };
    if (type === 'null_lit') return { k: 'literal', value: null, quoted: false, start, end };
    return { k: 'other', what: raw, start, end };
  }

  private template(n: number, start: number, end: number): Expr {
    const heredoc = this.type(n) === 'heredoc_template';
    const parts: TemplatePart[] = [];
    if (!heredoc) {
      const last = n + this.d[4 * n + 3]!;
      for (let c = n + 1; c <= last; c += this.d[4 * c + 3]! + 1) {
        const type = this.type(c);
        if (type === 'template_literal') parts.push({ lit: this.unescaped(this.d[4 * c + 1]!, this.d[4 * c + 2]!), start: this.start(c), end: this.end(c) });
        else if (type === 'template_interpolation') {
          const e = this.childOfType(c, 'expression');
          parts.push(e !== undefined ? { expr: this.expr(e) } : { lit: '', start: this.start(c), end: this.end(c) });
        } else if (type !== 'quoted_template_start' && type !== 'quoted_template_end') return { k: 'other', what: this.src(n), start, end };
      }
    } else {
      const kids = this.kids(n);
      const ids = kids.filter((c) => this.type(c) === 'heredoc_identifier');
      const strip = this.src(n).startsWith('<<-');
      const open = ids[0];
      const close = ids[ids.length - 1];
      if (open === undefined || close === undefined || open === close) return { k: 'other', what: this.src(n), start, end };
      const bodyStart = this.text.indexOf('\n', this.end(open) - this.base) + 1 + this.base;
      const bodyEnd = this.text.lastIndexOf('\n', this.start(close) - this.base - 1) + 1 + this.base;
      if (kids.some((c) => this.type(c) === 'template_directive')) return { k: 'other', what: this.src(n), start, end };
      // The body as HCL reads it: literal text a line a piece (a piece ends after its newline) and interpolations.
      const pieces: ({ lit: string; start: number; end: number } | { expr: Expr | undefined })[] = [];
      const lit = (a: number, b: number) => {
        for (let from = a; from < b; ) {
          const nl = this.text.indexOf('\n', from - this.base) + this.base;
          const to = nl >= this.base && nl < b ? nl + 1 : b;
          pieces.push({ lit: this.text.slice(from - this.base, to - this.base).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'), start: from, end: to });
          from = to;
        }
      };
      let pos = bodyStart;
      for (const i of kids) {
        if (this.type(i) !== 'template_interpolation') continue;
        lit(pos, this.start(i));
        const e = this.childOfType(i, 'expression');
        pieces.push({ expr: e === undefined ? undefined : this.expr(e) });
        pos = this.end(i);
      }
      lit(pos, Math.max(pos, bodyEnd));
      if (strip) flush(pieces);
      for (const p of pieces) {
        if (!('lit' in p)) {
          if (p.expr) parts.push({ expr: p.expr });
          continue;
        }
        // Consecutive lines are one part, as the source range they were read from.
        const prev = parts[parts.length - 1];
        if (prev && 'lit' in prev && prev.end === p.start) parts[parts.length - 1] = { lit: prev.lit + p.lit, start: prev.start, end: p.end };
        else parts.push(p);
      }
    }
    return { k: 'template', parts, heredoc, start, end };
  }
}

// Go's unicode.IsSpace: what HCL trims from a flush heredoc's lines (JavaScript's \s differs at U+0085 and U+FEFF).
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

/**
 * A `<<-` heredoc's lines, as HCL's flushHeredocTemplateParts (hclsyntax/parser_template.go) trims them: the
 * fewest leading white-space characters of the lines that begin with literal text (a line of white space alone
 * is left out, and kept as it is) are removed from each of those lines; a line that begins with an
 * interpolation makes that number 0. Tabs count as one character each, as spaces do.
 */
function flush(pieces: ({ lit: string } | { expr: Expr | undefined })[]): void {
  let min = Infinity;
  const trimmed: { lit: string }[] = [];
  let lineStart = true;
  for (const p of pieces) {
    if (lineStart) {
      if ('lit' in p) {
        const spaces = [...LEADING_SPACE.exec(p.lit)![0]].length;
        if (!(spaces === [...p.lit].length && p.lit.endsWith('\n'))) {
          min = Math.min(min, spaces);
          trimmed.push(p);
        }
      } else min = 0;
    }
    lineStart = 'lit' in p && p.lit.endsWith('\n');
  }
  if (min === Infinity || min === 0) return;
  for (const p of trimmed) p.lit = [...p.lit].slice(min).join('');
}

/** A quoted string's text with its escapes read; `invalid` is told of each `\\u`/`\\U` escape of no Unicode character (read as U+FFFD). */
function unescape(s: string, invalid: (at: number, length: number) => void): string {
  return s
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (m, c: string, at: number) => {
      if (c.length === 1) return ESCAPES[c] ?? m;
      const code = parseInt(c.slice(1), 16);
      if (code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) return String.fromCodePoint(code);
      invalid(at, m.length);
      return '\ufffd';
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

/**
 * Whether the text from `a` to `b` (white space and comments between two tokens) ends a line: a newline outside
 * an inline comment, or a line comment (`#`, `//`: HCL reads one as a newline, at the end of the file too). An
 * inline comment is white space, whatever it holds (hclsyntax spec, "Comments and Whitespace").
 */
function lineEndBetween(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 35) return true;
    if (c === 47 && i + 1 < b) {
      const d = text.charCodeAt(i + 1);
      if (d === 47) return true;
      if (d === 42) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0 || close + 2 > b) return true; // not a comment we can see the end of: say nothing is missing
        i = close + 1;
      }
    }
  }
  return false;
}

/** The offset of the first character from `a` (before `b`) that is not white space or in a comment; -1 if none. */
function nextToken(text: string, a: number, b: number): number {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= b) return -1;
      i = nl;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > b) return -1;
      i = close + 1;
      continue;
    }
    return i;
  }
  return -1;
}

/** Whether the text from `a` to `b` between two object elements separates them: a comma or a line end. */
function separatorBetween(text: string, a: number, b: number): boolean {
  if (lineEndBetween(text, a, b)) return true;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) return true;
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? b : close + 1;
    }
  }
  return false;
}
