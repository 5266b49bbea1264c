// The walk over a parsed HCL tree that hcl.ts reads (a type id, two offsets, a step per node), at the
// cost of the WebAssembly calls alone. web-tree-sitter keeps a tree cursor in a shared buffer inside
// WebAssembly memory: each of its TreeCursor methods writes the cursor's four words into that buffer,
// calls the runtime's C function, and reads the words back. Between two calls nothing else touches the
// buffer, so a walk that calls the runtime's exported cursor functions directly (the ones those methods
// call, with the same argument) reads the same tree without the copying, which was as costly as the
// calls themselves. The exports are those of the pinned web-tree-sitter (package.json); if they are not
// all there, the walk uses TreeCursor's own methods (same answers, slower).

import type { Tree, TreeCursor } from 'web-tree-sitter';

export interface Walk {
  typeId(): number;
  start(): number;
  end(): number;
  missing(): boolean;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  /** Frees the cursor; the walk is not used after. */
  close(): void;
}

/** The runtime's cursor functions: each takes the tree's address and reads the cursor from the shared buffer. */
export interface CursorExports {
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
}

const NAMES = [
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_delete_wasm',
] as const;

/** The cursor exports of the runtime module (the Emscripten module object Parser.init filled), if all are there. */
export function cursorExports(runtime: object): CursorExports | undefined {
  const r = runtime as Record<string, unknown>;
  return NAMES.every((n) => typeof r[n] === 'function') ? (runtime as CursorExports) : undefined;
}

/** A walk from the tree's root; `direct`: the runtime's exports, else TreeCursor's methods. */
export function walk(tree: Tree, direct: CursorExports | undefined): Walk {
  // tree.walk() leaves the new cursor in the shared buffer (and a copy in the TreeCursor object).
  const cursor = tree.walk();
  const address = (tree as unknown as Record<number, unknown>)[0];
  if (!direct || typeof address !== 'number') return methods(cursor);
  const d = direct;
  const t = address;
  return {
    typeId: () => d._ts_tree_cursor_current_node_type_id_wasm(t),
    start: () => d._ts_tree_cursor_start_index_wasm(t),
    end: () => d._ts_tree_cursor_end_index_wasm(t),
    missing: () => d._ts_tree_cursor_current_node_is_missing_wasm(t) === 1,
    firstChild: () => d._ts_tree_cursor_goto_first_child_wasm(t) === 1,
    nextSibling: () => d._ts_tree_cursor_goto_next_sibling_wasm(t) === 1,
    parent: () => d._ts_tree_cursor_goto_parent_wasm(t) === 1,
    // The buffer holds the cursor as it is now (its stack may have moved): free that one, not the
    // TreeCursor object's stale copy.
    close: () => d._ts_tree_cursor_delete_wasm(t),
  };
}

function methods(c: TreeCursor): Walk {
  return {
    typeId: () => c.nodeTypeId,
    start: () => c.startIndex,
    end: () => c.endIndex,
    missing: () => c.nodeIsMissing,
    firstChild: () => c.gotoFirstChild(),
    nextSibling: () => c.gotoNextSibling(),
    parent: () => c.gotoParent(),
    close: () => c.delete(),
  };
}

// The whole walk in one call (vendor/tree-sitter-hcl/hcl-walk.wasm, scripts/hcl-wasm/walk.c): a side
// module loaded into the runtime, writing four int32 a node read into a buffer the caller reads. Even the
// direct walk above crossed from JS into WebAssembly four to six times a node, most of what reading a tree
// cost. It has two walks: one reads the runtime's subtrees in place (compiled against the pinned runtime's
// internal headers, so used only with that runtime: `pinnedRuntime`), the other calls the same cursor
// functions as the direct walk, from inside WebAssembly (any runtime that exports them).

/** Bits of walk.c's `kinds` table, a byte per type id. */
export const KIND_NAMED = 1;
export const KIND_LEAF = 2;
export const KIND_PUNCTUATION = 4;
const TYPE_IDS = 65536;

// The runtime walk.c's subtree walk was compiled against: web-tree-sitter 0.25.10's tree-sitter.wasm
// (package.json pins it; scripts/build-hcl-wasm.sh refuses any other version's headers), its length and the
// FNV-1a hash of its 32-bit little-endian words.
const PINNED_RUNTIME = { bytes: 205488, fnv: 0xdf086521 };

