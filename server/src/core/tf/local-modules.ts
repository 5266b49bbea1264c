// Module calls whose source is a local folder (`source = "./modules/net"`, `"../shared"`): the folder's
// .tf files are read (by the face, through `ModuleFolders`: the engine reads no file) and joined after
// the root's, so every offset of every file is one number of one text. Each call instance evaluates
// the folder's declarations in its own scope: its variables are the call's arguments (evaluated in
// the caller's scope, so a value's node points at the argument that wrote it), else their defaults,
// else unknown and named; its resources get module-qualified addresses (`module.net.aws_vpc.main`,
// `module.net["a"].aws_vpc.main`); its outputs answer `module.net.<name>` in the caller.
// Registry, git and http sources stay unknown boxes. Bounded: MAX_DEPTH nested calls, MAX_FOLDERS
// folders and MAX_INSTANCES module instances per analysis; cycles are cut where they close.
// https://developer.hashicorp.com/terraform/language/modules/sources#local-paths

import type { Node } from '../document/tree.js';
import type { SyntaxProblem } from '../document/parse.js';
import { attr, type Block, type Located, type Step } from './hcl-ast.js';
import { failed, lower, steps as applySteps, textOf, type Scope } from './eval.js';
import { declsOf, instanceAddress, instancesOf, parseFolder, type FileSpan, type FolderSyntax, type ModuleDecls, type TfFile, type VariableValue } from './module.js';
import { fn, scalar, seq, unknownNode } from './nodes.js';
import { forEachLists } from './for-each-lists.js';
import { markExact } from './unknown-identity.js';

/** What the face gives the engine to read local module folders with (tf-module-files.ts). */
export interface ModuleFolders {
  /** The root module's folder: the first `source` is read from it. */
  root: string;
  /** The .tf files of the folder `source` names from the folder `from`, or why they are not read. */
  read(from: string, source: string): { dir: string; files: TfFile[] } | { error: string; info?: boolean };
}

/** A message about a module call the engine could not follow, placed on its `source`. */
export interface ModuleNotice extends Located {
  /** The call's address: `module.net`, `module.net.module.inner`. */
  module: string;
  message: string;
  /** 'info': not a mistake of the configuration (a folder outside what may be read, or unreadable): an unknown module. */
  severity?: 'info';
}

export const MAX_DEPTH = 8;
export const MAX_FOLDERS = 64;
export const MAX_INSTANCES = 256;

// Terraform: "A local path must begin with either ./ or ../ to indicate that a local path is intended".
const LOCAL_SOURCE = /^\.\.?[\\/]/;
// Arguments of a module block that are Terraform's, not the module's variables.
const META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export interface ModuleTree {
  /** Every file of every folder, joined: the root's first. */
  text: string;
  files: FileSpan[];
  root: FolderSyntax;
  /** The folder each local module call reads, or why it reads none. */
  calls: Map<Block, { folder: FolderSyntax } | { error: string; info?: boolean }>;
  problems: SyntaxProblem[];
}

/** A module call's `source` when it is a literal string (Terraform allows nothing else). */
export function sourceOf(block: Block): { value: string; at: Located } | undefined {
  const a = attr(block.body, 'source');
  const v = a?.value;
  if (!v) return undefined;
  if (v.k === 'literal' && typeof v.value === 'string') return { value: v.value, at: v };
  if (v.k === 'template' && v.parts.every((p) => 'lit' in p)) return { value: v.parts.map((p) => ('lit' in p ? p.lit : '')).join(''), at: v };
  return undefined;
}

