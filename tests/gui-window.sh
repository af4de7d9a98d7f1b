#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# gui-window.sh FERRY FERRY_CLI SHOTDIR: tests/gui-window.py (the window tried by hand against
# a real vsftpd) on a 1280x800 and an 800x600 screen, each in its own tests/run-gui.sh (Xvfb,
# D-Bus session, keyring, AT-SPI, throwaway HOME). Screenshots:
# SHOTDIR/gui-window-<screen>-<step>.png. Exit 77 (skip) when a tool or a server is missing.
set -eu
here=$(dirname "$0")
for tool in /usr/bin/python3 xdotool gdbus openssl /usr/bin/import /usr/bin/convert; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null ||
  { echo "SKIP: python3-pyatspi not installed"; exit 77; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: the test servers run as root"; exit 77; }
for screen in 1280x800 800x600; do
  GUI_SCREEN="${screen}x24" "$here/run-gui.sh" \
    /usr/bin/python3 "$here/gui-window.py" "$1" "$2" "$3" "$screen"
done
