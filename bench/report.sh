#!/usr/bin/env bash
# Yearly report benchmark (DESIGN.md §7: "a province's annual summary computed in under 1 s;
# within 1.5x of the same aggregate SQL run in the database's own shell").
#
#   bench/report.sh                      # full scale (§7 sizes), year 2025, 5 runs each
#   SCALE=0.01 RUNS=3 bench/report.sh    # a quick run on 1 % of the data
#   scripts/with-postgres.sh env ENGINE=postgres bench/report.sh
#       # the same on PostgreSQL (after a SQLite run of the same SCALE, whose traced statements
#       # it replays in psql: bangfu sends PostgreSQL the same statements with $n parameters)
#
# Steps: (1) a Release bangfu in build-release/ (built from a snapshot of the committed tree if
# missing); (2) out/report-SCALE.db: `bangfu init` + generate.py --scale SCALE (skipped when the
# file exists); (3) one traced `bangfu report` (LD_PRELOAD sql_trace.so) records every statement
# the report runs, parameters inlined, as out/report-queries.sql; (4) times `bangfu report`
# --scope region:990000 (the whole province) for html, docx and xlsx, and `sqlite3 DB <
# report-queries.sql`, RUNS times each after one warm-up run, and writes the medians and ratios
# as a Markdown table to out/report-results-SCALE.md; (5) the five slowest statements in the
# shell (.timer), to show what dominates.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$here/out
mkdir -p "$out"
SCALE=${SCALE:-1}
YEAR=${YEAR:-2025}
RUNS=${RUNS:-5}
REGION=${REGION:-990000}
BUILD=${BUILD:-$root/build-release}
BANGFU=${BANGFU:-$BUILD/src/cli/bangfu}
DB=${DB:-$out/report-$SCALE.db}
ENGINE=${ENGINE:-sqlite}
BANGFU_REV=${BANGFU_REV:-HEAD}  # the commit the Release binary is built from

if [[ ! -x $BANGFU ]]; then
    # A snapshot of the committed tree: others may be editing src/ while this builds.
    rm -rf "$out/src" && mkdir -p "$out/src"
    git -C "$root" archive "$BANGFU_REV" | tar -x -C "$out/src"
    # tar gives the files the commit's time: older than objects of an earlier snapshot, which
    # ninja would then keep (a binary mixing two commits). Now is newer than any object.
    find "$out/src" -type f -exec touch {} +
    cmake -S "$out/src" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBANGFU_TESTS=OFF \
        "-DCMAKE_CXX_FLAGS=-Wno-error=restrict -Wno-error=maybe-uninitialized -Wno-error=array-bounds -Wno-error=stringop-overflow -Wno-error=stringop-overread -Wno-error=free-nonheap-object -Wno-error=dangling-pointer -Wno-error=use-after-free"
    ninja -C "$BUILD" -j2 bangfu
fi

