#!/usr/bin/env bash
# Real-editor end-to-end tests: packages the extension, installs the .vsix into a fresh extensions folder,
# starts code-server (VS Code's workbench, served on loopback) with a scratch HOME and user-data-dir, drives
# it with playwright-core in Debian's Chromium (test/e2e/*.e2e.mjs), and always stops code-server.
# Exit status: 0 all passed, 1 a test failed or the editor could not be started.
#
#   scripts/e2e/run.sh                  # everything (runs setup.sh first: a no-op when set up)
#   E2E_SKIP_PACKAGE=1 scripts/e2e/run.sh   # reuse dist/vpc-endpoint-lens.vsix
#   E2E_KEEP=1 ...                      # keep the scratch folder (logs, user data) for a post-mortem
#   E2E_GREP=quick ...                  # only the tests whose name contains this
#   E2E_ENTRY=test/e2e/cold-start.mjs ... # the cold-start benchmark (BENCHMARKS.md) instead of the tests
#   E2E_ENTRY=test/e2e/large-doc-bench.mjs E2E_HOST_SUITE=test/e2e/electron/large-doc-bench.cjs ...  # the 20 MB one
# Screenshots and the code-server log: test-results/e2e/.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
TOOLS="${VPCE_E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/vpce-lens-e2e}"
export VPCE_E2E_TOOLS="$TOOLS"
node24="$TOOLS/node/node_modules/node/bin/node"
code_server="$TOOLS/code-server/node_modules/code-server/out/node/entry.js"
results="$root/test-results/e2e"
t0=$(date +%s)

