#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-tests.sh: installs what Ferry and its tests need (Debian's apt), builds, runs every
# test (unit, real FTPS servers on loopback, keyring, GUI under Xvfb) and ends with the line
# "N passed, N failed". Exit status 0 only when nothing failed.
# FERRY_BUILD_DIR picks the build folder (default: build). Under CI=true a skipped test
# counts as failed: CI has everything installed, so a skip would hide a missing piece.
set -eu
cd "$(dirname "$0")/.."
BUILD=${FERRY_BUILD_DIR:-build}

tools/install-deps.sh build test
if [ "$(id -u)" -eq 0 ]; then
  tests/servers/unpack-servers.sh
else
  sudo tests/servers/unpack-servers.sh
fi

if [ -f "$BUILD/build.ninja" ]; then
  meson setup --reconfigure "$BUILD" >/dev/null
else
  meson setup "$BUILD"
fi
meson compile -C "$BUILD"

status=0
meson test -C "$BUILD" --print-errorlogs --num-processes 2 || status=$?
logs="$BUILD/meson-logs/testlog.json"

# Under CI (or FERRY_SANITIZE=1) the suites without a window run once more, built with
# AddressSanitizer and UndefinedBehaviorSanitizer: any report fails its test. Their
# results count too, named "sanitize/NAME". tests/sanitize/lsan.supp names the leaks
# GLib, GIO and libsecret keep until exit on purpose.
if [ "${CI:-}" = "true" ] || [ "${FERRY_SANITIZE:-}" = "1" ]; then
  SAN=${BUILD}-sanitize
  if [ -f "$SAN/build.ninja" ]; then
    meson setup --reconfigure "$SAN" >/dev/null
  else
    meson setup "$SAN" -Dgui=disabled -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  fi
  if meson compile -C "$SAN"; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    LSAN_OPTIONS=suppressions=$PWD/tests/sanitize/lsan.supp \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      meson test -C "$SAN" --print-errorlogs --num-processes 2 \
        --suite unit --suite store --suite engine --suite net || status=$?
  else
    status=1
    echo '{"name": "build", "result": "FAIL"}' > "$SAN/meson-logs/testlog.json"
  fi
  logs="$logs sanitize/=$SAN/meson-logs/testlog.json"
fi

/usr/bin/python3 - "${CI:-}" $logs <<'PY'
import json, sys
ci = sys.argv[1] == 'true'
passed = failed = skipped = 0
names = {'fail': [], 'skip': []}
for arg in sys.argv[2:]:
    prefix, _, path = arg.rpartition('=')
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            name = prefix + t['name']
            result = t.get('result')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
                names['skip'].append(name)
            else:
                failed += 1
                names['fail'].append(name)
if ci and skipped:
    failed += skipped
    names['fail'] += ['%s (skipped under CI)' % n for n in names['skip']]
    skipped = 0
for n in names['fail']:
    print('FAILED: %s' % n)
for n in names['skip']:
    print('SKIPPED: %s' % n)
line = '%d passed, %d failed' % (passed, failed)
if skipped:
    line += ', %d skipped' % skipped
print(line)
sys.exit(1 if failed or passed == 0 else 0)
PY
