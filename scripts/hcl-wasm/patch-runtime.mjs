// Rewrites two of tree-sitter's runtime sources (web-tree-sitter 0.25.10's lib/) for hcl-parse.wasm
// (vendor/tree-sitter-hcl/README.md, "hcl-parse.wasm"): fast paths for what that module always does, each falling
// back to the runtime's own code whenever its case does not hold, so every parse builds the same tree.
//
// 1. lexer.c, `ts_lexer__advance`: the module parses one in-memory UTF-16LE text (ts_parser_parse_string_encoding),
//    one chunk, one included range, no logger. Advancing over a character that is not a surrogate then moves the
//    position and column as `ts_lexer__do_advance` does and reads the next code unit in place, without the range
//    loop, the chunk test and the decoder's indirect call (the runtime's per-character advance was 140 M of the
//    parse's ~1,000 M instructions: BENCHMARKS.md, "Terraform parse: why it is slow").
// 2. stack.c, `ts_stack_pop_count`: the parse never splits (one stack version, every node one link), so a pop of
//    `count` subtrees walks the one chain of links. It collects the same subtrees (retained, in the same order, in
//    an array reserved as stack__iter reserves it) and adds the same slice; a node with more than one link or the
//    stack's base before `count` subtrees sends the pop to the runtime's general iterator, untouched.
//
// Usage: node scripts/hcl-wasm/patch-runtime.mjs <web-tree-sitter lib/ folder> <out folder> (writes every .c and .h
// of lib/, two of them changed). Fails unless each changed piece of source is there exactly once as expected, so a
// new runtime version cannot be patched silently wrong.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [libDir, outDir] = process.argv.slice(2);
if (!libDir || !outDir) throw new Error('usage: patch-runtime.mjs <web-tree-sitter lib/ folder> <out folder>');

function replaceOnce(file, text, from, to) {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`${join(libDir, file)}: expected source found ${parts.length - 1} times, not once; not patched`);
  return parts[0] + to + parts[1];
}

for (const name of readdirSync(libDir)) if (/\.[ch]$/.test(name)) copyFileSync(join(libDir, name), join(outDir, name));

// ---- 1. lexer.c ----
let lexer = readFileSync(join(libDir, 'lexer.c'), 'utf8');
// The runtime's advance, as the fast path must mirror it: position and column, then the range loop, the skip, the chunk.
for (const shape of [
  `  if (self->lookahead_size) {
    if (self->data.lookahead == '\\n') {
      self->current_position.extent.row++;
      self->current_position.extent.column = 0;
      ts_lexer__set_column_data(self, 0);
    } else {
      bool is_bom = self->current_position.bytes == 0 && 
        self->data.lookahead == BYTE_ORDER_MARK;
      if (!is_bom) ts_lexer__increment_column_data(self);
      self->current_position.extent.column += self->lookahead_size;
    }
    self->current_position.bytes += self->lookahead_size;
  }

  const TSRange *current_range = &self->included_ranges[self->current_included_range_index];
  while (
    self->current_position.bytes >= current_range->end_byte ||
    current_range->end_byte == current_range->start_byte
  ) {`,
  `  if (skip) self->token_start_position = self->current_position;

  if (current_range) {
    if (
      self->current_position.bytes < self->chunk_start ||
      self->current_position.bytes >= self->chunk_start + self->chunk_size
    ) {
      ts_lexer__get_chunk(self);
    }
    ts_lexer__get_lookahead(self);`,
  `  uint32_t position_in_chunk = self->current_position.bytes - self->chunk_start;
  uint32_t size = self->chunk_size - position_in_chunk;

  if (size == 0) {`,
  `    self->input.encoding == TSInputEncodingUTF16LE ? ts_decode_utf16_le :`,
  `  U16_NEXT_LE(((uint16_t *)string), i, length, *code_point);`,
]) {
  const where = shape.startsWith('  U16_NEXT_LE') ? readFileSync(join(libDir, 'unicode.h'), 'utf8') : lexer;
  if (where.split(shape).length !== 2) throw new Error(`${libDir}: lexer.c or unicode.h is not the shape the advance fast path mirrors; not patched`);
}
lexer = replaceOnce('lexer.c', lexer, `// Advance to the next character in the source code, retrieving a new
// chunk of source code if needed.
static void ts_lexer__advance(TSLexer *_self, bool skip) {
  Lexer *self = (Lexer *)_self;
  if (!self->chunk) return;
`, `// vpce-lens (scripts/hcl-wasm/patch-runtime.mjs): ts_lexer__do_advance over a two-byte character of a UTF-16LE text
// read as one chunk in one included range, where the next code unit is in the chunk and is no lead surrogate (so
// ts_decode_utf16_le would read it alone, two bytes). Returns false, having changed nothing, in any other case.
static inline bool ts_lexer__advance_in_utf16_chunk(Lexer *self, bool skip) {
  if (
    self->lookahead_size != 2 ||
    self->input.encoding != TSInputEncodingUTF16LE ||
    self->included_range_count != 1 ||
    self->current_included_range_index != 0
  ) return false;
  const TSRange *range = &self->included_ranges[0];
  Length position = self->current_position;
  bool newline = self->data.lookahead == '\\n';
  if (newline) {
    position.extent.row++;
    position.extent.column = 0;
  } else {
    position.extent.column += 2;
  }
  position.bytes += 2;
  if (position.bytes >= range->end_byte || range->end_byte == range->start_byte) return false;
  if (position.bytes < self->chunk_start) return false;
  uint32_t position_in_chunk = position.bytes - self->chunk_start;
  if (position_in_chunk >= self->chunk_size || self->chunk_size - position_in_chunk < 2) return false;
  uint16_t unit;
  memcpy(&unit, (const uint8_t *)self->chunk + position_in_chunk, 2);
  unit = le16toh(unit);
  if (U16_IS_LEAD(unit)) return false;
  if (newline) {
    ts_lexer__set_column_data(self, 0);
  } else if (!(self->current_position.bytes == 0 && self->data.lookahead == BYTE_ORDER_MARK)) {
    ts_lexer__increment_column_data(self);
  }
  self->current_position = position;
  if (skip) self->token_start_position = position;
  self->data.lookahead = unit;
  self->lookahead_size = 2;
  return true;
}

// Advance to the next character in the source code, retrieving a new
// chunk of source code if needed.
static void ts_lexer__advance(TSLexer *_self, bool skip) {
  Lexer *self = (Lexer *)_self;
  if (!self->chunk) return;
  if (!self->logger.log && ts_lexer__advance_in_utf16_chunk(self, skip)) return;
`);
lexer = replaceOnce('lexer.c', lexer, '#include <stdarg.h>\n#include <stdio.h>\n', '#include <stdarg.h>\n#include <stdio.h>\n#include <string.h>\n');
writeFileSync(join(outDir, 'lexer.c'), lexer);

