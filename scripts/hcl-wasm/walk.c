// The HCL reader's walk over a parsed tree (server/src/core/tf/hcl.ts, readNodes) in WebAssembly: one call
// per file instead of several JS-to-WebAssembly calls per node. Built by scripts/build-hcl-wasm.sh into
// vendor/tree-sitter-hcl/hcl-walk.wasm, a side module loaded into web-tree-sitter's runtime beside the
// grammars. It walks with the runtime's own exported cursor functions (the `_wasm` ones web-tree-sitter's
// TreeCursor calls: each reads and writes the cursor in the runtime's shared transfer buffer, where
// `tree.walk()` left it), so it reads the tree exactly as those methods do.
//
// Output: four int32 a node read, in document order (a node, then its children read): its type id
// (-1: nested too deeply to read), start and end (UTF-16 code units, as web-tree-sitter counts), and the
// number of nodes read below it (server/src/core/tf/hcl-convert.ts, NodeArray). The rule for which nodes are read is readNodes's (hcl.ts): a named node,
// unless it is punctuation in a tree without errors; an unnamed one only if it is a missing node in a
// tree with errors; no children of a leaf (a node whose text says all) or of a node deeper than MAX_DEPTH.

#include <stdbool.h>
#include <stdint.h>

// web-tree-sitter's runtime (tree-sitter.wasm) exports these; the loader resolves them by name.
bool ts_tree_cursor_goto_first_child_wasm(const void *tree);
bool ts_tree_cursor_goto_next_sibling_wasm(const void *tree);
bool ts_tree_cursor_goto_parent_wasm(const void *tree);
uint16_t ts_tree_cursor_current_node_type_id_wasm(const void *tree);
bool ts_tree_cursor_current_node_is_missing_wasm(const void *tree);
uint32_t ts_tree_cursor_start_index_wasm(const void *tree);
uint32_t ts_tree_cursor_end_index_wasm(const void *tree);
void ts_tree_cursor_delete_wasm(const void *tree);

// `kinds`: a byte per type id (65,536 of them): these bits.
enum { NAMED = 1, LEAF = 2, PUNCTUATION = 4 };

// hcl.ts's MAX_CST_DEPTH.
#define MAX_DEPTH 300

// To the next sibling of the cursor's node, or of the nearest ancestor that has one; each node left
// (its children all read) gets the number of nodes written since its own.
static bool climb_to_next(const void *tree, int32_t *depth, const int32_t *open, int32_t *out, int32_t len) {
  while (!ts_tree_cursor_goto_next_sibling_wasm(tree)) {
    ts_tree_cursor_goto_parent_wasm(tree);
    int32_t at = open[--*depth];
    out[at + 3] = (len - at) / 4 - 1;
    if (*depth == 0) return false;
  }
  return true;
}

/**
 * Walks the tree from the cursor in the transfer buffer (at the root), writes at most `cap` int32 to `out`
 * and frees the cursor. Returns the number written, or -1 if `cap` was too small.
 */
__attribute__((visibility("default")))
int32_t vpce_hcl_walk(const void *tree, const uint8_t *kinds, int32_t has_error, int32_t *out, int32_t cap) {
  int32_t open[MAX_DEPTH + 2]; // where the node whose children are being read at each depth is written
  int32_t len = 0;
  int32_t depth = 0;
  uint16_t id = ts_tree_cursor_current_node_type_id_wasm(tree);
  for (;;) {
    if (len + 4 > cap) {
      len = -1;
      break;
    }
    bool deep = depth > MAX_DEPTH;
    int32_t at = len;
    out[len++] = deep ? -1 : id;
    out[len++] = (int32_t)ts_tree_cursor_start_index_wasm(tree);
    out[len++] = (int32_t)ts_tree_cursor_end_index_wasm(tree);
    out[len++] = 0;
    if (!deep && !(kinds[id] & LEAF) && ts_tree_cursor_goto_first_child_wasm(tree)) {
      open[depth++] = at;
    } else if (depth == 0 || !climb_to_next(tree, &depth, open, out, len)) {
      break;
    }
    // The cursor is at a child of the node open at depth - 1: find the next one to read.
    for (;;) {
      uint16_t child = ts_tree_cursor_current_node_type_id_wasm(tree);
      uint8_t k = kinds[child];
      bool read = (k & NAMED) ? (has_error || !(k & PUNCTUATION)) : (has_error && ts_tree_cursor_current_node_is_missing_wasm(tree));
      if (read) {
        id = child;
        break;
      }
      if (!climb_to_next(tree, &depth, open, out, len)) goto done;
    }
  }
done:
  ts_tree_cursor_delete_wasm(tree);
  return len;
}
