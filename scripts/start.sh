#!/usr/bin/env bash
# Quick start: installs what is missing, builds, creates data/bangfu.db with the demo data if it
# does not exist, and serves http://127.0.0.1:8080 (Ctrl-C stops it).
# BANGFU_LISTEN=ADDRESS:PORT serves elsewhere (e.g. 0.0.0.0:8080 for the phones of a LAN).
# Requests are logged to data/bangfu.log (BANGFU_LOG); the terminal shows only the start-up lines
# and errors.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build-web.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DBANGFU_TESTS=OFF >/dev/null
cmake --build build-release -j"$(nproc)"

bin=build-release/src/cli/bangfu
db=data/bangfu.db
listen=${BANGFU_LISTEN:-127.0.0.1:8080}
log=${BANGFU_LOG:-data/bangfu.log}
if [[ $listen != *:* ]]; then
  echo "BANGFU_LISTEN must be ADDRESS:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:8080 (it is \"$listen\")" >&2
  exit 1
fi
# The address people type: a wildcard address is reached by this machine's name or address.
case ${listen%:*} in
  0.0.0.0 | '[::]' | '::') shown="http://$(hostname -I 2>/dev/null | awk '{print $1}'):${listen##*:}" ;;
  *) shown="http://$listen" ;;
esac
mkdir -p data
if [[ ! -f $db ]]; then
  "$bin" init --db "sqlite:$db"
  "$bin" demo --db "sqlite:$db"
else
  "$bin" migrate --db "sqlite:$db"
fi

cat <<MSG

  Bangfu 帮扶 is starting at  $shown   (requests are logged to $log)
  Demo logins (password Bangfu@2026 for all):
    admin       system admin 系统管理员
    tongcheng   bureau admin of 通城县 (Hubei)      huocheng  bureau admin of 霍城县 (Xinjiang)
    shiyan      institution admin of 通城县实验小学  wantou    institution admin of 五里镇湾头小学
    teacher1    teacher 李家红                      inspector inspector of 通城县
  Ctrl-C stops the server.

MSG
exec "$bin" serve --db "sqlite:$db" --listen "$listen" --web web/dist --log-file "$log"
