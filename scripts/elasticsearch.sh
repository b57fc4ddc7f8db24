#!/usr/bin/env bash
# Provision and run a local, single-node Elasticsearch for development, tests and CI.
#
#   scripts/elasticsearch.sh start [-Ekey=value ...]
#                                     download (once), unpack (once), start, wait for yellow health;
#                                     extra -E settings are passed to Elasticsearch
#   scripts/elasticsearch.sh stop     stop the node started by this script
#   scripts/elasticsearch.sh status   print cluster health, or "not running" (exit 3)
#
# The distribution is the integ-test zip published on Maven Central; it runs on the machine's JDK
# (it bundles none) as the unprivileged system user `elasticsearch`, plain HTTP on loopback only.
# Its module set is minimal (transport-netty4, x-pack-core, x-pack-security, apm), so compared with
# the full distribution it lacks: `GET /` and `HEAD /` (rest-root: the Python client's info() fails
# and ping() returns False; use cluster.health()), analysis-common (custom analyzers only get the
# `standard` tokenizer and `lowercase`/`stop` filters; no synonym/ngram/asciifolding; the built-in
# `whitespace`, `standard`, `simple`, `stop` and `keyword` analyzers work), painless scripts,
# _reindex / _update_by_query / _delete_by_query, mapper-extras (search_as_you_type, scaled_float,
# rank_feature), ingest and geoip. Core features work: text/keyword/date/geo_point/completion
# mappings, highlighting, terms/date_histogram aggregations, geo_distance, function_score,
# completion suggesters, aliases. Indices need number_of_replicas: 0 to be green on one node.
#
# Environment (all optional):
#   ES_VERSION          Elasticsearch version               (default 8.19.21)
#   ES_PORT             HTTP port on 127.0.0.1              (default 9200)
#   ES_TRANSPORT_PORT   transport port on 127.0.0.1         (default ES_PORT + 1000)
#   ES_HEAP             JVM heap, -Xms and -Xmx             (default 512m)
#   ES_USER             system user that runs the node      (default elasticsearch; used when root)
#   ES_START_TIMEOUT    seconds to wait for yellow health   (default 120)
#   ES_JAVA_HOME        JDK to run on                       (default: the `java` on PATH)
#   ES_EXTRA_JAVA_OPTS  more JVM options                    (default none)
#   PORTAL_CACHE_DIR    cache root                          (default $HOME/.cache/portal)
#
# Layout under $PORTAL_CACHE_DIR/elasticsearch:
#   elasticsearch-$ES_VERSION.zip         the downloaded distribution
#   elasticsearch-$ES_VERSION/            the unpacked distribution (ES_HOME)
#   node-$ES_VERSION-$ES_PORT/            config/ data/ logs/ tmp/ elasticsearch.pid
set -euo pipefail

ES_VERSION="${ES_VERSION:-8.19.21}"
ES_PORT="${ES_PORT:-9200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-$((ES_PORT + 1000))}"
ES_HEAP="${ES_HEAP:-512m}"
ES_USER="${ES_USER:-elasticsearch}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-120}"

CACHE_DIR="${PORTAL_CACHE_DIR:-$HOME/.cache/portal}/elasticsearch"
ZIP="$CACHE_DIR/elasticsearch-$ES_VERSION.zip"
ES_HOME="$CACHE_DIR/elasticsearch-$ES_VERSION"
NODE_DIR="$CACHE_DIR/node-$ES_VERSION-$ES_PORT"
CONF_DIR="$NODE_DIR/config"
PID_FILE="$NODE_DIR/elasticsearch.pid"
LOG_DIR="$NODE_DIR/logs"
CLUSTER_NAME="portal-dev"
URL="http://127.0.0.1:$ES_PORT"

