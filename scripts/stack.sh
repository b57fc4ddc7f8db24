#!/usr/bin/env bash
# The production configuration on this machine, every server on 127.0.0.1:
# PostgreSQL, Redis (cache), Elasticsearch, the task worker and gunicorn (whitenoise serves the
# compressed, hashed static files).
#
#   scripts/stack.sh start    start what is not running, migrate, collect static files, seed the
#                             demo content when the database is empty, start worker + gunicorn
#   scripts/stack.sh stop     stop gunicorn and the worker, and the servers this script started
#                             (a PostgreSQL or Elasticsearch that was already running is left alone)
#   scripts/stack.sh status   one line per component (exit 3 when gunicorn is not running)
#   scripts/stack.sh env      print the environment of the stack as `export` lines
#                             (e.g. `eval "$(scripts/stack.sh env)"; python manage.py shell`)
#
# Environment (all optional):
#   PORT              gunicorn port on 127.0.0.1               (default 8000)
#   WEB_WORKERS       gunicorn worker processes                (default 2 × cores + 1, at most 4)
#   WEB_THREADS       threads per worker; 1 = gunicorn's sync workers: one request per
#                     connection, so the kernel spreads connections over the workers (with
#                     gthread's keep-alive, one worker can take every connection of a client
#                     and serve it on one core: half the req/s in bench/pages.py)  (default 1)
#   PG_PORT, PG_DB    PostgreSQL port and database             (default 5433, portal_stack)
#   REDIS_PORT        Redis port                               (default 6380)
#   ES_PORT           Elasticsearch HTTP port                  (default 9200)
#   STACK_SEARCH      1 = run Elasticsearch, 0 = embedded database search (default 1)
#   TASKS_BACKEND     task queue backend                       (default django_tasks_db.DatabaseBackend;
#                     the worker runs only with this backend)
#   STACK_SCALE       seed_demo --scale when the database is empty (default 1)
#   STACK_SEED        empty = seed only an empty database; always = also top up (seed_demo
#                     is idempotent) on every start                          (default empty)
#   STACK_NAME        names the state directory                (default $PORT)
#   PORTAL_CACHE_DIR  cache root                               (default $HOME/.cache/portal)
# State under $PORTAL_CACHE_DIR: secret_key (generated once, mode 600) and stack-$STACK_NAME/
# with env, pidfiles, logs, static/ (collectstatic) and media/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
CACHE_ROOT="${PORTAL_CACHE_DIR:-$HOME/.cache/portal}"
PORT="${PORT:-8000}"
cores="$(nproc 2>/dev/null || echo 1)"
default_workers=$((2 * cores + 1))
[ "$default_workers" -gt 4 ] && default_workers=4
WEB_WORKERS="${WEB_WORKERS:-$default_workers}"
WEB_THREADS="${WEB_THREADS:-1}"
export PG_PORT="${PG_PORT:-5433}"
export PG_DB="${PG_DB:-portal_stack}"
export REDIS_PORT="${REDIS_PORT:-6380}"
export ES_PORT="${ES_PORT:-9200}"
STACK_SEARCH="${STACK_SEARCH:-1}"
TASKS_BACKEND="${TASKS_BACKEND:-django_tasks_db.DatabaseBackend}"
STACK_SCALE="${STACK_SCALE:-1}"
STACK_SEED="${STACK_SEED:-empty}"
STACK_DIR="$CACHE_ROOT/stack-${STACK_NAME:-$PORT}"
ENV_FILE="$STACK_DIR/env"
GUNICORN_PID="$STACK_DIR/gunicorn.pid"
WORKER_PID="$STACK_DIR/worker.pid"