/** Whether `binary` is the runtime walk.c's subtree walk reads (its layout is that version's). */
export function pinnedRuntime(binary: Uint8Array): boolean {
  if (binary.byteLength !== PINNED_RUNTIME.bytes) return false;
  const aligned = binary.byteOffset % 4 === 0 ? binary : binary.slice();
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return h >>> 0 === PINNED_RUNTIME.fnv;
}

/** The runtime's module object as far as the flat walk uses it. */
interface Runtime {
  loadWebAssemblyModule(binary: Uint8Array, flags: { loadAsync: true }): Promise<Record<string, unknown>>;
  _malloc(size: number): number;
  _free(address: number): void;
  HEAP32: Int32Array;
  HEAPU8: Uint8Array;
}

type WalkFn = (tree: number, kinds: number, hasError: number, out: number, cap: number) => number;

export interface FlatWalker {
  /** 'subtrees': walk.c reads the runtime's subtrees; 'cursor': it calls the runtime's cursor functions. */
  readonly reads: 'subtrees' | 'cursor';
  /**
   * Walks `tree` from its root; `read` gets the nodes (walk.c: type id or -1, start, end, nodes read below;
   * in document order) and must not keep the array, which is WebAssembly memory freed after it returns.
   * `cursor`: by the cursor functions even where the subtree walk is there (the tests compare the two).
   */
  walk<T>(tree: Tree, hasError: boolean, read: (nodes: Int32Array, length: number) => T, cursor?: boolean): T;
}

/**
 * Loads the walk into the runtime (the object Parser.init filled; `direct` its cursor exports, which the
 * walk imports) with `kind(id)` for every type id the grammar has and the error symbols past it.
 * `subtrees`: the runtime is the pinned one (`pinnedRuntime`), so walk.c may read its subtrees.
 */
export async function loadFlatWalker(runtime: object, direct: CursorExports | undefined, binary: Uint8Array, typeCount: number, kind: (id: number) => number, subtrees: boolean): Promise<FlatWalker | undefined> {
  const rt = runtime as Runtime;
  if (!direct || typeof rt.loadWebAssemblyModule !== 'function' || typeof rt._malloc !== 'function') return undefined;
  const exports = await rt.loadWebAssemblyModule(binary, { loadAsync: true });
  const byCursor = exports.vpce_hcl_walk as WalkFn | undefined;
  if (typeof byCursor !== 'function') return undefined;
  const bySubtrees = subtrees && typeof exports.vpce_hcl_walk_tree === 'function' ? (exports.vpce_hcl_walk_tree as WalkFn) : undefined;
  const kinds = rt._malloc(TYPE_IDS);
  const table = rt.HEAPU8.subarray(kinds, kinds + TYPE_IDS);
  table.fill(0);
  for (let id = 0; id < typeCount; id++) table[id] = kind(id);
  // ts_builtin_sym_error_repeat and ts_builtin_sym_error.
  table[TYPE_IDS - 2] = kind(TYPE_IDS - 2);
  table[TYPE_IDS - 1] = kind(TYPE_IDS - 1);
  return {
    reads: bySubtrees ? 'subtrees' : 'cursor',
    walk(tree, hasError, read, cursor = false) {
      const address = (tree as unknown as Record<number, unknown>)[0] as number;
      // A node read is a node of the tree: the count of all of them bounds the buffer.
      const cap = (tree.rootNode.descendantCount + 1) * 4;
      const fn = bySubtrees && !cursor ? bySubtrees : byCursor;
      if (fn === byCursor) tree.walk(); // leaves the root's cursor in the runtime's transfer buffer, where walk.c reads it
      const out = rt._malloc(cap * 4);
      try {
        const length = fn(address, kinds, hasError ? 1 : 0, out, cap);
        if (length === -1) throw new Error('the Terraform tree walk ran out of room');
        if (length < 0) throw new Error('the Terraform tree walk could not allocate its stack');
        // Read the view after the calls: memory growth (malloc) replaces the runtime's HEAP32.
        return read(rt.HEAP32.subarray(out >> 2, (out >> 2) + length), length);
      } finally {
        rt._free(out);
      }
    },
  };
}