if [[ $ENGINE == postgres ]]; then
    [[ -n ${BANGFU_PG_URL:-} ]] || { echo "report.sh: ENGINE=postgres needs BANGFU_PG_URL (scripts/with-postgres.sh)" >&2; exit 1; }
    [[ -s $out/report-queries.sql ]] || { echo "report.sh: run the SQLite benchmark of this SCALE first (it records the statements)" >&2; exit 1; }
    url=${BANGFU_PG_URL%/*}/bangfu_report
    sql=$out/report-$SCALE.sql
    if [[ ! -f $sql ]]; then
        /usr/bin/time -f "generate.py --pg-sql: %e s elapsed, max RSS %M KB" \
            python3 "$here/generate.py" --pg-sql "$sql" --scale "$SCALE" 2>&1 | tee "$out/generate-pg-$SCALE.log"
    fi
    psql -q -v ON_ERROR_STOP=1 "$BANGFU_PG_URL" -c "DROP DATABASE IF EXISTS bangfu_report" -c "CREATE DATABASE bangfu_report" >/dev/null
    "$BANGFU" init --db "$url" >/dev/null
    /usr/bin/time -f "psql load (COPY + ANALYZE): %e s elapsed" psql -q -v ON_ERROR_STOP=1 "$url" -f "$sql" 2>&1 >/dev/null |
        tee "$out/load-pg-$SCALE.log"
    db_url=$url
    # The SQLite connection's PRAGMAs are not SQL PostgreSQL knows: left out.
    queries=$out/report-queries-pg.sql
    shell_sql() { psql -q -X -v ON_ERROR_STOP=1 "$url" -f "$queries"; }
    shell_name="\`psql\`"
    timed_shell() { (echo '\timing on' && cat "$queries") | psql -q -X "$url" | grep -o '^Time: [0-9.]*' | awk '{print $2}'; }
else
    if [[ ! -f $DB ]]; then
        "$BANGFU" init --db "sqlite:$DB"
        /usr/bin/time -f "generate.py: %e s elapsed, max RSS %M KB" \
            python3 "$here/generate.py" --sqlite "$DB" --scale "$SCALE" 2>&1 | tee "$out/generate-$SCALE.log"
    fi
    db_url=sqlite:$DB
    queries=$out/report-queries.sql
    shell_sql() { sqlite3 "$DB" <"$out/report-queries.sql"; }
    shell_name="\`sqlite3\`"
    timed_shell() { (echo ".timer on" && cat "$out/report-queries.sql") | sqlite3 "$DB" | grep -o '^Run Time: real [0-9.]*' | awk '{print $4 * 1000}'; }
fi

cc -O2 -shared -fPIC -o "$out/sql_trace.so" "$here/sql_trace.c" -ldl

now_ns() { date +%s%N; }
# median of the numbers on stdin (milliseconds)
median() { sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }
# cpu_ms CMD...: runs CMD once; prints "wall_ms cpu_ms", cpu = user + system time of the processes
# it started (bash's `times` in a subshell: its children's). The wall clock moves with the other
# work on the machine; the CPU time much less, so both are recorded. For PostgreSQL the CPU is
# psql's or bangfu's only, not the server's.
cpu_ms() {
    local t0 t1
    t0=$(now_ns)
    local cpu
    cpu=$( ( "$@" >/dev/null; times ) | tail -1 |
        awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); n += p[1] * 60 + p[2] } printf "%.0f", n * 1000 }')
    t1=$(now_ns)
    echo "$(((t1 - t0) / 1000000)) $cpu"
}
# time_ms CMD...: runs CMD once to warm up, then RUNS times; prints "median min max cpu_median"
# in ms (wall clock, then the median CPU time)
time_ms() {
    "$@" >/dev/null
    local times=() cpus=()
    for _ in $(seq "$RUNS"); do
        local wall cpu
        read -r wall cpu < <(cpu_ms "$@")
        times+=("$wall")
        cpus+=("$cpu")
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    echo "$(printf '%s\n' "${times[@]}" | median) $(head -1 <<<"$sorted") $(tail -1 <<<"$sorted") $(printf '%s\n' "${cpus[@]}" | median)"
}

report() { "$BANGFU" report --db "$db_url" --scope "region:$REGION" --year "$YEAR" --format "$1" --out "$out/report.$1"; }
# The statements of one report, for each format (they must be the same: one summary).
for fmt in $([[ $ENGINE == sqlite ]] && echo html docx xlsx); do
    rm -f "$out/report-queries-$fmt.sql"
    LD_PRELOAD=$out/sql_trace.so BENCH_SQL_TRACE=$out/report-queries-$fmt.sql report "$fmt" >/dev/null
done
if [[ $ENGINE == sqlite ]]; then
    cmp -s "$out/report-queries-html.sql" "$out/report-queries-docx.sql" &&
        cmp -s "$out/report-queries-html.sql" "$out/report-queries-xlsx.sql" ||
        echo "note: the formats ran different statements (see out/report-queries-*.sql)" >&2
    cp "$out/report-queries-html.sql" "$out/report-queries.sql"
else
    grep -v '^PRAGMA' "$out/report-queries.sql" >"$queries"
fi
statements=$(wc -l <"$queries")

results=$out/report-results-$ENGINE-$SCALE.md
{
    echo "$ENGINE, scale $SCALE, region:$REGION, year $YEAR, $statements statements, median of $RUNS runs" \
        "after a warm-up (min-max in brackets); $(date -u +%Y-%m-%dT%H:%MZ)."
    echo
    echo "| what | median ms | min-max ms | × shell SQL | < 1 s | ≤ 1.5× shell | CPU ms (median) | × shell CPU | load avg before |"
    echo "|---|---:|---:|---:|---|---|---:|---:|---:|"
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r shell_med shell_min shell_max shell_cpu < <(time_ms shell_sql)
    echo "| $shell_name shell, the same statements | $shell_med | $shell_min-$shell_max | 1 | $([[ $shell_med -lt 1000 ]] && echo yes || echo no) | - | $shell_cpu | 1 | $load |"
    for fmt in html docx xlsx; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        read -r med min max cpu < <(time_ms report "$fmt")
        ratio=$(awk -v a="$med" -v b="$shell_med" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
        cpu_ratio=$(awk -v a="$cpu" -v b="$shell_cpu" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
        ok_time=$([[ $med -lt 1000 ]] && echo yes || echo no)
        ok_ratio=$(awk -v r="$ratio" 'BEGIN {print (r <= 1.5 ? "yes" : "no")}')
        echo "| \`bangfu report --format $fmt\` | $med | $min-$max | $ratio | $ok_time | $ok_ratio | $cpu | $cpu_ratio | $load |"
    done
    echo
    echo "Slowest statements in the shell (its own timer: .timer on or \\timing, one run):"
    echo
    echo '| ms | statement (first 160 characters) |'
    echo '|---:|---|'
    timed_shell >"$out/report-query-times.txt" || true
    paste -d'\t' "$out/report-query-times.txt" "$queries" | sort -t$'\t' -k1,1 -rn | head -5 |
        awk -F'\t' '{printf "| %.0f | `%s` |\n", $1, substr($2, 1, 160)}'
} | tee "$results"
echo "wrote $results" >&2
