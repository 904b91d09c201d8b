#!/usr/bin/env bash
# Smoke test of the benchmark generator (ctest bench_generator_smoke, a few seconds): at 0.1 % of
# the DESIGN.md §7 sizes it must fill every table of a fresh `bangfu init` database with rows
# that satisfy every foreign key, and `bangfu report` must summarise the province from them.
# It fails when a schema change leaves the generator behind (a new NOT NULL column, a new table).
set -euo pipefail
: "${BANGFU_BIN:?set BANGFU_BIN to the bangfu binary}"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/smoke.db
"$BANGFU_BIN" init --db "sqlite:$db" >/dev/null
python3 "$here/generate.py" --sqlite "$db" --scale 0.001 2>"$tmp/generate.log" ||
    { cat "$tmp/generate.log" >&2; exit 1; }
python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
broken = db.execute("PRAGMA foreign_key_check").fetchall()
if broken:
    sys.exit(f"foreign keys broken: {broken[:5]}")
# Every table of the schema has rows, except those the generator leaves to the application
# (users and their sessions, tokens and permissions, audit, files, added dictionary entries,
# yearly reports, a region's own balance standards, the answers kept for idempotency keys, failed
# logins, recommendation runs and their decisions; a batch's needs and volunteers come from
# bench/reco_data.py, for the recommendations benchmark only).
left_to_app = {"users", "sessions", "api_tokens", "audit_log", "files", "file_contents",
               "dictionary_entries", "user_permissions", "yearly_reports",
               "report_unlock_requests", "schema_migrations", "sqlite_sequence",
               "balance_policies", "idempotency_keys", "login_throttles",
               "recommendation_runs", "recommendation_proposals", "pairing_rejections",
               "dispatch_needs", "dispatch_volunteers"}
tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
empty = [t for t in tables if t not in left_to_app and
         db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] == 0]
if empty:
    sys.exit(f"tables the generator does not fill: {empty}")
PY
"$BANGFU_BIN" report --db "sqlite:$db" --scope region:990000 --year 2025 --format html \
    --out "$tmp/report.html" >/dev/null
grep -q "示范课" "$tmp/report.html" || { echo "the report shows no demonstration class" >&2; exit 1; }
echo "bench generator smoke: ok"
