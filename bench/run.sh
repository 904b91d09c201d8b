#!/usr/bin/env bash
# Side-by-side HTTP benchmark: bangfu (registry list + detail, bearer token) against nginx serving
# the same response bodies as static files. See bench/README.md.
#
#   BANGFU_BIN=build-bench/src/cli/bangfu bench/run.sh
#
# Environment (all optional):
#   BANGFU_BIN    Release binary (default build-bench/src/cli/bangfu); this script builds nothing
#   DURATION      wrk duration per run (default 20s)       CONNECTIONS  default 64
#   WRK_THREADS   default 2         WARMUP  default 3s      WRK_TIMEOUT  default 10s
#   CONFIGS       bangfu "workers:io_threads" pairs, the first is reported as the default
#                 (default "4:1 2:1 2:2 4:2"; 4 workers and 1 I/O thread are `serve`'s defaults)
#   ENGINE        sqlite (default) or postgres (needs BANGFU_PG_URL, e.g. from
#                 scripts/with-postgres.sh; loads bench/out/province.sql with psql). The CPU column
#                 then counts bangfu and the PostgreSQL server processes together.
#   REGENERATE=1  rebuild bench/out/province.db (or .sql) even if it exists
#   SQLITE_ANALYZE=1  run ANALYZE on the SQLite copy before serving (bangfu itself never does;
#                 shows what planner statistics change)
#
# Every server is started under `timeout` and bound to 127.0.0.1; every load run is bounded by
# wrk's -d. Results: bench/out/results-<engine>.md (Markdown table) and bench/out/wrk-*.txt.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
out=$here/out
BANGFU_BIN=${BANGFU_BIN:-$repo/build-bench/src/cli/bangfu}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
WARMUP=${WARMUP:-3s}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}  # wrk's default (2s) would cut the slow list's latency histogram
CONFIGS=${CONFIGS:-"4:1 2:1 2:2 4:2"}
ENGINE=${ENGINE:-sqlite}
SERVER_LIMIT=${SERVER_LIMIT:-1800}  # seconds: no server started here outlives this
STAFF_ID=200000                      # the detail body nginx serves (wrk asks random ids)
BENCH_USER=bench
BENCH_PASSWORD='Bench@2026pw'
INSPECTOR_USER=bench_inspector

