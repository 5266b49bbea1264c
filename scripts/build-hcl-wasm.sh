#!/usr/bin/env bash
# Builds vendor/tree-sitter-hcl/tree-sitter-terraform-fast.wasm (and hcl-walk.wasm, the tree walk: scripts/hcl-wasm/walk.c): the npm package's Terraform parser with four changes
# (whitespace skipped, template text lexed as single tokens, iswspace inline, every parse state in the plain table; see vendor/tree-sitter-hcl/README.md).
# Not run by CI or `npm run build` (CI has no wasm32 C compiler); run by hand after changing the grammar's version,
# then commit the .wasm and the sha256 this prints into vendor/tree-sitter-hcl/README.md.
#
# Needs clang and wasm-ld with the wasm32 target and the WASI libc headers (Debian/Ubuntu:
# `apt-get install clang lld emscripten`; only its C headers are used). The flags are tree-sitter 0.25's own `tree-sitter build --wasm`
# (a position-independent side module, its C library calls left to web-tree-sitter's runtime).
set -euo pipefail
cd "$(dirname "$0")/.."
PKG=node_modules/@tree-sitter-grammars/tree-sitter-hcl
OUT=vendor/tree-sitter-hcl/tree-sitter-terraform-fast.wasm
CC=${CC:-$(command -v clang-14 || command -v clang)}
SYSROOT=${EM_SYSROOT:-/usr/share/emscripten/cache/sysroot}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/tree_sitter"
cp "$PKG/src/tree_sitter/"*.h "$work/src/tree_sitter/"
node scripts/hcl-wasm/patch-parser.mjs "$PKG/src" "$work/src"

# The patched parse table gives every look-up the npm build's table gives (built for this machine, run once).
"$CC" -O1 -w -I "$PKG/src" -o "$work/table-check" scripts/hcl-wasm/table-check.c \
  "$PKG/src/parser.c" "$PKG/src/scanner.c" "$work/src/parser.c" "$work/src/scanner.c"
"$work/table-check"

WASM_LD=$(command -v wasm-ld-14 || command -v wasm-ld)
for c in parser scanner; do
  "$CC" --target=wasm32-unknown-emscripten --sysroot="$SYSROOT" \
    -fPIC -Os -fno-exceptions -fvisibility=hidden -nostdlib -ffile-prefix-map="$work/"= -I "$work/src" -c -o "$work/$c.o" "$work/src/$c.c"
done
# clang 14 does not pass -shared on to wasm-ld, so link with it directly (--experimental-pic: lld 14's name for it).
"$WASM_LD" --shared --experimental-pic --export=tree_sitter_terraform --export=vpce_hcl_iswspace --allow-undefined --no-entry \
  -O2 -o "$work/out.wasm" "$work/parser.o" "$work/scanner.o"
mkdir -p "$(dirname "$OUT")"
cp "$work/out.wasm" "$OUT"
echo "$(node -p "require('./$PKG/package.json').version") $("$CC" --version | head -1)"
sha256sum "$OUT"

# The npm build with the number fix alone (patch-parser.mjs --exact): the parser of the texts the fast build hands
# on (errors, leading whitespace), so that both read `1e3` as HCL does. Same compiler, flags and exports as above.
EXACT=vendor/tree-sitter-hcl/tree-sitter-terraform.wasm
mkdir -p "$work/exact/tree_sitter"
cp "$PKG/src/tree_sitter/"*.h "$work/exact/tree_sitter/"
node scripts/hcl-wasm/patch-parser.mjs --exact "$PKG/src" "$work/exact"
for c in parser scanner; do
  "$CC" --target=wasm32-unknown-emscripten --sysroot="$SYSROOT" \
    -fPIC -Os -fno-exceptions -fvisibility=hidden -nostdlib -ffile-prefix-map="$work/"= -I "$work/exact" -c -o "$work/exact-$c.o" "$work/exact/$c.c"
done
"$WASM_LD" --shared --experimental-pic --export=tree_sitter_terraform --allow-undefined --no-entry \
  -O2 -o "$work/exact.wasm" "$work/exact-parser.o" "$work/exact-scanner.o"
cp "$work/exact.wasm" "$EXACT"
sha256sum "$EXACT"

