#!/usr/bin/env bash
# Builds the libFuzzer harnesses of the parsers that take users' input (tests/fuzz: CSV, .xlsx,
# JSON bodies, the request target's path and query string) with clang, and runs each for
# FUZZ_SECONDS (default 60) from its seed corpus.
# scripts/test.sh (CI) runs it after the other tests. A finding fails it: the input is kept in
# build-fuzz/findings/ and must become a regression test (a seed in tests/fuzz/corpus/ and a
# unit test of the parser) once fixed. FUZZ_RUNS=N runs N executions each instead (bench/README).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBANGFU_TESTS=OFF -DBANGFU_FUZZ=ON >/dev/null
mkdir -p build-fuzz
if ! cmake --build build-fuzz -j"$(nproc)" --target fuzz_csv fuzz_xlsx fuzz_json fuzz_query \
    >build-fuzz/build.log 2>&1; then
  echo "fuzz: the harnesses do not build (build-fuzz/build.log):" >&2
  grep -E -A3 'error|FAILED' build-fuzz/build.log | head -40 >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p build-fuzz/findings
limit=(-max_total_time="$seconds")
[[ -n ${FUZZ_RUNS:-} ]] && limit=(-runs="$FUZZ_RUNS")
failed=0
for name in csv xlsx json query; do
  mkdir -p "$work/$name"
  if ASAN_OPTIONS=detect_leaks=1 "build-fuzz/tests/fuzz/fuzz_$name" "${limit[@]}" -rss_limit_mb=2048 \
      -artifact_prefix="build-fuzz/findings/$name-" "$work/$name" "tests/fuzz/corpus/$name" \
      >"$work/$name.log" 2>&1; then
    echo "fuzz_$name: no finding ($(grep -E '^#[0-9]+' "$work/$name.log" | tail -1 | cut -c1-110))"
  else
    echo "fuzz_$name: FINDING — see build-fuzz/findings/" >&2
    tail -40 "$work/$name.log" >&2
    failed=1
  fi
done
exit "$failed"
