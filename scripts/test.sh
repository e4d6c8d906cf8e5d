#!/usr/bin/env bash
# The README's second command: set up, build, and run every test, PostgreSQL included.
# A throwaway PostgreSQL cluster is started for the run and stopped afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
CONCORD_WITH_BROWSER=1 "$root/scripts/setup.sh"
CONCORD_WERROR=ON "$root/scripts/build.sh"
build=${CONCORD_BUILD_DIR:-$root/build}

pgdir=$(mktemp -d /tmp/concord-pg.XXXXXX)
cleanup() { "$root/scripts/pg.sh" stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
CONCORD_TEST_PG_URL=$("$root/scripts/pg.sh" start "$pgdir")
export CONCORD_TEST_PG_URL
echo "test: PostgreSQL at $CONCORD_TEST_PG_URL"

cd "$build"
ctest --output-on-failure -j2 --timeout 600