/** The root's files and, when the face can read folders, every local module folder they reach. */
export function loadTree(files: readonly TfFile[], folders?: ModuleFolders): ModuleTree {
  const first = parseFolder(files, 0, folders?.root ?? '');
  let text = first.text;
  const all: FileSpan[] = [...first.syntax.files];
  const problems = [...first.syntax.problems];
  const byDir = new Map<string, FolderSyntax>([[first.syntax.dir, first.syntax]]);
  const calls = new Map<Block, { folder: FolderSyntax } | { error: string; info?: boolean }>();
  const visit = (folder: FolderSyntax, stack: string[]) => {
    for (const [name, block] of folder.modules) {
      const source = sourceOf(block);
      if (!folders || !source || !LOCAL_SOURCE.test(source.value)) continue;
      const fail = (why: string, info?: boolean) => calls.set(block, { error: `module.${name} (${source.value}) is not read: ${why}`, ...(info ? { info } : {}) });
      if (stack.length > MAX_DEPTH) {
        fail(`modules are read ${MAX_DEPTH} calls deep at most`);
        continue;
      }
      const read = folders.read(folder.dir, source.value);
      if ('error' in read) {
        fail(read.error, read.info);
        continue;
      }
      const at = stack.indexOf(read.dir);
      if (at >= 0) {
        fail(`it calls itself (${shortDirs([...stack.slice(at), read.dir]).join(' → ')})`);
        continue;
      }
      let target = byDir.get(read.dir);
      if (!target) {
        if (byDir.size >= MAX_FOLDERS) {
          fail(`more than ${MAX_FOLDERS} module folders`);
          continue;
        }
        const parsed = parseFolder(read.files.filter((f) => /\.tf(\.json)?$/i.test(f.path)), text.length, read.dir);
        text += parsed.text;
        all.push(...parsed.syntax.files);
        problems.push(...parsed.syntax.problems);
        byDir.set(read.dir, (target = parsed.syntax));
        calls.set(block, { folder: target });
        visit(target, [...stack, read.dir]);
      } else calls.set(block, { folder: target });
    }
  };
  visit(first.syntax, [first.syntax.dir]);
  // Once every folder's text is joined (a value's offsets are into the whole text).
  for (const folder of byDir.values()) forEachLists(folder, text, problems);
  return { text, files: all, root: first.syntax, calls, problems };
}

/** Folders named by what tells them apart: `modules/a`, `modules/b` rather than two long paths. */
function shortDirs(dirs: string[]): string[] {
  const parts = dirs.map((d) => d.split(/[\\/]/).filter(Boolean));
  let common = 0;
  while (parts.every((p) => p.length > common + 1 && p[common] === parts[0]![common])) common++;
  return parts.map((p) => p.slice(common).join('/'));
}

/** What lowering a module tree shares: its notices and the number of instances made so far. */
export interface CallContext {
  tree: ModuleTree;
  notices: ModuleNotice[];
  instances: number;
  /** Lowers one module instance's resources (and, through this, its own calls). */
  lowerInstance(decls: ModuleDecls, depth: number): void;
}

/**
 * A local module call in `decls`: each instance lowered (through `ctx.lowerInstance`) and its outputs
 * made answerable as `module.<name>...`. False when its resources are not read (not a local call, a
 * folder that cannot be read, too deep, too many or unknown instances): the caller makes it an unknown box.
 */
