#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-tests.sh: installs what Ferry and its tests need (Debian's apt), builds, runs every
# test (unit, real FTPS servers on loopback, keyring, GUI under Xvfb) and ends with the line
# "N passed, N failed". Exit status 0 only when nothing failed.
# FERRY_BUILD_DIR picks the build folder (default: build). Under CI=true a skipped test
# counts as failed: CI has everything installed, so a skip would hide a missing piece.
# Under CI=true it also runs the suites without a window in an ASan+UBSan build
# (FERRY_SANITIZE=1 alone does that) and every fuzz target for 60 s (FERRY_FUZZ=1).
set -eu
cd "$(dirname "$0")/.."
BUILD=${FERRY_BUILD_DIR:-build}

tools/install-deps.sh build test
if [ "$(id -u)" -eq 0 ]; then
  tests/servers/unpack-servers.sh
  tests/servers/unpack-portals.sh
else
  sudo tests/servers/unpack-servers.sh
  sudo tests/servers/unpack-portals.sh
fi

if [ -f "$BUILD/build.ninja" ]; then
  meson setup --reconfigure "$BUILD" >/dev/null
else
  meson setup "$BUILD"
fi
meson compile -C "$BUILD"

# extra_build DIR OPTIONS…: sets up and builds a second build folder; when that fails, its
# test log holds one failed "build" entry, so the final count says so.
extra_build () {
  dir=$1
  shift
  if { [ -f "$dir/build.ninja" ] && meson setup --reconfigure "$dir" >/dev/null; } ||
     meson setup "$dir" "$@" >/dev/null; then
    meson compile -C "$dir" && return 0
  fi
  mkdir -p "$dir/meson-logs"
  echo '{"name": "build", "result": "FAIL"}' > "$dir/meson-logs/testlog.json"
  return 1
}

status=0
meson test -C "$BUILD" --print-errorlogs --num-processes 2 || status=$?
logs="$BUILD/meson-logs/testlog.json"

# Under CI (or FERRY_SANITIZE=1) the suites without a window run once more, built with
# AddressSanitizer and UndefinedBehaviorSanitizer: any report fails its test. Their
# results count too, named "sanitize/NAME". tests/sanitize/lsan.supp names the leaks
# GLib, GIO and libsecret keep until exit on purpose; they match only on full stacks
# (fast_unwind_on_malloc=0: GLib is built without frame pointers).
if [ "${CI:-}" = "true" ] || [ "${FERRY_SANITIZE:-}" = "1" ]; then
  SAN=${BUILD}-sanitize
  if extra_build "$SAN" -Dgui=disabled -Db_sanitize=address,undefined -Db_lundef=false; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
    LSAN_OPTIONS=suppressions=$PWD/tests/sanitize/lsan.supp \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      meson test -C "$SAN" --print-errorlogs --num-processes 2 \
        --suite unit --suite store --suite engine --suite net || status=$?
  else
    status=1
  fi
  logs="$logs sanitize/=$SAN/meson-logs/testlog.json"
fi

# Under CI (or FERRY_FUZZ=1) every libFuzzer target of tests/fuzz/ runs FUZZ_SECONDS
# (default 60), built with clang, ASan and UBSan; a crash fails it ("fuzz/fuzz-NAME").
if [ "${CI:-}" = "true" ] || [ "${FERRY_FUZZ:-}" = "1" ]; then
  FUZZ=${BUILD}-fuzz
  if (CC=clang; export CC; extra_build "$FUZZ" -Dfuzzing=true -Dgui=disabled \
        -Db_sanitize=address,undefined -Db_lundef=false); then
    FUZZ_SECONDS=${FUZZ_SECONDS:-60} \
      meson test -C "$FUZZ" --print-errorlogs --num-processes 2 --suite fuzz || status=$?
  else
    status=1
  fi
  logs="$logs fuzz/=$FUZZ/meson-logs/testlog.json"
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
