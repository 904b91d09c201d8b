#!/usr/bin/env bash
# Quick start: installs what is missing, builds, creates data/bangfu.db with the demo data if it
# does not exist, and serves http://127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build-web.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DBANGFU_TESTS=OFF >/dev/null
cmake --build build-release -j"$(nproc)"

bin=build-release/src/cli/bangfu
db=data/bangfu.db
mkdir -p data
if [[ ! -f $db ]]; then
  "$bin" init --db "sqlite:$db"
  "$bin" demo --db "sqlite:$db"
else
  "$bin" migrate --db "sqlite:$db"
fi

cat <<'MSG'

  Bangfu 帮扶 is starting at  http://127.0.0.1:8080
  Demo logins (password Bangfu@2026 for all):
    admin       system admin 系统管理员
    tongcheng   bureau admin of 通城县 (Hubei)      huocheng  bureau admin of 霍城县 (Xinjiang)
    shiyan      institution admin of 通城县实验小学  wantou    institution admin of 五里镇湾头小学
    teacher1    teacher 李家红                      inspector inspector of 通城县
  Ctrl-C stops the server.

MSG
exec "$bin" serve --db "sqlite:$db" --listen 127.0.0.1:8080 --web web/dist
