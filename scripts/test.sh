#!/usr/bin/env bash
# Installs what is missing, builds with AddressSanitizer and UndefinedBehaviorSanitizer, and runs
# every test: unit, store on SQLite and on a throw-away PostgreSQL, HTTP over loopback (both
# engines) and the browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/check-format.sh
scripts/build-web.sh
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBANGFU_SANITIZE=ON >/dev/null
cmake --build build-test -j"$(nproc)"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export BANGFU_REQUIRE_PG=1
scripts/with-postgres.sh ctest --test-dir build-test --output-on-failure -j2 --timeout 900
# The parsers of users' files and bodies under libFuzzer, 60 s each (issue 17).
scripts/fuzz.sh
