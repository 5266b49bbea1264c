// References to what the module does not declare: Terraform rejects the configuration wherever the
// reference is ("Reference to undeclared input variable", "... local value", "... resource", "...
// module"), so each one is a problem at the reference (its value stays unknown in eval.ts), with the
// declared name it most likely means (VPCE0005's quick fix writes it).
// https://developer.hashicorp.com/terraform/language/expressions/references
//
// A false error is worse than none, so only a name Terraform itself resolves in the module's scope is
// judged: `for` symbols and `dynamic` blocks' iterators are names of their own; `each`, `count`,
// `self`, `path`, `terraform`, `ephemeral` are Terraform's; `provider` / `providers` name provider
// configurations, `ignore_changes` the resource's own arguments; `moved`, `import` and `removed` name
// addresses that may not (or no longer) exist; a `check` block's scoped data source counts as
// declared. A file seen without its module's other files (copied out of its folder, a sibling that
// could not be read) refers to declarations that exist where it is not seen, so a reference is judged
// only where the module shows the declarations it would be among: variables and locals where the
// folder declares some; a resource or data source where the folder declares others of its type
// (`aws_subnet.nope` beside `aws_subnet.private`: the subnets are seen); a module call only where a
// declared one is near enough to be what it means (`module.vcp` beside `module.vpc`), since calls
// are often in a file of their own (cloudposse's context.tf declares `module "this"`).

import type { Block, Body, Expr, Located, Step } from './hcl-ast.js';
import { attr } from './hcl-ast.js';
import type { FolderSyntax } from './module.js';
import { closest } from '../util/suggest.js';

/** VPCE0005's finding data: the reference as written (`aws_subnet.nope`) and the declared one it most likely means. */
export type UndeclaredData = { name: string; suggestion: string };

// Blocks whose references need no declaration: `moved`/`removed` name addresses that may no longer
// exist, `import` names the address it creates; the `terraform` block holds settings, not expressions.
const NOT_EVALUATED = new Set(['moved', 'import', 'removed', 'terraform']);

// Roots that are never a managed resource's type.
const NOT_RESOURCE = new Set(['var', 'local', 'module', 'data', 'path', 'terraform', 'self', 'count', 'each', 'ephemeral']);

// Arguments whose traversals are not references to values: a provider configuration (`aws.west`), the
// resource's own arguments (`ignore_changes = [tags.x]`), a variable's type constraint.
const NOT_REFERENCES: Record<string, ReadonlySet<string>> = {
  '*': new Set(['provider', 'providers']),
  lifecycle: new Set(['ignore_changes']),
  variable: new Set(['type']),
};
const ANY_BLOCK = NOT_REFERENCES['*']!;

/**
 * The references of a folder's configuration files (`bodies`, in file order) judged against its
 * declarations. The declared names are indexed once a folder, not once a file.
 */