log() { printf 'stack.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
[ -x "$PY" ] || die "no Python at $PY (run make install, or set PY)"

# PID from a pidfile when that process still runs and its command line matches $2.
live_pid() {
  local pid
  [ -s "$1" ] || return 1
  pid="$(cat "$1" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" || return 1
  echo "$pid"
}

secret_key() {
  local f="$CACHE_ROOT/secret_key"
  if [ ! -s "$f" ]; then
    mkdir -p "$CACHE_ROOT"
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$f")
  fi
  cat "$f"
}

write_env() {
  mkdir -p "$STACK_DIR/logs" "$STACK_DIR/media"
  local es_url=""
  [ "$STACK_SEARCH" = 1 ] && es_url="http://127.0.0.1:$ES_PORT"
  (
    umask 077
    cat >"$ENV_FILE" <<ENV
DJANGO_SETTINGS_MODULE=portal.settings.production
SECRET_KEY=$(secret_key)
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$PORT,http://localhost:$PORT
BASE_URL=http://127.0.0.1:$PORT
SECURE_SSL_REDIRECT=0
DATABASE_URL=$(bash "$ROOT/scripts/postgres.sh" url)
REDIS_URL=$(bash "$ROOT/scripts/redis.sh" url)
ELASTICSEARCH_URL=$es_url
TASKS_BACKEND=$TASKS_BACKEND
STATIC_ROOT=$STACK_DIR/static
MEDIA_ROOT=$STACK_DIR/media
SERVE_MEDIA=1
PORT=$PORT
WEB_WORKERS=$WEB_WORKERS
WEB_THREADS=$WEB_THREADS
ENV
  )
}

load_env() {
  [ -s "$ENV_FILE" ] || write_env
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
}

manage() { (cd "$ROOT" && "$PY" manage.py "$@"); }

start_services() {
  mkdir -p "$STACK_DIR"
  if ! bash "$ROOT/scripts/postgres.sh" status >/dev/null 2>&1; then
    touch "$STACK_DIR/started-postgres"
  fi
  bash "$ROOT/scripts/postgres.sh" start >&2
  if ! bash "$ROOT/scripts/redis.sh" status >/dev/null 2>&1; then
    touch "$STACK_DIR/started-redis"
  fi
  bash "$ROOT/scripts/redis.sh" start >&2
  if [ "$STACK_SEARCH" = 1 ]; then
    if ! bash "$ROOT/scripts/elasticsearch.sh" status >/dev/null 2>&1; then
      touch "$STACK_DIR/started-elasticsearch"
    fi
    bash "$ROOT/scripts/elasticsearch.sh" start >/dev/null
  fi
}

prepare_database() {
  log "migrating $PG_DB"
  manage migrate --noinput >"$STACK_DIR/logs/migrate.log" 2>&1 \
    || { tail -n 30 "$STACK_DIR/logs/migrate.log" >&2; die "migrate failed"; }
  local has_home
  has_home="$(manage shell -c 'from home.models import HomePage; print(int(HomePage.objects.exists()))' 2>/dev/null | tail -n 1)"
  if [ "$has_home" != 1 ]; then
    log "empty database: seeding demo content (scale $STACK_SCALE)"
    manage seed_demo --scale "$STACK_SCALE" >"$STACK_DIR/logs/seed.log" 2>&1 \
      || { tail -n 30 "$STACK_DIR/logs/seed.log" >&2; die "seed_demo failed"; }
  elif [ "$STACK_SEED" = always ]; then
    # seed_demo is idempotent: this only adds what is missing (e.g. page types added since).
    log "topping up demo content (scale $STACK_SCALE)"
    manage seed_demo --scale "$STACK_SCALE" --no-index >"$STACK_DIR/logs/seed.log" 2>&1 \
      || { tail -n 30 "$STACK_DIR/logs/seed.log" >&2; die "seed_demo failed"; }
  fi
  # A database seeded without indexing (or an Elasticsearch whose data went away) leaves the
  # search index behind the content: rebuild it then, so that /search/ answers from it.
  if ! manage search_check >"$STACK_DIR/logs/search_check.log" 2>&1; then
    log "search index out of date: rebuilding it"
    manage search_rebuild >"$STACK_DIR/logs/search_rebuild.log" 2>&1 \
      || { tail -n 30 "$STACK_DIR/logs/search_rebuild.log" >&2; die "search_rebuild failed"; }
  fi
  log "collecting static files into $STATIC_ROOT"
  manage collectstatic --noinput >"$STACK_DIR/logs/collectstatic.log" 2>&1 \
    || { tail -n 30 "$STACK_DIR/logs/collectstatic.log" >&2; die "collectstatic failed"; }
}

start_worker() {
  if [ "$TASKS_BACKEND" != "django_tasks_db.DatabaseBackend" ]; then
    log "TASKS_BACKEND=$TASKS_BACKEND: no worker needed"
    return 0
  fi
  if live_pid "$WORKER_PID" db_worker >/dev/null; then return 0; fi
  (
    cd "$ROOT"
    setsid nohup "$PY" manage.py db_worker --queue-name '*' --no-reload \
      >>"$STACK_DIR/logs/worker.log" 2>&1 </dev/null &
    echo $! >"$WORKER_PID"
  )
}

start_gunicorn() {
  if live_pid "$GUNICORN_PID" gunicorn >/dev/null; then return 0; fi
  if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$PORT/"; then
    die "something else is already listening on 127.0.0.1:$PORT (set PORT)"
  fi
  rm -f "$GUNICORN_PID"
  (
    cd "$ROOT"
    "$PY" -m gunicorn portal.wsgi:application \
      --bind "127.0.0.1:$PORT" --workers "$WEB_WORKERS" --threads "$WEB_THREADS" \
      --timeout 30 --graceful-timeout 10 --keep-alive 5 \
      --pid "$GUNICORN_PID" --daemon --chdir "$ROOT" --capture-output \
      --access-logfile "$STACK_DIR/logs/access.log" --error-logfile "$STACK_DIR/logs/gunicorn.log"
  )
  local _
  for _ in $(seq 1 100); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/")" = 200 ]; then
      return 0
    fi
    sleep 0.3
  done
  tail -n 40 "$STACK_DIR/logs/gunicorn.log" >&2
  die "gunicorn did not answer on 127.0.0.1:$PORT"
}

