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
