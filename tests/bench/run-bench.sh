#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-bench.sh [BENCH OPTIONS]: the benchmark in one command. Installs what it needs
# (Debian's apt: the build, curl, lftp, gnutls-bin and the test servers), builds Ferry
# (FERRY_BUILD_DIR, default build) and runs tests/bench/bench-ftps.py, which prints one
# table of ferry-cli, curl and lftp on the same loopback servers. Needs root (it starts
# FTP daemons). Options go to bench-ftps.py (--runs N, --files N, --mib N, --quick, ...).
# run-bench.sh --window [OPTIONS] measures the window instead: tests/bench/bench-window.py
# in a real Ferry window under Xvfb (tests/run-gui.sh), the longest main-loop stall while a
# 100,000-entry folder is listed, 2,000 files are queued and a 1 GiB file downloads.
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
if [ "${1:-}" = "--window" ]; then
  shift
  exec env GUI_SCREEN=1280x800x24 tests/run-gui.sh /usr/bin/python3 tests/bench/bench-window.py \
    "$BUILD/app/ferry" "$BUILD/app/cli/ferry-cli" "$@"
fi
exec /usr/bin/python3 tests/bench/bench-ftps.py --build "$BUILD" "$@"
