#!/usr/bin/env bash
# The command line as an administrator uses it: every subcommand answers --help, bad input is
# one clear line on stderr with a non-zero exit, and the happy paths work end to end on SQLite
# (and on PostgreSQL when BANGFU_PG_URL is set).
set -uo pipefail
bin=${BANGFU_BIN:?BANGFU_BIN must name the bangfu binary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

check() {  # check NAME EXPECTED_EXIT STDERR_REGEX -- COMMAND...
  local name=$1 want=$2 pattern=$3; shift 4
  "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  local rc=$?
  local lines
  lines=$(wc -l <"$tmp/err")
  if [[ $want == 0 && $rc != 0 ]] || [[ $want != 0 && $rc == 0 ]]; then
    echo "FAIL $name: exit $rc"; cat "$tmp/err"; ((failed++)); return
  fi
  if [[ -n $pattern ]] && ! grep -Eq "$pattern" "$tmp/err" "$tmp/out"; then
    echo "FAIL $name: output does not match /$pattern/"; cat "$tmp/out" "$tmp/err"; ((failed++)); return
  fi
  if [[ $want != 0 && $lines -gt 1 && ${ONE_LINE:-1} == 1 ]]; then
    echo "FAIL $name: $lines lines on stderr, expected one"; cat "$tmp/err"; ((failed++)); return
  fi
  echo "ok   $name"; ((passed++))
}

for sub in init migrate demo serve "user add" import export report backup restore version; do
  # shellcheck disable=SC2086
  check "help: $sub" 0 "Usage|usage" -- "$bin" $sub --help
done
# Usage errors are CLI11's two lines (the error and a pointer to --help).
ONE_LINE=0 check "no subcommand" 1 "subcommand is required" -- "$bin"
check "unsupported URL" 1 "unsupported database URL" -- "$bin" migrate --db mysql://x/y
check "missing SQLite file" 1 "does not exist.*bangfu init" -- "$bin" serve --db "sqlite:$tmp/none.db"
check "refused PostgreSQL" 1 "cannot connect" -- "$bin" migrate --db postgresql://nobody@127.0.0.1:1/none
check "init" 0 "initialised" -- "$bin" init --db "sqlite:$tmp/t.db"
check "migrate is idempotent" 0 "up to date" -- "$bin" migrate --db "sqlite:$tmp/t.db"
check "demo" 0 "66 institutions" -- "$bin" demo --db "sqlite:$tmp/t.db"
check "demo again adds nothing" 0 "0 regions, 0 institutions, 0 staff, 0 users" -- "$bin" demo --db "sqlite:$tmp/t.db"
check "bad listen address" 1 "invalid port" -- "$bin" serve --db "sqlite:$tmp/t.db" --listen 127.0.0.1:http

echo 'Str0ng-password' >"$tmp/pw"
ONE_LINE=0 check "user add without --password-stdin" 1 "password-stdin" -- "$bin" user add --db "sqlite:$tmp/t.db" --username x1 --role system_admin
check "user add bad role" 1 "role" -- bash -c "'$bin' user add --db sqlite:$tmp/t.db --username x2 --role root --password-stdin <'$tmp/pw'"
check "user add unknown region" 1 "region" -- bash -c "'$bin' user add --db sqlite:$tmp/t.db --username x3 --role bureau_admin --region 999999 --password-stdin <'$tmp/pw'"
check "user add weak password" 1 "password" -- bash -c "echo 123 | '$bin' user add --db sqlite:$tmp/t.db --username x4 --role system_admin --password-stdin"
check "user add guessable password" 1 "too easy to guess" -- bash -c "echo qwertyuiop | '$bin' user add --db sqlite:$tmp/t.db --username x4 --role system_admin --password-stdin"
check "user add password of the username" 1 "must not contain the username" -- bash -c "echo x4-admin-2026 | '$bin' user add --db sqlite:$tmp/t.db --username x4-admin --role system_admin --password-stdin"
check "user add password with a tab" 1 "control characters" -- bash -c "printf 'Bangfu\\t@2026x\\n' | '$bin' user add --db sqlite:$tmp/t.db --username x4 --role system_admin --password-stdin"
check "user add bureau admin" 0 "saved" -- bash -c "'$bin' user add --db sqlite:$tmp/t.db --username xianning --role bureau_admin --region 421200 --password-stdin <'$tmp/pw'"

check "export csv" 0 "exported 66 rows" -- "$bin" export --db "sqlite:$tmp/t.db" --kind institutions --file "$tmp/i.csv"
check "export xlsx" 0 "exported" -- "$bin" export --db "sqlite:$tmp/t.db" --kind staff --file "$tmp/s.xlsx"
check "export bad extension" 1 "xlsx or .csv" -- "$bin" export --db "sqlite:$tmp/t.db" --kind staff --file "$tmp/s.txt"
check "import missing file" 1 "cannot read" -- "$bin" import --db "sqlite:$tmp/t.db" --kind staff --file "$tmp/none.csv"
printf '名称,类型,城乡类别,行政区划代码\n命令行导入小学,小学,乡村,421222\n坏行,不知道,乡村,421222\n' >"$tmp/new.csv"
# An import reports each bad row on a line of its own, then fails.
ONE_LINE=0 check "import all_or_nothing refuses a bad row" 1 "row 3" -- "$bin" import --db "sqlite:$tmp/t.db" --kind institutions --file "$tmp/new.csv"
check "nothing was imported" 0 "exported 66 rows" -- "$bin" export --db "sqlite:$tmp/t.db" --kind institutions --file "$tmp/i2.csv"
ONE_LINE=0 check "import valid_rows keeps the good row" 1 "imported 1 of 2" -- "$bin" import --db "sqlite:$tmp/t.db" --kind institutions --file "$tmp/new.csv" --mode valid_rows
check "the good row is there" 0 "exported 67 rows" -- "$bin" export --db "sqlite:$tmp/t.db" --kind institutions --file "$tmp/i3.csv"
if grep -q "命令行导入小学" "$tmp/i3.csv"; then echo "ok   exported file holds the imported name"; ((passed++)); else echo "FAIL exported file lacks the imported name"; ((failed++)); fi

# bangfu report (issue 6): 叶集区's 2026 summary from the demo data; bad scope or year is one line.
check "report bad scope" 1 "scope must be program:ID" -- "$bin" report --db "sqlite:$tmp/t.db" --scope county:1 --year 2026 --format docx --out "$tmp/r.docx"
check "report bad year" 1 "year must be a year" -- "$bin" report --db "sqlite:$tmp/t.db" --scope region:341504 --year 26 --format docx --out "$tmp/r.docx"
ONE_LINE=0 check "report bad format" 1 "format" -- "$bin" report --db "sqlite:$tmp/t.db" --scope region:341504 --year 2026 --format pdf --out "$tmp/r.pdf"
check "report unknown program" 1 "不存在|not exist|Program" -- "$bin" report --db "sqlite:$tmp/t.db" --scope program:999 --year 2026 --format html --out "$tmp/r.html"
check "report html" 0 "wrote 叶集区2026年度帮扶工作总结" -- "$bin" report --db "sqlite:$tmp/t.db" --scope region:341504 --year 2026 --format html --out "$tmp/r.html"
# 2026 in data/demo/pairing.json: funds 80,000 yuan (一中 → 桥店), materials 200,000 yuan (trees).
if grep -q '>80,000.00</a>' "$tmp/r.html" && grep -q '>200,000.00</a>' "$tmp/r.html" && grep -q '焦健' "$tmp/r.html"; then
  echo "ok   report html holds the 2026 donation figures and the demonstration classes"; ((passed++))
else echo "FAIL report html lacks the 2026 figures"; ((failed++)); fi
check "report docx" 0 "wrote" -- "$bin" report --db "sqlite:$tmp/t.db" --scope region:341504 --year 2026 --format docx --out "$tmp/r.docx"
check "report xlsx in English" 0 "assistance work summary 2026" -- "$bin" report --db "sqlite:$tmp/t.db" --scope region:341504 --year 2026 --format xlsx --lang en --out "$tmp/r.xlsx"
if [[ $(head -c 2 "$tmp/r.docx") == PK && $(head -c 2 "$tmp/r.xlsx") == PK ]]; then
  echo "ok   report docx and xlsx are zip packages"; ((passed++))
else echo "FAIL report docx/xlsx are not zip packages"; ((failed++)); fi

# serve --log-file: the requests go to the file, the terminal keeps the start-up line (issue 20).
check "serve --log-file unwritable" 1 "cannot open" -- "$bin" serve --db "sqlite:$tmp/t.db" --listen 127.0.0.1:0 --log-file /proc/none/bangfu.log
"$bin" serve --db "sqlite:$tmp/t.db" --listen 127.0.0.1:0 --log-file "$tmp/serve.log" >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$tmp/serve.out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$tmp/serve.out" | head -1)
curl -s "$url/api/v1/dictionaries" >/dev/null
curl -s "$url/healthz" >/dev/null
kill -TERM "$serve_pid"; wait "$serve_pid"
if [[ -n $url ]] && grep -q '"/api/v1/dictionaries"' "$tmp/serve.log" && grep -q 'server stopped' "$tmp/serve.log" \
   && ! grep -q 'dictionaries' "$tmp/serve.out" "$tmp/serve.err" && [[ $(wc -l <"$tmp/serve.out") == 1 ]]; then
  echo "ok   serve --log-file: requests in the file, the terminal says only where it listens"; ((passed++))
else echo "FAIL serve --log-file"; cat "$tmp/serve.out" "$tmp/serve.err" "$tmp/serve.log" 2>/dev/null | head -20; ((failed++)); fi

if [[ -n ${BANGFU_PG_URL:-} ]]; then
  name="bangfu_cli_$$"
  psql -q "$BANGFU_PG_URL" -c "CREATE DATABASE $name" >/dev/null
  url="${BANGFU_PG_URL%/*}/$name"
  check "PostgreSQL init" 0 "initialised" -- "$bin" init --db "$url"
  check "PostgreSQL demo" 0 "66 institutions" -- "$bin" demo --db "$url"
  check "PostgreSQL demo again" 0 "0 regions, 0 institutions" -- "$bin" demo --db "$url"
  check "PostgreSQL report" 0 "wrote 叶集区2025年度帮扶工作总结" -- "$bin" report --db "$url" --scope region:341504 --year 2025 --format html --out "$tmp/pg.html"
  if grep -q '>70,000.00</a>' "$tmp/pg.html" && grep -q '>685,000.00</a>' "$tmp/pg.html"; then
    echo "ok   PostgreSQL report holds the 2025 donation figures"; ((passed++))
  else echo "FAIL PostgreSQL report lacks the 2025 figures"; ((failed++)); fi
  psql -q "$BANGFU_PG_URL" -c "DROP DATABASE $name WITH (FORCE)" >/dev/null
elif [[ -n ${BANGFU_REQUIRE_PG:-} ]]; then
  echo "FAIL BANGFU_PG_URL is not set but PostgreSQL tests are required"; ((failed++))
fi

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
