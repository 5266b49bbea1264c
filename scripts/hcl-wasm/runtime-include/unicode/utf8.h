// Stands in for ICU's unicode/utf8.h (see utf16.h): U8_NEXT reads one code point of UTF-8 from s[i] (i < length),
// advancing i; an ill-formed sequence gives U_SENTINEL (-1) and consumes its lead byte and any valid
// continuation bytes after it, as ICU does for the maximal well-formed prefix. The standalone parser module feeds the
// runtime UTF-16 only (scripts/hcl-wasm/parse.c), so this decoder is compiled in (lexer.c names it) but never runs.
#ifndef VPCE_UTF8_H_
#define VPCE_UTF8_H_
#include "utf16.h"
#include <stdint.h>
static inline int32_t vpce_u8_next(const uint8_t *s, uint32_t *i, uint32_t length) {
  uint8_t b = s[(*i)++];
  if (b < 0x80) return b;
  int n; int32_t c; int32_t min;
  if (b >= 0xc2 && b <= 0xdf) { n = 1; c = b & 0x1f; min = 0x80; }
  else if (b >= 0xe0 && b <= 0xef) { n = 2; c = b & 0x0f; min = 0x800; }
  else if (b >= 0xf0 && b <= 0xf4) { n = 3; c = b & 0x07; min = 0x10000; }
  else return U_SENTINEL;
  for (int k = 0; k < n; k++) {
    if (*i == length || (s[*i] & 0xc0) != 0x80) return U_SENTINEL;
    int32_t next = (c << 6) | (s[*i] & 0x3f);
    // Overlong forms, surrogates and code points past U+10FFFF stop at the byte that makes them so.
    if (k == 0 && ((n == 2 && next < (min >> 6)) || (n == 2 && next >= 0x360 && next <= 0x37f) || (n == 3 && (next < 0x10 || next > 0x10f)))) return U_SENTINEL;
    c = next;
    (*i)++;
  }
  return c;
}
#define U8_NEXT(s, i, length, c) UPRV_BLOCK_MACRO_BEGIN { (c) = vpce_u8_next((const uint8_t *)(s), &(i), (length)); } UPRV_BLOCK_MACRO_END
#endif
