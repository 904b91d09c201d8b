#!/usr/bin/env bash
# Bulk-import benchmark (DESIGN.md §7: "1,000,000 beneficiary rows in under 20 s, all-or-nothing
# or valid rows only, with a per-row error report").
#
#   bench/import.sh                 # ROWS=100000 into a fresh demo database (SQLite)
#   ROWS=1000000 bench/import.sh
#
# Builds the Release bangfu if missing (as report.sh does), makes out/import-demo.db once
# (`bangfu init` + `bangfu demo`), writes out/import-ROWS.csv (beneficiary_csv.py), then, on a
# fresh copy of the demo database each time, times `bangfu import --kind beneficiaries` with
# /usr/bin/time (wall, user, system, max RSS), and the statements' own time with sql_trace.so
# (BENCH_SQL_TIMES), summed per statement: where the time goes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$here/out
mkdir -p "$out"
ROWS=${ROWS:-100000}
BANGFU=${BANGFU:-$root/build-release/src/cli/bangfu}
if [[ ! -x $BANGFU ]]; then
    cmake -S "$root" -B "$root/build-release" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBANGFU_TESTS=OFF
    ninja -C "$root/build-release" -j2 bangfu
fi
demo=$out/import-demo.db
if [[ ! -f $demo ]]; then
    "$BANGFU" init --db "sqlite:$demo" >/dev/null
    "$BANGFU" demo --db "sqlite:$demo" >/dev/null
fi
csv=$out/import-$ROWS.csv
[[ -f $csv ]] || python3 "$here/beneficiary_csv.py" "$ROWS" >"$csv"
cc -O2 -shared -fPIC -o "$out/sql_trace.so" "$here/sql_trace.c" -ldl

db=$out/import-run.db
rm -f "$db" "$db-wal" "$db-shm" && cp "$demo" "$db"
echo "rows: $ROWS; load average before: $(cut -d' ' -f1 /proc/loadavg)"
/usr/bin/time -f "bangfu import: %e s wall, %U s user, %S s system, max RSS %M KB" \
    "$BANGFU" import --db "sqlite:$db" --kind beneficiaries --file "$csv"

rm -f "$db" "$db-wal" "$db-shm" "$out/import-times.txt" && cp "$demo" "$db"
LD_PRELOAD=$out/sql_trace.so BENCH_SQL_TIMES=$out/import-times.txt \
    "$BANGFU" import --db "sqlite:$db" --kind beneficiaries --file "$csv" >/dev/null
echo "time in SQLite per statement (traced run; ms, executions, statement):"
awk -F'\t' '{t[$2] += $1; n[$2]++} END {for (k in t) printf "%.0f\t%d\t%s\n", t[k], n[k], substr(k, 1, 120)}' \
    "$out/import-times.txt" | sort -rn | head -10
