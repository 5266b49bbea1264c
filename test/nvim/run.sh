#!/bin/sh
# Runs test/nvim/diagnostics.lua (the README's Neovim lines) in a headless Neovim against the built server and prints what the
# client received, one "CODE LINE COLUMN" per diagnostic. Usage: test/nvim/run.sh [template]
# Neovim's state, cache and logs go to a scratch folder, never to the real home.
set -eu
cd "$(dirname "$0")/../.."
file="${1:-examples/endpoints-with-mistakes.yaml}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
[ -f dist/server.js ] || { echo "dist/server.js is missing: run npm run build" >&2; exit 2; }
XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache" \
VPCE_SERVER="$PWD/dist/server.js" VPCE_README="$PWD/README.md" VPCE_FILE="$PWD/$file" VPCE_OUT="$scratch/out" \
  timeout 60 nvim --headless --clean -n -u NONE -c 'luafile test/nvim/diagnostics.lua'
cat "$scratch/out"
