#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# gui-servers.sh SCRIPT "SCREENS" FERRY FERRY_CLI SHOTDIR: runs tests/SCRIPT (a window test
# against real FTP servers, gui-connect.py or gui-window.py) once per screen size in SCREENS
# ("800x600 1920x1080"), each in its own tests/run-gui.sh (Xvfb, D-Bus session, keyring,
# AT-SPI, throwaway HOME). Screenshots go to SHOTDIR. Exit 77 (skip) when a tool is missing
# or the servers cannot run (they need root).
set -eu
here=$(dirname "$0")
script=$1 screens=$2
shift 2
for tool in /usr/bin/python3 xdotool gdbus openssl /usr/bin/import /usr/bin/convert; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null ||
  { echo "SKIP: python3-pyatspi not installed"; exit 77; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: the test servers run as root"; exit 77; }
for screen in $screens; do
  GUI_SCREEN="${screen}x24" "$here/run-gui.sh" \
    /usr/bin/python3 "$here/$script" "$1" "$2" "$3" "$screen"
done
