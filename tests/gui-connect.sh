#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# gui-connect.sh FERRY FERRY_CLI SHOTDIR: tests/gui-connect.py (the window against real vsftpd
# servers) on an 800x600 and a 1920x1080 screen, each in its own tests/run-gui.sh (Xvfb,
# D-Bus session, keyring, AT-SPI, throwaway HOME). Screenshots:
# SHOTDIR/gui-connect-<screen>-<step>.png. Exit 77 (skip) when a tool or a server is missing.
set -eu
here=$(dirname "$0")
for tool in /usr/bin/python3 xdotool gdbus openssl /usr/bin/import /usr/bin/convert; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null ||
  { echo "SKIP: python3-pyatspi not installed"; exit 77; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: the test servers run as root"; exit 77; }
for screen in 800x600 1920x1080; do
  GUI_SCREEN="${screen}x24" "$here/run-gui.sh" \
    /usr/bin/python3 "$here/gui-connect.py" "$1" "$2" "$3" "$screen"
done
