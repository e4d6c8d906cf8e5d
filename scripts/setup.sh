#!/usr/bin/env bash
# Installs what concord needs, only what is missing (Debian 12, as root): the Debian packages,
# then the web application's npm packages (web/package-lock.json) into web/node_modules.
# CONCORD_WITH_BROWSER=1 adds Debian's chromium, for the browser tests (scripts/test.sh);
# CONCORD_WITH_PLOTS=1 adds gnuplot, for the performance report (scripts/perf.sh);
# CONCORD_WITH_FUZZ=1 adds clang 16, for the fuzz targets (scripts/fuzz.sh);
# CONCORD_WITH_PACKAGE=1 adds what building and checking the .deb needs (scripts/package-test.sh).
# Never libboost-dev: it pulls Boost 1.74 headers that conflict with libboost1.81-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  cmake ninja-build g++ lld pkg-config python3
  libboost1.81-dev libboost-json1.81-dev libtomlplusplus-dev libcli11-dev
  libsodium-dev libsqlite3-dev libpq-dev postgresql
  libgtest-dev libgmock-dev libbenchmark-dev libgmp-dev
  libxml2-utils  # xmllint: the tests parse the Akoma Ntoso exports with a real XML parser
)
[ "${CONCORD_WITH_BROWSER:-0}" = 1 ] && packages+=(chromium)
[ "${CONCORD_WITH_PLOTS:-0}" = 1 ] && packages+=(gnuplot-nox)
# clang 16 with libFuzzer, and llvm-symbolizer for its reports (clang 14 cannot build the
# project: it cannot capture a structured binding in a lambda).
[ "${CONCORD_WITH_FUZZ:-0}" = 1 ] && packages+=(clang-16 libclang-rt-16-dev llvm-16)
# dpkg-shlibdeps (dpkg-dev) and file for cpack's Depends; sqlite3 for concord-backup (pg_dump
# comes with postgresql); man-db and groff-base to render the man pages; systemd for systemd-analyze.
[ "${CONCORD_WITH_PACKAGE:-0}" = 1 ] && packages+=(dpkg-dev file sqlite3 man-db groff-base
  systemd adduser init-system-helpers util-linux)
# Node.js and npm: the machine's own if present, else Debian's.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#packages[@]} Debian packages present"
fi

# The web application's modules (Preact, htm; for the tests playwright-core and axe-core), exactly
# as locked. Nothing downloads a browser: the tests drive Debian's chromium.
web="$root/web"
stamp="$web/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$web/package-lock.json" -nt "$stamp" ]; then
  echo "setup: installing the web application's npm packages"
  (cd "$web" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
else
  echo "setup: web/node_modules is up to date"
fi