stop_pid() {  # stop_pid NAME PIDFILE PATTERN
  local pid
  if pid="$(live_pid "$2" "$3")"; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "$1 stopped"
  fi
  rm -f "$2"
}

cmd_start() {
  start_services
  write_env
  load_env
  prepare_database
  start_worker
  start_gunicorn
  cmd_status
  cat <<TXT

The portal (production settings, gunicorn: $WEB_WORKERS workers × $WEB_THREADS threads):
  site          http://127.0.0.1:$PORT/
  admin         http://127.0.0.1:$PORT/${ADMIN_PATH:-admin}/   (add a user: eval "\$(scripts/stack.sh env)"; .venv/bin/python manage.py createsuperuser)
  static files  http://127.0.0.1:$PORT/static/  (whitenoise, compressed + hashed, max-age $((31536000)) s)
  PostgreSQL    $DATABASE_URL
  Redis         $REDIS_URL
  Elasticsearch ${ELASTICSEARCH_URL:-(off: embedded search)}
  logs          $STACK_DIR/logs/
Stop it with: scripts/stack.sh stop   (or make serve-stop)
TXT
}

cmd_stop() {
  stop_pid gunicorn "$GUNICORN_PID" gunicorn
  stop_pid worker "$WORKER_PID" db_worker
  if [ -e "$STACK_DIR/started-elasticsearch" ]; then
    bash "$ROOT/scripts/elasticsearch.sh" stop || true
    rm -f "$STACK_DIR/started-elasticsearch"
  fi
  if [ -e "$STACK_DIR/started-redis" ]; then
    bash "$ROOT/scripts/redis.sh" stop >&2 || true
    rm -f "$STACK_DIR/started-redis"
  fi
  if [ -e "$STACK_DIR/started-postgres" ]; then
    bash "$ROOT/scripts/postgres.sh" stop >&2 || true
    rm -f "$STACK_DIR/started-postgres"
  fi
  log "stack stopped"
}

cmd_status() {
  local pid rc=0 line
  printf '%-14s %s\n' postgres "$(bash "$ROOT/scripts/postgres.sh" status 2>&1 || true)"
  printf '%-14s %s\n' redis "$(bash "$ROOT/scripts/redis.sh" status 2>&1 || true)"
  if [ "$STACK_SEARCH" = 1 ]; then
    line="$(bash "$ROOT/scripts/elasticsearch.sh" status 2>&1 || true)"
    printf '%-14s %s\n' elasticsearch "${line%%: {*}"
  fi
  if pid="$(live_pid "$WORKER_PID" db_worker)"; then
    printf '%-14s %s\n' worker "running (pid $pid)"
  else
    printf '%-14s %s\n' worker "not running"
  fi
  if pid="$(live_pid "$GUNICORN_PID" gunicorn)"; then
    printf '%-14s %s\n' gunicorn "running (pid $pid, workers: $(pgrep -P "$pid" | paste -sd,)) on http://127.0.0.1:$PORT/"
  else
    printf '%-14s %s\n' gunicorn "not running"
    rc=3
  fi
  return "$rc"
}

cmd_env() {
  load_env
  sed -e 's/^/export /' "$ENV_FILE"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
