// Stands in for tree-sitter's public header (lib/include/tree_sitter/api.h), which web-tree-sitter's npm
// package does not ship beside the runtime's internal headers (lib/*.h) that walk.c is compiled against.
// Those headers need from it only the names below; the one type whose layout they embed is TSPoint (inside
// Length, inside every subtree): two uint32, row then column. TREE_SITTER_API_H_ is left undefined so that
// lib/parser.h declares TSSymbol, TSStateId, TSFieldId and TSLanguage itself, as the runtime's build saw them.
#ifndef VPCE_TREE_SITTER_API_SHIM_H_
#define VPCE_TREE_SITTER_API_SHIM_H_

#include <stdbool.h>
#include <stdint.h>

typedef struct TSPoint {
  uint32_t row;
  uint32_t column;
} TSPoint;

typedef struct TSTree TSTree;
typedef struct TSRange TSRange;
typedef struct TSNode TSNode;
typedef struct TSInputEdit TSInputEdit;

// Called by a static inline function of lib/language.h that walk.c does not use (TSSymbol is uint16_t).
struct TSLanguage;
const char *ts_language_symbol_name(const struct TSLanguage *self, uint16_t symbol);

#endif
