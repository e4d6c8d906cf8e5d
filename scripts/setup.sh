#!/usr/bin/env bash
# Installs the Debian packages concord needs, only those that are missing (Debian 12, as root).
# Never libboost-dev: it pulls Boost 1.74 headers that conflict with libboost1.81-dev.
set -euo pipefail

packages=(
  cmake ninja-build g++ lld pkg-config python3
  libboost1.81-dev libboost-json1.81-dev libtomlplusplus-dev libcli11-dev
  libsodium-dev libsqlite3-dev libpq-dev postgresql
  libgtest-dev libgmock-dev libbenchmark-dev
)
[ "${CONCORD_WITH_BROWSER:-0}" = 1 ] && packages+=(chromium)

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
