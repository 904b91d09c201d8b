#!/usr/bin/env bash
# bangfu backup / restore (issue 17): a round trip gives back every row of every table, on SQLite
# (and on PostgreSQL when BANGFU_PG_URL is set, as under scripts/with-postgres.sh); a damaged
# backup, a backup without its manifest and a restore into a database that is not empty are
# refused with one clear line and change nothing.
set -euo pipefail
bin=${BANGFU_BIN:?BANGFU_BIN must name the bangfu binary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $*" >&2; exit 1; }

# ---- SQLite -----------------------------------------------------------------------------------
"$bin" init --db "sqlite:$tmp/a.db" >/dev/null
"$bin" demo --db "sqlite:$tmp/a.db" >/dev/null
"$bin" backup --db "sqlite:$tmp/a.db" --out "$tmp/a.backup" | grep -q "backed up" || fail "sqlite backup"
[[ -s $tmp/a.backup && -s $tmp/a.backup.manifest ]] || fail "backup files missing"
grep -q '"engine":"sqlite"' "$tmp/a.backup.manifest" || fail "manifest engine"
# A second backup never overwrites the first.
if "$bin" backup --db "sqlite:$tmp/a.db" --out "$tmp/a.backup" 2>"$tmp/err"; then fail "overwrote a backup"; fi
grep -q "already exists" "$tmp/err" || fail "overwrite message: $(cat "$tmp/err")"

"$bin" restore --db "sqlite:$tmp/b.db" --from "$tmp/a.backup" | grep -q "restored" || fail "sqlite restore"
# Every table, row for row (the dump lists the schema and every row in rowid order).
diff <(sqlite3 "$tmp/a.db" .dump) <(sqlite3 "$tmp/b.db" .dump) >/dev/null || fail "restored SQLite differs"
[[ $(sqlite3 "$tmp/b.db" "SELECT COUNT(*) FROM institutions") -gt 0 ]] || fail "no institutions restored"

# Into an existing file: refused, the file unchanged.
before=$(sha256sum "$tmp/b.db")
if "$bin" restore --db "sqlite:$tmp/b.db" --from "$tmp/a.backup" 2>"$tmp/err"; then fail "restored over a database"; fi
grep -q "already exists" "$tmp/err" || fail "existing-target message: $(cat "$tmp/err")"
[[ $(sha256sum "$tmp/b.db") == "$before" ]] || fail "the existing database changed"
# A damaged backup: refused before anything is written.
cp "$tmp/a.backup" "$tmp/bad.backup" && cp "$tmp/a.backup.manifest" "$tmp/bad.backup.manifest"
printf 'X' | dd of="$tmp/bad.backup" bs=1 seek=5000 conv=notrunc status=none
if "$bin" restore --db "sqlite:$tmp/c.db" --from "$tmp/bad.backup" 2>"$tmp/err"; then fail "restored a damaged backup"; fi
grep -q "checksum" "$tmp/err" || fail "damaged message: $(cat "$tmp/err")"
[[ ! -e $tmp/c.db ]] || fail "a damaged backup left a database behind"
# Without its manifest.
cp "$tmp/a.backup" "$tmp/lone.backup"
if "$bin" restore --db "sqlite:$tmp/d.db" --from "$tmp/lone.backup" 2>"$tmp/err"; then fail "restored without a manifest"; fi
grep -q "manifest" "$tmp/err" || fail "manifest message: $(cat "$tmp/err")"
[[ $(wc -l <"$tmp/err") -eq 1 ]] || fail "more than one line: $(cat "$tmp/err")"
echo "ok   sqlite round trip and refusals"

# While another process writes (as a serving bangfu does): the backup is a consistent snapshot,
# whole and intact, holding the rows written before it began and none half-written.
before_rows=$(sqlite3 "$tmp/a.db" "SELECT COUNT(*) FROM audit_log")
(
  for i in $(seq 1 400); do
    sqlite3 "$tmp/a.db" "PRAGMA busy_timeout = 5000; INSERT INTO audit_log (at, username, action, entity, entity_id) VALUES ('2026-12-08T00:00:00Z', 'writer', 'create', 'test', '$i');" >/dev/null || exit 1
  done
) &
writer=$!
sleep 0.2
"$bin" backup --db "sqlite:$tmp/a.db" --out "$tmp/live.backup" >/dev/null || fail "backup while writing"
wait "$writer" || fail "the writer failed while the backup ran"
"$bin" restore --db "sqlite:$tmp/live.db" --from "$tmp/live.backup" >/dev/null || fail "restore of the live backup"
[[ $(sqlite3 "$tmp/live.db" "PRAGMA integrity_check") == ok ]] || fail "live backup not intact"
live_rows=$(sqlite3 "$tmp/live.db" "SELECT COUNT(*) FROM audit_log")
after_rows=$(sqlite3 "$tmp/a.db" "SELECT COUNT(*) FROM audit_log")
((live_rows >= before_rows && live_rows <= after_rows)) ||
  fail "live backup holds $live_rows audit rows, not between $before_rows and $after_rows"
echo "ok   sqlite backup while writing ($((live_rows - before_rows)) of 400 concurrent rows in the snapshot)"

# ---- PostgreSQL ------------------------------------------------------------------------------
if [[ -z ${BANGFU_PG_URL:-} ]]; then
  echo "skip postgresql (BANGFU_PG_URL not set)"
  exit 0
fi
base=${BANGFU_PG_URL%/*}
src_db="bangfu_backup_src_$$" dst_db="bangfu_backup_dst_$$"
cleanup_pg() { psql -q "$BANGFU_PG_URL" -c "DROP DATABASE IF EXISTS $src_db" -c "DROP DATABASE IF EXISTS $dst_db" >/dev/null 2>&1 || true; }
trap 'cleanup_pg; rm -rf "$tmp"' EXIT
psql -q "$BANGFU_PG_URL" -c "CREATE DATABASE $src_db" -c "CREATE DATABASE $dst_db" >/dev/null
"$bin" init --db "$base/$src_db" >/dev/null
"$bin" demo --db "$base/$src_db" >/dev/null
"$bin" backup --db "$base/$src_db" --out "$tmp/p.backup" | grep -q "backed up" || fail "pg backup"
grep -q '"engine":"postgresql"' "$tmp/p.backup.manifest" || fail "pg manifest engine"
# A SQLite backup does not go into PostgreSQL.
if "$bin" restore --db "$base/$dst_db" --from "$tmp/a.backup" 2>"$tmp/err"; then fail "cross-engine restore"; fi
grep -q "sqlite database" "$tmp/err" || fail "cross-engine message: $(cat "$tmp/err")"
"$bin" restore --db "$base/$dst_db" --from "$tmp/p.backup" | grep -q "restored" || fail "pg restore"
# Every table, row for row, ordered by all its columns.
tables=$(psql -At "$base/$src_db" -c "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
[[ -n $tables ]] || fail "no tables"
for t in $tables; do
  q="COPY (SELECT * FROM \"$t\" ORDER BY 1, 2) TO STDOUT"
  [[ $(psql -At "$base/$src_db" -c "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = '$t'") -ge 2 ]] ||
    q="COPY (SELECT * FROM \"$t\" ORDER BY 1) TO STDOUT"
  diff <(psql -q "$base/$src_db" -c "$q") <(psql -q "$base/$dst_db" -c "$q") >/dev/null || fail "table $t differs after the restore"
done
# Into a database that is not empty: refused.
if "$bin" restore --db "$base/$dst_db" --from "$tmp/p.backup" 2>"$tmp/err"; then fail "restored over data"; fi
grep -q "not empty" "$tmp/err" || fail "not-empty message: $(cat "$tmp/err")"
echo "ok   postgresql round trip and refusals ($(wc -w <<<"$tables") tables)"
