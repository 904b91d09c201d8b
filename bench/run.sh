#!/usr/bin/env bash
# Side-by-side HTTP benchmark, every role (issue 11): bangfu's registry list pages and staff detail
# as a system admin, a county bureau admin, a county inspector, a province inspector, an
# institution admin and a teacher, against nginx serving the same response bodies as static
# files. See bench/README.md ("Issue 11: data scope, every role").
#
#   BANGFU_BIN=/work/bench-base/build/src/cli/bangfu bench/run.sh
#   BANGFU_BIN=... ROLES="county_inspector teacher" ENDPOINTS="staff_list" bench/run.sh
#   scripts/with-postgres.sh env ENGINE=postgres BANGFU_BIN=... bench/run.sh
#
# For each role × endpoint: a warm-up at 1 connection, a run at 1 connection (the server CPU per
# request there is the service time, without queueing), then a run at 64 connections (req/s, p50,
# p99, non-2xx, socket errors, CPU per request). nginx serves each body once per run, so "× nginx"
# compares with nginx measured in the same run.
#
# Environment (all optional):
#   BANGFU_BIN    Release binary (default build-bench/src/cli/bangfu); this script builds nothing
#   ROLES         subset of: admin bureau county_inspector province_inspector school teacher
#                 (default: all six)
#   ENDPOINTS     subset of: institutions staff_list staff_detail (default: all three)
#   DURATION      wrk duration of each bangfu run (default 10s)
#   NGINX_DURATION  wrk duration of each nginx run (default 5s)
#   CONNECTIONS   default 64        WRK_THREADS default 2       WARMUP default 2s
#   WRK_TIMEOUT   default 10s       PAGE_SIZE   default 20 (the web UI's page size)
#   SETTLE_LIMIT  seconds to wait after a run for bangfu's queue to drain (default 10); a server
#                 that has not drained by then is restarted on the same database, so the backlog
#                 of a slow endpoint does not land in the next measurement
#   LOADS         "1 64" (default): the 1-connection and the CONNECTIONS runs; "1" skips the
#                 64-connection runs and nginx (for comparing server settings by service time)
#   CONFIGS       bangfu "workers:io_threads" pairs (default "4:1", `serve`'s defaults)
#   ENGINE        sqlite (default) or postgres (needs BANGFU_PG_URL, e.g. from
#                 scripts/with-postgres.sh; loads $OUT/province.sql with psql). The CPU columns
#                 then count bangfu and the PostgreSQL server processes together.
#   OUT           output directory (default bench/out)
#   REGENERATE=1  rebuild the data set even if it exists
#   SCALE         generate.py --scale (default 1, the §7 sizes; e.g. 0.01 to try the script out)
#   TAG           a label for the server column and the results file (e.g. the settings tried)
#   SQLITE_ANALYZE=1  run ANALYZE on the SQLite copy before serving (the generated file has no
#                 statistics; the PostgreSQL script always ends with ANALYZE)
#
# The SQLite data set is $OUT/province-v<schema version>.db, made by the binary's own
# `bangfu init` and filled by generate.py, so binaries with different migrations each get a data
# set of their own schema. The actors are chosen by query from the generated rows (nothing here
# depends on the schema beyond what generate.py writes and users.staff):
#   county: the county (99CCKK) with the median number of institutions;
#   school: the primary school of that county with the median number of staff;
#   teacher: the lowest-id active teacher of that school, linked with users.staff.
#
# Every server is started under `timeout` and bound to 127.0.0.1; every load run is bounded by
# wrk's -d. Results: $OUT/results-roles-<engine>.md and $OUT/wrk-*.txt.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
out=${OUT:-$here/out}
BANGFU_BIN=${BANGFU_BIN:-$repo/build-bench/src/cli/bangfu}
ROLES=${ROLES:-"admin bureau county_inspector province_inspector school teacher"}
ENDPOINTS=${ENDPOINTS:-"institutions staff_list staff_detail"}
DURATION=${DURATION:-10s}
NGINX_DURATION=${NGINX_DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
WARMUP=${WARMUP:-2s}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}  # wrk's default (2s) would cut the slow lists' latency histogram
PAGE_SIZE=${PAGE_SIZE:-20}
SETTLE_LIMIT=${SETTLE_LIMIT:-10}
CONFIGS=${CONFIGS:-"4:1"}
LOADS=${LOADS:-"1 64"}
ENGINE=${ENGINE:-sqlite}
SCALE=${SCALE:-1}
suffix=""
[[ $SCALE == 1 ]] || suffix=-s$SCALE
SERVER_LIMIT=${SERVER_LIMIT:-3600}  # seconds: no server started here outlives this
BENCH_PASSWORD='Shanqu-Xuexiao#2026'

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

