#!/usr/bin/env bash
# The Debian package, end to end (Debian 12, as root; called by scripts/test.sh, or alone):
# packs the main build tree (build/, or $CONCORD_BUILD_DIR; no second build: cpack strips the
# release binary), installs the .deb with dpkg, runs the installed concord, checks the
# systemd unit offline, renders the man pages with warnings on, runs the unit's command line
# under its user and stops it with SIGTERM, backs up SQLite and PostgreSQL stores with
# concord-backup and verifies the copies, then purges the package and what its postinst made.
# Finally installs the freshly built binary as /usr/local/bin/concord (as scripts/main.sh does).
#
# Without systemd as PID 1 (a container) the unit cannot be started: it is checked with
# `systemd-analyze verify` and `security --offline`, and its ExecStart is run as the unit would
# run it (the same user, environment file and arguments), without the sandbox.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CONCORD_BUILD_DIR:-$root/build}
lock=/tmp/concord-build.lock
started=$(date +%s)
say() { echo "package-test: $*"; }
fail() { echo "package-test: FAIL: $*" >&2; exit 1; }

CONCORD_WITH_PACKAGE=1 "$root/scripts/setup.sh" >/dev/null
[ "$(id -u)" = 0 ] || fail "run as root (dpkg -i)"
if dpkg-query -W -f='${Status}' concord 2>/dev/null | grep -q 'install ok installed'; then
  fail "a concord package is already installed; remove it first (dpkg --purge concord)"
fi

