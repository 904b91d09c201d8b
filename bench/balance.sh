#!/usr/bin/env bash
# Balance index benchmark (issue 13): "the province of DESIGN.md §7 (100 counties, ~18,000 schools
# with inputs): every county's table in under 200 ms". See bench/README.md ("Issue 13: balance
# index").
#
#   BANGFU_BIN=/work/bench-balance/build/src/cli/bangfu bench/balance.sh
#   scripts/with-postgres.sh env ENGINE=postgres BANGFU_BIN=... bench/balance.sh
#
# As a system admin, a province inspector (990000) and a county bureau admin, at 1 connection
# (service time, no queueing), with the server's CPU per request as run.sh measures it:
#   county     GET /api/v1/balance?region=COUNTY&year=YEAR: the admin and the inspector cycle
#              through all 100 counties (wrk, counties.lua) for DURATION; the bureau admin (and the
#              other two, for comparison) its own county. Before that, each county once with curl
#              as the admin (per-county time, body size, schools): out/balance-counties-<engine>.tsv.
#   counties   GET /api/v1/balance/counties for the province and for the bureau county's city
#              (the bureau admin: its own county, all it may read).
#   trend      GET /api/v1/balance/trend?region=COUNTY (the bureau's county).
# Anchors in the same run: nginx serving the bureau county's table (the same bytes) at
# 1 connection, and the database's own shell (sqlite3 .timer / psql \timing) running the SQL one
# county request runs, recorded from bangfu with sql_trace.so (LD_PRELOAD) in the SQLite run and
# replayed as is in psql (the PostgreSQL run reuses the SQLite run's trace, so run SQLite first).
# Plus EXPLAIN QUERY PLAN / EXPLAIN ANALYZE of the county's schools query.
#
# Environment (all optional):
#   BANGFU_BIN  Release binary (default build-bench/src/cli/bangfu); this script builds nothing
#   ENGINE      sqlite (default) or postgres (needs BANGFU_PG_URL: scripts/with-postgres.sh)
#   YEAR        school year asked for (default 2025, i.e. 2025-2026; the data has 2024 and 2025)
#   DURATION    wrk duration of the round over all counties (default 30s); OTHER_DURATION the
#               other runs (default 10s); WARMUP default 2s
#   MIX         issue (default): generate.py --balance --balance-mix, ~18,000 compulsory schools;
#               registry: generate.py --balance, the registry of run.sh (~11,700)
#   SCALE       generate.py --scale (default 1)      OUT  output directory (default bench/out)
#   REGENERATE=1  rebuild the data set               SQLITE_ANALYZE=1  ANALYZE the SQLite copy
#   CONFIG      bangfu "workers:io_threads" (default 4:1, serve's defaults)
# Results: $OUT/results-balance-<engine>.md, $OUT/wrk-balance-*.txt, $OUT/balance-*.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
out=${OUT:-$here/out}
BANGFU_BIN=${BANGFU_BIN:-$repo/build-bench/src/cli/bangfu}
ENGINE=${ENGINE:-sqlite}
YEAR=${YEAR:-2025}
DURATION=${DURATION:-30s}
OTHER_DURATION=${OTHER_DURATION:-10s}
WARMUP=${WARMUP:-2s}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
MIX=${MIX:-issue}
SCALE=${SCALE:-1}
CONFIG=${CONFIG:-4:1}
SERVER_LIMIT=${SERVER_LIMIT:-3600}
BENCH_PASSWORD='Shanqu-Xuexiao#2026'
suffix=""
[[ $SCALE == 1 ]] || suffix=-s$SCALE
[[ $MIX == issue ]] || suffix=$suffix-$MIX
gen_args=(--balance)
[[ $MIX == issue ]] && gen_args+=(--balance-mix)

[[ -x $BANGFU_BIN ]] || { echo "balance.sh: no binary at $BANGFU_BIN (see bench/README.md to build it)" >&2; exit 1; }
for t in wrk nginx curl; do command -v $t >/dev/null || { echo "balance.sh: $t not installed" >&2; exit 1; }; done
mkdir -p "$out/static" "$out/nginx-tmp"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
log() { echo "== $(date +%T) $*" >&2; }

