#!/usr/bin/env bash
# The performance report: builds concord in release mode (build-release/), runs every benchmark of
# bench/perf_report.cc on loopback, bounded (about 10 minutes on 2 cores), draws the plots with
# gnuplot and writes docs/performance.md and docs/performance/*.png. Run on an otherwise idle
# machine: every figure is a ratio to a baseline of the same run, but a busy neighbour still adds
# noise, which the report states.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
CONCORD_WITH_PLOTS=1 bash "$root/scripts/setup.sh"
build=${CONCORD_PERF_BUILD_DIR:-$root/build-release}
CONCORD_BUILD_DIR="$build" CONCORD_BUILD_TYPE=Release bash "$root/scripts/build.sh" --target concord concord_perf_report
data=$(mktemp -d /tmp/concord-perf-report-XXXXXX)
trap 'rm -rf "$data"' EXIT
"$build/bench/concord_perf_report" --out "$data" --concord "$build/src/cli/concord" "$@"
mkdir -p "$root/docs/performance"
(cd "$data" && gnuplot -e "out='$root/docs/performance'" "$root/bench/plots.gp")
cp "$data/performance.md" "$root/docs/performance.md"
echo "perf: docs/performance.md and docs/performance/*.png written"