export function lowerLocalCall(name: string, block: Block, decls: ModuleDecls, depth: number, ctx: CallContext): boolean {
  const call = ctx.tree.calls.get(block);
  if (!call) return false;
  const source = sourceOf(block)!;
  const unread = (why: string, info?: boolean) => {
    ctx.notices.push({ start: source.at.start, end: source.at.end, module: `${decls.prefix}module.${name}`, message: `${decls.prefix}${why}; its resources are not checked.`, ...(info ? { severity: 'info' as const } : {}) });
    decls.outputs.set(name, (_steps, at) => unknownOutput(decls, `${decls.prefix}${why}`, `${decls.prefix}module.${name}`, at));
    return false;
  };
  if ('error' in call) return unread(call.error, call.info);
  if (depth >= MAX_DEPTH) return unread(`module.${name} (${source.value}) is not read: modules are read ${MAX_DEPTH} calls deep at most`);
  const address = `module.${name}`;
  const inst = instancesOf(block, address, decls);
  if (inst.kind === 'unknown') {
    // How many instances (and with which keys) is not known: the module is an unknown box.
    decls.outputs.set(name, (_steps, at) => unknownOutput(decls, `${decls.prefix}${inst.why}`, inst.decides, at));
    return false;
  }
  const keys: (number | string | undefined)[] = inst.kind === 'single' ? [undefined] : inst.kind === 'count' ? Array.from({ length: inst.n }, (_, i) => i) : inst.keys;
  if (ctx.instances + keys.length > MAX_INSTANCES) return unread(`module.${name} (${source.value}) is not read: more than ${MAX_INSTANCES} module instances`);
  ctx.instances += keys.length;
  const children = new Map<number | string | undefined, ModuleDecls>();
  keys.forEach((key, i) => {
    const scope: Scope = { decls };
    if (typeof key === 'number') scope.countIndex = key;
    else if (key !== undefined && inst.kind === 'each') scope.each = { key, keyAt: block.typeAt, value: inst.values[i]!, keyNode: inst.keyNodes[i] };
    const prefix = `${decls.prefix}${instanceAddress(address, key)}.`;
    const child = declsOf(call.folder, decls.text, prefix, binding(block, scope, prefix));
    const other = decls.otherProvider ?? otherProvider(block, decls, prefix);
    if (other) child.otherProvider = other;
    children.set(key, child);
    ctx.lowerInstance(child, depth + 1);
  });
  decls.outputs.set(name, (steps, at, from) => output(decls, name, inst.kind === 'single', children, steps, at, from ?? { decls }));
  return true;
}

/**
 * An output of a call whose instances are not read: decided by what keeps them unread, and named by the
 * reference itself (`module.net.vpc_id` is not `module.net.subnet_id`), with the caller's instance address.
 */
function unknownOutput(caller: ModuleDecls, why: string, decides: string, at: Located): Node {
  const out = unknownNode(why, decides, at, `${caller.prefix}${caller.text.slice(at.start, at.end).replace(/\s+/g, ' ').trim()}`);
  return caller.prefix ? markExact(out) : out;
}

/** The call's arguments as the module's variables: evaluated once each, in the caller's scope. */
function binding(block: Block, scope: Scope, prefix: string): (name: string, v: Block) => VariableValue {
  const memo = new Map<string, Node>();
  const call = prefix.slice(0, -1);
  return (name, v) => {
    const arg = META.has(name) ? undefined : attr(block.body, name);
    if (arg) {
      return {
        block: v,
        value: undefined,
        node: () => {
          let n = memo.get(name);
          if (!n) {
            memo.set(name, unknownNode(`${call}'s ${name} refers to itself`, `${call}.${name}`, arg.value));
            memo.set(name, (n = lower(arg.value, scope)));
          }
          return n;
        },
      };
    }
    const fallback = attr(v.body, 'default')?.value;
    return { block: v, value: fallback, ...(fallback ? { isDefault: true } : { unset: `var.${name} has no default and ${call} does not set it` }) };
  };
}

/**
 * `module.x.out`, `module.x[0].out`, `module.x["a"].out`, `module.x[*].out`: the output evaluated in the
 * instance's scope; the instance key and the steps after the output are read where the reference is
 * (`from`: `module.vpc[count.index]` in a counted block).
 */
