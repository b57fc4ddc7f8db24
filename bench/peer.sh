#!/usr/bin/env bash
# The portal side by side with wagtail/bakerydemo (the official Wagtail demo) in one run, both
# served the same way: gunicorn with 2 sync workers, production settings, SQLite, DEBUG off, on
# loopback; `wrk -t2 -c8 -d${SECONDS}s --latency -H 'Accept-Encoding: gzip'` per URL.
# Ours twice: page cache off (PAGE_CACHE_SECONDS=0, what a resident gets after a publish, on a
# filtered list or on any miss) and on. Prints req/s, p99 and non-2xx per URL, then the table of
# ratios (ours ÷ bakerydemo's equivalent page; cached ÷ our static file).
#
#   bash bench/peer.sh BAKERYDEMO_GIT [SECONDS]        (make bench-peer BAKERYDEMO=… BENCH_SECONDS=…)
#
# BAKERYDEMO_GIT is a git clone (or bare snapshot) of wagtail/bakerydemo; the peer needs Python
# 3.12 (PEER_PYTHON; default python3.12 or a pyenv 3.12+). Ours is the committed HEAD of this checkout, cloned
# into /tmp/perf-ours with a venv of its own; both sites are seeded once and reused while HEAD
# (and the snapshot) stay the same.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
snap=${1:?usage: bench/peer.sh BAKERYDEMO_GIT [SECONDS]}
dur=${2:-10}
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }

# --- the peer: bakerydemo's own production settings and demo data, on 8801 ------------------
peer=/tmp/peer-bakery
peer_venv=/tmp/peer-bakery-venv
export_peer() {
  export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production DATABASE_URL=sqlite:///$peer/db.sqlite3 \
    DJANGO_SECRET_KEY=peer-bench-not-secret-0123456789abcdefghijklmnopqrstuvwxyz \
    DJANGO_ALLOWED_HOSTS='*' SECURE_SSL_REDIRECT=false
}
peer_python() {  # bakerydemo needs Django 6, so Python >= 3.12
  if [ -n "${PEER_PYTHON:-}" ]; then echo "$PEER_PYTHON"; return; fi
  if python3.12 -V >/dev/null 2>&1; then echo python3.12; return; fi
  local candidate
  for candidate in "$(pyenv root 2>/dev/null)"/versions/3.1[2-9]*/bin/python3; do
    if [ -x "$candidate" ]; then echo "$candidate"; return; fi
  done
  echo "bench/peer.sh: wagtail/bakerydemo needs Python >= 3.12; set PEER_PYTHON" >&2
  exit 1
}
snap_head=$(git -C "$snap" rev-parse HEAD)
if [ ! -f $peer/.ready ] || [ "$(cat $peer/.ready)" != "$snap_head" ]; then
  rm -rf $peer
  git clone -q "$snap" $peer
  [ -x $peer_venv/bin/python ] || "$(peer_python)" -m venv $peer_venv
  $peer_venv/bin/pip install -q -r $peer/requirements/base.txt gunicorn whitenoise >/dev/null
  (export_peer && cd $peer && $peer_venv/bin/python manage.py migrate -v0 \
    && $peer_venv/bin/python manage.py createcachetable \
    && $peer_venv/bin/python manage.py load_initial_data >/dev/null \
    && $peer_venv/bin/python manage.py collectstatic --noinput -v0)
  echo "$snap_head" > $peer/.ready
fi

# --- ours: production settings, SQLite, demo content; 8802 uncached, 8803 cached -------------
ours=/tmp/perf-ours
ours_venv=/tmp/perf-ours-venv
head=$(git -C "$here" rev-parse HEAD)
if [ ! -f $ours/.ready ] || [ "$(cat $ours/.ready)" != "$head" ]; then
  rm -rf $ours
  git clone -q "$here" $ours
  [ -x $ours_venv/bin/python ] || python3 -m venv $ours_venv
  $ours_venv/bin/pip install -q "$ours[test]" gunicorn >/dev/null
  (cd $ours && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1 || true)
fi
export_ours() {
  export DJANGO_SETTINGS_MODULE=portal.settings.production DATABASE_URL=sqlite:///$ours/db.sqlite3 \
    SECRET_KEY=perf-bench-not-secret-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG \
    ALLOWED_HOSTS='*' SECURE_SSL_REDIRECT=false MEDIA_ROOT=$ours/media ELASTICSEARCH_URL= \
    REDIS_URL= RATE_LIMIT_SEARCH=1000000/m RATE_LIMIT_SUGGEST=1000000/m RATE_LIMIT_LOCATOR=1000000/m
}
if [ ! -f $ours/.ready ]; then
  (export_ours && cd $ours && $ours_venv/bin/python manage.py migrate -v0 \
    && $ours_venv/bin/python manage.py seed_demo >/dev/null \
    && $ours_venv/bin/python manage.py collectstatic --noinput -v0)
  echo "$head" > $ours/.ready