# ---- data (as run.sh) --------------------------------------------------------------------------

db_sql() {  # one statement on the pristine data set; rows tab-separated
  if [[ $ENGINE == sqlite ]]; then
    python3 - "$pristine" "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
for row in c.execute(sys.argv[2]):
    print("\t".join("" if v is None else str(v) for v in row))
c.close()
PY
  else
    psql -q -tA -F $'\t' -v ON_ERROR_STOP=1 "$pg_url" -c "$1"
  fi
}

user_add() {
  local url=$1
  shift
  echo "$BENCH_PASSWORD" | "$BANGFU_BIN" user add --db "$url" --password-stdin "$@" >/dev/null
}

taking_part="i.kind IN ('primary', 'junior', 'nine_year', 'complete_middle')"
county="" city=""
choose_actors() {
  db_sql "SELECT code FROM regions WHERE level = 'county' ORDER BY code" >"$out/balance-county-codes.txt"
  # The bureau's county: the median by number of schools taking part.
  county=$(db_sql "SELECT substr(i.region, 1, 6) AS k, COUNT(*) FROM institutions i WHERE $taking_part
                   AND i.archived = 0 GROUP BY k ORDER BY COUNT(*), k" |
    awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  city=$(db_sql "SELECT parent FROM regions WHERE code = '$county'")
  log "data: $(db_sql "SELECT COUNT(*) FROM regions WHERE level = 'county'") counties, $(db_sql "SELECT COUNT(*) FROM institutions i WHERE $taking_part") schools taking part, school_conditions by year: $(db_sql "SELECT school_year || ':' || COUNT(*) FROM school_conditions GROUP BY school_year" | tr '\n' ' ')"
  log "bureau county $county ($(db_sql "SELECT COUNT(*) FROM institutions i WHERE $taking_part AND i.archived = 0 AND substr(i.region, 1, 6) = '$county'") schools), its city $city"
}

add_users() {
  user_add "$1" --username bench --role system_admin
  user_add "$1" --username bench_inspector --role inspector --region 990000
  user_add "$1" --username bench_bureau --role bureau_admin --region "$county"
}

schema_version() {
  local tmp
  tmp=$(mktemp -d "$out/schema.XXXXXX")
  "$BANGFU_BIN" init --db "sqlite:$tmp/s.db" >/dev/null
  python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0])' "$tmp/s.db"
  rm -rf "$tmp"
}

prepare_sqlite() {
  pristine=$out/balance-v$(schema_version)$suffix.db
  if [[ ! -f $pristine || ${REGENERATE:-0} == 1 ]]; then
    log "generating $pristine"
    rm -f "$pristine" "$pristine-wal" "$pristine-shm"
    "$BANGFU_BIN" init --db "sqlite:$pristine" >/dev/null
    python3 "$here/generate.py" "${gen_args[@]}" --scale "$SCALE" --sqlite "$pristine"
  fi
  choose_actors
  add_users "sqlite:$pristine"
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$pristine"
}

