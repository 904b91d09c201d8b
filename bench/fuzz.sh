#!/usr/bin/env bash
# The long fuzzing run (issue 17): each libFuzzer harness of tests/fuzz for FUZZ_RUNS executions
# (10 million) from its seed corpus, or FUZZ_MAX_SECONDS if that comes first; prints a row per
# harness (executions, seconds, executions a second, coverage, findings) for bench/README.md.
# Usage: bench/fuzz.sh [csv xlsx json query]   (default: all four)
# Findings are kept in build-fuzz/findings/ like scripts/fuzz.sh's; each becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${FUZZ_RUNS:-10000000}
max_seconds=${FUZZ_MAX_SECONDS:-0}  # 0: no time limit
names=("$@")
((${#names[@]})) || names=(csv xlsx json query)
# Build (and check the corpora) with the CI script's build: one short run each.
FUZZ_SECONDS=1 scripts/fuzz.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| harness | executions | seconds | exec/s | coverage (edges) | corpus | peak RSS | findings |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for name in "${names[@]}"; do
  mkdir -p "$work/$name"
  start=$(date +%s)
  status=0
  ASAN_OPTIONS=detect_leaks=1 "build-fuzz/tests/fuzz/fuzz_$name" -runs="$runs" \
    -max_total_time="$max_seconds" -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/findings/$name-" "$work/$name" "tests/fuzz/corpus/$name" \
    >"$work/$name.log" 2>&1 || status=$?
  seconds=$(($(date +%s) - start))
  execs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$work/$name.log" | grep -oE '[0-9]+$' || echo "?")
  rss=$(grep -oE '^stat::peak_rss_mb: *[0-9]+' "$work/$name.log" | grep -oE '[0-9]+$' || echo "?")
  last=$(grep -E '^#[0-9]+' "$work/$name.log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo "?")
  corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo "?")
  rate="?"
  [[ $execs =~ ^[0-9]+$ && $seconds -gt 0 ]] && rate=$((execs / seconds))
  finding="none"
  ((status == 0)) || finding="**yes**: $(ls -t build-fuzz/findings/"$name"-* 2>/dev/null | head -1)"
  echo "| fuzz_$name | $execs | $seconds | $rate | $cov | $corp | ${rss} MB | $finding |"
done