export function undeclared(bodies: readonly Body[], syntax: FolderSyntax): void {
  const typeOf = (address: string) => address.slice(0, address.indexOf('.'));
  // Each declared resource type's names: a reference is judged without joining `type.name` for a lookup.
  const resourceNames = new Map<string, Set<string>>();
  syntax.resources.forEach((_, address) => {
    const dot = address.indexOf('.');
    const type = address.slice(0, dot);
    let names = resourceNames.get(type);
    if (!names) resourceNames.set(type, (names = new Set()));
    names.add(address.slice(dot + 1));
  });
  const declaredDataTypes = new Set([...syntax.data.keys()].map(typeOf));
  // A check block's scoped data sources are declared in its file.
  let scopedData = new Set<string>();
  let dataTypes = declaredDataTypes;
  const seen = { var: syntax.variables.size > 0, local: syntax.locals.size > 0 };
  const problem = (at: Located, message: string, name: string, suggestion: string | undefined): void => {
    syntax.problems.push({ code: 'undeclared', severity: 'error', start: at.start, end: at.end, message, ...(suggestion ? { data: { name, suggestion } satisfies UndeclaredData } : {}) });
  };
  const names = (m: ReadonlyMap<string, unknown>) => m.keys();

  const reference = (e: Extract<Expr, { k: 'traversal' }>): void => {
    const s0 = e.steps[0];
    const s1 = e.steps[1];
    const n0 = s0 && 'attr' in s0 ? s0.attr : undefined;
    const n1 = s1 && 'attr' in s1 ? s1.attr : undefined;
    if (n0 === undefined) return;
    switch (e.root) {
      case 'var': {
        if (!seen.var || syntax.variables.has(n0)) return;
        const s = closest(n0, names(syntax.variables));
        return problem(upTo(e, s0!), `Reference to undeclared input variable: var.${n0} is not declared in this module, so Terraform rejects the configuration; ${s ? `did you mean var.${s}? Or ` : ''}declare it with a variable "${n0}" {} block`, `var.${n0}`, s && `var.${s}`);
      }
      case 'local': {
        if (!seen.local || syntax.locals.has(n0)) return;
        const s = closest(n0, names(syntax.locals));
        return problem(upTo(e, s0!), `Reference to undeclared local value: local.${n0} is not declared in this module, so Terraform rejects the configuration; ${s ? `did you mean local.${s}? Or ` : ''}declare it in a locals block`, `local.${n0}`, s && `local.${s}`);
      }
      case 'module': {
        if (syntax.modules.has(n0)) return;
        const s = closest(n0, names(syntax.modules));
        if (!s) return;
        return problem(upTo(e, s0!), `Reference to undeclared module: no module call named "${n0}" is declared in this module, so Terraform rejects the configuration; did you mean module.${s}?`, `module.${n0}`, s && `module.${s}`);
      }
      case 'data': {
        if (n1 === undefined || !dataTypes.has(n0) || syntax.data.has(`${n0}.${n1}`) || scopedData.has(`${n0}.${n1}`)) return;
        const s = nearAddress(n0, n1, [...syntax.data.keys(), ...scopedData]);
        return problem(upTo(e, s1!), `Reference to undeclared resource: a data resource "${n0}" "${n1}" is not declared in this module, so Terraform rejects the configuration${s ? `; did you mean data.${s}?` : ''}`, `data.${n0}.${n1}`, s && `data.${s}`);
      }
      default: {
        const declared = NOT_RESOURCE.has(e.root) ? undefined : resourceNames.get(e.root);
        if (!declared || declared.has(n0)) return;
        const s = nearAddress(e.root, n0, syntax.resources.keys());
        return problem(upTo(e, s0!), `Reference to undeclared resource: a managed resource "${e.root}" "${n0}" is not declared in this module, so Terraform rejects the configuration${s ? `; did you mean ${s}?` : ''}`, `${e.root}.${n0}`, s);
      }
    }
  };

  // Indexed loops: a for-of makes an iterator and a result object a step where this runs unoptimised,
  // as it mostly does in a one-shot check (a pass over every expression of the folder).
  const visitBody = (b: Body, type: string, symbols: ReadonlySet<string>): void => {
    const skip = NOT_REFERENCES[type];
    const attributes = b.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const a = attributes[i]!;
      if (!ANY_BLOCK.has(a.name) && !skip?.has(a.name)) visit(a.value, symbols);
    }
    const blocks = b.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (!NOT_EVALUATED.has(block.type)) visitBody(block.body, block.type, block.type === 'dynamic' ? withIterator(block, symbols) : symbols);
    }
  };
  const visitSteps = (steps: readonly Step[], symbols: ReadonlySet<string>): void => {
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      if ('index' in s) visit(s.index, symbols);
    }
  };
  const visitAll = (list: readonly Expr[], symbols: ReadonlySet<string>): void => {
    for (let i = 0; i < list.length; i++) visit(list[i]!, symbols);
  };
  const visit = (e: Expr, symbols: ReadonlySet<string>): void => {
    switch (e.k) {
      case 'traversal':
        if (!symbols.has(e.root)) reference(e);
        if (e.steps.length) visitSteps(e.steps, symbols);
        return;
      case 'postfix':
        visit(e.base, symbols);
        visitSteps(e.steps, symbols);
        return;
      case 'template': {
        const parts = e.parts;
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i]!;
          if ('expr' in p) visit(p.expr, symbols);
        }
        return;
      }
      case 'tuple':
        visitAll(e.items, symbols);
        return;
      case 'object': {
        const items = e.items;
        for (let i = 0; i < items.length; i++) {
          const item = items[i]!;
          if (item.name === undefined) visit(item.key, symbols);
          visit(item.value, symbols);
        }
        return;
      }
      case 'call':
        visitAll(e.args, symbols);
        return;
      case 'cond':
        visit(e.test, symbols);
        visit(e.then, symbols);
        visit(e.else, symbols);
        return;
      case 'op':
        visitAll(e.args, symbols);
        return;
      case 'for': {
        visit(e.coll, symbols);
        const inner = new Set([...symbols, e.valueVar, ...(e.keyVar ? [e.keyVar] : [])]);
        for (const x of [e.key, e.value, e.cond]) if (x) visit(x, inner);
        return;
      }
      case 'literal':
      case 'other':
        return;
    }
  };
  for (const body of bodies) {
    scopedData = new Set<string>();
    for (const b of body.blocks) if (b.type === 'check') for (const d of b.body.blocks) if (d.type === 'data' && d.labels.length === 2) scopedData.add(`${d.labels[0]!.value}.${d.labels[1]!.value}`);
    dataTypes = scopedData.size ? new Set([...declaredDataTypes, ...[...scopedData].map(typeOf)]) : declaredDataTypes;
    if (!seen.var && !seen.local && !resourceNames.size && !dataTypes.size && !syntax.modules.size) continue;
    visitBody(body, '', new Set());
  }
}

/** A reference's range up to the step `s` (the part that names what is not declared). */
function upTo(e: Located, s: Located): Located {
  return { start: e.start, end: s.end };
}

/**
 * A `dynamic` block's iterator (its label, or `iterator = name`) is a name inside the whole block.
 * https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks
 */
function withIterator(block: Block, symbols: ReadonlySet<string>): ReadonlySet<string> {
  const it = attr(block.body, 'iterator')?.value;
  const name = it?.k === 'traversal' && it.steps.length === 0 ? it.root : block.labels[0]?.value;
  return name ? new Set([...symbols, name]) : symbols;
}

/** The declared `type.name` a reference most likely means: another name of its type. */
function nearAddress(type: string, name: string, addresses: Iterable<string>): string | undefined {
  const s = closest(name, [...addresses].filter((a) => a.startsWith(`${type}.`)).map((a) => a.slice(type.length + 1)));
  return s && `${type}.${s}`;
}
