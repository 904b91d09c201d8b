#!/usr/bin/env bash
# Builds the web UI into web/dist when its sources changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=web/dist/.bangfu-build
if [[ -f $stamp ]] && [[ -z $(find web package.json package-lock.json -newer "$stamp" \
      -not -path 'web/dist/*' -print -quit 2>/dev/null) ]]; then
  exit 0
fi
npm run --silent build
touch "$stamp"
