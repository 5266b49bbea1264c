// The HCL syntax the Terraform adapter reads: bodies of attributes and blocks, and expressions, each
// with its offsets in the module's text. Built from the tree-sitter HCL grammar's tree (hcl.ts); the
// grammar's tree is freed once this is built, so nothing here holds WebAssembly memory.

export interface Located {
  start: number;
  end: number;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

export interface Attribute extends Located {
  name: string;
  nameAt: Located;
  value: Expr;
}

export interface Block extends Located {
  type: string;
  typeAt: Located;
  labels: { value: string; start: number; end: number }[];
  body: Body;
}

/** A piece of a string template: literal text (unescaped) or an interpolated expression. */
export type TemplatePart = { lit: string; start: number; end: number } | { expr: Expr };

export type Step = { attr: string; start: number; end: number } | { index: Expr; start: number; end: number } | { splat: true; start: number; end: number };

export type Expr =
  | (Located & { k: 'literal'; value: string | number | boolean | null; quoted: boolean })
  | (Located & { k: 'template'; parts: TemplatePart[]; heredoc: boolean })
  | (Located & { k: 'tuple'; items: Expr[] })
  | (Located & { k: 'object'; items: { key: Expr; name: string | undefined; value: Expr; start: number; end: number }[] })
  /** `a.b[0].c`, `a.b[*].c`: a root name and steps. */
  | (Located & { k: 'traversal'; root: string; steps: Step[] })
  /** Steps after a value that is not a name: `values(m)[*].id`, `tolist(x)[0]`. */
  | (Located & { k: 'postfix'; base: Expr; steps: Step[] })
  | (Located & { k: 'call'; name: string; args: Expr[] })
  /** `test ? then : else`. */
  | (Located & { k: 'cond'; test: Expr; then: Expr; else: Expr })
  /** A unary (`!x`, `-x`: one arg) or binary (`a == b`: two) operator. */
  | (Located & { k: 'op'; op: string; args: Expr[] })
  /** `[for v in coll : value if cond]`, `{ for k, v in coll : key => value if cond }` (`group`: `value...`). */
  | (Located & { k: 'for'; keyVar: string | undefined; valueVar: string; coll: Expr; key: Expr | undefined; value: Expr; cond: Expr | undefined; group: boolean })
  /** Anything not evaluated statically: unknown, named by its text. */
  | (Located & { k: 'other'; what: string });

// Indexed loops, not find/filter with a closure: these run for every argument lowering reads, mostly
// unoptimised in a one-shot check, where each call would make a closure.
export function attr(body: Body | undefined, name: string): Attribute | undefined {
  if (!body) return undefined;
  const list = body.attributes;
  for (let i = 0; i < list.length; i++) if (list[i]!.name === name) return list[i];
  return undefined;
}

export function blocksOf(body: Body | undefined, type: string): Block[] {
  const out: Block[] = [];
  if (!body) return out;
  const list = body.blocks;
  for (let i = 0; i < list.length; i++) if (list[i]!.type === type) out.push(list[i]!);
  return out;
}

/** The dotted form of a traversal's leading attribute names: `aws_vpc.main.id` → ['aws_vpc', 'main', 'id']. */
export function traversalNames(e: Expr): string[] | undefined {
  if (e.k !== 'traversal') return undefined;
  const out = [e.root];
  for (const s of e.steps) {
    if (!('attr' in s)) break;
    out.push(s.attr);
  }
  return out;
}
