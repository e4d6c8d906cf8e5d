#!/usr/bin/env bash
# The README's first command: set up, build, install `concord` into /usr/local/bin, and run
# concord's main job on its embedded defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
CONCORD_WERROR=ON "$root/scripts/build.sh" --target concord concord_man
build=${CONCORD_BUILD_DIR:-$root/build}
bin=$build/src/cli/concord
# `concord` on the PATH for the README's examples: a copy (a link into the build tree would break
# with the tree), the binary alone (cmake/Packaging.cmake's `concord` component), and the man page.
if [ -w /usr/local/bin ]; then
  cmake --install "$build" --component concord --prefix /usr/local >/dev/null
  mkdir -p /usr/local/share/man/man1
  cp "$build/man/concord.1.gz" /usr/local/share/man/man1/concord.1.gz
  bin=/usr/local/bin/concord
  echo "main: installed $("$bin" --version) as $bin"
else
  echo "main: /usr/local/bin is not writable: not installed; the binary is $bin"
fi
echo
echo "== Why the 2024 budget adopted in Minsk binds five members and not Armenia =="
"$bin" explain embedded minsk-2023-budget
echo
echo "== The secretariat server: a fresh journal with the CSTO charter and the whole shipped record =="
# Serves until Ctrl-C (CONCORD_LISTEN=127.0.0.1:0 picks a free port).
exec "$bin" demo --listen "${CONCORD_LISTEN:-127.0.0.1:8080}"