# What the package's postinst will make and the purge keeps (the user, the journal): removed at
# the end only if this test made them.
had_user=0; getent passwd concord >/dev/null && had_user=1
had_state=0; [ -e /var/lib/concord ] && had_state=1
work=$(mktemp -d /tmp/concord-pkg.XXXXXX)
server_pid=
pgdir=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$pgdir" ] && "$root/scripts/pg.sh" stop "$pgdir" >/dev/null 2>&1 || true
  dpkg --purge concord >/dev/null 2>&1 || true
  [ "$had_state" = 0 ] && rm -rf /var/lib/concord
  if [ "$had_user" = 0 ] && getent passwd concord >/dev/null; then deluser --system concord >/dev/null 2>&1 || true; fi
  if [ "$had_user" = 0 ] && getent group concord >/dev/null; then delgroup --system concord >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The package, from the main tree (built under the shared lock, packed under it too so that
# nobody relinks the binary while cpack copies it).
say "building the .deb from $build"
flock "$lock" bash -c "cmake --build '$build' -j${CONCORD_JOBS:-2} --target concord concord_man >/dev/null &&
  cd '$build' && cpack -G DEB -B '$work/pkg' >'$work/cpack.log' 2>&1" || { cat "$work/cpack.log" >&2 || true; fail "cpack"; }
deb=$(ls "$work"/pkg/concord_*.deb)
say "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"
depends=$(dpkg-deb -f "$deb" Depends)
say "Depends: $depends"
for lib in libsodium23 libsqlite3-0 libpq5 libboost-json1.81.0 libgmp10 libstdc++6 libtomlplusplus3; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/contents"
for f in ./usr/bin/concord ./usr/bin/concord-backup ./lib/systemd/system/concord.service \
         ./etc/concord/concord.env ./usr/share/concord/charters/csto.toml \
         ./usr/share/concord/histories/csto-2023-minsk.jsonl ./usr/share/man/man1/concord.1.gz \
         ./usr/share/man/man5/concord-charter.5.gz ./usr/share/man/man5/concord-journal.5.gz \
         ./usr/share/doc/concord/README.md ./usr/share/doc/concord/operations.md ./usr/share/doc/concord/copyright; do
  grep -qxF "$f" "$work/contents" || fail "the package lacks $f"
done
[ "$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)" = /etc/concord/concord.env ] || fail "conffiles"

# 2. Installed with dpkg (every runtime library is already there; apt only if one is not).
say "dpkg -i"
if ! dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
  cat "$work/dpkg.log"
  DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq >/dev/null || fail "dpkg -i and apt-get install -f"
fi
grep -q "journal created in sqlite:/var/lib/concord/concord.db" "$work/dpkg.log" || { cat "$work/dpkg.log"; fail "postinst made no journal"; }
[ "$(stat -c %U:%a /var/lib/concord)" = concord:750 ] || fail "/var/lib/concord is $(stat -c %U:%a /var/lib/concord)"
[ "$(stat -c %U:%a /var/lib/concord/concord.db.key)" = concord:600 ] || fail "the key file is not concord's, 0600"
[ "$(stat -c %U:%G:%a /etc/concord/concord.env)" = root:concord:640 ] || fail "concord.env is not root:concord 0640"

# 3. The installed binary and data.
/usr/bin/concord --version
/usr/bin/concord check /usr/share/concord/charters/csto.toml >"$work/check.out" || fail "concord check"
say "check: $(head -1 "$work/check.out")"
/usr/bin/concord replay --charter /usr/share/concord/charters/csto.toml \
  /usr/share/concord/histories/csto-2023-minsk.jsonl >"$work/replay.out" || fail "concord replay"
say "replay: $(wc -l <"$work/replay.out") lines of state"
/usr/bin/concord verify --store sqlite:/var/lib/concord/concord.db || fail "the postinst's journal does not verify"

# 4. The unit, offline: verify must print nothing (it exits 0 even on an unknown or misspelled
# setting, so its output is the test), and a deliberately broken copy must make it talk.
say "systemd-analyze verify concord.service"
unit=/lib/systemd/system/concord.service
out=$(systemd-analyze verify "$unit" 2>&1) || fail "systemd-analyze verify: $out"
[ -z "$out" ] || fail "systemd-analyze verify: $out"
sed 's/^ProtectSystem=strict/ProtectSystem=strictly/' "$unit" >"$work/concord.service"
out=$(systemd-analyze verify "$work/concord.service" 2>&1 || true)
[ -n "$out" ] || fail "systemd-analyze verify does not report a bad setting here; the check above proves nothing"
say "$(systemd-analyze security --offline=yes "$unit" 2>/dev/null | grep -o 'Overall exposure level.*' || echo 'security --offline: not available')"
if [ -d /run/systemd/system ]; then
  say "systemd runs here: the postinst started the unit"
  systemctl is-active --quiet concord.service || fail "concord.service is not active"
else
  say "no systemd as PID 1 here: the unit's sandbox is not exercised; its command line is, below"
fi

# 5. Man pages: rendered with every warning on, none allowed.
for page in $(grep '^./usr/share/man/' "$work/contents" | grep '\.gz$'); do
  out=$(MANWIDTH=80 man --warnings -l "/${page#./}" 2>&1 >/dev/null)
  [ -z "$out" ] || fail "man ${page##*/}: $out"
done
MANWIDTH=80 man concord 2>/dev/null | grep -q 'concord demo' || fail "man concord does not find the page"
say "man pages render without warnings"

# 6. The unit's ExecStart, as the unit runs it: user concord, the environment file, the same
# arguments (${X}: one word, $X: split); a free port instead of the configured one.
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
runuser -u concord -- /usr/bin/concord token create --store sqlite:/var/lib/concord/concord.db \
  --tokens /var/lib/concord/concord.db.tokens --role auditor >"$work/token.out" || fail "token create"
token=$(tail -1 "$work/token.out")
setpriv --reuid concord --regid concord --init-groups -- bash -c \
  "set -a; . /etc/concord/concord.env; CONCORD_LISTEN=127.0.0.1:0; set +a; exec $exec_start" \
  >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
url=
for _ in $(seq 100); do
  url=$(grep -oh 'http://127.0.0.1:[0-9]*' "$work/serve.out" "$work/serve.err" 2>/dev/null | head -1) || true
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err"; fail "concord serve exited"; }
  sleep 0.1
done
[ -n "$url" ] || fail "concord serve did not say where it listens"
python3 - "$url" "$token" <<'EOF' || fail "the served API"
import json, sys, urllib.request
url, token = sys.argv[1], sys.argv[2]
assert urllib.request.urlopen(url + "/").status == 200
req = urllib.request.Request(url + "/api/v0/state", headers={"Authorization": "Bearer " + token})
state = json.load(urllib.request.urlopen(req))
assert state["charter"]["id"] == "csto", state["charter"]
EOF
kill -TERM "$server_pid"
rc=0; wait "$server_pid" || rc=$?
server_pid=
[ "$rc" = 0 ] || { cat "$work/serve.err"; fail "concord serve exited $rc on SIGTERM"; }
say "ExecStart as user concord served $url and exited 0 on SIGTERM"

# 7. concord-backup: the packaged store (from /etc/concord/concord.env), a fresh SQLite store
# holding the whole shipped record, and a PostgreSQL store; each copy verified, and a
# damaged copy must not verify.
say "concord-backup"
concord-backup "$work/backup-service" >"$work/backup.log" 2>&1 || { cat "$work/backup.log"; fail "concord-backup of the service's store"; }
/usr/bin/concord init --store "sqlite:$work/fresh.db" >/dev/null
/usr/bin/concord import --store "sqlite:$work/fresh.db" embedded >/dev/null
concord-backup --store "sqlite:$work/fresh.db" "$work/backup" >"$work/backup.log" 2>&1 || { cat "$work/backup.log"; fail "concord-backup sqlite"; }
grep 'verified' "$work/backup.log" >/dev/null || fail "concord-backup did not verify"
copy=$(ls "$work"/backup/concord-*.db)
entries=$(/usr/bin/concord export --store "sqlite:$copy" | wc -l)
[ "$entries" = "$(/usr/bin/concord export --store "sqlite:$work/fresh.db" | wc -l)" ] || fail "the copy has $entries entries"
say "sqlite: $copy, $entries entries, verified"
/usr/bin/concord export --store "sqlite:$copy" | sed 3d >"$work/damaged.jsonl"   # an entry missing
if /usr/bin/concord verify --file "$work/damaged.jsonl" >/dev/null 2>&1; then fail "a damaged export verifies"; fi
if [ -z "${CONCORD_TEST_PG_URL:-}" ]; then
  pgdir=$work/pg
  chmod 0711 "$work"   # the cluster runs as postgres, below
  CONCORD_TEST_PG_URL=$("$root/scripts/pg.sh" start "$pgdir")
fi
pg_url=${CONCORD_TEST_PG_URL/\/concord_test\?/\/concord_pkg_test?}
PGOPTIONS='-c client_min_messages=warning' psql -q "$CONCORD_TEST_PG_URL" -c 'DROP DATABASE IF EXISTS concord_pkg_test' -c 'CREATE DATABASE concord_pkg_test' >/dev/null
/usr/bin/concord init --store "$pg_url" --key "$work/pg.key" >/dev/null
/usr/bin/concord import --store "$pg_url" --key "$work/pg.key" embedded >/dev/null
concord-backup --store "$pg_url" "$work/backup-pg" >"$work/backup-pg.log" 2>&1 || { cat "$work/backup-pg.log"; fail "concord-backup postgresql"; }
ls "$work"/backup-pg/concord-*.pgdump "$work"/backup-pg/concord-*.jsonl >/dev/null || fail "no dump or export"
# The export restores into an empty store and verifies there.
/usr/bin/concord import --store "sqlite:$work/restored.db" --key "$work/pg.key" "$work"/backup-pg/concord-*.jsonl >/dev/null
/usr/bin/concord verify --store "sqlite:$work/restored.db" >/dev/null || fail "the restored export does not verify"
psql -q "$CONCORD_TEST_PG_URL" -c 'DROP DATABASE concord_pkg_test' >/dev/null
say "postgresql: pg_dump and export made, the export verified and restored into SQLite"

# 8. Removal: purge leaves no file of the package; the journal stays (postrm says so).
dpkg --purge concord >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge"; }
for f in /usr/bin/concord /usr/bin/concord-backup "$unit" /etc/concord/concord.env; do
  [ ! -e "$f" ] || fail "$f is still there after purge"
done
[ -e /var/lib/concord/concord.db ] || fail "purge removed the journal"
say "purged; the journal in /var/lib/concord was kept, as designed (removed now by the test)"

# The freshly built binary as `concord` (the README's commands), as scripts/main.sh does.
flock "$lock" cmake --install "$build" --component concord --prefix /usr/local >/dev/null
say "installed $(/usr/local/bin/concord --version) as /usr/local/bin/concord"
say "passed in $(( $(date +%s) - started )) s"
