// Stands in for tree-sitter's public header (lib/include/tree_sitter/api.h) when the runtime's own sources
// (web-tree-sitter's lib/*.c, the pinned 0.25.10) are compiled into the standalone parser module
// (scripts/hcl-wasm/parse.c): web-tree-sitter's npm package ships those sources and their internal headers
// but not this one. Everything in that module is compiled together, so these declarations need agree only
// with the sources that use them (the compiler checks each against its definition); the one layout shared
// with code compiled elsewhere is the grammar's TSLanguage, which lib/parser.h (the grammar's own
// tree_sitter/parser.h, the same text) declares, included here so that it also declares the base types.
#ifndef TREE_SITTER_API_H_
#include "parser.h"
#define TREE_SITTER_API_H_

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TREE_SITTER_LANGUAGE_VERSION 15
#define TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION 13

typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct TSQuery TSQuery;
typedef struct TSQueryCursor TSQueryCursor;
typedef struct TSLookaheadIterator TSLookaheadIterator;
typedef struct TSWasmStore TSWasmStore;
typedef struct wasm_engine_t TSWasmEngine;

typedef uint32_t (*DecodeFunction)(const uint8_t *string, uint32_t length, int32_t *code_point);

typedef enum TSInputEncoding {
  TSInputEncodingUTF8,
  TSInputEncodingUTF16LE,
  TSInputEncodingUTF16BE,
  TSInputEncodingCustom,
} TSInputEncoding;

typedef enum TSSymbolType {
  TSSymbolTypeRegular,
  TSSymbolTypeAnonymous,
  TSSymbolTypeSupertype,
  TSSymbolTypeAuxiliary,
} TSSymbolType;

typedef struct TSPoint {
  uint32_t row;
  uint32_t column;
} TSPoint;

typedef struct TSRange {
  TSPoint start_point;
  TSPoint end_point;
  uint32_t start_byte;
  uint32_t end_byte;
} TSRange;

typedef struct TSInput {
  void *payload;
  const char *(*read)(void *payload, uint32_t byte_index, TSPoint position, uint32_t *bytes_read);
  TSInputEncoding encoding;
  DecodeFunction decode;
} TSInput;

typedef struct TSParseState {
  void *payload;
  uint32_t current_byte_offset;
  bool has_error;
} TSParseState;

typedef struct TSParseOptions {
  void *payload;
  bool (*progress_callback)(TSParseState *state);
} TSParseOptions;

typedef enum TSLogType {
  TSLogTypeParse,
  TSLogTypeLex,
} TSLogType;

typedef struct TSLogger {
  void *payload;
  void (*log)(void *payload, TSLogType log_type, const char *buffer);
} TSLogger;

typedef struct TSInputEdit {
  uint32_t start_byte;
  uint32_t old_end_byte;
  uint32_t new_end_byte;
  TSPoint start_point;
  TSPoint old_end_point;
  TSPoint new_end_point;
} TSInputEdit;

typedef struct TSNode {
  uint32_t context[4];
  const void *id;
  const TSTree *tree;
} TSNode;

typedef struct TSTreeCursor {
  const void *tree;
  const void *id;
  uint32_t context[3];
} TSTreeCursor;

typedef enum {
  TSWasmErrorKindNone = 0,
  TSWasmErrorKindParse,
  TSWasmErrorKindCompile,
  TSWasmErrorKindInstantiate,
  TSWasmErrorKindAllocate,
} TSWasmErrorKind;

typedef struct {
  TSWasmErrorKind kind;
  char *message;
} TSWasmError;

