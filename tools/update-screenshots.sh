#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/update-screenshots.sh [BUILDDIR]: takes the AppStream screenshots again from the real
# window against a real vsftpd (meson test gui-appstream-screenshots: Xvfb, D-Bus, keyring;
# as root) and copies them into data/screenshots/, where the metainfo's <screenshot> URLs
# point. Commit the pictures after looking at them.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
ninja -C "$build" -j1
rm -f "$build"/screenshots/appstream-*.png
meson test -C "$build" --no-rebuild --print-errorlogs gui-appstream-screenshots
for name in sites connected log; do
  cp "$build/screenshots/appstream-$name.png" "$src/data/screenshots/$name.png"
done
ls -l "$src/data/screenshots"
