#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# try-ferry.sh: installs what Ferry needs (Debian's apt), builds it, starts a local demo
# FTPS server on 127.0.0.1 (its own certificate and files, no system user) and starts Ferry.
# Without a display it prints the ferry-cli command to try instead and runs it once.
# Ctrl+C stops the demo server. FERRY_BUILD_DIR picks the build folder (default: build).
set -eu
cd "$(dirname "$0")/.."
BUILD=${FERRY_BUILD_DIR:-build}
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

tools/install-deps.sh build demo
$SUDO tests/servers/unpack-servers.sh

if [ -f "$BUILD/build.ninja" ]; then
  meson setup --reconfigure "$BUILD" >/dev/null
else
  meson setup "$BUILD"
fi
meson compile -C "$BUILD"

DEMO_DIR=${FERRY_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry-demo}
# The server's own folder must be reachable by the unprivileged user vsftpd runs as, which
# a home folder (mode 700) is not.
SERVER_DIR=${FERRY_DEMO_SERVER_DIR:-/var/tmp/ferry-demo}
mkdir -p "$DEMO_DIR"
INFO="$DEMO_DIR/server.json"
rm -f "$INFO"
# The demo server runs as root (vsftpd drops privileges itself); everything else as you.
$SUDO /usr/bin/python3 tests/servers/ftpservers.py demo --dir "$SERVER_DIR" \
  >"$INFO" 2>"$DEMO_DIR/server.log" &
DEMO_PID=$!
cleanup() {
  $SUDO kill "$DEMO_PID" 2>/dev/null || true
  wait "$DEMO_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

i=0
until [ -s "$INFO" ]; do
  i=$((i + 1))
  if [ $i -gt 200 ] || ! kill -0 "$DEMO_PID" 2>/dev/null; then
    echo "The demo server did not start:" >&2
    cat "$DEMO_DIR/server.log" >&2
    exit 1
  fi
  sleep 0.1
done

field() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$INFO" "$1"; }
URL=$(field url)
SHA256=$(field sha256)
CLI="$BUILD/app/cli/ferry-cli"

# A ready site for the window (and for `ferry-cli --site "Ferry demo"`); its password goes to
# the keyring when there is one, otherwise Ferry asks for it ("demo").
"$CLI" sites remove "Ferry demo" >/dev/null 2>&1 || true
printf 'demo\n' | "$CLI" sites add --password-stdin --name "Ferry demo" \
  --local-dir "$DEMO_DIR" "$URL" >/dev/null 2>"$DEMO_DIR/site.log" ||
  echo "Note: the demo site could not be saved: $(cat "$DEMO_DIR/site.log")"

cat <<TXT

Ferry's demo FTPS server is running on 127.0.0.1 (explicit FTPS, self-signed certificate).
  Address:     $URL
  User:        demo   Password: demo
  Certificate: SHA-256 $SHA256
  Files:       $SERVER_DIR/files

A saved site "Ferry demo" points at it. Try the command-line tool:
  FERRY_PASSWORD=demo $CLI probe --trust-fingerprint $SHA256 $URL
  $CLI probe --site "Ferry demo" --trust-fingerprint $SHA256

TXT

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$BUILD/app/ferry" ]; then
  echo "Starting Ferry. Close its window to stop the demo server."
  GSETTINGS_SCHEMA_DIR="$BUILD/data" "$BUILD/app/ferry" || true
  exit 0
fi

echo "No display here, so Ferry's window cannot open. This is what the probe says:"
echo
FERRY_PASSWORD=demo "$CLI" probe --trust-fingerprint "$SHA256" "$URL" || true
if [ -t 0 ]; then
  echo
  echo "The demo server keeps running for you to try; press Ctrl+C to stop it."
  wait "$DEMO_PID" || true
fi
