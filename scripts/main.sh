#!/usr/bin/env bash
# The README's first command: set up, build, and run concord's main job on its embedded defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" --target concord
bin=${CONCORD_BUILD_DIR:-$root/build}/src/cli/concord
echo
echo "== The CSTO record, 2022-2024, replayed against the CSTO charter =="
"$bin" replay embedded
echo
echo "== Why the 2024 budget adopted in Minsk binds five members and not Armenia =="
"$bin" explain embedded minsk-2023-budget
echo
echo "== Armenia's request for assistance of September 2022 =="
"$bin" explain embedded arm-2022-09
