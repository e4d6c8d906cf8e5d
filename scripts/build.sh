#!/usr/bin/env bash
# Configures and builds concord with Ninja into build/ (or $CONCORD_BUILD_DIR); CONCORD_WERROR=ON
# makes every warning an error (the test command sets it, so CI builds with it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CONCORD_BUILD_DIR:-$root/build}
type=${CONCORD_BUILD_TYPE:-RelWithDebInfo}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="$type" -DCONCORD_WERROR="${CONCORD_WERROR:-OFF}" >/dev/null
cmake --build "$build" -j"${CONCORD_JOBS:-2}" "$@"
