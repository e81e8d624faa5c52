#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, in a folder of its own, listening on a socket in
# that folder only (no TCP port, so several can run side by side), trust authentication for the
# user fairdraw, collation C, no fsync (nothing in it outlives the run).
#
#   scripts/pg-test-cluster.sh bindir       the folder of PostgreSQL's server programs, or nothing
#   scripts/pg-test-cluster.sh start DIR    starts one in DIR (empty), prints its address for
#                                           FAIRDRAW_TEST_POSTGRES (see test/pg-cluster.ts)
#   scripts/pg-test-cluster.sh stop DIR     stops it and deletes DIR
#
# initdb and postgres refuse to run as root: as root, the cluster belongs to the postgres account.
set -uo pipefail

bindir() {
  local d
  d=$(command -v initdb 2>/dev/null) && [ -x "$(dirname "$d")/pg_ctl" ] && { dirname "$d"; return 0; }
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  bindir)
    bindir
    ;;
  start)
    dir=${2:?usage: start DIR}
    bin=$(bindir) || { echo "PostgreSQL's server programs (initdb, pg_ctl) are not installed" >&2; exit 1; }
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U fairdraw -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://fairdraw@$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$dir")/postgres"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    bin=$(bindir)
    [ -n "$bin" ] && [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 bindir | start DIR | stop DIR" >&2
    exit 2
    ;;
esac
