#!/bin/sh
# shellcheck disable=SC2086,SC2116  # $PKGS, $specs and $wanted are split on purpose
# SPDX-License-Identifier: GPL-3.0-or-later
# unpack-servers.sh [DEST]: makes vsftpd and pure-ftpd available to the test suite without
# installing them (they conflict with proftpd-basic through the virtual package ftp-server).
# Downloads their .debs from Debian's apt and unpacks them with `dpkg -x` into DEST
# (default /var/cache/ferry-test-servers). Safe to run again: does nothing when DEST already
# holds the same package versions. Their shared libraries come from tools/install-deps.sh test.
set -eu

PKGS="vsftpd pure-ftpd pure-ftpd-common"
# Files the test fixture (tests/servers/ftpservers.py) needs, relative to DEST.
NEEDED="usr/sbin/vsftpd usr/sbin/pure-ftpd usr/bin/pure-pw"

die() { echo "unpack-servers.sh: $*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) echo "usage: $0 [DEST]   (default /var/cache/ferry-test-servers)"; exit 0 ;;
esac
[ $# -le 1 ] || die "usage: $0 [DEST]"
DEST=${1:-/var/cache/ferry-test-servers}

command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script needs Debian's apt."
command -v dpkg >/dev/null 2>&1 || die "dpkg not found."

# The versions apt would download now (from the local package lists; no network).
policy=$(LC_ALL=C apt-cache policy $PKGS 2>/dev/null) || policy=
wanted=
for p in $PKGS; do
  v=$(printf '%s\n' "$policy" | awk -v p="$p:" '$1 == p { on = 1; next }
        /^[^ ]/ { on = 0 } on && $1 == "Candidate:" { print $2; exit }')
  if [ -z "$v" ] || [ "$v" = "(none)" ]; then
    die "apt knows no candidate for '$p'. Run 'apt-get update' (as root) and try again."
  fi
  wanted="$wanted$p=$v
"
done

stamp="$DEST/.ferry-unpacked"
all_there() {
  for f in $NEEDED; do [ -x "$DEST/$f" ] || return 1; done
  return 0
}
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(printf '%s' "$wanted")" ] && all_there; then
  echo "unpack-servers.sh: $DEST already holds $(echo $wanted) (nothing to do)"
  exit 0
fi

mkdir -p "$DEST" || die "cannot create $DEST (run as root, or pass a writable DEST)."
[ -w "$DEST" ] || die "$DEST is not writable (run as root, or pass a writable DEST)."

# apt-get download writes as the _apt user when run as root: give it a folder it can write.
dl=$(mktemp -d "${TMPDIR:-/tmp}/ferry-debs.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$dl"' EXIT INT TERM
chmod 755 "$dl"
if [ "$(id -u)" -eq 0 ] && getent passwd _apt >/dev/null 2>&1; then
  chown _apt "$dl" || die "cannot give $dl to the _apt user"
fi

echo "unpack-servers.sh: downloading$(printf ' %s' $PKGS)"
specs=$(printf '%s' "$wanted" | tr '\n' ' ')
if ! (cd "$dl" && apt-get download -q $specs) >"$dl/apt.log" 2>&1; then
  cat "$dl/apt.log" >&2
  die "apt-get download failed (no network to the Debian mirror? stale lists: run 'apt-get update')."
fi

for p in $PKGS; do
  set -- "$dl"/"${p}"_*.deb
  [ -f "$1" ] || die "apt-get download did not produce a .deb for $p (in $dl)"
  dpkg -x "$1" "$DEST" || die "dpkg -x $1 $DEST failed"
done

all_there || die "unpacked, but some of [$NEEDED] are missing under $DEST"

# Report missing shared libraries now, not as a mysterious start failure later.
missing_libs=
for f in usr/sbin/vsftpd usr/sbin/pure-ftpd usr/bin/pure-pw; do
  m=$(ldd "$DEST/$f" 2>/dev/null | sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | tr '\n' ' ')
  [ -z "$m" ] || missing_libs="$missing_libs $f: $m;"
done
if [ -n "$missing_libs" ]; then
  die "missing shared libraries:$missing_libs run tools/install-deps.sh test"
fi

printf '%s' "$wanted" >"$stamp"
echo "unpack-servers.sh: unpacked into $DEST: $(echo $wanted)"
echo "  vsftpd:   $DEST/usr/sbin/vsftpd"
echo "  pure-ftpd: $DEST/usr/sbin/pure-ftpd (pure-pw: $DEST/usr/bin/pure-pw)"