fi

pids=()
trap 'for p in "${pids[@]}"; do kill -- -"$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done' EXIT
(export_peer && cd $peer && exec setsid $peer_venv/bin/gunicorn bakerydemo.wsgi -w 2 \
  -b 127.0.0.1:8801 --access-logfile /dev/null >/tmp/peer-bakery-8801.log 2>&1) &
pids+=($!)
(export_ours && cd $ours && PAGE_CACHE_SECONDS=0 exec setsid $ours_venv/bin/gunicorn portal.wsgi \
  -w 2 -b 127.0.0.1:8802 --access-logfile /dev/null >/tmp/perf-ours-8802.log 2>&1) &
pids+=($!)
(export_ours && cd $ours && exec setsid $ours_venv/bin/gunicorn portal.wsgi -w 2 \
  -b 127.0.0.1:8803 --access-logfile /dev/null >/tmp/perf-ours-8803.log 2>&1) &
pids+=($!)
for port in 8801 8802 8803; do
  for _ in $(seq 90); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
done
first_link() { curl -s "$1" | grep -oE "href=\"$2[^\"?#]+/\"" | head -1 | cut -d'"' -f2; }
notice=$(first_link http://127.0.0.1:8802/notices/ /notices/)
station=$(first_link http://127.0.0.1:8802/stations/ /stations/jb-)
css=$(curl -s http://127.0.0.1:8802/ | grep -oE 'href="/static/[^"]+\.css"' | head -1 | cut -d'"' -f2)
bcss=$(curl -s http://127.0.0.1:8801/ | grep -oE 'href="/static/[^"]+\.css"' | head -1 | cut -d'"' -f2)

declare -A rps
run() {  # key label url
  local out
  curl -s -o /dev/null -H 'Accept-Encoding: gzip' "$3"  # warm: imports, first queries, templates
  out=$(wrk -t2 -c8 -d"${dur}"s --latency -H 'Accept-Encoding: gzip' "$3" 2>&1)
  rps[$1]=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  printf '%-30s %9s req/s  p99 %8s  non-2xx %s\n' "$2" "${rps[$1]}" \
    "$(echo "$out" | awk '$1=="99%" {print $2}')" "$(echo "$out" | awk '/Non-2xx/ {print $NF}')"
}
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)   ours: $(git -C "$here" rev-parse --short HEAD)   bakerydemo: ${snap_head:0:7}"
run b_static "bakery static" "http://127.0.0.1:8801$bcss"
run o_static "ours static" "http://127.0.0.1:8802$css"
run b_home "bakery home" "http://127.0.0.1:8801/"
run o_home "ours home uncached" "http://127.0.0.1:8802/"
run c_home "ours home cached" "http://127.0.0.1:8803/"
run b_list "bakery list /blog/" "http://127.0.0.1:8801/blog/"
run o_list "ours list /notices/" "http://127.0.0.1:8802/notices/"
run c_list "ours list cached" "http://127.0.0.1:8803/notices/"
run b_detail "bakery detail blog post" "http://127.0.0.1:8801/blog/bread-circuses/"
run o_detail "ours detail notice" "http://127.0.0.1:8802$notice"
run c_detail "ours detail cached" "http://127.0.0.1:8803$notice"
run o_station "ours station uncached" "http://127.0.0.1:8802$station"
run b_search "bakery search" "http://127.0.0.1:8801/search/?q=bread"
run o_search "ours search" "http://127.0.0.1:8802/search/?q=%E4%BA%BA%E5%A4%A7%E4%BB%A3%E8%A1%A8"
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
echo "| page | bakerydemo req/s | ours req/s | ratio (target ≥ 2.0) |"
echo "| --- | --- | --- | --- |"
echo "| static file (ceiling) | ${rps[b_static]} | ${rps[o_static]} | $(ratio "${rps[o_static]}" "${rps[b_static]}") |"
for pair in "home:home" "list:list (blog index / 通知公告)" "detail:detail (blog post / a notice)" \
  "search:search"; do
  key=${pair%%:*}
  echo "| ${pair#*:} | ${rps[b_$key]} | ${rps[o_$key]} | $(ratio "${rps[o_$key]}" "${rps[b_$key]}") |"
done
echo "| station page (vs blog post) | ${rps[b_detail]} | ${rps[o_station]} | $(ratio "${rps[o_station]}" "${rps[b_detail]}") |"
echo
echo "| ours cached | req/s | ÷ our static file (target ≥ 0.9) |"
echo "| --- | --- | --- |"
for key in home list detail; do
  echo "| $key | ${rps[c_$key]} | $(ratio "${rps[c_$key]}" "${rps[o_static]}") |"
done
