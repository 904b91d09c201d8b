#!/usr/bin/env bash
# Recommendations benchmark (issue 18): on the province of DESIGN.md §7 (generate.py --balance:
# 20,000 institutions, 10,000 pairings, two school years of school_conditions) plus one dispatch
# batch of 5,000 needs and 12,000 volunteers (reco_data.py):
#   1. pairing proposals for the whole province (990000, teachers, 2025-2026) and the batch's
#      dispatch plan, as `bangfu recommend` computes them (load, flow, greedy; peak RSS of the
#      process by /usr/bin/time), the flow beside the greedy baseline (nearest first);
#   2. the same through HTTP (POST /api/v1/recommendations/pairings and /dispatch, as a system
#      admin with an API token, RUNS times each: the whole request, the run kept with its
#      proposals), and the server's peak RSS (VmHWM) before and after;
#   3. the demo: 叶集区 (341504) pairings on teachers, materials and management, and its third
#      batch's dispatch plan, flow beside greedy.
#
#   BANGFU_BIN=build-bench/src/cli/bangfu bench/recommendations.sh
#   scripts/with-postgres.sh env ENGINE=postgres BANGFU_BIN=... bench/recommendations.sh
#
# Environment: BANGFU_BIN (a Release binary; default build-bench/src/cli/bangfu), ENGINE (sqlite
# or postgres), RUNS (default 3), OUT (default bench/out), REGENERATE=1 to rebuild the data.
# Results: $OUT/results-recommendations-<engine>.md
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
out=${OUT:-$here/out}
BANGFU_BIN=${BANGFU_BIN:-$repo/build-bench/src/cli/bangfu}
ENGINE=${ENGINE:-sqlite}
RUNS=${RUNS:-3}
BENCH_PASSWORD='Shanqu-Xuexiao#2026'
[[ -x $BANGFU_BIN ]] || { echo "recommendations.sh: no binary at $BANGFU_BIN" >&2; exit 1; }
mkdir -p "$out"
results=$out/results-recommendations-$ENGINE.md
log() { echo "== $(date +%T) $*" >&2; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# ---- data --------------------------------------------------------------------------------------
pristine=$out/reco-province-pristine.db
if [[ ! -f $pristine || ${REGENERATE:-0} == 1 ]]; then
  log "generating $pristine"
  rm -f "$pristine"
  "$BANGFU_BIN" init --db "sqlite:$pristine" >/dev/null
  python3 "$here/generate.py" --balance --sqlite "$pristine"
fi
if [[ $ENGINE == sqlite ]]; then
  cp "$pristine" "$out/reco-run.db"
  "$BANGFU_BIN" migrate --db "sqlite:$out/reco-run.db" >/dev/null
  batch=$(python3 "$here/reco_data.py" --sqlite "$out/reco-run.db")
  url="sqlite:$out/reco-run.db"
else
  [[ -n ${BANGFU_PG_URL:-} ]] || { echo "ENGINE=postgres needs BANGFU_PG_URL (scripts/with-postgres.sh)" >&2; exit 1; }
  sql=$out/reco-province.sql
  [[ -f $sql && ${REGENERATE:-0} != 1 ]] || python3 "$here/generate.py" --balance --pg-sql "$sql"
  url="${BANGFU_PG_URL%/*}/bangfu_bench_reco"
  psql -q -v ON_ERROR_STOP=1 "$BANGFU_PG_URL" -c "DROP DATABASE IF EXISTS bangfu_bench_reco" >/dev/null
  psql -q -v ON_ERROR_STOP=1 "$BANGFU_PG_URL" -c "CREATE DATABASE bangfu_bench_reco" >/dev/null
  "$BANGFU_BIN" init --db "$url" >/dev/null
  log "loading $sql"
  psql -q -v ON_ERROR_STOP=1 "$url" -f "$sql" >/dev/null
  batch=$(python3 "$here/reco_data.py" --sqlite "$pristine" --pg-sql "$out/reco-batch.sql")
  psql -q -v ON_ERROR_STOP=1 "$url" -f "$out/reco-batch.sql" >/dev/null
fi
echo "$BENCH_PASSWORD" | "$BANGFU_BIN" user add --db "$url" --password-stdin --username bench --role system_admin >/dev/null

# ---- 1. the computation, flow and greedy ---------------------------------------------------------
recommend() {  # args of bangfu recommend; prints its JSON with "maxrss_mb" added
  local rss
  /usr/bin/time -f '%M' -o "$out/reco-time.txt" "$BANGFU_BIN" recommend --db "$url" "$@" >"$out/reco-cli.json"
  rss=$(tail -n 1 "$out/reco-time.txt")
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["maxrss_mb"]=round(int(sys.argv[2])/1024); print(json.dumps(d))' "$out/reco-cli.json" "$rss"
}
log "province pairing proposals (bangfu recommend)"
pair_all=$(recommend --region 990000 --dimension teachers --year 2025)
pair_30=$(recommend --region 990000 --dimension teachers --year 2025 --max-candidates 30)
log "province dispatch plan (bangfu recommend)"
disp=$(recommend --batch "$batch")

# ---- 2. through HTTP ---------------------------------------------------------------------------
logf=$out/reco-serve.log
: >"$logf"
"$BANGFU_BIN" serve --db "$url" --no-access-log --listen 127.0.0.1:0 >>"$logf" 2>&1 &
spid=$!
pids+=("$spid")
for _ in $(seq 100); do
  port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$logf" | tail -n 1)
  [[ -n $port ]] && curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.1
done
base=http://127.0.0.1:$port
jar=$(mktemp "$out/cookies.XXXXXX")
curl -sf -c "$jar" -H 'Content-Type: application/json' -d "{\"username\":\"bench\",\"password\":\"$BENCH_PASSWORD\"}" "$base/api/v1/auth/login" >"$jar.login"
csrf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$jar.login")
token=$(curl -sf -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$base/api/v1/auth/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
rm -f "$jar" "$jar.login"
# Peak RSS, and what is resident now split into heap (anonymous) and the database file's pages
# that SQLite's memory map brought in (shared, dropped by the kernel under pressure).
hwm() { awk '/VmHWM|RssAnon|RssFile/ { v[$1] = int($2 / 1024) } END { printf "%d MB (now: %d MB heap, %d MB file pages)", v["VmHWM:"], v["RssAnon:"], v["RssFile:"] }' "/proc/$spid/status"; }
hwm_before=$(hwm)
cpu() { awk '{ print $14 + $15 }' "/proc/$spid/stat"; }  # the server's CPU, clock ticks
post() {  # path body → "seconds bytes cpu_ms proposals unmatched"
  local c0 c1
  c0=$(cpu)
  curl -sf -o "$out/reco-answer.json" -w '%{time_total} %{size_download}\n' -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$2" "$base$1" | tr '\n' ' '
  c1=$(cpu)
  echo -n "$(((c1 - c0) * 1000 / $(getconf CLK_TCK))) "
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["proposals"]), len(d["unmatched"]))' "$out/reco-answer.json"
}
http_pairs=() http_disp=()
for i in $(seq "$RUNS"); do
  http_pairs+=("$(post /api/v1/recommendations/pairings '{"region":"990000","year":2025,"dimension":"teachers"}')")
  http_disp+=("$(post /api/v1/recommendations/dispatch "{\"batch\":$batch}")")
done
hwm_after=$(hwm)
kill "$spid"
wait "$spid" 2>/dev/null || true

# ---- 3. the demo -------------------------------------------------------------------------------
demo=$out/reco-demo.db
rm -f "$demo"
"$BANGFU_BIN" init --db "sqlite:$demo" >/dev/null
"$BANGFU_BIN" demo --db "sqlite:$demo" >/dev/null
demo_rows=()
for d in teachers materials management; do
  demo_rows+=("pairings 叶集区 $d|$("$BANGFU_BIN" recommend --db "sqlite:$demo" --region 341504 --dimension $d --year 2025)")
done
demo_batch=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT id FROM dispatch_batches WHERE name = ?", ("第三批赴孙岗乡支教",)).fetchone()[0])' "$demo")
demo_rows+=("dispatch 叶集区 第三批|$("$BANGFU_BIN" recommend --db "sqlite:$demo" --batch "$demo_batch")")

# ---- results -----------------------------------------------------------------------------------
python3 - "$results" "$ENGINE" "$pair_all" "$pair_30" "$disp" "$hwm_before" "$hwm_after" \
  "$(printf '%s\n' "${http_pairs[@]}")" "$(printf '%s\n' "${http_disp[@]}")" "$(printf '%s\n' "${demo_rows[@]}")" <<'PY'
import json, sys
path, engine, pa, p30, di, hb, ha, hp, hd, demo = sys.argv[1:]
pa, p30, di = json.loads(pa), json.loads(p30), json.loads(di)
def fl(x): return f"{x:,.0f}"
lines = [f"### Recommendations on the §7 province ({engine})", "",
         "| run | size | load | flow | greedy | peak RSS |", "|---|---|---:|---:|---:|---:|"]
lines.append(f"| pairings 990000 teachers, all candidates | {pa['recipients']:,} recipients, {pa['supporters']:,} supporters, {pa['arcs']:,} arcs | {pa['load_ms']:.0f} ms | {pa['flow']['ms']:.0f} ms | {pa['greedy']['ms']:.0f} ms | {pa['maxrss_mb']} MB |")
lines.append(f"| pairings, 30 cheapest candidates each | {p30['arcs']:,} arcs | {p30['load_ms']:.0f} ms | {p30['flow']['ms']:.0f} ms | {p30['greedy']['ms']:.0f} ms | {p30['maxrss_mb']} MB |")
lines.append(f"| dispatch, batch of {di['needs']:,} needs | {di['teachers_asked']:,} teachers asked, {di['volunteers']:,} volunteers, {di['arcs']:,} arcs | {di['load_ms']:.0f} ms | {di['flow']['ms']:.0f} ms | {di['greedy']['ms']:.0f} ms | {di['maxrss_mb']} MB |")
lines += ["", "| flow vs greedy | matched (flow / greedy) | objective (flow / greedy) |", "|---|---:|---:|"]
for name, d in (("province pairings (all candidates)", pa), ("province pairings (30 candidates)", p30), ("province dispatch", di)):
    lines.append(f"| {name} | {d['flow']['matched']:,} / {d['greedy']['matched']:,} | {fl(d['flow']['objective'])} / {fl(d['greedy']['objective'])} |")
for row in demo.strip().split("\n"):
    name, js = row.split("|", 1)
    d = json.loads(js)
    lines.append(f"| demo: {name} | {d['flow']['matched']} / {d['greedy']['matched']} | {fl(d['flow']['objective'])} / {fl(d['greedy']['objective'])} |")
lines += ["", "HTTP (the whole request: inputs read, solved, the run and its proposals kept, the answer):", ""]
for name, rows in (("POST /api/v1/recommendations/pairings", hp), ("POST /api/v1/recommendations/dispatch", hd)):
    for r in rows.strip().split("\n"):
        t, size, c, n, u = r.split()
        lines.append(f"- {name}: {float(t)*1000:.0f} ms wall, {c} ms server CPU, {int(size)/1e6:.1f} MB answer, {n} proposals, {u} unmatched")
lines += ["", f"Server peak RSS (VmHWM): {hb} after start; {ha} after the requests. The CLI's peak RSS "
          "above (/usr/bin/time) counts the database pages SQLite's memory map touched too.", ""]
open(path, "w").write("\n".join(lines))
print("\n".join(lines))
PY