log() { echo "== $(date +%T) $*" >&2; }

username() {  # $1 role → the bench user acting in it
  case $1 in
    admin) echo bench ;;
    province_inspector) echo bench_inspector ;;
    *) echo "bench_$1" ;;
  esac
}

# ---- data ----------------------------------------------------------------------------------------

# Runs one SQL statement on the pristine data set; prints rows, tab-separated.
db_sql() {
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

user_add() {  # $1 database URL, rest: bangfu user add options
  local url=$1
  shift
  echo "$BENCH_PASSWORD" | "$BANGFU_BIN" user add --db "$url" --password-stdin "$@" >/dev/null
}

# The actors of every role, chosen from the generated rows (see the header), and the users.
county="" school="" teacher_staff=""
choose_actors() {
  county=$(db_sql "SELECT k.code FROM regions k JOIN regions r ON r.code = k.code OR r.parent = k.code
                   JOIN institutions i ON i.region = r.code
                   WHERE k.level = 'county' GROUP BY k.code ORDER BY COUNT(*), k.code" |
    awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  school=$(db_sql "SELECT i.id FROM institutions i JOIN staff s ON s.institution = i.id
                   WHERE i.kind = 'primary' AND i.archived = 0
                     AND i.region IN (SELECT code FROM regions WHERE code = '$county' OR parent = '$county')
                   GROUP BY i.id ORDER BY COUNT(*), i.id" |
    awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  teacher_staff=$(db_sql "SELECT MIN(id) FROM staff WHERE institution = $school AND role = 'teacher' AND archived = 0")
  [[ -n $county && -n $school && -n $teacher_staff ]] || { echo "run.sh: could not choose the actors" >&2; exit 1; }
  local n_inst n_staff
  n_inst=$(db_sql "SELECT COUNT(*) FROM institutions WHERE region IN (SELECT code FROM regions WHERE code = '$county' OR parent = '$county')")
  n_staff=$(db_sql "SELECT COUNT(*) FROM staff WHERE institution IN (SELECT id FROM institutions WHERE region IN (SELECT code FROM regions WHERE code = '$county' OR parent = '$county'))")
  log "actors: county $county ($n_inst institutions, $n_staff staff), school $school ($(db_sql "SELECT COUNT(*) FROM staff WHERE institution = $school") staff), teacher = staff $teacher_staff"

  # The staff ids each role may read, for the detail runs (admin and province inspector: all).
  db_sql "SELECT s.id FROM staff s WHERE s.institution IN (SELECT id FROM institutions WHERE region IN
          (SELECT code FROM regions WHERE code = '$county' OR parent = '$county')) ORDER BY s.id" >"$out/ids-county.txt"
  db_sql "SELECT id FROM staff WHERE institution = $school ORDER BY id" >"$out/ids-school.txt"
  echo "$teacher_staff" >"$out/ids-teacher.txt"
}

add_users() {  # $1 database URL
  user_add "$1" --username bench --role system_admin
  user_add "$1" --username bench_inspector --role inspector --region 990000
  user_add "$1" --username bench_bureau --role bureau_admin --region "$county"
  user_add "$1" --username bench_county_inspector --role inspector --region "$county"
  user_add "$1" --username bench_school --role institution_admin --institution "$school"
  user_add "$1" --username bench_teacher --role teacher --institution "$school"
  # `bangfu user add` has no --staff: link the teacher to their staff record as the users API
  # would (users.staff; the record must be at the user's institution).
  db_sql "UPDATE users SET staff = $teacher_staff WHERE username = 'bench_teacher'" >/dev/null
}

schema_version() {  # the highest migration the binary knows: init a scratch file and read it
  local tmp
  tmp=$(mktemp -d "$out/schema.XXXXXX")
  "$BANGFU_BIN" init --db "sqlite:$tmp/s.db" >/dev/null
  python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0])' "$tmp/s.db"
  rm -rf "$tmp"
}

