#!/usr/bin/env bash
# The layering check (CTest "layering"). Two rules, each a grep over the sources:
#
# 1. The core is pure: include/concord and src/core reach for no I/O, clock, thread, randomness
#    or third-party library; time arrives as data. src/analysis (voting power) is held to the
#    same, GMP being its one library. One exception: include/concord/persistent_map.h
#    uses <atomic> for the tokens that tell a map's own nodes from shared ones, because snapshots
#    of the state are read from many threads (the core starts none).
# 2. Includes go down the layers only:
#      core <- codec <- journal <- store <- ledger <- server <- cli
#      core <- analysis
#    analysis sits beside codec and the rest: it links the core alone. In the ranking below it
#    comes right after core, so it may include nothing but concord/ headers and its own.
#    A module includes "concord/..." and the headers of modules below it, never above. The build
#    enforces the same (each library sees only the modules it links: cmake/ConcordModules.cmake);
#    this check names the offending line even where a build would not be attempted.
set -u
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 2
status=0

impure=$(grep -rnE '#include *<(fstream|filesystem|iostream|thread|random|chrono|cstdio|stdio\.h|mutex|future|atomic|condition_variable|ctime|time\.h)>|#include *[<"](sqlite3\.h|libpq-fe\.h|boost/|toml\+\+|sodium|CLI/)|[^A-Za-z_.>:](time|rand|srand|getenv|fopen|printf|system_clock)\(' \
  include/concord src/core src/analysis | grep -vE '^include/concord/persistent_map\.h:[0-9]+:#include <atomic>$')
if [ -n "$impure" ]; then
  echo "The core must stay pure (docs/DEVELOPING.md); found:"
  echo "$impure"
  status=1
fi

layers=(core analysis codec journal store ledger server cli)
rank() { local i; for i in "${!layers[@]}"; do [ "${layers[$i]}" = "$1" ] && echo "$i" && return; done; echo -1; }
checked=0
for module in "${layers[@]}"; do
  mine=$(rank "$module")
  for file in src/"$module"/*.h src/"$module"/*.cc; do
    [ -e "$file" ] || continue
    checked=$((checked + 1))
    while IFS=: read -r line target; do
      theirs=$(rank "$target")
      if [ "$theirs" -gt "$mine" ]; then
        echo "$file:$line: includes \"$target/...\": $module sits below $target"
        status=1
      fi
    done < <(grep -nE '^#include "[a-z_]+/' "$file" | sed -E 's/^([0-9]+):#include "([a-z_]+)\/.*/\1:\2/')
  done
done
header_leaks=$(grep -rnE '^#include "[a-z_]+/' include/concord | grep -v '#include "concord/')
if [ -n "$header_leaks" ]; then
  echo "Public headers include only concord/ headers; found:"
  echo "$header_leaks"
  status=1
fi
[ "$status" = 0 ] && echo "layering: ok ($checked files in ${#layers[@]} layers; the core is pure)"
exit "$status"
