#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# install-deps.sh [build] [demo] [test]: installs, from Debian's apt, what Ferry needs to
# build ("build"), to run its local demo FTPS server ("demo") and what its test suite needs
# ("test": display, bus, keyring, AT-SPI, FTP servers, clang for the fuzzers).
# Safe to run again; runs apt through sudo when not root.
set -eu

want_build=0; want_demo=0; want_test=0
for a in "$@"; do
  case "$a" in
    build) want_build=1 ;;
    demo) want_demo=1 ;;
    test) want_test=1 ;;
    *) echo "usage: $0 [build] [demo] [test]" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || want_build=1

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Run this as root, or install sudo." >&2; exit 1; }
  SUDO=sudo
fi

BUILD_PKGS="build-essential meson ninja-build pkg-config gettext libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libsecret-1-dev libgnutls28-dev libjson-glib-dev
  desktop-file-utils appstream openssl ca-certificates"
# The test servers: ProFTPD is installed; vsftpd and pure-ftpd are unpacked privately by
# tests/servers/unpack-servers.sh (they conflict with ProFTPD through ftp-server).
TEST_PKGS="xvfb dbus gnome-keyring libsecret-tools at-spi2-core python3 python3-pyatspi
  python3-dogtail python3-cryptography gir1.2-gtk-3.0 xdotool imagemagick libgl1-mesa-dri gnutls-bin openssl
  iproute2 curl lftp proftpd-basic proftpd-mod-crypto libpam-pwdfile libpam-modules
  libwrap0 libsodium23 libcap2 libssl3 procps tcpdump clang valgrind x11-utils
  flatpak flatpak-builder bubblewrap fuse3 libfuse3-3 libpipewire-0.3-0 libgtk-3-0
  gsettings-desktop-schemas"
# (xdg-desktop-portal and -gtk are unpacked privately by tests/servers/unpack-portals.sh:
# installed, every test session would start them.)

# The demo server: vsftpd unpacked by tests/servers/unpack-servers.sh, run by python3.
DEMO_PKGS="python3 openssl libpam-pwdfile libpam-modules libwrap0 libssl3 libcap2 procps"

pkgs=
[ $want_demo -eq 1 ] && pkgs="$pkgs $DEMO_PKGS"
[ $want_build -eq 1 ] && pkgs="$pkgs $BUILD_PKGS"
[ $want_test -eq 1 ] && pkgs="$pkgs $TEST_PKGS"

missing=
for p in $pkgs; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
    missing="$missing $p"
done

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  # Packaged FTP daemons start themselves on port 21; keep them from doing so.
  created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
    --no-install-recommends $missing
  [ $created_policy -eq 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
  # A ProFTPD that was started anyway (no policy-rc.d on some systems) must not hold port 21.
  if command -v systemctl >/dev/null 2>&1; then
    $SUDO systemctl disable --now proftpd >/dev/null 2>&1 || true
  fi
fi
exit 0
