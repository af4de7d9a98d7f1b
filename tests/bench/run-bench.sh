#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-bench.sh [BENCH OPTIONS]: the benchmark in one command. Installs what it needs
# (Debian's apt: the build, curl, lftp, gnutls-bin and the test servers), builds Ferry
# (FERRY_BUILD_DIR, default build) and runs tests/bench/bench-ftps.py, which prints one
# table of ferry-cli, curl and lftp on the same loopback servers. Needs root (it starts
# FTP daemons). Options go to bench-ftps.py (--runs N, --files N, --mib N, --quick, ...).
set -eu
cd "$(dirname "$0")/../.."
BUILD=${FERRY_BUILD_DIR:-build}

tools/install-deps.sh build test
if [ "$(id -u)" -ne 0 ]; then
  echo "run-bench.sh starts FTP servers: run it as root (sudo $0)." >&2
  exit 1
fi
tests/servers/unpack-servers.sh
if [ -f "$BUILD/build.ninja" ]; then
  meson setup --reconfigure "$BUILD" >/dev/null
else
  meson setup "$BUILD" >/dev/null
fi
meson compile -C "$BUILD" >/dev/null
exec /usr/bin/python3 tests/bench/bench-ftps.py --build "$BUILD" "$@"
