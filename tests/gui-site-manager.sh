#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# gui-site-manager.sh FERRY SHOTDIR: tests/gui-site-manager.py, the whole walk through the
# site manager on a 1920x1080 screen and the screenshots on an 800x600 one, each in its own
# tests/run-gui.sh (Xvfb, D-Bus session, keyring, AT-SPI, throwaway HOME).
# Screenshots: SHOTDIR/gui-site-manager-<screen>-<step>.png. Exit 77 (skip) when a tool is
# missing or the test servers are not unpacked.
set -eu
here=$(dirname "$0")
for tool in /usr/bin/python3 xdotool /usr/bin/import /usr/bin/convert secret-tool; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null ||
  { echo "SKIP: python3-pyatspi not installed"; exit 77; }
GUI_SCREEN=1920x1080x24 "$here/run-gui.sh" \
  /usr/bin/python3 "$here/gui-site-manager.py" "$1" "$2" 1920x1080 full
GUI_SCREEN=800x600x24 "$here/run-gui.sh" \
  /usr/bin/python3 "$here/gui-site-manager.py" "$1" "$2" 800x600 shots
