#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz in build-fuzz/ (clang, ASan+UBSan, coverage) and
# runs each for a bounded time: first over its regressions (tests/fuzz/regressions/TARGET/), then
# from its seeds, copied with what they find into a scratch corpus under /tmp (the repository's
# folders are only read). Fails on any crash, leak, timeout or sanitizer report, naming the input
# that caused it.
#
#   scripts/fuzz.sh                        # every target, CONCORD_FUZZ_SECONDS (20) each
#   CONCORD_FUZZ_SECONDS=600 scripts/fuzz.sh http_fuzz
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CONCORD_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${CONCORD_FUZZ_SECONDS:-20}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(charter_fuzz history_fuzz journal_fuzz http_fuzz)

CONCORD_WITH_FUZZ=1 "$root/scripts/setup.sh" >/dev/null
# -O1 without NDEBUG: fast enough to fuzz, and the asserts stay on. One build at a time on the
# machine (the lock), two jobs.
flock /tmp/concord-build.lock cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-16 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
  -DCONCORD_BUILD_TESTS=OFF -DCONCORD_BUILD_BENCH=OFF -DCONCORD_FUZZ=ON >/dev/null
flock /tmp/concord-build.lock cmake --build "$build" -j"${CONCORD_JOBS:-2}" --target fuzz

scratch=$(mktemp -d /tmp/concord-fuzz.XXXXXX)
echo "fuzz: scratch corpora and crash inputs in $scratch"
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(ls /usr/lib/llvm-16/bin/llvm-symbolizer 2>/dev/null || command -v llvm-symbolizer || true)}

# seed TARGET DIR: the target's starting corpus.
seed() {
  case "$1" in
    charter_fuzz) cp "$root"/charters/*.toml "$root"/tests/golden/charters/*.toml "$2"/ ;;
    history_fuzz)
      cp "$root"/histories/*.jsonl "$2"/
      # Each distinct event line alone too: small inputs are mutated faster.
      grep -hv '^#' "$root"/histories/*.jsonl | grep . | sort -u | split -a 4 -l 1 - "$2"/line- ;;
    journal_fuzz) "$build/tests/fuzz/journal_seed" "$2" >/dev/null ;;
    http_fuzz) cp "$root"/tests/fuzz/seeds/http/* "$2"/ ;;
  esac
}

failed=()
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/$t"
  work="$scratch/$t"
  mkdir -p "$work/corpus" "$work/crashes"
  log="$work/log"
  regressions="$root/tests/fuzz/regressions/$t"
  if compgen -G "$regressions/*" >/dev/null; then
    echo "fuzz: $t over $(ls "$regressions" | wc -l) regression inputs"
    if ! (cd "$work" && "$bin" "$regressions"/* >"$work/regressions.log" 2>&1); then
      echo "fuzz: FAILED: $t crashes on a regression input (log: $work/regressions.log)"
      grep -E "^Running:|SUMMARY" "$work/regressions.log" | tail -3 || true
      failed+=("$t")
      continue
    fi
  fi
  seed "$t" "$work/corpus"
  echo "fuzz: $t for ${seconds}s from $(ls "$work/corpus" | wc -l) seeds"
  if (cd "$work" && "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/crashes/" "$work/corpus" >"$log" 2>&1); then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -E '^#[0-9]+.*cov:' "$log" | tail -1 | sed -E 's/.*cov: ([0-9]+).*/\1/')
    echo "fuzz: $t ok: $runs runs, $((runs / seconds)) per second, coverage $cov"
  else
    echo "fuzz: FAILED: $t (log: $log)"
    grep -E "ERROR|SUMMARY|fuzz:" "$log" | head -5 || true
    for c in "$work"/crashes/*; do [ -e "$c" ] && echo "fuzz: crash input: $c"; done
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]} (make a crash input a regression: tests/fuzz/regressions/TARGET/)"
  exit 1
fi
rm -rf "$scratch"
echo "fuzz: all ${#targets[@]} targets ran clean"