# The tree walk the HCL reader calls once a file (scripts/hcl-wasm/walk.c): a side module of its own, its
# cursor calls and allocator imported from web-tree-sitter's runtime. It reads the runtime's subtrees in place,
# so it is compiled against that runtime's own internal headers (web-tree-sitter ships them in lib/): only the
# pinned version's, which server/src/core/tf/hcl-cursor.ts also checks the runtime against before using it.
WALK=vendor/tree-sitter-hcl/hcl-walk.wasm
RUNTIME=node_modules/web-tree-sitter
RUNTIME_VERSION=$(node -p "require('./$RUNTIME/package.json').version")
if [ "$RUNTIME_VERSION" != 0.25.10 ]; then
  echo "walk.c reads web-tree-sitter 0.25.10's subtrees; found $RUNTIME_VERSION: check its lib/subtree.h, tree.h, language.h and tree_cursor.c against walk.c, then update the version here and the runtime's fingerprint in hcl-cursor.ts" >&2
  exit 1
fi
"$CC" --target=wasm32-unknown-emscripten --sysroot="$SYSROOT" \
  -fPIC -O2 -fno-exceptions -fvisibility=hidden -nostdlib -ffile-prefix-map="$PWD/"= \
  -I scripts/hcl-wasm/include -I "$RUNTIME/lib" -c -o "$work/walk.o" scripts/hcl-wasm/walk.c
"$WASM_LD" --shared --experimental-pic --export=vpce_hcl_walk --export=vpce_hcl_walk_tree --allow-undefined --no-entry \
  -O2 -o "$work/walk.wasm" "$work/walk.o"
cp "$work/walk.wasm" "$WALK"
sha256sum "$WALK"

# The parser as one static module (vendor/tree-sitter-hcl/hcl-parse.wasm, scripts/hcl-wasm/parse.c): the runtime's
# own C sources (web-tree-sitter's lib/*.c, the version checked above, MIT: vendor/tree-sitter-hcl/LICENSE-tree-sitter),
# the patched grammar and walk.c's subtree walk, linked statically by Emscripten (Debian's emcc 3.1.6: `apt-get install
# emscripten`) as a standalone module: no dynamic linking, no JS glue; its memory is parse.c's arena (-sMALLOC=none).
# The runtime's public header and the ICU macros its unicode.h names are not in the npm package: scripts/hcl-wasm/
# runtime-include stands in for them. query.c (queries) is left out; the other sources are lib.c's list.
# -O2 -flto: link-time inlining across the runtime, the grammar and the walk (web-tree-sitter compiles the runtime as one
# file, lib.c, for the same reason); -DNDEBUG: the runtime's asserts off. The fastest of the flag sets measured (BENCHMARKS.md).
# The runtime gets two fast paths first (scripts/hcl-wasm/patch-runtime.mjs: the lexer's advance in one UTF-16LE chunk,
# the stack's pop along one chain of links), each falling back to the runtime's own code outside its case.
PARSE=vendor/tree-sitter-hcl/hcl-parse.wasm
EMCC=${EMCC:-emcc}
mkdir -p "$work/runtime"
node scripts/hcl-wasm/patch-runtime.mjs "$RUNTIME/lib" "$work/runtime"
RUNTIME_SOURCES=""
for c in alloc get_changed_ranges language lexer node parser stack subtree tree_cursor tree wasm_store; do RUNTIME_SOURCES="$RUNTIME_SOURCES $work/runtime/$c.c"; done
# shellcheck disable=SC2086
"$EMCC" -O2 -flto -DNDEBUG -sSTANDALONE_WASM --no-entry -sMALLOC=none -sALLOW_MEMORY_GROWTH=1 -fno-exceptions -Werror=implicit-function-declaration \
  -ffile-prefix-map="$PWD/"= -ffile-prefix-map="$work/"= -Wl,--export=vpce_hcl_iswspace \
  -I scripts/hcl-wasm/runtime-include -I "$work/runtime" -I "$work/src" \
  $RUNTIME_SOURCES "$work/src/parser.c" "$work/src/scanner.c" scripts/hcl-wasm/walk.c scripts/hcl-wasm/parse.c -o "$work/parse.wasm"
cp "$work/parse.wasm" "$PARSE"
echo "$("$EMCC" --version | head -1)"
sha256sum "$PARSE"