[[ -x $BANGFU_BIN ]] || { echo "run.sh: no binary at $BANGFU_BIN (see bench/README.md to build it)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "run.sh: wrk not installed" >&2; exit 1; }
command -v nginx >/dev/null || { echo "run.sh: nginx not installed" >&2; exit 1; }
mkdir -p "$out/static" "$out/nginx-tmp"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

log() { echo "== $*" >&2; }

# ---- data ----------------------------------------------------------------------------------------

add_users() {  # $1: database URL
  echo "$BENCH_PASSWORD" | "$BANGFU_BIN" user add --db "$1" --username "$BENCH_USER" \
    --role system_admin --password-stdin >/dev/null
  echo "$BENCH_PASSWORD" | "$BANGFU_BIN" user add --db "$1" --username "$INSPECTOR_USER" \
    --role inspector --region 990000 --password-stdin >/dev/null
}

prepare_sqlite() {
  local pristine=$out/province.db
  if [[ ! -f $pristine || ${REGENERATE:-0} == 1 ]]; then
    log "generating $pristine"
    rm -f "$pristine" "$pristine-wal" "$pristine-shm"
    "$BANGFU_BIN" init --db "sqlite:$pristine" >/dev/null
    python3 "$here/generate.py" --registry-only --sqlite "$pristine"
    add_users "sqlite:$pristine"
    python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$pristine"
  fi
}

# Each server configuration starts from a fresh copy, so audit rows written by one run (each
# detail read by an admin is audited) do not carry over to the next.
fresh_db_url() {
  if [[ $ENGINE == sqlite ]]; then
    rm -f "$out/run.db" "$out/run.db-wal" "$out/run.db-shm"
    cp "$out/province.db" "$out/run.db"
    if [[ ${SQLITE_ANALYZE:-0} == 1 ]]; then
      python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("ANALYZE"); c.commit(); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$out/run.db"
    fi
    echo "sqlite:$out/run.db"
  else
    psql -q -v ON_ERROR_STOP=1 "$pg_url" -c "DELETE FROM audit_log; DELETE FROM sessions; DELETE FROM api_tokens;" >/dev/null
    psql -q -v ON_ERROR_STOP=1 "$pg_url" -c "VACUUM ANALYZE audit_log" >/dev/null
    echo "$pg_url"
  fi
}

prepare_postgres() {
  [[ -n ${BANGFU_PG_URL:-} ]] || { echo "run.sh: ENGINE=postgres needs BANGFU_PG_URL (scripts/with-postgres.sh)" >&2; exit 1; }
  local sql=$out/province.sql
  if [[ ! -f $sql || ${REGENERATE:-0} == 1 ]]; then
    log "generating $sql"
    python3 "$here/generate.py" --registry-only --pg-sql "$sql"
  fi
  pg_url="${BANGFU_PG_URL%/*}/bangfu_bench"
  psql -q -v ON_ERROR_STOP=1 "$BANGFU_PG_URL" -c "DROP DATABASE IF EXISTS bangfu_bench" >/dev/null
  psql -q -v ON_ERROR_STOP=1 "$BANGFU_PG_URL" -c "CREATE DATABASE bangfu_bench" >/dev/null
  "$BANGFU_BIN" init --db "$pg_url" >/dev/null
  log "loading $sql into $pg_url"
  local t0=$SECONDS
  psql -q -v ON_ERROR_STOP=1 "$pg_url" -f "$sql" >/dev/null
  log "loaded in $((SECONDS - t0)) s"
  add_users "$pg_url"
  # The postmaster, so its backends' CPU time counts as the server's.
  local port=${BANGFU_PG_URL##*:}
  port=${port%%/*}
  pg_pid=$(pgrep -f -- "-c port=$port( |$)" | head -n 1)
  [[ -n $pg_pid ]] || log "PostgreSQL server process not found: its CPU time is not counted"
}

# ---- servers -------------------------------------------------------------------------------------

bangfu_port=""
bangfu_pid=""
start_bangfu() {  # $1 workers, $2 io threads, $3 database URL
  local logf=$out/serve-$1-$2.log
  timeout "$SERVER_LIMIT" "$BANGFU_BIN" serve --db "$3" --no-access-log --listen 127.0.0.1:0 \
    --workers "$1" --io-threads "$2" >"$logf" 2>&1 &
  bangfu_pid=$!
  pids+=("$bangfu_pid")
  for _ in $(seq 100); do
    bangfu_port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$logf")
    [[ -n $bangfu_port ]] && return 0
    kill -0 "$bangfu_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run.sh: bangfu did not start:" >&2
  cat "$logf" >&2
  exit 1
}

stop_bangfu() {
  kill "$bangfu_pid" 2>/dev/null || true
  wait "$bangfu_pid" 2>/dev/null || true
}

get_token() {  # $1 username → prints a bearer token
  local base=http://127.0.0.1:$bangfu_port jar
  jar=$(mktemp "$out/cookies.XXXXXX")
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$BENCH_PASSWORD\"}" "$base/api/v1/auth/login" >"$jar.login"
  local csrf
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
  sed -e "s|@OUT@|$out|g" -e "s|@PORT@|$nginx_port|g" "$here/nginx.conf.in" >"$out/nginx.conf"
  rm -f "$out/nginx.pid"
  timeout "$SERVER_LIMIT" nginx -e "$out/nginx-error.log" -p "$out" -c "$out/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  pids+=("$nginx_pid")
  for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/institutions.json" && return 0
    sleep 0.1
  done
  echo "run.sh: nginx did not start:" >&2
  cat "$out/nginx-error.log" >&2
  exit 1
}

# ---- wrk -----------------------------------------------------------------------------------------

results=()
to_ms() {  # wrk prints 812.00us, 1.93ms, 1.02s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) printf "%.2f", substr(v, 1, length(v) - 2) / 1000;
    else if (v ~ /ms$/) printf "%.2f", substr(v, 1, length(v) - 2);
    else if (v ~ /s$/) printf "%.2f", substr(v, 1, length(v) - 1) * 1000;
    else print v }'
}

# CPU time (clock ticks, user + system) of a process and all its descendants.
tree_ticks() {
  local total=0 p c
  for p in "$@"; do
    [[ -r /proc/$p/stat ]] || continue
    # fields 14 and 15 (utime, stime), counted after the ")" that ends the command name
    total=$((total + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
    for c in $(pgrep -P "$p"); do total=$((total + $(tree_ticks "$c"))); done
  done
  echo "$total"
}

# $1 label, $2 server description, $3 URL, rest: extra wrk arguments. Appends a result row.
# The server's CPU time per request is measured too: unlike req/s it hardly depends on what else
# the machine is doing.
measure() {
  local label=$1 server=$2 url=$3
  shift 3
  local spid=$bangfu_pid
  [[ $server == nginx* ]] && spid=$nginx_pid
  [[ $server == "bangfu postgres"* ]] && spid="$bangfu_pid $pg_pid"
  local ticks0
  # shellcheck disable=SC2086  # $spid may hold two pids
  ticks0=$(tree_ticks $spid)
  local file
  file=$out/wrk-$(echo "$label-$server" | tr ' :/,' '____').txt
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency "$@" "$url" >"$file"
  local ticks1 rps p50 p99 non2xx errors requests cpu
  # shellcheck disable=SC2086
  ticks1=$(tree_ticks $spid)
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
  requests=$(awk '/requests in/ {print $1}' "$file")
  cpu=$(awk -v t=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "-" }')
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
  errors=$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' "$file")
  results+=("$label|$server|$rps|$p50|$p99|${non2xx:-0}|${errors:-none}|$cpu|$load")
  log "$label on $server: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx ${non2xx:-0}, socket errors ${errors:-none}, server CPU $cpu ms/request (load before: $load)"
}

warm() {  # $1 URL, rest: extra wrk arguments
  local url=$1
  shift
  wrk -t1 -c8 -d"$WARMUP" "$@" "$url" >/dev/null
}

# When wrk stops, requests it already sent may still be queued in bangfu's worker pool (the pool
# runs them even though their connections are gone). Wait until /healthz (which also goes through
# the pool) answers quickly, so one run's backlog does not land in the next run's latencies.
settle() {  # $1 base URL
  local t
  for _ in $(seq 300); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "$1/healthz" || echo 9)
    awk -v t="$t" 'BEGIN { exit !(t < 0.02) }' && return 0
    sleep 0.2
  done
  log "server at $1 did not settle within a minute"
}

# ---- run -----------------------------------------------------------------------------------------

log "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $ENGINE == sqlite ]]; then prepare_sqlite; else prepare_postgres; fi

list_path='/api/v1/institutions?page=1&page_size=50'
staff_path="/api/v1/staff/$STAFF_ID"

# The bodies nginx serves: fetched once from bangfu (default configuration) with the admin token.
w0=${CONFIGS%% *}; i0=${w0#*:}; w0=${w0%:*}
start_bangfu "$w0" "$i0" "$(fresh_db_url)"
admin_token=$(get_token "$BENCH_USER")
curl -sf -H "Authorization: Bearer $admin_token" "http://127.0.0.1:$bangfu_port$list_path" >"$out/static/institutions.json"
curl -sf -H "Authorization: Bearer $admin_token" "http://127.0.0.1:$bangfu_port$staff_path" >"$out/static/staff.json"
curl -sf -D "$out/headers-bangfu.txt" -o /dev/null -H "Authorization: Bearer $admin_token" "http://127.0.0.1:$bangfu_port$list_path"
stop_bangfu
log "bodies: institutions.json $(stat -c %s "$out/static/institutions.json") bytes, staff.json $(stat -c %s "$out/static/staff.json") bytes"

start_nginx
curl -sf -D "$out/headers-nginx.txt" -o /dev/null "http://127.0.0.1:$nginx_port/institutions.json"
warm "http://127.0.0.1:$nginx_port/institutions.json"
measure "institutions list" "nginx static" "http://127.0.0.1:$nginx_port/institutions.json"
measure "staff detail" "nginx static" "http://127.0.0.1:$nginx_port/staff.json"

lua=$here/staff.lua
tag=""
if [[ ${SQLITE_ANALYZE:-0} == 1 ]]; then tag=+analyze; fi
for cfg in $CONFIGS; do
  w=${cfg%:*}
  io=${cfg#*:}
  name="bangfu $ENGINE$tag w$w io$io"
  start_bangfu "$w" "$io" "$(fresh_db_url)"
  admin_token=$(get_token "$BENCH_USER")
  inspector_token=$(get_token "$INSPECTOR_USER")
  base=http://127.0.0.1:$bangfu_port
  auth=(-H "Authorization: Bearer $admin_token")
  warm "$base$list_path" "${auth[@]}"
  settle "$base"
  warm "$base/" -s "$lua" "${auth[@]}"
  settle "$base"
  measure "institutions list" "$name" "$base$list_path" "${auth[@]}"
  settle "$base"
  measure "staff detail" "$name" "$base/" -s "$lua" "${auth[@]}"
  settle "$base"
  # An inspector sees the phone masked, so the read is not audited: a pure read.
  measure "staff detail, no audit" "$name" "$base/" -s "$lua" -H "Authorization: Bearer $inspector_token"
  settle "$base"
  if [[ $cfg == "${CONFIGS%% *}" ]]; then
    # One connection: the service time of a single list request, without queueing.
    CONNECTIONS=1 WRK_THREADS=1 measure "institutions list, 1 connection" "$name" "$base$list_path" "${auth[@]}"
    settle "$base"
  fi
  if grep -qiE 'error|warn|busy' "$out/serve-$w-$io.log"; then
    log "server log of $name has errors or warnings:"
    grep -iE 'error|warn|busy' "$out/serve-$w-$io.log" | sort | uniq -c | sort -rn | head -20 >&2
  fi
  stop_bangfu
done

# ---- table ---------------------------------------------------------------------------------------

nginx_rps() {  # $1 label → nginx req/s for the same body
  local r
  for r in "${results[@]}"; do
    IFS='|' read -r label server rps _ <<<"$r"
    local base_label=${1%%,*}
    [[ $label == "$base_label" && $server == "nginx static" ]] && { echo "$rps"; return; }
  done
}

table=$out/results-$ENGINE${tag/+/-}.md
{
  echo "| endpoint | server | req/s | p50 ms | p99 ms | non-2xx | socket errors | × nginx req/s | server CPU ms/req | load avg before |"
  echo "|---|---|---:|---:|---:|---:|---|---:|---:|---:|"
  for r in "${results[@]}"; do
    IFS='|' read -r label server rps p50 p99 non2xx errors cpu load <<<"$r"
    ratio=$(awk -v a="$rps" -v b="$(nginx_rps "$label")" 'BEGIN { if (b > 0) printf "%.2g", a / b; else print "-" }')
    [[ $label == *"1 connection"* ]] && ratio="-"
    echo "| $label | $server | $rps | $p50 | $p99 | $non2xx | $errors | $ratio | $cpu | $load |"
  done
} >"$table"
cat "$table"
