#!/usr/bin/env bash
# Install the Debian packages the portal's servers and tests need, if any is missing.
# Safe to run repeatedly; does nothing when everything is present.
set -euo pipefail

PACKAGES=(postgresql redis-server chromium fonts-noto-cjk gettext maven default-jre-headless nodejs npm)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Java, Node and Maven may come from elsewhere on the machine; only require what is not on PATH.
command -v java >/dev/null && missing=("${missing[@]/default-jre-headless}")
command -v mvn >/dev/null && missing=("${missing[@]/maven}")
command -v node >/dev/null && missing=("${missing[@]/nodejs}")
command -v npm >/dev/null && missing=("${missing[@]/npm}")
read -r -a missing <<<"${missing[*]:-}"

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
