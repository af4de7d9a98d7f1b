#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzzer.sh FUZZER WORK CORPUS REGRESSIONS: runs a libFuzzer target for FUZZ_SECONDS
# (default 60) on a working copy of the seed corpus, with the past crashes replayed first.
# A crash leaves its input in WORK/crash-* and fails the test; add it to REGRESSIONS.
# libFuzzer exits 77 after a crash, which meson reads as "skipped": a crash exits 1 here.
set -eu
fuzzer=$1 work=$2 corpus=$3 regressions=$4
mkdir -p "$work/corpus"
"$fuzzer" -runs=0 -error_exitcode=1 -timeout_exitcode=1 -artifact_prefix="$work/" "$regressions"
exec "$fuzzer" -max_total_time="${FUZZ_SECONDS:-60}" -timeout=10 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$corpus"
