// `for_each` takes a map or a set of strings; Terraform rejects a list or tuple there ("Invalid for_each
// argument: ... must be a map, or set of strings, and you have provided a value of type tuple"), in a
// resource, data source or module call alike (only a `dynamic` block and an `import` block take a list).
// The configuration does not plan, so each one is an error at its value, and the block's instances are
// not known (module.ts): no rule judges resources Terraform never makes as if they were one per element.
// https://developer.hashicorp.com/terraform/language/meta-arguments/for_each
//
// A false error is worse than none: a value is a list only where its written form says so (listOrSet).
// A variable is judged by its declared `type` alone, never by how its default is written: a caller may
// pass a set to a variable without a type, and a folder checked on its own may be such a module.

import type { SyntaxProblem } from '../document/parse.js';
import type { Block } from './hcl-ast.js';
import { attr } from './hcl-ast.js';
import { listOrSet } from './dynamic.js';
import { declsOf, type FolderSyntax } from './module.js';
import { textOf } from './eval.js';
import { unknownNode } from './nodes.js';

/**
 * Marks the folder's resource, data and module blocks whose `for_each` is a list (`syntax.listForEach`)
 * and reports each in `problems`. `text`: the joined text the folder's offsets are into.
 */
export function forEachLists(syntax: FolderSyntax, text: string, problems: SyntaxProblem[]): void {
  // Every variable as a caller's value of unknown form: only a declared type says list or set.
  const decls = declsOf(syntax, text, '', (_name, block) => ({ block, value: undefined, node: () => unknownNode('', '', block) }));
  const scope = { decls };
  const judge = (block: Block) => {
    const forEach = attr(block.body, 'for_each');
    if (!forEach || listOrSet(forEach.value, scope) !== 'list') return;
    (syntax.listForEach ??= new Set()).add(block);
    const written = textOf(scope, forEach.value).replace(/\s+/g, ' ');
    problems.push({
      code: 'syntax',
      severity: 'error',
      // The rest of the configuration is read as written: only this block's instances are not known.
      recovered: true,
      start: forEach.value.start,
      end: forEach.value.end,
      message: `Invalid for_each argument: for_each takes a map, or set of strings, and ${written.length > 60 ? `${written.slice(0, 57)}...` : written} is a list, so Terraform rejects the configuration; write toset(...) around it (its elements become the keys) or a map`,
    });
  };
  for (const blocks of [syntax.resources, syntax.data, syntax.modules]) for (const block of blocks.values()) judge(block);
}