rm -rf "$results" && mkdir -p "$results"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/vpce-e2e.XXXXXX")"
cs_pgid=""
cleanup() {
  local status=$?
  if [ -n "$cs_pgid" ] && kill -0 -- "-$cs_pgid" 2>/dev/null; then
    kill -TERM -- "-$cs_pgid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$cs_pgid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$cs_pgid" 2>/dev/null || true
  fi
  [ -f "$scratch/code-server.log" ] && cp "$scratch/code-server.log" "$results/" 2>/dev/null || true
  # The extension host's and the server's logs, for a failed run.
  find "$scratch/data/logs" -name '*.log' \( -path '*exthost*' -o -name '*VPC*' \) -exec cp {} "$results/" \; 2>/dev/null || true
  if [ "${E2E_KEEP:-}" = 1 ]; then echo "e2e: kept $scratch"; else rm -rf "$scratch"; fi
  echo "e2e: finished in $(( $(date +%s) - t0 )) s"
  # The tests' closing line comes last, where CI reads it; a run that never reached the tests failed.
  summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$results/output.txt" 2>/dev/null | tail -1 || true)"
  [ -n "$summary" ] || { summary="0 passed, 1 failed"; [ "$status" -ne 0 ] || status=1; }
  echo "$summary"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash scripts/e2e/setup.sh
[ -d node_modules/playwright-core ] || { echo "e2e: node_modules/playwright-core is missing: run npm ci" >&2; exit 1; }
if [ "${E2E_SKIP_PACKAGE:-}" != 1 ] || [ ! -f dist/vpc-endpoint-lens.vsix ]; then npm run --silent package; fi
# The second editor: Neovim's own LSP client against the server the package step built (npm test skips
# it where nvim is missing; here, after setup installed it, a missing nvim is a failure).
VPCE_REQUIRE_NVIM=1 node scripts/run-tests.mjs test/lsp/nvim.test.ts || { echo "e2e: the Neovim test failed"; exit 1; }
# E2E_VSIX: another package (a benchmark's "before": the extension built from another commit).
vsix="${E2E_VSIX:-$root/dist/vpc-endpoint-lens.vsix}"

# A scratch copy of the examples: the quick-fix tests edit and save the template.
home="$scratch/home" data="$scratch/data" exts="$scratch/extensions" ws="$scratch/workspace"
mkdir -p "$home" "$data/User" "$exts" "$ws"
cp -r examples "$ws/"
# The path-trace tests open the classic network layouts of the trace tests.
mkdir -p "$ws/trace" && cp test/fixtures/trace/classic.yaml "$ws/trace/classic.yaml"
# The completion tests type into a network with subnets in three zones and an endpoint policy.
mkdir -p "$ws/assist" && cp test/fixtures/assist/network.yaml "$ws/assist/network.yaml"
# The Terraform JSON test opens a folder mixing .tf and .tf.json, with its local module.
cp -r test/fixtures/tf/json-mixed "$ws/tfjson"
# The extension-host suite edits its own copy (in memory), apart from the one the UI tests edit.
mkdir -p "$ws/host-suite" && cp examples/endpoints-with-mistakes.yaml "$ws/host-suite/host-template.yaml"
# E2E_ENTRY runs another playwright entry (the cold-start benchmark) without the extension-host suite.
entry="${E2E_ENTRY:-test/e2e/run.mjs}"
# E2E_HOST_SUITE names another module for the extension host (a benchmark's own side, as large-doc-bench).
if [ -n "${E2E_HOST_SUITE:-}" ]; then
  export VPCE_E2E_HOST_SUITE="$root/$E2E_HOST_SUITE"
  export VPCE_E2E_HOST_TEMPLATE="$ws/host-suite/host-template.yaml"
  export VPCE_E2E_HOST_RESULT="$scratch/host-suite.json"
elif [ -z "${E2E_ENTRY:-}" ]; then
  export VPCE_E2E_HOST_SUITE="$root/test/e2e/electron/suite/index.cjs"
  export VPCE_E2E_HOST_TEMPLATE="$ws/host-suite/host-template.yaml"
  export VPCE_E2E_HOST_RESULT="$scratch/host-suite.json"
fi
cat >"$data/User/settings.json" <<'EOF'
{
  "chat.disableAIFeatures": true,
  "workbench.startupEditor": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "telemetry.telemetryLevel": "off",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "files.autoSave": "off",
  "editor.minimap.enabled": false,
  "window.restoreWindows": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "vpceLens.regions": ["eu-west-1"],
  "yaml.customTags": ["!MyOwnTag mapping", "!Ref"]
}
EOF

cs() { HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" "$node24" "$code_server" "$@"; }
# The e2e helper: registers yaml.customTags (Red Hat's YAML extension cannot be downloaded here) and runs
# the extension-host suite (vscode API) inside code-server's extension host.
(cd test/e2e/fixtures/e2e-helper && "$node24" "$TOOLS/node/node_modules/@vscode/vsce/vsce" package \
  --skip-license --allow-missing-repository --out "$scratch/e2e-helper.vsix" >"$scratch/helper.log" 2>&1) ||
  { cat "$scratch/helper.log"; echo "e2e: packaging the e2e helper failed"; exit 1; }
cs --user-data-dir "$data" --extensions-dir "$exts" --install-extension "$vsix" \
  --install-extension "$scratch/e2e-helper.vsix" >"$scratch/install.log" 2>&1 ||
  { cat "$scratch/install.log"; echo "e2e: installing the .vsix failed"; exit 1; }

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
# Its own session (setsid): the process group id is its pid, and the whole group is stopped at the end.
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" setsid "$node24" "$code_server" \
  --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --ignore-last-opened --user-data-dir "$data" --extensions-dir "$exts" \
  "$ws" >"$scratch/code-server.log" 2>&1 &
cs_pgid=$!

url="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  curl -fsS "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$cs_pgid" 2>/dev/null || { cat "$scratch/code-server.log"; echo "e2e: code-server exited"; exit 1; }
  sleep 0.2
done
curl -fsS "$url/healthz" >/dev/null || { cat "$scratch/code-server.log"; echo "e2e: code-server did not answer"; exit 1; }
echo "e2e: code-server on $url ($(( $(date +%s) - t0 )) s since start)"

E2E_URL="$url" E2E_WORKSPACE="$ws" E2E_USER_DATA="$data" E2E_RESULTS="$results" \
  node "$entry" 2>&1 | tee "$results/output.txt"