// ---- 2. stack.c ----
let stack = readFileSync(join(libDir, 'stack.c'), 'utf8');
// What the fast pop mirrors: stack__iter's walk (a link's subtree retained and pushed; counted unless extra; a link
// without a subtree counted), its reservation, and pop_count_callback's test.
for (const shape of [
  `        next_iterator->node = link.node;
        if (link.subtree.ptr) {
          if (include_subtrees) {
            array_push(&next_iterator->subtrees, link.subtree);
            ts_subtree_retain(link.subtree);
          }

          if (!ts_subtree_extra(link.subtree)) {
            next_iterator->subtree_count++;`,
  `        } else {
          next_iterator->subtree_count++;
          next_iterator->is_pending = false;
        }`,
  `    array_reserve(&new_iterator.subtrees, (uint32_t)ts_subtree_alloc_size(goal_subtree_count) / sizeof(Subtree));`,
  `      bool should_stop = action & StackActionStop || node->link_count == 0;

      if (should_pop) {
        SubtreeArray subtrees = iterator->subtrees;
        if (!should_stop) {
          ts_subtree_array_copy(subtrees, &subtrees);
        }
        ts_subtree_array_reverse(&subtrees);
        ts_stack__add_slice(
          self,
          version,
          node,
          &subtrees
        );
      }`,
  `  if (iterator->subtree_count == *goal_subtree_count) {
    return StackActionPop | StackActionStop;`,
]) {
  if (stack.split(shape).length !== 2) throw new Error(`${join(libDir, 'stack.c')}: stack__iter is not the shape the pop fast path mirrors; not patched`);
}
stack = replaceOnce('stack.c', stack, `StackSliceArray ts_stack_pop_count(Stack *self, StackVersion version, uint32_t count) {
  return stack__iter(self, version, pop_count_callback, &count, (int)count);
}`, `StackSliceArray ts_stack_pop_count(Stack *self, StackVersion version, uint32_t count) {
  // vpce-lens (scripts/hcl-wasm/patch-runtime.mjs): where the chain from the head to \`count\` subtrees down is one
  // link a node, stack__iter's single iterator, without the iterator. It would find that node, with these subtrees.
  StackNode *node = array_get(&self->heads, version)->node;
  uint32_t found = 0;
  while (found != count) {
    if (node->link_count != 1) return stack__iter(self, version, pop_count_callback, &count, (int)count);
    Subtree subtree = node->links[0].subtree;
    if (!subtree.ptr || !ts_subtree_extra(subtree)) found++;
    node = node->links[0].node;
  }
  array_clear(&self->slices);
  array_clear(&self->iterators);
  SubtreeArray subtrees = array_new();
  array_reserve(&subtrees, (uint32_t)ts_subtree_alloc_size(count) / sizeof(Subtree));
  for (StackNode *at = array_get(&self->heads, version)->node; at != node; at = at->links[0].node) {
    Subtree subtree = at->links[0].subtree;
    if (subtree.ptr) {
      array_push(&subtrees, subtree);
      ts_subtree_retain(subtree);
    }
  }
  ts_subtree_array_reverse(&subtrees);
  ts_stack__add_slice(self, version, node, &subtrees);
  return self->slices;
}`);
writeFileSync(join(outDir, 'stack.c'), stack);
console.log('patched runtime: lexer advance over one UTF-16LE chunk, stack pop along one chain of links');