// The runtime's public functions, as its sources define them (several call each other through this header).
void ts_set_allocator(void *(*new_malloc)(size_t size), void *(*new_calloc)(size_t count, size_t size), void *(*new_realloc)(void *ptr, size_t size), void (*new_free)(void *ptr));
const char *ts_language_symbol_name(const TSLanguage *self, TSSymbol symbol);
const TSLanguage *ts_language_copy(const TSLanguage *self);
void ts_language_delete(const TSLanguage *self);
uint32_t ts_language_symbol_count(const TSLanguage *self);
uint32_t ts_language_state_count(const TSLanguage *self);
const TSSymbol *ts_language_supertypes(const TSLanguage *self, uint32_t *length);
const TSSymbol *ts_language_subtypes(const TSLanguage *self, TSSymbol supertype, uint32_t *length);
uint32_t ts_language_version(const TSLanguage *self);
uint32_t ts_language_abi_version(const TSLanguage *self);
const TSLanguageMetadata *ts_language_metadata(const TSLanguage *self);
const char *ts_language_name(const TSLanguage *self);
uint32_t ts_language_field_count(const TSLanguage *self);
TSStateId ts_language_next_state(const TSLanguage *self, TSStateId state, TSSymbol symbol);
TSSymbol ts_language_symbol_for_name(const TSLanguage *self, const char *string, uint32_t length, bool is_named);
TSSymbolType ts_language_symbol_type(const TSLanguage *self, TSSymbol symbol);
const char *ts_language_field_name_for_id(const TSLanguage *self, TSFieldId id);
TSFieldId ts_language_field_id_for_name(const TSLanguage *self, const char *name, uint32_t name_length);
TSLookaheadIterator *ts_lookahead_iterator_new(const TSLanguage *self, TSStateId state);
void ts_lookahead_iterator_delete(TSLookaheadIterator *self);
bool ts_lookahead_iterator_reset_state(TSLookaheadIterator * self, TSStateId state);
const TSLanguage *ts_lookahead_iterator_language(const TSLookaheadIterator *self);
bool ts_lookahead_iterator_reset(TSLookaheadIterator *self, const TSLanguage *language, TSStateId state);
bool ts_lookahead_iterator_next(TSLookaheadIterator *self);
TSSymbol ts_lookahead_iterator_current_symbol(const TSLookaheadIterator *self);
const char *ts_lookahead_iterator_current_symbol_name(const TSLookaheadIterator *self);
TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *self);
const TSLanguage *ts_parser_language(const TSParser *self);
bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
TSLogger ts_parser_logger(const TSParser *self);
void ts_parser_set_logger(TSParser *self, TSLogger logger);
void ts_parser_print_dot_graphs(TSParser *self, int fd);
const size_t *ts_parser_cancellation_flag(const TSParser *self);
void ts_parser_set_cancellation_flag(TSParser *self, const size_t *flag);
uint64_t ts_parser_timeout_micros(const TSParser *self);
void ts_parser_set_timeout_micros(TSParser *self, uint64_t timeout_micros);
bool ts_parser_set_included_ranges(TSParser *self, const TSRange *ranges, uint32_t count);
const TSRange *ts_parser_included_ranges(const TSParser *self, uint32_t *count);
void ts_parser_reset(TSParser *self);
TSTree *ts_parser_parse(TSParser *self, const TSTree *old_tree, TSInput input);
TSTree *ts_parser_parse_with_options(TSParser *self, const TSTree *old_tree, TSInput input, TSParseOptions parse_options);
TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length);
TSTree *ts_parser_parse_string_encoding(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length, TSInputEncoding encoding);
void ts_parser_set_wasm_store(TSParser *self, TSWasmStore *store);
TSWasmStore *ts_parser_take_wasm_store(TSParser *self);
TSTree *ts_tree_copy(const TSTree *self);
void ts_tree_delete(TSTree *self);
TSNode ts_tree_root_node(const TSTree *self);
TSNode ts_tree_root_node_with_offset(const TSTree *self, uint32_t offset_bytes, TSPoint offset_extent);
const TSLanguage *ts_tree_language(const TSTree *self);
void ts_tree_edit(TSTree *self, const TSInputEdit *edit);
TSRange *ts_tree_included_ranges(const TSTree *self, uint32_t *length);
TSRange *ts_tree_get_changed_ranges(const TSTree *old_tree, const TSTree *new_tree, uint32_t *length);
void ts_tree_print_dot_graph(const TSTree *self, int fd);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_reset(TSTreeCursor *_self, TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *_self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
bool ts_tree_cursor_goto_last_child(TSTreeCursor *self);
int64_t ts_tree_cursor_goto_first_child_for_byte(TSTreeCursor *self, uint32_t goal_byte);
int64_t ts_tree_cursor_goto_first_child_for_point(TSTreeCursor *self, TSPoint goal_point);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_previous_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *_self);
void ts_tree_cursor_goto_descendant(TSTreeCursor *_self, uint32_t goal_descendant_index);
uint32_t ts_tree_cursor_current_descendant_index(const TSTreeCursor *_self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *_self);
uint32_t ts_tree_cursor_current_depth(const TSTreeCursor *_self);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *_self);
const char *ts_tree_cursor_current_field_name(const TSTreeCursor *_self);
TSTreeCursor ts_tree_cursor_copy(const TSTreeCursor *_cursor);
void ts_tree_cursor_reset_to(TSTreeCursor *_dst, const TSTreeCursor *_src);
uint32_t ts_node_start_byte(TSNode self);
TSPoint ts_node_start_point(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
TSPoint ts_node_end_point(TSNode self);
TSSymbol ts_node_symbol(TSNode self);
const char *ts_node_type(TSNode self);
const TSLanguage *ts_node_language(TSNode self);
TSSymbol ts_node_grammar_symbol(TSNode self);
const char *ts_node_grammar_type(TSNode self);
char *ts_node_string(TSNode self);
bool ts_node_eq(TSNode self, TSNode other);
bool ts_node_is_null(TSNode self);
bool ts_node_is_extra(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_has_changes(TSNode self);
bool ts_node_has_error(TSNode self);
bool ts_node_is_error(TSNode self);
uint32_t ts_node_descendant_count(TSNode self);
TSStateId ts_node_parse_state(TSNode self);
TSStateId ts_node_next_parse_state(TSNode self);
TSNode ts_node_parent(TSNode self);
TSNode ts_node_child_with_descendant(TSNode self, TSNode descendant);
TSNode ts_node_child(TSNode self, uint32_t child_index);
TSNode ts_node_named_child(TSNode self, uint32_t child_index);
TSNode ts_node_child_by_field_id(TSNode self, TSFieldId field_id);
const char *ts_node_field_name_for_child(TSNode self, uint32_t child_index);
const char *ts_node_field_name_for_named_child(TSNode self, uint32_t named_child_index);
TSNode ts_node_child_by_field_name(TSNode self, const char *name, uint32_t name_length);
uint32_t ts_node_child_count(TSNode self);
uint32_t ts_node_named_child_count(TSNode self);
TSNode ts_node_next_sibling(TSNode self);
TSNode ts_node_next_named_sibling(TSNode self);
TSNode ts_node_prev_sibling(TSNode self);
TSNode ts_node_prev_named_sibling(TSNode self);
TSNode ts_node_first_child_for_byte(TSNode self, uint32_t byte);
TSNode ts_node_first_named_child_for_byte(TSNode self, uint32_t byte);
TSNode ts_node_descendant_for_byte_range(TSNode self, uint32_t start, uint32_t end);
TSNode ts_node_named_descendant_for_byte_range(TSNode self, uint32_t start, uint32_t end);
TSNode ts_node_descendant_for_point_range(TSNode self, TSPoint start, TSPoint end);
TSNode ts_node_named_descendant_for_point_range(TSNode self, TSPoint start, TSPoint end);
void ts_node_edit(TSNode *self, const TSInputEdit *edit);
TSWasmStore *ts_wasm_store_new(TSWasmEngine *engine, TSWasmError *wasm_error);
void ts_wasm_store_delete(TSWasmStore *self);
size_t ts_wasm_store_language_count(const TSWasmStore *self);
const TSLanguage *ts_wasm_store_load_language(TSWasmStore *self, const char *language_name, const char *wasm, uint32_t wasm_len, TSWasmError *wasm_error);
bool ts_wasm_store_add_language(TSWasmStore *self, const TSLanguage *language, uint32_t *index);
void ts_wasm_store_reset_heap(TSWasmStore *self);
bool ts_language_is_wasm(const TSLanguage *self);

#endif
