#!/usr/bin/env bash
# The README's second command: set up, build, and run every test, PostgreSQL included.
# A throwaway PostgreSQL cluster is started for the run and stopped afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# Where the time goes (the whole run must stay under 20 minutes on 2 cores).
stage() { echo "test: [$((SECONDS / 60))m$((SECONDS % 60))s] $*"; }
stage "setting up"
CONCORD_WITH_BROWSER=1 "$root/scripts/setup.sh"
stage "building"
# The benchmarks are built by scripts/perf.sh, not here (a minute of the 20 the run may take).
CONCORD_WERROR=ON CONCORD_BUILD_BENCH=OFF "$root/scripts/build.sh"
build=${CONCORD_BUILD_DIR:-$root/build}

pgdir=$(mktemp -d /tmp/concord-pg.XXXXXX)
cleanup() { "$root/scripts/pg.sh" stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
CONCORD_TEST_PG_URL=$("$root/scripts/pg.sh" start "$pgdir")
export CONCORD_TEST_PG_URL
echo "test: PostgreSQL at $CONCORD_TEST_PG_URL"

cd "$build"
stage "the suites (ctest)"
ctest --output-on-failure -j2 --timeout 600

# The soak test: clients of every role against three servers on one PostgreSQL (a cluster of its
# own, with a streaming replica serving the journal reads), one server killed and restarted and
# the database stopped and started at random; every server's stream must deliver every entry,
# and the replica must verify; prints its counts (tests/soak/soak.cc).
stage "the soak test"
CONCORD_SOAK_SERVERS=${CONCORD_SOAK_SERVERS:-3} CONCORD_SOAK_SECONDS=${CONCORD_SOAK_SECONDS:-45} CONCORD_SOAK_REPLICA=1 \
  "$build/tests/concord_soak" "$root/scripts/pg.sh"

# Every suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer (a Debug tree in
# build-asan/): any report fails the run. The CLI and server suites run that tree's concord.
stage "the sanitizer build"
asan=${CONCORD_ASAN_BUILD_DIR:-$root/build-asan}
# -O1 without debug information: a third less to compile than Debug, and faster tests; reports
# still name the functions (rebuild with -g to see lines).
cmake -S "$root" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O1 -DCONCORD_BUILD_BENCH=OFF \
  -DCONCORD_SANITIZE=ON >/dev/null
cmake --build "$asan" -j"${CONCORD_JOBS:-2}" --target core_tests analysis_tests codec_tests journal_tests store_tests ledger_tests \
  concord server_tests cli_tests
stage "the suites under the sanitizers"
for suite in core analysis codec journal store ledger server cli; do
  echo "test: ${suite}_tests under ASan+UBSan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$asan/tests/${suite}_tests" --gtest_brief=1
done

stage "the Debian package"
"$root/scripts/package-test.sh"   # the Debian package: packed from build/, installed, exercised, purged
# Fuzzing: the libFuzzer targets of tests/fuzz, a bounded run each (build-fuzz/, clang 16).
stage "fuzzing"
CONCORD_FUZZ_SECONDS=${CONCORD_FUZZ_SECONDS:-10} "$root/scripts/fuzz.sh"
stage "done"
