#!/usr/bin/env bash
# Installs what settlement needs to build, test and run locally, from Debian's packages.
# Idempotent: when everything is present it prints one line and changes nothing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libpoco-dev libmysqlcppconn-dev libspdlog-dev
  googletest libgtest-dev libgmock-dev
  mariadb-server mariadb-client
  docker-compose gnuplot-nox time
  libssl-dev openssl curl wrk
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Debian's maintainer scripts try to start the packaged server; we never use it
# (scripts/local-db.sh runs a throwaway one), so a refusal to start is fine.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
