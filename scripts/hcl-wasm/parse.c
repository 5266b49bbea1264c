// The standalone Terraform parser module (vendor/tree-sitter-hcl/hcl-parse.wasm, built by
// scripts/build-hcl-wasm.sh): tree-sitter's runtime (web-tree-sitter 0.25.10's lib/*.c, the same sources its
// tree-sitter.wasm is built from), the fast grammar (patch-parser.mjs's output) and walk.c's subtree walk,
// linked statically into one module with no imports the JS loader does not stub (server/src/core/tf/
// hcl-module.ts). One call parses a text and walks its tree into the array hcl-convert.ts reads; a text the
// fast grammar finds broken, or whose root does not start at 0, is answered "not here" and the caller parses
// it with the npm build in web-tree-sitter, as before.
//
// Memory: an arena. Everything one call allocates (the parser, its stacks, the tree, the walk's output) is
// bump-allocated and dropped at the start of the next call, so free is a no-op and no tree is deleted: in
// web-tree-sitter's runtime a fifth of the parse's instructions were malloc and free and another twentieth the
// tree's deletion (BENCHMARKS.md, "Terraform parse: one static WebAssembly module").

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wctype.h>

#include "tree_sitter/api.h"
#include "tree.h"

const TSLanguage *tree_sitter_terraform(void);
int32_t vpce_hcl_walk_tree(const TSTree *tree, const uint8_t *kinds, int32_t has_error, int32_t *out, int32_t cap);

// ---- the arena ----

#define ALIGN 8
#define PAGE 65536
extern unsigned char __heap_base;

static uintptr_t arena_start; // 0 until the first reset
static uintptr_t arena_top;
static uintptr_t arena_end;

static void arena_reset(void) {
  if (!arena_start) {
    arena_start = ((uintptr_t)&__heap_base + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
    arena_end = __builtin_wasm_memory_size(0) * PAGE;
  }
  arena_top = arena_start;
}

// Each block is preceded by its size, in the word before it (realloc copies that much; the last block grows in place).
#define SIZE_OF(block) (((size_t *)(block))[-1])

static void *arena_alloc(size_t size) {
  if (!arena_start) arena_reset();
  size_t need = ((size + ALIGN - 1) & ~(size_t)(ALIGN - 1)) + ALIGN;
  if (need < size) return NULL;
  if (arena_top + need > arena_end) {
    size_t pages = (arena_top + need - arena_end + PAGE - 1) / PAGE;
    // At least double what the module has, so that a large text grows memory a few times, not at every block.
    size_t have = arena_end / PAGE;
    if (pages < have) pages = have;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) {
      pages = (arena_top + need - arena_end + PAGE - 1) / PAGE;
      if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return NULL;
    }
    arena_end += pages * PAGE;
  }
  void *block = (void *)(arena_top + ALIGN);
  SIZE_OF(block) = size;
  arena_top += need;
  return block;
}

void *malloc(size_t size) { return arena_alloc(size); }

void *calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  void *block = arena_alloc(count * size);
  if (block) memset(block, 0, count * size);
  return block;
}

void free(void *block) {
  // The last block is given back (a stack that pops what it pushed reuses its room); any other waits for the reset.
  if (!block) return;
  size_t size = SIZE_OF(block);
  if ((uintptr_t)block + ((size + ALIGN - 1) & ~(size_t)(ALIGN - 1)) == arena_top) arena_top = (uintptr_t)block - ALIGN;
}

void *realloc(void *block, size_t size) {
  if (!block) return arena_alloc(size);
  size_t old = SIZE_OF(block);
  uintptr_t old_end = (uintptr_t)block + ((old + ALIGN - 1) & ~(size_t)(ALIGN - 1));
  if (old_end == arena_top) {
    // The last block: grow it in place where the memory is there.
    size_t grown = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if ((uintptr_t)block + grown <= arena_end) {
      SIZE_OF(block) = size;
      arena_top = (uintptr_t)block + grown;
      return block;
    }
  }
  void *moved = arena_alloc(size);
  if (moved) memcpy(moved, block, old < size ? old : size);
  return moved;
}

// ---- the calls ----

// The grammar's node types, for the loader's tables: web-tree-sitter's Language reads the same three.
__attribute__((export_name("vpce_hcl_symbol_count"))) uint32_t vpce_hcl_symbol_count(void) { return ts_language_symbol_count(tree_sitter_terraform()); }
__attribute__((export_name("vpce_hcl_symbol_type"))) uint32_t vpce_hcl_symbol_type(uint32_t id) { return ts_language_symbol_type(tree_sitter_terraform(), (TSSymbol)id); }
__attribute__((export_name("vpce_hcl_symbol_name"))) const char *vpce_hcl_symbol_name(uint32_t id) { return ts_language_symbol_name(tree_sitter_terraform(), (TSSymbol)id); }

// The C library's character classes the external scanner asks (this module's, Emscripten's musl): the
// parity test compares them with web-tree-sitter's runtime's on every code point.
__attribute__((export_name("vpce_hcl_iswalnum"))) int32_t vpce_hcl_iswalnum(int32_t c) { return iswalnum((wint_t)c); }
__attribute__((export_name("vpce_hcl_iswxdigit"))) int32_t vpce_hcl_iswxdigit(int32_t c) { return iswxdigit((wint_t)c); }

// walk.c's node kinds, a byte per type id, filled once by the loader.
static uint8_t kinds[65536];
static uint16_t *text;
static uint32_t text_units;
static int32_t *output;

__attribute__((export_name("vpce_hcl_kinds"))) uint8_t *vpce_hcl_kinds(void) { return kinds; }

/** Drops the previous call's memory and returns room for `units` UTF-16 code units, where the caller writes the text. */
__attribute__((export_name("vpce_hcl_input"))) uint16_t *vpce_hcl_input(uint32_t units) {
  arena_reset();
  text_units = units;
  output = NULL;
  text = malloc((size_t)units * 2 + 2);
  return text;
}

/** Where the last parse's nodes are (`vpce_hcl_parse`'s count of int32). */
__attribute__((export_name("vpce_hcl_output"))) int32_t *vpce_hcl_output(void) { return output; }

/**
 * Parses the text written at `vpce_hcl_input` and walks its tree (walk.c) into `vpce_hcl_output`. Returns the
 * number of int32 written; -3 if the tree has errors or its root does not start at 0 (the caller parses the
 * text with the npm build); -1, -2 walk.c's out of room and out of memory; -4 the parser gave no tree.
 */
__attribute__((export_name("vpce_hcl_parse"))) int32_t vpce_hcl_parse(void) {
  if (!text) return -2;
  TSParser *parser = ts_parser_new();
  if (!parser || !ts_parser_set_language(parser, tree_sitter_terraform())) return -4;
  TSTree *tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)text, text_units * 2, TSInputEncodingUTF16LE);
  if (!tree) return -4;
  TSNode root = ts_tree_root_node(tree);
  if (ts_node_has_error(root) || ts_node_start_byte(root) != 0) return -3;
  int32_t cap = (int32_t)(ts_node_descendant_count(root) + 1) * 4;
  output = malloc((size_t)cap * 4);
  if (!output) return -2;
  return vpce_hcl_walk_tree(tree, kinds, 0, output, cap);
}