function output(caller: ModuleDecls, name: string, single: boolean, children: Map<number | string | undefined, ModuleDecls>, steps: Step[], at: Located, from: Scope): Node {
  const text = textOf({ decls: caller }, at).replace(/\s+/g, ' ');
  const [s0, ...rest] = steps;
  if (single) return s0 && 'attr' in s0 ? outputOf(from, children.get(undefined)!, s0.attr, rest, at, text) : unknownNode(`${text} is a whole module, not a value`, text, at);
  if (!s0) return unknownNode(`${text} is a whole module, not a value`, text, at);
  if ('splat' in s0) {
    const [s1, ...more] = rest;
    if (!s1 || !('attr' in s1)) return unknownNode(`${text} is not evaluated statically`, text, at);
    return seq([...children.values()].map((c) => outputOf(from, c, s1.attr, more, at, text)), at);
  }
  if (!('index' in s0)) return unknownNode(`${text} needs an instance key`, text, at);
  const k = lower(s0.index, from);
  const child = k.kind === 'scalar' && k.value !== null && typeof k.value !== 'boolean' ? (children.get(k.value) ?? children.get(typeof k.value === 'number' ? String(k.value) : Number(k.value))) : undefined;
  // A known key of a module whose instances are known: no such instance is Terraform's error, which try() skips.
  if (!child) return k.kind === 'scalar' ? failed(unknownNode(`${text}: no such instance`, text, at)) : unknownNode(`${text}: the instance key is not known statically`, text, at);
  const [s1, ...more] = rest;
  return s1 && 'attr' in s1 ? outputOf(from, child, s1.attr, more, at, text) : unknownNode(`${text} is a whole module, not a value`, text, at);
}

const OUTPUT_BUSY = '#output ';

function outputOf(from: Scope, child: ModuleDecls, name: string, rest: Step[], at: Located, text: string): Node {
  const block = child.syntax?.outputs.get(name);
  const value = block && attr(block.body, 'value');
  if (!value) return unknownNode(`${text}: ${child.prefix.slice(0, -1)} has no output ${name}`, text, at);
  const busy = OUTPUT_BUSY + name;
  if (child.evaluating.has(busy)) return unknownNode(`${text} refers to itself`, text, at);
  child.evaluating.add(busy);
  try {
    return atReference(applySteps(lower(value.value, { decls: child }), rest, text, at, from), at);
  } finally {
    child.evaluating.delete(busy);
  }
}

/**
 * A reference to a resource (`Ref`) that an output hands on is written, for the caller, where the caller
 * reads the output: a finding about it points at `module.net.vpc_id`, not into the module. Values the
 * module writes itself (a literal, a policy) stay where they are written.
 */
function atReference(n: Node, at: Located): Node {
  if (n.kind !== 'map' || n.pairs.length !== 1 || n.pairs[0]!.key.value !== 'Ref' || n.pairs[0]!.value?.kind !== 'scalar') return n;
  return fn('Ref', scalar(n.pairs[0]!.value.value, at, 'plain'), at);
}

/**
 * A local copy of terraform-aws-modules' vpc-endpoints module (its own examples call it as
 * `../../modules/vpc-endpoints`): read from its `endpoints` map as the registry module is, since its
 * resources are made by `for` expressions this evaluator leaves unknown. Known by its shape, not its
 * name alone: the folder declares `variable "endpoints"` and `resource "aws_vpc_endpoint" "this"`.
 */
export function isLocalVpcEndpoints(block: Block, tree: ModuleTree): boolean {
  const call = tree.calls.get(block);
  const source = sourceOf(block);
  return !!call && 'folder' in call && !!source && /(^|[\\/])vpc-endpoints[\\/]?$/.test(source.value) && call.folder.variables.has('endpoints') && call.folder.resources.has('aws_vpc_endpoint.this');
}

/**
 * `providers = { aws = aws.west }`: the module's resources are in the aliased provider's region, which
 * the configuration does not say statically. Passing the default provider (`aws = aws`) changes nothing.
 */
function otherProvider(block: Block, decls: ModuleDecls, prefix: string): string | undefined {
  const providers = attr(block.body, 'providers')?.value;
  if (!providers) return undefined;
  if (providers.k === 'object' && providers.items.every((i) => i.name !== 'aws' || textOf({ decls }, i.value).trim() === 'aws')) return undefined;
  return `${prefix.slice(0, -1)} is given another aws provider (providers = ${textOf({ decls }, providers).replace(/\s+/g, ' ')}), whose region is not known statically`;
}
