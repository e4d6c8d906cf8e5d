#!/usr/bin/env bash
# Fails if the pure core (include/concord, src/core) reaches for I/O, clocks, threads,
# randomness or a third-party library. Registered as the CTest test "core_purity".
set -u
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 2
bad=$(grep -nE '#include *<(fstream|filesystem|iostream|thread|random|chrono|cstdio|stdio\.h|mutex|future|atomic)>|#include *[<"](sqlite3\.h|libpq-fe\.h|boost/|httplib\.h|toml\+\+|sodium|nlohmann|CLI/)|[^A-Za-z_.>](time|rand|getenv|fopen|printf)\(' \
  include/concord src/core 2>/dev/null)
if [ -n "$bad" ]; then
  echo "The core must stay pure (docs/DEVELOPING.md); found:"
  echo "$bad"
  exit 1
fi
echo "core purity: ok ($(ls include/concord src/core | wc -l) files checked)"
