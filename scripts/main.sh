#!/usr/bin/env bash
# The README's first command: set up, build, and run concord's main job on its embedded defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" --target concord
bin=${CONCORD_BUILD_DIR:-$root/build}/src/cli/concord
echo
echo "== Why the 2024 budget adopted in Minsk binds five members and not Armenia =="
"$bin" explain embedded minsk-2023-budget
echo
echo "== The secretariat server: a fresh journal with the CSTO charter and the whole shipped record =="
# Serves until Ctrl-C (CONCORD_LISTEN=127.0.0.1:0 picks a free port).
exec "$bin" demo --listen "${CONCORD_LISTEN:-127.0.0.1:8080}"
