// HCL parsing with positions, by the tree-sitter HCL grammar (@tree-sitter-grammars/tree-sitter-hcl,
// its terraform dialect) run in web-tree-sitter: one WebAssembly build for every platform, the same in
// the CLI, the language server's workers and the extension host. The engine stays pure: the face reads
// the .wasm files and hands their bytes to `loadHcl` once; parsing is then synchronous.
//
// Two builds of the grammar: a fast one (vendor/tree-sitter-hcl: whitespace skipped, template text as
// single tokens, not one token a character, plain parse tables) and the npm package's own. Their trees are
// the same for text without syntax errors but for the root's start after leading whitespace, and on broken
// text tree-sitter's error recovery weighs the number of tokens skipped, so it may recover differently; a
// text the fast build finds broken, or whose root does not start at 0, is parsed again by the npm build,
// whose tree is then the one read (test/unit/tf/hcl-wasm-parity.test.ts).
//
// The fast build runs first in a static module of its own (hcl-module.ts: the runtime, the grammar and the
// tree walk linked into one WebAssembly module, no web-tree-sitter), which parses and walks a text in one
// call and answers only the texts the fast build parses alone; web-tree-sitter holds the npm build for the
// rest (test/unit/tf/hcl-module.test.ts).

import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { SyntaxProblem } from '../document/parse.js';
import type { Body } from './hcl-ast.js';
import { Converter, type NodeArray } from './hcl-convert.js';
import { parseInput, type ParseInput } from './hcl-input.js';
import { loadHclModule, type HclModule } from './hcl-module.js';
import { cursorExports, KIND_LEAF, KIND_NAMED, KIND_PUNCTUATION, loadFlatWalker, pinnedRuntime, walk, type CursorExports, type FlatWalker, type Walk } from './hcl-cursor.js';

let parser: Parser | undefined;
let exactParser: Parser | undefined;
let kinds: NodeKinds | undefined;
let direct: CursorExports | undefined;
let flat: FlatWalker | undefined;
let loading: Promise<void> | undefined;
let input: ParseInput | undefined;
let module: HclModule | undefined;
let moduleKinds: NodeKinds | undefined;
// The static module is compiled at its first use, not at load: V8 reads how it will compile a module's
// functions (Liftoff alone, or tiered up to TurboFan) from its flags when the module is compiled, and the CLI
// chooses that by the size of the text it will parse (cli/parser-tier.ts), which it knows only after the load.
let moduleSource: { binary: Uint8Array | WebAssembly.Module; exact: Language } | undefined;

export interface HclWasm {
  /**
   * The static parser module (`vendor/tree-sitter-hcl/hcl-parse.wasm`, hcl-module.ts): the runtime, the fast grammar and the walk in one.
   * Compiled already where another thread loaded the parser (hclCompiledModule), so that this one runs its code as tiered up there.
   */
  module: Uint8Array | WebAssembly.Module;
  /** web-tree-sitter's runtime (`web-tree-sitter/tree-sitter.wasm`). */
  runtime: Uint8Array;
  /** The fast grammar (`vendor/tree-sitter-hcl/tree-sitter-terraform-fast.wasm`). */
  grammar: Uint8Array;
  /** The grammar as its npm package builds it, with HCL's numbers (`vendor/tree-sitter-hcl/tree-sitter-terraform.wasm`): texts with syntax errors. */
  exactGrammar: Uint8Array;
  /** The tree walk (`vendor/tree-sitter-hcl/hcl-walk.wasm`, scripts/hcl-wasm/walk.c). */
  walker: Uint8Array;
}

/** Loads the parser once (later calls share the first load). */
export function loadHcl(wasm: HclWasm): Promise<void> {
  loading ??= (async () => {
    // Emscripten fills the object given to init with the runtime's exports (hcl-cursor.ts reads them).
    const reader = parseInput(wasm.runtime);
    const runtime = reader.module;
    await Parser.init(runtime);
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
    const k = nodeKinds(language.types.length, (id) => language.types[id], (id) => language.nodeTypeIsNamed(id));
    flat = await loadFlatWalker(runtime, direct, wasm.walker, language.types.length, (id) => (k.named(id) ? KIND_NAMED : 0) | (k.leaf(id) ? KIND_LEAF : 0) | (k.punctuation(id) ? KIND_PUNCTUATION : 0), pinnedRuntime(wasm.runtime));
    kinds = k;
    moduleSource = { binary: wasm.module, exact };
    exactParser = e;
    input = reader;
    parser = p;
  })();
  return loading;
}

