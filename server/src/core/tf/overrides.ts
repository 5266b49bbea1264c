// Override files (`override.tf`, `*_override.tf` and their `.tf.json` forms): Terraform skips them while
// loading a folder's files, then merges each one, in lexical order of the file names and then in order
// within each file, into the objects the other files declared. A merged block keeps its header where the
// primary file declared it; each argument is the expression of the file that decided it (an override's
// argument points into the override file), so a finding on a value points at the file that set it.
// https://developer.hashicorp.com/terraform/language/files/override
//  - an argument of an override block replaces the argument of the same name;
//  - nested blocks of a type the override block has replace all the original's blocks of that type
//    (their contents are not merged); other types stay;
//  - a resource's or data source's `lifecycle` is merged argument by argument;
//  - `depends_on` may not be used in override blocks (an error), nor in outputs';
//  - locals are overridden value by value, whatever `locals` block declared them;
//  - a block with no original to override is an error (Terraform: "Missing resource to override").

import type { SyntaxProblem } from '../document/parse.js';
import { attr, type Block, type Body } from './hcl-ast.js';
import type { FolderSyntax } from './module.js';

/** Whether Terraform reads the file as an override file. */
export function isOverrideFile(path: string): boolean {
  return /(^|[\\/]|_)override\.tf(\.json)?$/i.test(path);
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Merges the override files' bodies into the folder's declarations (read from its other files). */
export function applyOverrides(files: readonly { path: string; body: Body }[], syntax: FolderSyntax): void {
  // Byte order of the names, as Terraform lists a folder (Go's sort of the file names).
  const ordered = [...files].sort((a, b) => (baseName(a.path) < baseName(b.path) ? -1 : baseName(a.path) > baseName(b.path) ? 1 : 0));
  const problem = (at: { start: number; end: number }, message: string) => syntax.problems.push({ code: 'syntax', severity: 'error', start: at.start, end: at.end, message } satisfies SyntaxProblem);
  for (const { body } of ordered) {
    for (const b of body.blocks) {
      const [l0, l1] = b.labels;
      const header = { start: b.start, end: (b.labels[b.labels.length - 1] ?? b.typeAt).end };
      const dependsOn = attr(b.body, 'depends_on');
      if (dependsOn && ['resource', 'data', 'output', 'module'].includes(b.type)) problem(dependsOn.nameAt, 'Unsupported override: the depends_on argument may not be used in an override block.');
      if ((b.type === 'resource' || b.type === 'data') && l0 && l1) {
        const address = `${l0.value}.${l1.value}`;
        const into = b.type === 'resource' ? syntax.resources : syntax.data;
        const base = into.get(address);
        if (!base) problem(header, `Missing ${b.type === 'resource' ? 'resource' : 'data resource'} to override: there is no ${l0.value} ${b.type === 'resource' ? 'resource' : 'data resource'} named "${l1.value}". An override file can only override a ${b.type} block defined in a primary configuration file.`);
        else into.set(address, merged(base, b, true));
      } else if (b.type === 'module' || b.type === 'variable' || b.type === 'output') {
        const into = b.type === 'module' ? syntax.modules : b.type === 'variable' ? syntax.variables : syntax.outputs;
        const base = l0 && into.get(l0.value);
        const what = b.type === 'module' ? 'module call' : b.type === 'variable' ? 'variable declaration' : 'output value';
        if (!l0) continue;
        if (!base) problem(header, `Missing base ${what} to override: there is no ${b.type} named "${l0.value}". An override file can only override a ${b.type} block defined in a primary configuration file.`);
        else into.set(l0.value, merged(base, b, false));
      } else if (b.type === 'locals') {
        for (const a of b.body.attributes) {
          if (!syntax.locals.has(a.name)) problem(a.nameAt, `Missing base local value definition to override: there is no local value named "${a.name}". An override file can only override a local value defined in a primary configuration file.`);
          else syntax.locals.set(a.name, a.value);
        }
      } else if (b.type === 'provider' && l0?.value === 'aws') {
        // A provider configuration is found by its name and alias.
        const alias = attr(b.body, 'alias')?.value;
        const key = alias?.k === 'literal' ? String(alias.value) : alias ? undefined : '';
        const base = key !== undefined ? syntax.awsProviders.get(key) : undefined;
        if (key === undefined) continue;
        if (!base) problem(header, `Missing base provider configuration for override: there is no aws provider configuration${key ? ` with the alias "${key}"` : ''}. An override file can only override a provider configuration defined in a primary configuration file.`);
        else syntax.awsProviders.set(key, merged(base, b, false));
      }
      // terraform, moved, import, check blocks: nothing of them is read by the adapter.
    }
  }
}

/** The original block with the override's arguments and nested block types in place of its own. */
function merged(base: Block, over: Block, resource: boolean): Block {
  const body = mergeBody(base.body, over.body);
  if (resource) {
    const [baseLife] = base.body.blocks.filter((x) => x.type === 'lifecycle');
    const [overLife] = over.body.blocks.filter((x) => x.type === 'lifecycle');
    if (baseLife && overLife) {
      const life = { ...overLife, body: mergeBody(baseLife.body, overLife.body) };
      body.blocks = body.blocks.map((x) => (x === overLife ? life : x));
    }
  }
  return { ...base, body };
}

/** A nested block's type for replacement: a `dynamic "ingress"` block makes `ingress` blocks. */
function nestedType(b: Block): string {
  return b.type === 'dynamic' ? (b.labels[0]?.value ?? 'dynamic') : b.type;
}

function mergeBody(base: Body, over: Body): Body {
  const overArgs = new Map(over.attributes.map((a) => [a.name, a]));
  const attributes = base.attributes.map((a) => overArgs.get(a.name) ?? a);
  for (const a of over.attributes) if (!base.attributes.some((x) => x.name === a.name)) attributes.push(a);
  const replaced = new Set(over.blocks.map(nestedType));
  const blocks = [...base.blocks.filter((x) => !replaced.has(nestedType(x))), ...over.blocks];
  return { attributes, blocks };
}
