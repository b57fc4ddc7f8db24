#!/usr/bin/env bash
# Install the Debian packages of the list below that are missing: everything the portal's
# servers, tests, benchmarks and make targets need.
#
#   scripts/system-deps.sh             install what is missing (apt-get; through sudo when not root)
#   scripts/system-deps.sh --missing   print what is missing, install nothing
#   scripts/system-deps.sh --list      print every Debian package of the list
#
# Safe to run repeatedly: with everything present it makes one dpkg-query call and exits.
set -euo pipefail

# The list. tests/deploy/test_system_deps.py reads it from here (between the LIST markers).
PACKAGE_LIST=$(
  cat <<'LIST'
# The Debian packages that the portal's scripts, tests, benchmarks and make targets need, with
# what each of them provides that the project runs or reads. scripts/system-deps.sh installs the
# missing ones; tests/deploy/test_system_deps.py scans the code for every program it runs or looks
# up and fails when one is not listed here (and checks the mapping with `dpkg -S`).
#
# <package>            <source>  <programs and paths the project uses from it>
# source: debian  = installed with apt-get when missing
#         any     = also fine when all its programs are already on PATH (e.g. a JDK or Node.js
#                   installed some other way)
#         project = not a Debian package: listed so that the scan knows where it comes from

# Essential and required packages of every Debian system.
bash                   debian   bash
coreutils              debian   cat chmod chown cp cut dirname env head id ls mkdir mktemp mv nohup nproc paste readlink rm seq sleep sort tail timeout touch tr
grep                   debian   grep
mawk                   debian   awk
sed                    debian   sed
util-linux             debian   flock runuser setsid
passwd                 debian   useradd
login                  debian   /usr/sbin/nologin
dpkg                   debian   dpkg dpkg-query
apt                    debian   apt-get
procps                 debian   pgrep

# Building and running the portal.
make                   debian   make
git                    debian   git
python3-venv           debian
gettext                debian   xgettext msguniq msgmerge msgfmt
fonts-noto-cjk         debian   /usr/share/fonts/opentype/noto/
default-jre-headless   any      java
maven                  any      mvn
nodejs                 any      node
npm                    any      npm

# Servers (scripts/postgres.sh, redis.sh, elasticsearch.sh, stack.sh).
postgresql             debian   pg_ctl initdb psql /usr/lib/postgresql/
redis-server           debian   redis-server
redis-tools            debian   redis-cli
curl                   debian   curl
unzip                  debian   unzip
# Not Debian packages: Elasticsearch from Maven Central (scripts/elasticsearch.sh); for
# bench/peer.sh the machine's CPython (3.11 for the portal, 3.12+ for wagtail/bakerydemo, on
# PATH or through pyenv) and the programs of the virtualenvs it makes.
-                      project  elasticsearch python python3 python3.12 pyenv pip gunicorn

# Tests and benchmarks.
chromium               debian   chromium
nginx                  debian   nginx
openssl                debian   openssl
systemd                debian   systemd-analyze
wrk                    debian   wrk
LIST
)

packages=()
declare -A any_source=()  # package -> programs that, when all on PATH, make it unnecessary
while IFS= read -r line; do
  line="${line%%#*}"
  read -r name source provides <<<"$line" || true
  [ -n "${name:-}" ] && [ "$source" != project ] || continue
  packages+=("$name")
  [ "$source" = any ] && any_source[$name]="$provides"
done <<<"$PACKAGE_LIST"

if [ "${1:-}" = --list ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

on_path() {
  local program
  for program in "$@"; do
    command -v "$program" >/dev/null || return 1
  done
}

installed="$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)"
missing=()
for pkg in "${packages[@]}"; do
  grep -qx "$pkg installed" <<<"$installed" && continue
  # Java, Maven and Node.js may come from elsewhere on the machine.
  [ -n "${any_source[$pkg]:-}" ] && on_path ${any_source[$pkg]} && continue
  missing+=("$pkg")
done

if [ "${1:-}" = --missing ]; then
  [ "${#missing[@]}" -eq 0 ] || printf '%s\n' "${missing[@]}"
  exit 0
fi
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
