#!/usr/bin/env bash
# Installs every Debian package and npm package Bangfu needs. Idempotent: when everything is
# present it only checks (dpkg-query + npm lockfile stamp) and returns in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git clang-format clang libclang-rt-14-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql
  libsodium-dev libpwquality-dev cracklib-runtime libxlsxwriter-dev libminizip-dev libexpat1-dev libicu-dev
  libspdlog-dev libfmt-dev libcli11-dev liblemon-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm chromium fonts-noto-cjk
  curl wrk nginx-light
  libreoffice-writer-nogui poppler-utils
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  # node/npm may come from elsewhere (e.g. NodeSource); a working binary is enough.
  if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $p == npm ]] && command -v npm >/dev/null; then continue; fi
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages of the web UI and of the HTTP/browser tests, pinned by the root package-lock.json.
if [[ -f package-lock.json ]]; then
  stamp=node_modules/.bangfu-lock
  if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi
