#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# gui-i18n.sh FERRY FERRY_CLI SHOTDIR LOCALEDIR: tests/gui-i18n.py once per translation
# that must be complete (German, French), on an 800x600 screen (the smallest), each in
# its own tests/run-gui.sh (Xvfb, D-Bus session, keyring, AT-SPI, throwaway HOME),
# reading the catalogs built under LOCALEDIR.
# Exit 77 (skip) when a catalog is not built, a tool is missing or the servers cannot run.
set -eu
here=$(dirname "$0")
for tool in /usr/bin/python3 xdotool gdbus openssl /usr/bin/import /usr/bin/convert; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null ||
  { echo "SKIP: python3-pyatspi not installed"; exit 77; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: the test servers run as root"; exit 77; }
for lang in de fr; do
  [ -f "$4/$lang/LC_MESSAGES/ferry.mo" ] ||
    { echo "SKIP: $4/$lang/LC_MESSAGES/ferry.mo is not built"; exit 77; }
done
for lang in de fr; do
  GUI_SCREEN="800x600x24" "$here/run-gui.sh" \
    /usr/bin/python3 "$here/gui-i18n.py" "$1" "$2" "$3" "$4" "$lang" 800x600
done
