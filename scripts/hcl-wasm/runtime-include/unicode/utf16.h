// Stands in for ICU's unicode/utf16.h, which tree-sitter vendors in its repository (lib/src/unicode) and
// web-tree-sitter's npm package does not ship: the runtime's unicode.h needs only these UTF-16 macros
// (Unicode's surrogate ranges: lead D800-DBFF, trail DC00-DFFF; a pair is 0x10000 + (lead-D800)<<10 + trail-DC00).
#ifndef VPCE_UTF16_H_
#define VPCE_UTF16_H_
#define UPRV_BLOCK_MACRO_BEGIN do
#define UPRV_BLOCK_MACRO_END while (0)
#define U_SENTINEL (-1)
#define U16_IS_LEAD(c) (((c) & 0xfffffc00) == 0xd800)
#define U16_IS_TRAIL(c) (((c) & 0xfffffc00) == 0xdc00)
#define U16_GET_SUPPLEMENTARY(lead, trail) ((((int32_t)(lead) - 0xd800) << 10) + ((int32_t)(trail) - 0xdc00) + 0x10000)
#endif