/** How the runtime reads the text parsed (hcl-input.ts), once loaded. */
export function hclInput(): ParseInput | undefined {
  return input;
}

/** The static parser module (hcl-module.ts), once loaded (compiled now if it was not): the tests compare it with web-tree-sitter's builds. */
export function hclModule(): HclModule | undefined {
  return staticModule();
}

/** The static parser module as compiled here (now, if it was not), once loaded: a face posts it to its worker threads (loadHcl's `module`). */
export function hclCompiledModule(): WebAssembly.Module | undefined {
  return staticModule()?.compiled;
}

/** Whether the static module has been compiled (or given compiled) and instantiated here: after that, V8's flags no longer change how its code is compiled. */
export function hclModuleCompiled(): boolean {
  return module !== undefined;
}

/** Compiles and instantiates the static module at its first use (moduleSource), checking its grammar against the npm build's. */
function staticModule(): HclModule | undefined {
  if (module || !moduleSource) return module;
  const { binary, exact } = moduleSource;
  const m = loadHclModule(binary);
  // The module's grammar is the fast build's C source: its node types are the npm build's too.
  for (let id = 0; id < Math.max(m.types.length, exact.types.length); id++) {
    if (m.types[id] !== exact.types[id] || m.named(id) !== exact.nodeTypeIsNamed(id)) throw new Error(`the Terraform parser module's grammar differs from the npm build at node type ${id}`);
  }
  const mk = nodeKinds(m.types.length, (id) => m.types[id], (id) => m.named(id));
  m.setKinds((id) => (mk.named(id) ? KIND_NAMED : 0) | (mk.leaf(id) ? KIND_LEAF : 0) | (mk.punctuation(id) ? KIND_PUNCTUATION : 0));
  moduleKinds = mk;
  module = m;
  return m;
}

export function hclLoaded(): boolean {
  return parser !== undefined;
}

/**
 * How web-tree-sitter's trees are read (the texts the static module does not answer, and the tests' reads): in one WebAssembly call (hcl-cursor.ts's FlatWalker) reading the runtime's
 * subtrees or calling its cursor functions, from JS through the runtime's cursor exports, or by TreeCursor's methods.
 */
export function hclReadsBy(): HclRead {
  return flat ? (flat.reads === 'subtrees' ? 'subtrees' : 'flat') : direct ? 'direct' : 'methods';
}

/** 'module': the static module parses and walks, web-tree-sitter's npm build parses what it does not answer; the others parse in web-tree-sitter (parseHclTree) and read the tree as hclReadsBy says. */
export type HclRead = 'module' | 'subtrees' | 'flat' | 'direct' | 'methods';

export interface HclFile {
  body: Body;
  problems: SyntaxProblem[];
}

/**
 * Parses one file; offsets are `base` + offsets in `text`. `read`: 'module' (the default), the static module
 * parses and walks the text in one call, and the texts it does not answer are parsed by the npm build in
 * web-tree-sitter; the others parse in web-tree-sitter and read the tree in one WebAssembly call (by the
 * runtime's subtrees where the runtime is the pinned one), through the runtime's exports, or by TreeCursor's
 * methods (hcl-cursor.ts; the tests compare them all).
 */
export function parseHcl(text: string, base = 0, read: HclRead = 'module'): HclFile {
  if (!kinds) throw new Error('the Terraform parser is not loaded (loadHcl)');
  const m = read === 'module' ? staticModule() : undefined;
  if (m && moduleKinds) {
    const mk = moduleKinds;
    // A tree without errors is converted straight from the module's memory: the converter calls nothing in it.
    let converter: Converter | undefined;
    const body = m.parse(text, (array) => (converter = new Converter(text, base, array, mk.type)).root());
    if (body) return { body, problems: converter!.refused };
    // The fast grammar found errors, or a root not at 0: web-tree-sitter's npm build parses the text, as
    // parseHclTree would after its own fast parse gave the same answer.
    return readTree(exactTree(text), text, base, 'subtrees');
  }
  return readTree(parseHclTree(text), text, base, read === 'module' ? 'subtrees' : read);
}

