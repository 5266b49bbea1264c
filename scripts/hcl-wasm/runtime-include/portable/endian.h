// Stands in for tree-sitter's lib/src/portable/endian.h (not in web-tree-sitter's package): the C library's own.
#include <endian.h>
