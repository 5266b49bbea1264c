// `file("${path.module}/policy.json")`: the text of a file beside the configuration, where the face gave
// the module that file (a data file, module.ts isDataFile: the .json files its `file()` calls name, read
// by tf-module-files.ts). The value is the file's text at the file's own offsets, so a policy read from it
// is judged with its findings in the file, and the trace reads the policy the endpoint gets.
// `templatefile(path, vars)` of a file with no template sequence (`${`, `%{`) is the same text; one with
// them is not evaluated. A path the face did not give, or not written as a literal, stays unknown.
// https://developer.hashicorp.com/terraform/language/functions/file
// https://developer.hashicorp.com/terraform/language/functions/templatefile
// https://developer.hashicorp.com/terraform/language/expressions/references#filesystem-and-workspace-info

import type { Node } from '../document/tree.js';
import type { Expr } from './hcl-ast.js';
import { isDataFile, type FileSpan } from './module.js';
import { scalar, unknownNode } from './nodes.js';
import type { Scope } from './eval.js';

/** The file a `file()` / `templatefile()` call reads, when the module holds it; undefined otherwise. */
export function fileContents(e: Extract<Expr, { k: 'call' }>, scope: Scope): Node | undefined {
  if ((e.name !== 'file' && e.name !== 'templatefile') || !e.args[0]) return undefined;
  const syntax = scope.decls.syntax;
  const name = syntax && writtenPath(e.args[0], scope.decls.prefix === '');
  const span = name === undefined ? undefined : dataFile(syntax!.files, name);
  if (!span) return undefined;
  const text = scope.decls.text.slice(span.start, span.end);
  if (e.name === 'templatefile' && /[$%]\{/.test(text)) return unknownNode(`templatefile(...) fills the template sequences of ${name}, which are not evaluated`, `templatefile("${name}", ...)`, e);
  return scalar(text, span, 'plain');
}

/**
 * The path a call names, relative to the module's folder: `"${path.module}/x.json"` in any module;
 * `"x.json"`, `"./x.json"` or `"${path.root}/x.json"` only in the root module, whose folder they are
 * relative to (Terraform runs there). Never a path that leaves the folder.
 */
function writtenPath(arg: Expr, root: boolean): string | undefined {
  let path: string | undefined;
  if (arg.k === 'literal' && typeof arg.value === 'string') path = root ? arg.value : undefined;
  else if (arg.k === 'template' && !arg.heredoc) {
    const [first, ...rest] = arg.parts;
    const base = first && 'expr' in first && first.expr.k === 'traversal' && first.expr.root === 'path' && first.expr.steps.length === 1 && 'attr' in first.expr.steps[0]! ? first.expr.steps[0].attr : undefined;
    const tail = rest.every((p) => 'lit' in p) ? rest.map((p) => ('lit' in p ? p.lit : '')).join('') : undefined;
    if (tail?.startsWith('/') && (base === 'module' || (base === 'root' && root))) path = tail.slice(1);
    else if (first && 'lit' in first && arg.parts.length === 1 && root) path = first.lit;
  }
  if (path === undefined) return undefined;
  const clean = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (!clean || clean.startsWith('/') || /^[A-Za-z]:/.test(clean) || clean.split('/').includes('..')) return undefined;
  return clean;
}

/** The data file at `name` in the folder of these files. */
function dataFile(files: readonly FileSpan[], name: string): FileSpan | undefined {
  const slash = (p: string) => p.replace(/\\/g, '/');
  const config = files.find((f) => !isDataFile(f.path));
  if (!config) return undefined;
  const path = slash(config.path);
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  return files.find((f) => isDataFile(f.path) && slash(f.path) === dir + name);
}
