#!/bin/sh
# A throwaway PostgreSQL 15 cluster for tests and benchmarks.
#
#   scripts/pg.sh start DIR   # init (once) and start a cluster in DIR; prints its libpq URL
#   scripts/pg.sh url DIR     # prints the URL again
#   scripts/pg.sh stop DIR    # stops it (DIR stays; rm -rf it to start afresh)
#   scripts/pg.sh replica DIR PRIMARY_DIR   # a streaming replica of the cluster in PRIMARY_DIR
#                                           # (hot standby, read-only); prints its URL
#
# The server listens on a unix socket in DIR only (no TCP). Run as root, it runs as the
# `postgres` user and DIR is chowned to it. Needs Debian's postgresql-15 package.
set -eu

usage() { echo "usage: $0 start|stop|url DIR, or $0 replica DIR PRIMARY_DIR" >&2; exit 2; }
[ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$1" = replica ]; } || usage
cmd=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
db=concord_test

[ -x "$bin/initdb" ] || { echo "$0: $bin/initdb not found (apt-get install postgresql-15)" >&2; exit 4; }
# A unix socket path must fit in 107 bytes: DIR/.s.PGSQL.5432
[ ${#dir} -le 90 ] || { echo "$0: $dir is too long for a unix socket path" >&2; exit 2; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgresql:///$db?host=$dir&user=postgres"; }

run_cluster() {
  if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=on" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 4; }
  fi
}

case $cmd in
  replica)
    # A copy of the primary's data taken with pg_basebackup -R, which also writes the standby
    # settings: the copy starts as a hot standby streaming the primary's WAL.
    primary=$(cd "$3" && pwd)
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$bin/pg_basebackup" -h "$primary" -U postgres -D "$dir/data" -R -X stream >"$dir/basebackup.log" 2>&1 ||
        { cat "$dir/basebackup.log" >&2; exit 4; }
    fi
    run_cluster
    url
    ;;
  start)
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 4; }
    fi
    run_cluster
    if ! as_pg "$bin/psql" -h "$dir" -U postgres -Atqc "select 1 from pg_database where datname='$db'" postgres | grep -q 1; then
      as_pg "$bin/createdb" -h "$dir" -U postgres "$db"
    fi
    url
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  url) url ;;
  *) usage ;;
esac