prepare_sqlite() {
  pristine=$out/province-v$(schema_version)$suffix.db
  if [[ ! -f $pristine || ${REGENERATE:-0} == 1 ]]; then
    log "generating $pristine"
    rm -f "$pristine" "$pristine-wal" "$pristine-shm"
    "$BANGFU_BIN" init --db "sqlite:$pristine" >/dev/null
    python3 "$here/generate.py" --registry-only --scale "$SCALE" --sqlite "$pristine"
  fi
  choose_actors
  add_users "sqlite:$pristine"
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$pristine"
}

prepare_postgres() {
  [[ -n ${BANGFU_PG_URL:-} ]] || { echo "run.sh: ENGINE=postgres needs BANGFU_PG_URL (scripts/with-postgres.sh)" >&2; exit 1; }
  local sql=$out/province$suffix.sql
  if [[ ! -f $sql || ${REGENERATE:-0} == 1 ]]; then
    log "generating $sql"
    python3 "$here/generate.py" --registry-only --scale "$SCALE" --pg-sql "$sql"
  fi
  pg_url="${BANGFU_PG_URL%/*}/bangfu_bench"
  psql -q -v ON_ERROR_STOP=1 "$BANGFU_PG_URL" -c "DROP DATABASE IF EXISTS bangfu_bench" >/dev/null
  psql -q -v ON_ERROR_STOP=1 "$BANGFU_PG_URL" -c "CREATE DATABASE bangfu_bench" >/dev/null
  "$BANGFU_BIN" init --db "$pg_url" >/dev/null
  log "loading $sql into $pg_url"
  local t0=$SECONDS
  psql -q -v ON_ERROR_STOP=1 "$pg_url" -f "$sql" >/dev/null
  log "loaded in $((SECONDS - t0)) s"
  choose_actors
  add_users "$pg_url"
  # The postmaster, so its backends' CPU time counts as the server's.
  local port=${BANGFU_PG_URL##*:}
  port=${port%%/*}
  pg_pid=$(pgrep -f -- "-c port=$port( |$)" | head -n 1)
  [[ -n $pg_pid ]] || log "PostgreSQL server process not found: its CPU time is not counted"
}

# Each server configuration starts from a fresh copy, so audit rows written by one configuration
# (each detail read by an admin is audited) do not carry over to the next.
fresh_db_url() {
  if [[ $ENGINE == sqlite ]]; then
    rm -f "$out/run.db" "$out/run.db-wal" "$out/run.db-shm"
    cp "$pristine" "$out/run.db"
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

# ---- servers -------------------------------------------------------------------------------------

bangfu_port="" bangfu_pid="" bangfu_args=()
start_bangfu() {  # $1 workers, $2 io threads, $3 database URL
  bangfu_args=("$@")
  local logf=$out/serve-$1-$2.log
  timeout "$SERVER_LIMIT" "$BANGFU_BIN" serve --db "$3" --no-access-log --listen 127.0.0.1:0 \
    --workers "$1" --io-threads "$2" >>"$logf" 2>&1 &
  bangfu_pid=$!
  pids+=("$bangfu_pid")
  for _ in $(seq 100); do
    bangfu_port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$logf" | tail -n 1)
    if [[ -n $bangfu_port ]] && curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$bangfu_port/healthz"; then
      return 0
    fi
    kill -0 "$bangfu_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run.sh: bangfu did not start:" >&2
  cat "$logf" >&2
  exit 1
}

stop_bangfu() {  # SIGTERM through timeout; SIGKILL to bangfu itself if it has not gone in 5 s
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

# The same server again on the same database (tokens live in the database, so they stay valid):
# drops the queue a slow endpoint left behind.
restart_bangfu() {
  stop_bangfu
  start_bangfu "${bangfu_args[@]}"
  base=http://127.0.0.1:$bangfu_port
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
    curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && return 0
    sleep 0.1
  done
  echo "run.sh: nginx did not start:" >&2
  cat "$out/nginx-error.log" >&2
  exit 1
}

# ---- wrk -----------------------------------------------------------------------------------------

to_ms() {  # wrk prints 812.00us, 1.93ms, 1.02s, 1.00m
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) printf "%.2f", substr(v, 1, length(v) - 2) / 1000;
    else if (v ~ /ms$/) printf "%.2f", substr(v, 1, length(v) - 2);
    else if (v ~ /m$/) printf "%.2f", substr(v, 1, length(v) - 1) * 60000;
    else if (v ~ /s$/) printf "%.2f", substr(v, 1, length(v) - 1) * 1000;
    else if (v == "") print "-";
    else print v }'
}

# CPU time (clock ticks, user + system) of a process and all its descendants.
tree_ticks() {
  local total=0 p c
  for p in "$@"; do
    [[ -r /proc/$p/stat ]] || continue
    # fields 14 and 15 (utime, stime), counted after the ")" that ends the command name
    total=$((total + $(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}')))
    for c in $(pgrep -P "$p"); do total=$((total + $(tree_ticks "$c"))); done
  done
  echo "$total"
}

# $1 name (file name of the wrk output), $2 server pids, $3 connections, $4 duration, $5 URL,
# rest: extra wrk arguments. Sets: m_rps m_p50 m_p99 m_non2xx m_errors m_cpu m_load m_requests.
# The server's CPU time per request hardly depends on what else the machine is doing, unlike req/s.
measure() {
  local name=$1 spid=$2 conns=$3 dur=$4 url=$5
  shift 5
  local threads=$WRK_THREADS
  ((conns < threads)) && threads=$conns
  local file=$out/wrk-$name.txt ticks0 ticks1
  m_load=$(cut -d' ' -f1 /proc/loadavg)
  # shellcheck disable=SC2086  # $spid may hold two pids
  ticks0=$(tree_ticks $spid)
  wrk -t"$threads" -c"$conns" -d"$dur" --timeout "$WRK_TIMEOUT" --latency "$@" "$url" >"$file"
  # shellcheck disable=SC2086
  ticks1=$(tree_ticks $spid)
  m_rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
  m_requests=$(awk '/requests in/ {print $1}' "$file")
  m_cpu=$(awk -v t=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v n="$m_requests" \
    'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "-" }')
  m_p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
  m_p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
  if [[ ${m_requests:-0} == 0 ]]; then m_p50=- m_p99=-; fi  # wrk prints 0.00us then
  m_non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
  m_non2xx=${m_non2xx:-0}
  m_errors=$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' "$file")
  m_errors=${m_errors:-none}
  log "$name: $m_rps req/s ($m_requests requests), p50 $m_p50 ms, p99 $m_p99 ms, non-2xx $m_non2xx, socket errors $m_errors, server CPU $m_cpu ms/request (load before: $m_load)"
}

# One request with curl, for an endpoint too slow for wrk to complete any request within its run:
# the same variables as measure (its latency as p50 and p99).
measure_once() {  # $1 name, $2 server pids, $3 URL, $4 bearer token
  local name=$1 spid=$2 url=$3 ticks0 ticks1 code t
  m_load=$(cut -d' ' -f1 /proc/loadavg)
  # shellcheck disable=SC2086
  ticks0=$(tree_ticks $spid)
  read -r code t < <(curl -s -o /dev/null --max-time 300 -w '%{http_code} %{time_total}\n' \
    -H "Authorization: Bearer $4" "$url" || true)
  # shellcheck disable=SC2086
  ticks1=$(tree_ticks $spid)
  m_requests=1 m_rps=- m_errors=none
  m_non2xx=$([[ $code == 2* ]] && echo 0 || echo 1)
  m_p50=$(awk -v t="$t" 'BEGIN { printf "%.2f", t * 1000 }') m_p99=$m_p50
  m_cpu=$(awk -v t=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t * 1000 / hz }')
  echo "one request with curl: HTTP $code in $t s, server CPU $m_cpu ms" >"$out/wrk-$name.txt"
  log "$name: one request with curl (wrk completed none): HTTP $code in $t s, server CPU $m_cpu ms (load before: $m_load)"
}

# When wrk stops, requests it already sent may still be queued in bangfu's worker pool (the pool
# runs them even though their connections are gone). Wait until /healthz (which also goes through
# the pool) answers quickly; if it does not within SETTLE_LIMIT, restart the server.
settle() {
  local t deadline=$((SECONDS + SETTLE_LIMIT))
  while ((SECONDS < deadline)); do
    t=$(curl -s -o /dev/null --max-time 1 -w '%{time_total}' "$base/healthz" || echo 9)
    awk -v t="$t" 'BEGIN { exit !(t < 0.02) }' && return 0
    sleep 0.2
  done
  log "server did not drain its queue within $SETTLE_LIMIT s: restarting it"
  restart_bangfu
}

# ---- run -----------------------------------------------------------------------------------------

log "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
log "binary: $BANGFU_BIN"
if [[ $ENGINE == sqlite ]]; then prepare_sqlite; else prepare_postgres; fi

path_of() {  # $1 endpoint, $2 role → a request path (the detail: the nginx body's id)
  case $1 in
    institutions) echo "/api/v1/institutions?page=1&page_size=$PAGE_SIZE" ;;
    staff_list) echo "/api/v1/staff?page=1&page_size=$PAGE_SIZE" ;;
    staff_detail) echo "/api/v1/staff/$(detail_ids "$2" | head -n 1)" ;;
  esac
}

ids_file() {  # $1 role → file of staff ids in its scope, or nothing for "any id"
  case $1 in
    bureau | county_inspector) echo "$out/ids-county.txt" ;;
    school) echo "$out/ids-school.txt" ;;
    teacher) echo "$out/ids-teacher.txt" ;;
  esac
}

detail_ids() {  # $1 role → the staff ids it may read, the one nginx serves first
  local f
  f=$(ids_file "$1")
  if [[ -n $f ]]; then
    awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' "$f"
  else
    echo 200000
  fi
}

label_of() {
  case $1 in
    admin) echo "system admin" ;;
    bureau) echo "county bureau admin ($county)" ;;
    county_inspector) echo "county inspector ($county)" ;;
    province_inspector) echo "province inspector (990000)" ;;
    school) echo "institution admin (school $school)" ;;
    teacher) echo "teacher (staff $teacher_staff)" ;;
  esac
}

endpoint_label() {
  case $1 in
    institutions) echo "institutions list, page of $PAGE_SIZE" ;;
    staff_list) echo "staff list, page of $PAGE_SIZE" ;;
    staff_detail) echo "staff detail" ;;
  esac
}

declare -A token nginx_rps nginx_cpu
lua=$here/staff.lua
tag=${TAG:+-$TAG}
[[ ${SQLITE_ANALYZE:-0} == 1 ]] && tag=$tag+analyze
rows=()
nginx_started=0
for cfg in $CONFIGS; do
  w=${cfg%:*}
  io=${cfg#*:}
  server="bangfu $ENGINE$tag w$w io$io"
  start_bangfu "$w" "$io" "$(fresh_db_url)"
  base=http://127.0.0.1:$bangfu_port
  for role in $ROLES; do token[$role]=$(get_token "$(username "$role")"); done

  if [[ $LOADS != *64* ]]; then nginx_started=1; fi
  if ((nginx_started == 0)); then
    # The bodies nginx serves, as bangfu answers them to each role (first configuration).
    for role in $ROLES; do
      for ep in $ENDPOINTS; do
        curl -sf --max-time 120 -H "Authorization: Bearer ${token[$role]}" \
          "$base$(path_of "$ep" "$role")" >"$out/static/$role-$ep.json" ||
          log "$role $ep: bangfu did not answer 2xx for the nginx body"
        log "body $role-$ep.json: $(stat -c %s "$out/static/$role-$ep.json") bytes"
      done
    done
    settle
    start_nginx
    nbase=http://127.0.0.1:$nginx_port
    wrk -t1 -c8 -d"$WARMUP" "$nbase/admin-staff_detail.json" >/dev/null 2>&1 || true
    for role in $ROLES; do
      for ep in $ENDPOINTS; do
        measure "nginx-$role-$ep" "$nginx_pid" "$CONNECTIONS" "$NGINX_DURATION" "$nbase/$role-$ep.json"
        nginx_rps[$role-$ep]=$m_rps
        nginx_cpu[$role-$ep]=$m_cpu
      done
    done
    nginx_started=1
  fi

  spid=$bangfu_pid
  for role in $ROLES; do
    auth=(-H "Authorization: Bearer ${token[$role]}")
    for ep in $ENDPOINTS; do
      name="$ENGINE$tag-w$w-io$io-$role-$ep"
      args=("${auth[@]}")
      url=$base$(path_of "$ep" "$role")
      if [[ $ep == staff_detail ]]; then
        args+=(-s "$lua")
        url=$base/
        export STAFF_IDS
        STAFF_IDS=$(ids_file "$role")
      fi
      spid=$bangfu_pid
      [[ $ENGINE == postgres ]] && spid="$bangfu_pid ${pg_pid:-}"
      wrk -t1 -c1 -d"$WARMUP" --timeout "$WRK_TIMEOUT" "${args[@]}" "$url" >/dev/null 2>&1 || true
      measure "$name-c1" "$spid" 1 "$DURATION" "$url" "${args[@]}"
      settle
      if [[ ${m_requests:-0} == 0 ]]; then
        spid=$bangfu_pid
        [[ $ENGINE == postgres ]] && spid="$bangfu_pid ${pg_pid:-}"
        measure_once "$name-c1" "$spid" "$base$(path_of "$ep" "$role")" "${token[$role]}"
      fi
      c1_cpu=$m_cpu c1_p50=$m_p50 c1_non2xx=$m_non2xx c1_load=$m_load
      spid=$bangfu_pid
      [[ $ENGINE == postgres ]] && spid="$bangfu_pid ${pg_pid:-}"
      m_rps=- m_p50=- m_p99=- m_non2xx=0 m_errors=- m_load=$c1_load m_cpu=-
      if [[ $LOADS == *64* ]]; then
        measure "$name-c$CONNECTIONS" "$spid" "$CONNECTIONS" "$DURATION" "$url" "${args[@]}"
        settle
      fi
      ratio=$(awk -v a="$m_rps" -v b="${nginx_rps[$role-$ep]:-0}" 'BEGIN { if (b > 0) printf "%.3g", a / b; else print "-" }')
      rows+=("$(label_of "$role")|$(endpoint_label "$ep")|$m_rps|$m_p50|$m_p99|${nginx_rps[$role-$ep]:-}|$ratio|$c1_p50|$c1_cpu|$m_cpu|$((c1_non2xx + m_non2xx))|$m_errors|$m_load|$server|$(stat -c %s "$out/static/$role-$ep.json" 2>/dev/null || echo -)")
    done
  done
  if grep -qiE 'error|warn|busy' "$out/serve-$w-$io.log"; then
    log "server log of $server has errors or warnings:"
    grep -iE 'error|warn|busy' "$out/serve-$w-$io.log" | sort | uniq -c | sort -rn | head -20 >&2
  fi
  stop_bangfu
done

# ---- table ---------------------------------------------------------------------------------------

table=$out/results-roles-$ENGINE${tag//+/-}$suffix.md
{
  echo "Binary: \`$BANGFU_BIN\`; $ENGINE; $(date -u '+%Y-%m-%d %H:%M UTC'); wrk $DURATION per bangfu run, $NGINX_DURATION per nginx run; county $county, school $school, teacher = staff $teacher_staff."
  echo
  echo "| role | endpoint | req/s (64 conn) | p50 ms | p99 ms | nginx req/s | × nginx | p50 ms, 1 conn | CPU ms/req, 1 conn | CPU ms/req, 64 conn | non-2xx | socket errors (64 conn) | load avg before | server | body bytes |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|"
  for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
  echo
  echo "nginx CPU ms/req (same bodies): $(for k in "${!nginx_cpu[@]}"; do echo "$k ${nginx_cpu[$k]}"; done | sort | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }')"
} >"$table"
cat "$table"