log() { printf 'elasticsearch.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the node's user (directly when we are not root).
as_es_user() {
    if is_root; then runuser -u "$ES_USER" -- "$@"; else "$@"; fi
}

# PID of our running node, or nothing.
running_pid() {
    local pid
    [ -s "$PID_FILE" ] || return 1
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    # Guard against a recycled PID belonging to something else.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'org.elasticsearch' || return 1
    echo "$pid"
}

health() {
    curl -sS --max-time "${1:-5}" "$URL/_cluster/health?wait_for_status=yellow&timeout=${1:-5}s"
}

# Print the end of the logs written since this start attempt.
show_log_tail() {
    local f
    for f in "$LOG_DIR/launcher.log" "$LOG_DIR/$CLUSTER_NAME.log"; do
        if [ -s "$f" ] && [ "$f" -nt "$NODE_DIR/.start-stamp" ]; then
            log "---- last lines of $f ----"
            tail -n 40 "$f" | cut -c1-400 >&2
        fi
    done
}

ensure_user() {
    is_root || return 0
    if ! id -u "$ES_USER" >/dev/null 2>&1; then
        log "creating system user $ES_USER"
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$ES_USER"
    fi
    # The node must be able to traverse every parent of the cache (e.g. /root is 0700).
    local dir="$CACHE_DIR"
    while [ "$dir" != "/" ]; do
        dir="$(dirname "$dir")"
        if ! runuser -u "$ES_USER" -- test -x "$dir"; then
            log "granting traverse-only permission (o+x) on $dir so $ES_USER can reach $CACHE_DIR"
            chmod o+x "$dir"
        fi
    done
}

ensure_java() {
    if [ -z "${ES_JAVA_HOME:-}" ]; then
        local java
        java="$(command -v java)" || die "java not found on PATH (a JDK 17+ is required)"
        ES_JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"
    fi
    [ -x "$ES_JAVA_HOME/bin/java" ] || die "no java at $ES_JAVA_HOME/bin/java"
    export ES_JAVA_HOME
}

ensure_distribution() {
    mkdir -p "$CACHE_DIR"
    if [ ! -s "$ZIP" ]; then
        command -v mvn >/dev/null || die "mvn is required to download Elasticsearch"
        log "downloading Elasticsearch $ES_VERSION from Maven Central"
        # Run from the cache dir so that no pom.xml of the caller is picked up.
        (cd "$CACHE_DIR" && mvn -q -B -Dstyle.color=never dependency:copy \
            -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
            -DoutputDirectory="$CACHE_DIR" >&2) || die "download failed"
        [ -s "$ZIP" ] || die "download did not produce $ZIP"
    fi
    if [ ! -x "$ES_HOME/bin/elasticsearch" ]; then
        log "unpacking $ZIP"
        local tmp
        tmp="$(mktemp -d "$CACHE_DIR/.unpack.XXXXXX")"
        unzip -q "$ZIP" -d "$tmp" || { rm -rf "$tmp"; die "unzip failed"; }
        rm -rf "$ES_HOME"
        mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
        rm -rf "$tmp"
    fi
}

# (Re)write the node's config dir: stock jvm/log4j files plus our elasticsearch.yml.
write_config() {
    mkdir -p "$CONF_DIR" "$NODE_DIR/data" "$LOG_DIR" "$NODE_DIR/tmp"
    cp -f "$ES_HOME/config/jvm.options" "$ES_HOME/config/log4j2.properties" "$CONF_DIR/"
    mkdir -p "$CONF_DIR/jvm.options.d"
    cat >"$CONF_DIR/elasticsearch.yml" <<EOF
# Generated by scripts/elasticsearch.sh on every start; edits are overwritten.
cluster.name: $CLUSTER_NAME
node.name: portal-es-$ES_PORT
path.data: $NODE_DIR/data
path.logs: $LOG_DIR
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
discovery.type: single-node
# A nearly full disk must not turn indices read-only on a dev/CI machine.
cluster.routing.allocation.disk.threshold_enabled: false
# Plain HTTP, no authentication: the node only listens on loopback.
xpack.security.enabled: false
EOF
    if is_root; then
        chown -R "$ES_USER:$ES_USER" "$ES_HOME" "$NODE_DIR"
    fi
}

cmd_start() {
    local pid
    if pid="$(running_pid)"; then
        log "already running (pid $pid) at $URL"
        health 10 >/dev/null || log "warning: running but not healthy yet"
        echo "$URL"
        return 0
    fi
    if curl -s --max-time 2 -o /dev/null "$URL"; then
        die "something else is already listening on $URL (set ES_PORT to use another port)"
    fi
    rm -f "$PID_FILE"
    ensure_java
    ensure_user
    ensure_distribution
    write_config

    touch -d '-1 second' "$NODE_DIR/.start-stamp"
    log "starting Elasticsearch $ES_VERSION on $URL (heap $ES_HEAP, java $ES_JAVA_HOME)"
    local rc=0
    # -d daemonises once the node has started (or failed); -p writes the pidfile.
    as_es_user env \
        ES_JAVA_HOME="$ES_JAVA_HOME" \
        ES_PATH_CONF="$CONF_DIR" \
        ES_TMPDIR="$NODE_DIR/tmp" \
        ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP ${ES_EXTRA_JAVA_OPTS:-}" \
        timeout "$((ES_START_TIMEOUT + 30))" \
        "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" "$@" \
        >"$LOG_DIR/launcher.log" 2>&1 </dev/null || rc=$?
    if [ "$rc" -ne 0 ]; then
        log "launcher exited with status $rc"
        show_log_tail
        exit 1
    fi

    local deadline=$((SECONDS + ES_START_TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if ! running_pid >/dev/null; then
            sleep 1  # give the pidfile a moment after daemonising
            if ! running_pid >/dev/null; then
                log "the node exited during startup"
                show_log_tail
                exit 1
            fi
        fi
        if health 5 2>/dev/null | grep -q '"status":"\(yellow\|green\)"'; then
            log "ready (pid $(running_pid))"
            echo "$URL"
            return 0
        fi
        sleep 1
    done
    log "timed out after ${ES_START_TIMEOUT}s waiting for yellow health"
    show_log_tail
    exit 1
}

cmd_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        log "not running"
        rm -f "$PID_FILE"
        return 0
    fi
    log "stopping pid $pid"
    kill -TERM "$pid"
    local _
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; log "stopped"; return 0; }
        sleep 1
    done
    log "pid $pid did not exit after 60s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PID_FILE"
}

cmd_status() {
    local pid
    if ! pid="$(running_pid)"; then
        echo "not running"
        exit 3
    fi
    local out version
    if out="$(curl -sS --max-time 5 "$URL/_cluster/health")"; then
        # This build has no `GET /` (rest-root module), so read the version from the nodes API.
        version="$(curl -sS --max-time 5 "$URL/_nodes/_local?filter_path=nodes.*.version" |
            grep -o '"version":"[^"]*"' | cut -d'"' -f4 || true)"
        echo "running (pid $pid, version ${version:-?}) at $URL: $out"
    else
        echo "process $pid is running but $URL does not answer"
        exit 1
    fi
}

main() {
    local action="${1:-}"
    shift || true
    case "$action" in
        start) ;;
        stop | status) [ "$#" -eq 0 ] || { echo "usage: $0 $action" >&2; exit 2; } ;;
        *) echo "usage: $0 start [-Esetting=value ...] | stop | status" >&2; exit 2 ;;
    esac
    mkdir -p "$CACHE_DIR"
    # Serialise start/stop so that concurrent callers (e.g. parallel CI steps) do not race.
    exec 9>"$CACHE_DIR/.lock-$ES_PORT"
    flock 9
    "cmd_$action" "$@"
}

main "$@"