prepare_postgres() {
  [[ -n ${BANGFU_PG_URL:-} ]] || { echo "balance.sh: ENGINE=postgres needs BANGFU_PG_URL (scripts/with-postgres.sh)" >&2; exit 1; }
  local sql=$out/balance$suffix.sql
  if [[ ! -f $sql || ${REGENERATE:-0} == 1 ]]; then
    log "generating $sql"
    python3 "$here/generate.py" "${gen_args[@]}" --scale "$SCALE" --pg-sql "$sql"
  fi
  pg_url="${BANGFU_PG_URL%/*}/bangfu_bench_balance"
  psql -q -v ON_ERROR_STOP=1 "$BANGFU_PG_URL" -c "DROP DATABASE IF EXISTS bangfu_bench_balance" >/dev/null
  psql -q -v ON_ERROR_STOP=1 "$BANGFU_PG_URL" -c "CREATE DATABASE bangfu_bench_balance" >/dev/null
  "$BANGFU_BIN" init --db "$pg_url" >/dev/null
  log "loading $sql into $pg_url"
  local t0=$SECONDS
  psql -q -v ON_ERROR_STOP=1 "$pg_url" -f "$sql" >/dev/null
  log "loaded in $((SECONDS - t0)) s"
  choose_actors
  add_users "$pg_url"
  local port=${BANGFU_PG_URL##*:}
  port=${port%%/*}
  pg_pid=$(pgrep -f -- "-c port=$port( |$)" | head -n 1)
  [[ -n $pg_pid ]] || log "PostgreSQL server process not found: its CPU time is not counted"
}

fresh_db_url() {
  if [[ $ENGINE == sqlite ]]; then
    rm -f "$out/balance-run.db" "$out/balance-run.db-wal" "$out/balance-run.db-shm"
    cp "$pristine" "$out/balance-run.db"
    if [[ ${SQLITE_ANALYZE:-0} == 1 ]]; then
      python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("ANALYZE"); c.commit(); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$out/balance-run.db"
    fi
    echo "sqlite:$out/balance-run.db"
  else
    psql -q -v ON_ERROR_STOP=1 "$pg_url" -c "DELETE FROM audit_log; DELETE FROM sessions; DELETE FROM api_tokens;" >/dev/null
    echo "$pg_url"
  fi
}

# ---- servers (as run.sh) -----------------------------------------------------------------------

bangfu_port="" bangfu_pid=""
start_bangfu() {  # $1 database URL, rest: environment for bangfu (e.g. LD_PRELOAD=...)
  local url=$1 logf=$out/balance-serve.log
  shift
  env "$@" timeout "$SERVER_LIMIT" "$BANGFU_BIN" serve --db "$url" --no-access-log --listen 127.0.0.1:0 \
    --workers "${CONFIG%:*}" --io-threads "${CONFIG#*:}" >>"$logf" 2>&1 &
  bangfu_pid=$!
  pids+=("$bangfu_pid")
  for _ in $(seq 100); do
    bangfu_port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$logf" | tail -n 1)
    if [[ -n $bangfu_port ]] && curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$bangfu_port/healthz"; then
      base=http://127.0.0.1:$bangfu_port
      return 0
    fi
    kill -0 "$bangfu_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "balance.sh: bangfu did not start:" >&2
  cat "$logf" >&2
  exit 1
}

stop_bangfu() {
  local child
  child=$(pgrep -P "$bangfu_pid" || true)
  kill "$bangfu_pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$bangfu_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$bangfu_pid" 2>/dev/null; then
    if [[ -n $child ]]; then kill -KILL "$child" 2>/dev/null || true; fi
    kill -KILL "$bangfu_pid" 2>/dev/null || true
  fi
  wait "$bangfu_pid" 2>/dev/null || true
}

get_token() {
  local jar csrf
  jar=$(mktemp "$out/cookies.XXXXXX")
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$BENCH_PASSWORD\"}" "$base/api/v1/auth/login" >"$jar.login"
  csrf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$jar.login")
  curl -sf -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"name":"bench"}' "$base/api/v1/auth/tokens" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
  rm -f "$jar" "$jar.login"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_nginx() {
  nginx_port=$(free_port)
  sed -e "s|@OUT@|$out|g" -e "s|@PORT@|$nginx_port|g" "$here/nginx.conf.in" >"$out/nginx-balance.conf"
  timeout "$SERVER_LIMIT" nginx -e "$out/nginx-error.log" -p "$out" -c "$out/nginx-balance.conf" -g 'daemon off;' &
  nginx_pid=$!
  pids+=("$nginx_pid")
  for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && return 0
    sleep 0.1
  done
  echo "balance.sh: nginx did not start" >&2
  exit 1
}

# ---- measuring (as run.sh) ---------------------------------------------------------------------

tree_ticks() {
  local total=0 p c
  for p in "$@"; do
    [[ -r /proc/$p/stat ]] || continue
    total=$((total + $(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}')))
    for c in $(pgrep -P "$p"); do total=$((total + $(tree_ticks "$c"))); done
  done
  echo "$total"
}

# $1 name, $2 server pids, $3 duration, $4 URL, rest: wrk arguments. 1 connection, 1 thread.
# Sets m_requests m_rps m_min m_p50 m_p99 m_max m_cpu m_load m_non2xx (counts.lua prints the
# latency summary in ms, including the minimum, which wrk's own report lacks).
measure() {
  local name=$1 spid=$2 dur=$3 url=$4 file ticks0 ticks1
  shift 4
  file=$out/wrk-balance-$name.txt
  m_load=$(cut -d' ' -f1 /proc/loadavg)
  local db0=0 db1=0
  [[ $spid == *" "* ]] && db0=$(tree_ticks ${spid#* })
  # shellcheck disable=SC2086
  ticks0=$(tree_ticks $spid)
  wrk -t1 -c1 -d"$dur" --timeout "$WRK_TIMEOUT" --latency "$@" "$url" >"$file"
  # shellcheck disable=SC2086
  ticks1=$(tree_ticks $spid)
  [[ $spid == *" "* ]] && db1=$(tree_ticks ${spid#* })
  m_requests=$(awk '/requests in/ {print $1}' "$file")
  m_rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
  read -r m_min m_p50 m_p99 m_max < <(awk '/^latency_ms / {print $2, $3, $4, $5}' "$file")
  m_non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
  m_non2xx=${m_non2xx:-0}
  m_cpu=$(awk -v t=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v n="$m_requests" \
    'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "-" }')
  m_db=-
  if [[ $spid == *" "* ]]; then  # bangfu and the PostgreSQL server: the latter's share
    m_db=$(awk -v t=$((db1 - db0)) -v hz="$(getconf CLK_TCK)" -v n="$m_requests" \
      'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "-" }')
  fi
  log "$name: $m_requests requests, min $m_min, p50 $m_p50, p99 $m_p99, max $m_max ms, non-2xx $m_non2xx, server CPU $m_cpu ms/request (PostgreSQL $m_db) (load before: $m_load)"
}

# ---- run ---------------------------------------------------------------------------------------

log "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
log "binary: $BANGFU_BIN ($ENGINE, data $MIX, scale $SCALE, year $YEAR)"
if [[ $ENGINE == sqlite ]]; then prepare_sqlite; else prepare_postgres; fi

: >"$out/balance-serve.log"
url=$(fresh_db_url)
start_bangfu "$url"
declare -A token
for u in bench bench_inspector bench_bureau; do token[$u]=$(get_token "$u"); done
spid=$bangfu_pid
[[ $ENGINE == postgres ]] && spid="$bangfu_pid ${pg_pid:-}"
tag=$ENGINE
[[ ${SQLITE_ANALYZE:-0} == 1 ]] && tag=$tag-analyze
[[ -n $suffix ]] && tag=$tag$suffix

# Every county as the admin (one warm-up request, then the median of 3): time, bytes, schools, verdict.
per_county=$out/balance-counties-$tag.tsv
printf 'county\tms\tbytes\tschools\tverdict\n' >"$per_county"
while read -r k; do
  curl -sf -o /dev/null -H "Authorization: Bearer ${token[bench]}" "$base/api/v1/balance?region=$k&year=$YEAR"
  times=()
  for _ in 1 2 3; do
    read -r t bytes < <(curl -sf -o "$out/static/balance-county.json" -w '%{time_total} %{size_download}\n' \
      -H "Authorization: Bearer ${token[bench]}" "$base/api/v1/balance?region=$k&year=$YEAR")
    times+=("$t")
  done
  python3 - "$out/static/balance-county.json" "$k" "$bytes" "${times[@]}" >>"$per_county" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
schools = sum(len(s["schools"]) for s in d["stages"]) if d.get("stages") else 0
median = sorted(float(t) for t in sys.argv[4:])[1] * 1000
print(f"{sys.argv[2]}\t{median:.1f}\t{sys.argv[3]}\t{schools}\t{d.get('verdict')}")
PY
done <"$out/balance-county-codes.txt"
log "per county (median of 3 requests each, curl): $(awk -F'\t' 'NR > 1 { n++; s += $2; if ($2 > m) { m = $2; k = $1 } } END { printf "mean %.1f ms, max %.1f ms (%s)", s / n, m, k }' "$per_county"); verdicts: $(awk -F'\t' 'NR > 1 {print $5}' "$per_county" | sort | uniq -c | tr '\n' ' ')"

curl -sf -H "Authorization: Bearer ${token[bench]}" "$base/api/v1/balance/counties?region=990000&year=$((YEAR - 1))" |
  python3 -c 'import collections, json, sys; c = collections.Counter(k["verdict"] for k in json.load(sys.stdin)["counties"]); print(", ".join(f"{k} {v}" for k, v in sorted(c.items())))' >"$out/balance-verdicts-$((YEAR - 1)).txt"
curl -sf -o "$out/static/balance-counties-990000.json" -H "Authorization: Bearer ${token[bench]}" "$base/api/v1/balance/counties?region=990000&year=$YEAR"
log "province counties body: $(stat -c %s "$out/static/balance-counties-990000.json") bytes"

# The bodies nginx serves: the bureau county's table as bangfu answers it.
curl -sf -H "Authorization: Bearer ${token[bench]}" "$base/api/v1/balance?region=$county&year=$YEAR" >"$out/static/balance-$county.json"
start_nginx
wrk -t1 -c1 -d"$WARMUP" "http://127.0.0.1:$nginx_port/balance-$county.json" >/dev/null 2>&1 || true
measure "$tag-nginx-county" "$nginx_pid" "$OTHER_DURATION" "http://127.0.0.1:$nginx_port/balance-$county.json" -s "$here/counts.lua"
nginx_row="nginx, the same body as a static file|county $county table ($(stat -c %s "$out/static/balance-$county.json") bytes)|$m_requests|$m_min|$m_p50|$m_p99|$m_max|$m_cpu|-|$m_non2xx|$m_load"

rows=()
run() {  # $1 name, $2 user, $3 label, $4 what, $5 duration, $6 path; COUNTY_PATHS for counties.lua
  local auth=(-H "Authorization: Bearer ${token[$2]}") args=(-s "$here/counts.lua")
  [[ -n ${COUNTY_PATHS:-} ]] && args=(-s "$here/counties.lua")
  wrk -t1 -c1 -d"$WARMUP" --timeout "$WRK_TIMEOUT" "${auth[@]}" "${args[@]}" "$base$6" >/dev/null 2>&1 || true
  measure "$tag-$1" "$spid" "$5" "$base$6" "${auth[@]}" "${args[@]}"
  rows+=("$3|$4|$m_requests|$m_min|$m_p50|$m_p99|$m_max|$m_cpu|$m_db|$m_non2xx|$m_load")
}
export COUNTY_PATHS
COUNTY_PATHS=$out/balance-county-paths.txt
sed "s|^|/api/v1/balance?year=$YEAR\&region=|" "$out/balance-county-codes.txt" >"$COUNTY_PATHS"
run county-all-admin bench "system admin" "county table, all 100 counties in turn" "$DURATION" "/"
run county-all-inspector bench_inspector "province inspector (990000)" "county table, all 100 counties in turn" "$DURATION" "/"
COUNTY_PATHS=""
for u in bench_bureau bench bench_inspector; do
  case $u in bench) l="system admin" ;; bench_inspector) l="province inspector (990000)" ;; *) l="county bureau admin ($county)" ;; esac
  run "county-$county-$u" "$u" "$l" "county table, $county" "$OTHER_DURATION" "/api/v1/balance?region=$county&year=$YEAR"
done
for u in bench bench_inspector; do
  l=$([[ $u == bench ]] && echo "system admin" || echo "province inspector (990000)")
  run "counties-province-$u" "$u" "$l" "counties side by side, province 990000" "$OTHER_DURATION" "/api/v1/balance/counties?region=990000&year=$YEAR"
  run "counties-city-$u" "$u" "$l" "counties side by side, city $city" "$OTHER_DURATION" "/api/v1/balance/counties?region=$city&year=$YEAR"
done
run "counties-own-bench_bureau" bench_bureau "county bureau admin ($county)" "counties side by side, its county $county" "$OTHER_DURATION" "/api/v1/balance/counties?region=$county&year=$YEAR"
for u in bench_bureau bench bench_inspector; do
  case $u in bench) l="system admin" ;; bench_inspector) l="province inspector (990000)" ;; *) l="county bureau admin ($county)" ;; esac
  run "trend-$county-$u" "$u" "$l" "trend, county $county" "$OTHER_DURATION" "/api/v1/balance/trend?region=$county"
done
if grep -qiE 'error|warn|busy' "$out/balance-serve.log"; then
  log "server log has errors or warnings:"
  grep -iE 'error|warn|busy' "$out/balance-serve.log" | sort | uniq -c | sort -rn | head -20 >&2
fi
stop_bangfu

# ---- the SQL of one county request, in the database's own shell --------------------------------

queries=$out/balance-queries-$county.sql
balance_statements='school_conditions|pairings|balance_policies|FROM regions WHERE code'
if [[ $ENGINE == sqlite ]]; then
  # Record the statements a county request runs, with their parameters inlined, and SQLite's own
  # time in each (sql_trace.so: the sqlite3_step calls of that statement). The server answers the
  # same request 5 times; the last one's statements are taken (warm connection and page cache),
  # then the province's counties side by side likewise.
  cc -O2 -shared -fPIC -o "$out/sql_trace.so" "$here/sql_trace.c" -ldl
  rm -f "$out/balance-trace.sql" "$out/balance-trace-times.txt"
  start_bangfu "sqlite:$out/balance-run.db" LD_PRELOAD="$out/sql_trace.so" \
    BENCH_SQL_TRACE="$out/balance-trace.sql" BENCH_SQL_TIMES="$out/balance-trace-times.txt"
  token[bench]=$(get_token bench)
  for _ in 1 2 3 4 5; do
    curl -sf -o /dev/null -H "Authorization: Bearer ${token[bench]}" "$base/api/v1/balance?region=$county&year=$YEAR"
  done
  # The last request's statements: those after the last token lookup (each request starts with
  # one); the statements of the trace file are the last 5 that read balance data (the times file
  # keeps only their first 160 characters, too few to tell them apart).
  last_request() { awk '/FROM api_tokens WHERE token_digest/ { n = 0; delete a; next } { a[++n] = $0 } END { for (k = 1; k <= n; k++) print a[k] }' "$1"; }
  grep -E "$balance_statements" "$out/balance-trace.sql" | tail -n 5 >"$queries"
  last_request "$out/balance-trace-times.txt" >"$out/balance-trace-county-times.txt"
  for _ in 1 2 3; do
    curl -sf -o /dev/null -H "Authorization: Bearer ${token[bench]}" "$base/api/v1/balance/counties?region=990000&year=$YEAR"
  done
  last_request "$out/balance-trace-times.txt" >"$out/balance-trace-province-times.txt"
  grep 'LEFT JOIN school_conditions' "$out/balance-trace.sql" | tail -n 1 >"$out/balance-queries-province.sql"
  stop_bangfu
  log "SQLite's own time in the county request's statements (ms): $(awk -F'\t' '$1 > 0 { printf "%s%s", (c++ ? " + " : ""), $1; s += $1 } END { printf " = %.1f", s }' "$out/balance-trace-county-times.txt")"
  log "SQLite's own time in the province counties request's statements (ms): $(awk -F'\t' '$1 > 0 { printf "%s%s", (c++ ? " + " : ""), $1; s += $1 } END { printf " = %.1f", s }' "$out/balance-trace-province-times.txt")"
  schools_sql=$(grep -m1 'LEFT JOIN school_conditions' "$queries")
  sqlite3 "$out/balance-run.db" "EXPLAIN QUERY PLAN ${schools_sql%;}" >"$out/balance-plan-$tag.txt"
  sqlite3 "$out/balance-run.db" "EXPLAIN QUERY PLAN $(grep -m1 'FROM pairings' "$queries" | sed 's/;$//')" >"$out/balance-plan-pairings-$tag.txt"
  # The shell reads the statements REPS times with its output discarded; its time without them
  # (opening the file, reading the schema) is subtracted.
  shell_run() {  # $1 repetitions → wall ms of one sqlite3 process
    local t0 t1
    t0=$(date +%s%N)
    # bangfu's connection settings (store/sqlite): a 64 MB page cache and memory-mapped reads.
    { echo "PRAGMA cache_size=-65536;"; echo "PRAGMA mmap_size=2147483648;"; echo ".output /dev/null"; echo "SELECT 1;"; for ((r = 0; r < $1; r++)); do cat "$queries"; done; } | sqlite3 "$out/balance-run.db" >/dev/null
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000))
  }
  shell="\`sqlite3\` shell, the $(wc -l <"$queries") statements of one county request (output discarded)"
else
  [[ -f $queries ]] || { log "no $queries: run the SQLite benchmark first (it records the SQL)"; exit 1; }
  schools_sql=$(grep -m1 'LEFT JOIN school_conditions' "$queries")
  psql -q -X "$pg_url" -c "EXPLAIN (ANALYZE, BUFFERS) ${schools_sql%;}" >"$out/balance-plan-$tag.txt"
  psql -q -X "$pg_url" -c "EXPLAIN (ANALYZE, BUFFERS) $(grep -m1 'FROM pairings' "$queries" | sed 's/;$//')" >"$out/balance-plan-pairings-$tag.txt"
  [[ -f $out/balance-queries-province.sql ]] && psql -q -X "$pg_url" -c "EXPLAIN (ANALYZE, BUFFERS) $(sed 's/;$//' "$out/balance-queries-province.sql")" >"$out/balance-plan-province-$tag.txt"
  shell_run() {
    local t0 t1
    t0=$(date +%s%N)
    { echo "SELECT 1;"; for ((r = 0; r < $1; r++)); do cat "$queries"; done; } | psql -q -X -A -t -o /dev/null "$pg_url"
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000))
  }
  shell="\`psql -A -t\`, the $(wc -l <"$queries") statements of one county request (output discarded)"
fi
REPS=${REPS:-50}
shell_run "$REPS" >/dev/null
st=()
for _ in 1 2 3 4 5; do
  empty=$(shell_run 0)
  full=$(shell_run "$REPS")
  st+=("$(awk -v a="$full" -v b="$empty" -v n="$REPS" 'BEGIN { printf "%.2f", (a - b) / n / 1000 }')")
done
read -r s_min s_med s_max < <(printf '%s\n' "${st[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[1], a[3], a[5] }')
log "shell: $shell: ${st[*]} ms per repetition"
shell_row="$shell|county $county, 5 × $REPS repetitions|$((5 * REPS))|$s_min|$s_med|-|$s_max|-|-|0|$(cut -d' ' -f1 /proc/loadavg)"

# ---- table -------------------------------------------------------------------------------------

table=$out/results-balance-$tag.md
{
  echo "Binary: \`$BANGFU_BIN\`; $ENGINE$([[ ${SQLITE_ANALYZE:-0} == 1 ]] && echo ' (ANALYZE)'); $(date -u '+%Y-%m-%d %H:%M UTC'); year $YEAR; data: $MIX mix, scale $SCALE; 1 connection; wrk $DURATION for the round over all counties, $OTHER_DURATION otherwise; bureau county $county, its city $city."
  echo
  echo "| who | what | requests | min ms | p50 ms | p99 ms | max ms | server CPU ms/req | of which PostgreSQL | non-2xx | load avg before |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for r in "${rows[@]}" "$nginx_row" "$shell_row"; do echo "| ${r//|/ | } |"; done
  echo
  echo "Per county, the median of 3 requests each with curl as the system admin ($per_county):"
  awk -F'\t' 'NR > 1 { print $2 }' "$per_county" | sort -n |
    awk '{ a[NR] = $1 } END { printf "min %.1f ms, median %.1f ms, max %.1f ms over %d counties; ", a[1], a[int((NR + 1) / 2)], a[NR], NR }'
  awk -F'\t' 'NR > 1 { s += $4; b += $3; if ($4 > m) m = $4 } END { printf "schools per county table: mean %.0f, max %d; body mean %.0f bytes.\n", s / (NR - 1), m, b / (NR - 1) }' "$per_county"
  echo
  echo "Verdicts $((YEAR - 1)): $(cat "$out/balance-verdicts-$((YEAR - 1)).txt")."
  echo "Verdicts $YEAR: $(awk -F'\t' 'NR > 1 {print $5}' "$per_county" | sort | uniq -c | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }')."
} >"$table"
cat "$table"
