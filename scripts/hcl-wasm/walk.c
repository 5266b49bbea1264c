// The HCL reader's walk over a parsed tree (server/src/core/tf/hcl.ts, readNodes) in WebAssembly: one call
// per file instead of several JS-to-WebAssembly calls per node. Built by scripts/build-hcl-wasm.sh into
// vendor/tree-sitter-hcl/hcl-walk.wasm, a side module loaded into web-tree-sitter's runtime beside the
// grammars. Two walks, the same output:
//
// - vpce_hcl_walk_tree reads the runtime's subtrees in place. It is compiled against the runtime's own
//   internal headers (web-tree-sitter's lib/*.h, the pinned version's), so the layout it reads is the one
//   the runtime wrote, and it visits the visible nodes exactly as the runtime's tree cursor does
//   (lib/tree_cursor.c: a hidden node's children stand in its place, a child is visible if its subtree is or
//   if its parent's production aliases it, extras take no alias and no structural index; a node's type is the
//   public symbol of its alias or its own). The loader uses it only with the pinned runtime (hcl-cursor.ts).
// - vpce_hcl_walk walks with the runtime's own exported cursor functions (the `_wasm` ones web-tree-sitter's
//   TreeCursor calls: each reads and writes the cursor in the runtime's shared transfer buffer, where
//   `tree.walk()` left it), so it reads the tree exactly as those methods do, with any runtime that has them.
//   Each call unmarshals the cursor, runs its child iterator and looks the symbol up again: the walk above
//   makes none of those calls.
//
// Output: four int32 a node read, in document order (a node, then its children read): its type id
// (-1: nested too deeply to read), start and end (UTF-16 code units, as web-tree-sitter counts), and the
// number of nodes read below it (server/src/core/tf/hcl-convert.ts, NodeArray). The rule for which nodes are read is readNodes's (hcl.ts): a named node,
// unless it is punctuation in a tree without errors; an unnamed one only if it is a missing node in a
// tree with errors; no children of a leaf (a node whose text says all) or of a node deeper than MAX_DEPTH.

#include <stdbool.h>
#include <stdint.h>

#include "tree.h"
#include "language.h"

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

// The runtime's allocator (the grammars import the same): the walk's stack of open subtrees.
void *malloc(size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);

// A subtree whose children are being read: a visible node read (`open`: where it was written) or a hidden
// one between two visible ones (`open` -1), whose children are read as its parent's.
typedef struct {
  const Subtree *child; // the next child
  const Subtree *end;
  const TSSymbol *aliases; // the subtree's production's alias sequence, or NULL
  uint32_t structural; // `child`'s index among the children that are not extras
  uint32_t position; // `child`'s start byte
  int32_t open;
} Frame;

// The runtime's UTF-16 input: a code unit is two bytes (tree-sitter.c, byte_to_code_unit).
#define UNITS(bytes) ((int32_t)((bytes) >> 1))

static inline TSSymbol public_symbol(const TSLanguage *language, TSSymbol symbol) {
  // language.c, ts_language_public_symbol
  return symbol == ts_builtin_sym_error ? symbol : language->public_symbol_map[symbol];
}

/**
 * Walks `tree` (the runtime's TSTree) from its root and writes at most `cap` int32 to `out`. Returns the
 * number written, -1 if `cap` was too small, -2 if the walk's stack could not be allocated.
 */
__attribute__((visibility("default")))
int32_t vpce_hcl_walk_tree(const TSTree *tree, const uint8_t *kinds, int32_t has_error, int32_t *out, int32_t cap) {
  const TSLanguage *language = tree->language;
  Subtree root = tree->root;
  // ts_tree_root_node: the root starts after its padding and takes no alias.
  uint32_t start = ts_subtree_padding(root).bytes;
  TSSymbol id = public_symbol(language, ts_subtree_symbol(root));
  if (cap < 4) return -1;
  out[0] = id;
  out[1] = UNITS(start);
  out[2] = UNITS(start + ts_subtree_size(root).bytes);
  out[3] = 0;
  int32_t len = 4;
  if ((kinds[id] & LEAF) || ts_subtree_visible_child_count(root) == 0) return len;

  uint32_t room = 64;
  Frame *stack = malloc(room * sizeof(Frame));
  if (!stack) return -2;
  uint32_t top = 0;
  int32_t depth = 1; // visible nodes read and open, as readNodes counts them
  const Subtree *children = ts_subtree_children(root);
  stack[0] = (Frame){children, children + root.ptr->child_count, ts_language_alias_sequence(language, root.ptr->production_id), 0, start, 0};
  top = 1;
  while (top > 0) {
    Frame *f = &stack[top - 1];
    if (f->child == f->end) {
      if (f->open >= 0) {
        out[f->open + 3] = (len - f->open) / 4 - 1;
        depth--;
      }
      top--;
      continue;
    }
    // ts_tree_cursor_child_iterator_next
    Subtree child = *f->child;
    uint32_t position = f->position;
    TSSymbol alias = 0;
    if (!ts_subtree_extra(child)) {
      if (f->aliases) alias = f->aliases[f->structural];
      f->structural++;
    }
    f->child++;
    f->position = position + ts_subtree_size(child).bytes + (f->child < f->end ? ts_subtree_padding(*f->child).bytes : 0);

    const Subtree *open_children = NULL;
    int32_t open = -1;
    if (ts_subtree_visible(child) || alias) {
      TSSymbol symbol = public_symbol(language, alias ? alias : ts_subtree_symbol(child));
      uint8_t k = kinds[symbol];
      bool read = (k & NAMED) ? (has_error || !(k & PUNCTUATION)) : (has_error && ts_subtree_missing(child));
      if (!read) continue;
      if (len + 4 > cap) {
        len = -1;
        break;
      }
      bool deep = depth > MAX_DEPTH;
      open = len;
      out[len++] = deep ? -1 : symbol;
      out[len++] = UNITS(position);
      out[len++] = UNITS(position + ts_subtree_size(child).bytes);
      out[len++] = 0;
      // A node without visible children: the cursor's goto_first_child finds none.
      if (deep || (k & LEAF) || ts_subtree_visible_child_count(child) == 0) continue;
      depth++;
    } else if (ts_subtree_visible_child_count(child) == 0) {
      continue;
    }
    open_children = ts_subtree_children(child);
    if (top == room) {
      Frame *grown = realloc(stack, 2 * room * sizeof(Frame));
      if (!grown) {
        len = -2;
        break;
      }
      stack = grown;
      room *= 2;
    }
    stack[top++] = (Frame){open_children, open_children + child.ptr->child_count, ts_language_alias_sequence(language, child.ptr->production_id), 0, position, open};
  }
  free(stack);
  return len;
}