/** Reads a parsed tree (and deletes it). */
function readTree(tree: Tree, text: string, base: number, read: HclRead): HclFile {
  const k = kinds!;
  try {
    const hasError = tree.rootNode.hasError;
    // A tree without errors is converted straight from the walk's array in WebAssembly memory (freed once
    // the walk returns): the converter makes no WebAssembly call that could grow the memory under it, as
    // every type id such a tree has is in the tables made at load. A tree with errors may hold the error
    // symbols, whose names are read from the runtime the first time: that array is copied first.
    // 'flat' asks for walk.c's cursor walk even where its subtree walk is there ('subtrees', the default).
    const byCursor = read === 'flat';
    if ((read === 'subtrees' || byCursor) && flat && !hasError) {
      let converter: Converter | undefined;
      const body = flat.walk(tree, false, (array) => (converter = new Converter(text, base, array, k.type)).root(), byCursor);
      return { body, problems: converter!.refused };
    }
    let nodes: NodeArray;
    if ((read === 'subtrees' || byCursor) && flat) nodes = flat.walk(tree, hasError, (array) => array.slice(), byCursor);
    else {
      const w = walk(tree, read === 'methods' ? undefined : direct);
      nodes = [];
      try {
        readNodes(w, k, hasError, w.typeId(), 0, nodes);
      } finally {
        w.close();
      }
    }
    const problems: SyntaxProblem[] = [];
    if (hasError) collectErrors(tree.rootNode, base, problems);
    const converter = new Converter(text, base, nodes, k.type, hasError);
    const body = converter.root();
    return { body, problems: problems.concat(converter.refused) };
  } finally {
    tree.delete();
  }
}

/** The grammar's tree of `text`: the fast build's, or the npm build's where the fast one finds errors or the text starts with whitespace. The caller deletes it. */
export function parseHclTree(text: string): Tree {
  if (!parser || !exactParser || !input) throw new Error('the Terraform parser is not loaded (loadHcl)');
  const [fast, exact] = [parser, exactParser];
  let tree = input.reading(text, () => fast.parse(text));
  // The fast build skips whitespace (padding of the next token), so its root starts after a text's leading
  // whitespace, where the npm build's starts at 0.
  if (tree && (tree.rootNode.hasError || tree.rootNode.startIndex !== 0)) {
    tree.delete();
    tree = input.reading(text, () => exact.parse(text));
  }
  if (!tree) throw new Error('the Terraform parser returned no tree');
  return tree;
}

/** walk.c's node array of a web-tree-sitter tree without errors (the tests compare it with the static module's). */
export function hclTreeNodes(tree: Tree): number[] {
  if (!flat) throw new Error('the Terraform tree walk is not loaded');
  return flat.walk(tree, false, (array) => Array.from(array));
}

/** The npm build's tree of `text`. The caller deletes it. */
function exactTree(text: string): Tree {
  const tree = input!.reading(text, () => exactParser!.parse(text));
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

function nodeKinds(count: number, types: (id: number) => string | undefined, isNamed: (id: number) => boolean): NodeKinds {
  const names: string[] = [];
  const named: boolean[] = [];
  const leaf: boolean[] = [];
  const punctuation: boolean[] = [];
  // Ids past the symbol table (the error symbol, 65535) are looked up the first time they are seen.
  const learn = (id: number) => {
    const name = types(id) || 'ERROR';
    names[id] = name;
    named[id] = isNamed(id);
    leaf[id] = LEAVES.has(name);
    punctuation[id] = named[id] && PUNCTUATION.has(name);
  };
  for (let id = 0; id < count; id++) learn(id);
  return {
    type: (id) => names[id] ?? (learn(id), names[id]!),
    named: (id) => named[id] ?? (learn(id), named[id]!),
    leaf: (id) => leaf[id] ?? (learn(id), leaf[id]!),
    punctuation: (id) => punctuation[id] ?? (learn(id), punctuation[id]!),
  };
}

// Deeper than this (nesting no configuration needs) a node is read as an opaque expression, unknown.
const MAX_CST_DEPTH = 300;

/**
 * Writes the cursor's node (its type id `id`, already read) and, unless its text says all, its named
 * children to `out` (hcl-convert.ts's NodeArray; walk.c writes the same from WebAssembly).
 */
function readNodes(c: Walk, k: NodeKinds, hasError: boolean, id: number, depth: number, out: number[]): void {
  const deep = depth > MAX_CST_DEPTH;
  const at = out.length;
  out.push(deep ? -1 : id, c.start(), c.end(), 0);
  if (!deep && !k.leaf(id) && c.firstChild()) {
    do {
      const child = c.typeId();
      // Punctuation carries nothing the converter needs, except the error and missing markers.
      if (k.named(child) ? hasError || !k.punctuation(child) : hasError && c.missing()) readNodes(c, k, hasError, child, depth + 1, out);
    } while (c.nextSibling());
    c.parent();
    out[at + 3] = (out.length - at) / 4 - 1;
  }
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
