#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server: initdb in a temporary directory, listening
# on 127.0.0.1 only, trust authentication for the loopback. Exports BANGFU_PG_URL (the server's
# maintenance database; tests create their own databases from it) and removes everything after.
set -euo pipefail

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x $PG_BIN/initdb ]] || { echo "with-postgres: PostgreSQL server binaries not found (run scripts/setup.sh)" >&2; exit 1; }

dir=$(mktemp -d /tmp/bangfu-pg.XXXXXX)
chmod 755 "$dir"
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  # PostgreSQL refuses to run as root: run it as the postgres system user.
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
port=${BANGFU_PG_PORT:-$((20000 + RANDOM % 20000))}

cleanup() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export BANGFU_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL running at $BANGFU_PG_URL"
"$@"
