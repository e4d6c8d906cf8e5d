#!/usr/bin/env bash
# Configures and builds concord with Ninja into build/ (or $CONCORD_BUILD_DIR). CONCORD_WERROR=ON
# makes every warning an error (both README commands set it, so that they configure build/ alike
# and neither rebuilds what the other built); CONCORD_BUILD_BENCH=OFF leaves the benchmarks out
# (the test command does). RelWithDebInfo with minimal debug information (-g1: backtraces with
# lines, a good part cheaper to compile than -g).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CONCORD_BUILD_DIR:-$root/build}
type=${CONCORD_BUILD_TYPE:-RelWithDebInfo}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="$type" -DCONCORD_WERROR="${CONCORD_WERROR:-OFF}" \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" -DCONCORD_BUILD_BENCH="${CONCORD_BUILD_BENCH:-ON}" >/dev/null
cmake --build "$build" -j"${CONCORD_JOBS:-2}" "$@"
