#!/usr/bin/env bash
# Install the Debian packages of scripts/system-packages.txt that are missing: everything the
# portal's servers, tests, benchmarks and make targets need.
#
#   scripts/system-deps.sh             install what is missing (apt-get; through sudo when not root)
#   scripts/system-deps.sh --missing   print what is missing, install nothing
#   scripts/system-deps.sh --list      print every Debian package of the list
#
# Safe to run repeatedly: with everything present it makes one dpkg-query call and exits.
set -euo pipefail

LIST="$(dirname "${BASH_SOURCE[0]}")/system-packages.txt"

packages=()
declare -A any_source=()  # package -> programs that, when all on PATH, make it unnecessary
while IFS= read -r line; do
  line="${line%%#*}"
  read -r name source provides <<<"$line" || true
  [ -n "${name:-}" ] && [ "$source" != project ] || continue
  packages+=("$name")
  [ "$source" = any ] && any_source[$name]="$provides"
done <"$LIST"

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
