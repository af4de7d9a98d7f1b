#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# gui-smoke.sh FERRY SHOTDIR VERSION: tests/gui-smoke.py on an 800x600 and a 1920x1080 screen,
# each in its own tests/run-gui.sh (Xvfb, D-Bus session, keyring, AT-SPI, throwaway HOME).
# Screenshots: SHOTDIR/gui-smoke-<screen>-<step>.png. Exit 77 (skip) when a tool is missing.
set -eu
here=$(dirname "$0")
for tool in /usr/bin/python3 xdotool /usr/bin/import /usr/bin/convert; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null ||
  { echo "SKIP: python3-pyatspi not installed"; exit 77; }
for screen in 800x600 1920x1080; do
  GUI_SCREEN="${screen}x24" "$here/run-gui.sh" \
    /usr/bin/python3 "$here/gui-smoke.py" "$1" "$2" "$screen" "$3"
done
