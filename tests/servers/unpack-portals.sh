#!/bin/sh
# shellcheck disable=SC2086  # $PKGS is split on purpose
# SPDX-License-Identifier: GPL-3.0-or-later
# unpack-portals.sh [DEST]: makes xdg-desktop-portal and xdg-desktop-portal-gtk available to
# tests/gui-flatpak-portal.py without installing them. Installed, their D-Bus services would be
# activated in every test session (GTK 4 asks the settings portal at startup), and the
# document portal's FUSE mount in $XDG_RUNTIME_DIR/doc breaks tests/run-gui.sh's clean-up.
# Downloads the .debs from Debian's apt and unpacks them with `dpkg -x` into DEST (default
# /var/cache/ferry-test-portals). Their libraries come from tools/install-deps.sh test.
set -eu

PKGS="xdg-desktop-portal xdg-desktop-portal-gtk"
NEEDED="usr/libexec/xdg-desktop-portal usr/libexec/xdg-desktop-portal-gtk"
die() { echo "unpack-portals.sh: $*" >&2; exit 1; }
DEST=${1:-/var/cache/ferry-test-portals}

all_there() {
  for f in $NEEDED; do [ -x "$DEST/$f" ] || return 1; done
  return 0
}
if all_there; then
  echo "unpack-portals.sh: $DEST already holds $PKGS (nothing to do)"
  exit 0
fi
command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script needs Debian's apt."
mkdir -p "$DEST" || die "cannot create $DEST (run as root, or pass a writable DEST)."

# apt-get download writes as the _apt user when run as root: give it a folder it can write.
dl=$(mktemp -d "${TMPDIR:-/tmp}/ferry-debs.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$dl"' EXIT INT TERM
chmod 755 "$dl"
if [ "$(id -u)" -eq 0 ] && getent passwd _apt >/dev/null 2>&1; then
  chown _apt "$dl" || die "cannot give $dl to the _apt user"
fi
if ! (cd "$dl" && apt-get download -q $PKGS) >"$dl/apt.log" 2>&1; then
  cat "$dl/apt.log" >&2
  die "apt-get download failed (stale lists? run 'apt-get update')."
fi
for p in $PKGS; do
  set -- "$dl"/"${p}"_*.deb
  [ -f "$1" ] || die "apt-get download did not produce a .deb for $p"
  dpkg -x "$1" "$DEST" || die "dpkg -x $1 $DEST failed"
done
all_there || die "unpacked, but some of [$NEEDED] are missing under $DEST"
for f in $NEEDED; do
  m=$(ldd "$DEST/$f" 2>/dev/null | sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | tr '\n' ' ')
  [ -z "$m" ] || die "$f misses shared libraries: $m (run tools/install-deps.sh test)"
done
echo "unpack-portals.sh: unpacked $PKGS into $DEST"
