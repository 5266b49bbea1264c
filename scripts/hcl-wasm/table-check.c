// Checks the fast build's parse table against the npm package's: every (state, symbol) look-up, as the runtime makes
// it (web-tree-sitter 0.25's ts_language_lookup, lib/language.h: the plain table for a state below
// large_state_count, a scan of the state's symbol groups above), gives the same action list or goto state. Built
// natively and run by scripts/build-hcl-wasm.sh, linked with both generated parsers (tree_sitter_hcl as npm ships
// it, tree_sitter_terraform as patched); exits 1 on any difference.
#include <stdio.h>
#include "tree_sitter/parser.h"
const TSLanguage *tree_sitter_hcl(void);
const TSLanguage *tree_sitter_terraform(void);
static unsigned lookup(const TSLanguage *l, unsigned state, unsigned symbol) {
  if (state >= l->large_state_count) {
    const uint16_t *d = &l->small_parse_table[l->small_parse_table_map[state - l->large_state_count]];
    unsigned groups = *d++;
    for (unsigned i = 0; i < groups; i++) {
      unsigned value = *d++, n = *d++;
      for (unsigned j = 0; j < n; j++) if (*d++ == symbol) return value;
    }
    return 0;
  }
  return l->parse_table[state * l->symbol_count + symbol];
}
int main(void) {
  const TSLanguage *a = tree_sitter_hcl(), *b = tree_sitter_terraform();
  if (a->state_count != b->state_count || a->symbol_count != b->symbol_count) { puts("shape differs"); return 1; }
  unsigned long diff = 0, nonzero = 0;
  for (unsigned s = 0; s < a->state_count; s++)
    for (unsigned y = 0; y < a->symbol_count; y++) {
      unsigned x = lookup(a, s, y), z = lookup(b, s, y);
      if (x) nonzero++;
      if (x != z) { if (diff++ < 5) printf("state %u symbol %u: %u != %u\n", s, y, x, z); }
    }
  printf("states %u (large %u -> %u), symbols %u, entries %lu, differing %lu\n", a->state_count, a->large_state_count, b->large_state_count, a->symbol_count, nonzero, diff);
  return diff != 0;
}
