#!/usr/bin/env bash
# System packages the VS Code extension's tests need, installed through apt (Debian):
#   chromium      the browser that renders code-server's VS Code workbench (UI and integration tests)
#   libkrb5-dev   gssapi.h, for code-server's `kerberos` native module (its prebuilt binary is fetched
#                 from GitHub, which is unreachable here, so it compiles from source)
#   g++ make python3  node-gyp's toolchain for code-server's other native modules
#
# Called by .ci/run before `pnpm install`. Idempotent: returns at once when everything is present.
# Loud: any failure exits non-zero with the reason; it never silently skips.
set -euo pipefail

have() {
  [ -x /usr/bin/chromium ] && [ -f /usr/include/gssapi/gssapi.h ] \
    && command -v g++ >/dev/null && command -v make >/dev/null && command -v python3 >/dev/null
}

if have; then
  echo "provision-system: chromium, libkrb5-dev and the build toolchain are present"
  exit 0
fi

fail() { echo "provision-system: ERROR: $*" >&2; exit 1; }

command -v apt-get >/dev/null || fail "apt-get not found; install chromium, libkrb5-dev, g++, make and python3 by hand"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || fail "must run as root (or with sudo) to apt-get install"
  SUDO="sudo"
fi

echo "provision-system: installing chromium libkrb5-dev g++ make python3 through apt (about 40 s the first time)"
start=$(date +%s)
# `env` rather than export: sudo drops the caller's environment.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq || fail "apt-get update failed"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev g++ make python3 >/dev/null \
  || fail "apt-get install failed"
have || fail "packages installed but /usr/bin/chromium or /usr/include/gssapi/gssapi.h is still missing"
echo "provision-system: done in $(( $(date +%s) - start )) s ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
