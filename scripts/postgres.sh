#!/usr/bin/env bash
# Run a private PostgreSQL server (Debian's packages) for tests and the production-like stack.
#
#   scripts/postgres.sh start    create the cluster once, start it on 127.0.0.1, create role+db
#   scripts/postgres.sh stop     stop it
#   scripts/postgres.sh status   print whether it runs (exit 3 when not)
#   scripts/postgres.sh url      print the DATABASE_URL for it
#
# Environment (all optional):
#   PG_PORT           port on 127.0.0.1              (default 5433, beside any system server)
#   PG_DB / PG_USER   database and role              (default portal / portal)
#   PORTAL_CACHE_DIR  cache root                     (default $HOME/.cache/portal)
# The role may create databases (pytest-django creates test_<name>); loopback auth is trust,
# and the server listens on 127.0.0.1 only.
set -euo pipefail

PG_PORT="${PG_PORT:-5433}"
PG_DB="${PG_DB:-portal}"
PG_USER="${PG_USER:-portal}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
DATA_DIR="${PORTAL_CACHE_DIR:-$HOME/.cache/portal}/postgres-$PG_PORT"
RUN_AS=(runuser -u postgres --)

die() { echo "postgres.sh: $*" >&2; exit 1; }
[ -n "$PG_BIN" ] || die "PostgreSQL is not installed (apt-get install postgresql)"

as_postgres() { if [ "$(id -u)" = 0 ]; then "${RUN_AS[@]}" "$@"; else "$@"; fi; }

running() { as_postgres "$PG_BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; }

init_cluster() {
  [ -f "$DATA_DIR/PG_VERSION" ] && return
  mkdir -p "$DATA_DIR"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$DATA_DIR"
    # The postgres user must be able to traverse to the data directory.
    d="$(dirname "$DATA_DIR")"
    while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
  fi
  as_postgres "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=trust >/dev/null
  cat >>"$DATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$DATA_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
max_connections = 100
CONF
}

psql_admin() { as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

start() {
  init_cluster
  if ! running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 start >/dev/null \
      || { tail -n 30 "$DATA_DIR/server.log" >&2; die "server did not start"; }
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'")" != 1 ]; then
    psql_admin -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_USER'"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
  fi
  echo "PostgreSQL running: $(url)"
}

stop() {
  if running; then as_postgres "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null; fi
  echo "PostgreSQL stopped"
}

url() { echo "postgres://$PG_USER:$PG_USER@127.0.0.1:$PG_PORT/$PG_DB"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running on 127.0.0.1:$PG_PORT"; else echo "not running"; exit 3; fi ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
