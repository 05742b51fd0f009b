#!/usr/bin/env bash
# Installs what settlement needs to build, test and run locally: Debian's packages, then
# the dashboard's chart library and the browser tests' driver from the npm registry, at
# the exact versions of web/package-lock.json and tests/browser/package-lock.json.
# Idempotent: when everything is present it prints one line per part and changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config
  libpoco-dev libmysqlcppconn-dev libspdlog-dev
  googletest libgtest-dev libgmock-dev
  mariadb-server mariadb-client
  docker-compose gnuplot-nox time
  libssl-dev openssl curl wrk
  nodejs chromium chromium-driver
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# npm comes with NodeSource's nodejs; Debian's own nodejs needs Debian's npm beside it.
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # Debian's maintainer scripts try to start the packaged server; we never use it
  # (scripts/local-db.sh runs a throwaway one), so a refusal to start is fine.
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps: done"
fi

# npm packages, each folder's exactly as its package-lock.json pins them (npm ci), into a
# node_modules/ beside it (gitignored). The browser driver never downloads a browser: the
# tests use Debian's /usr/bin/chromium.
export PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# True when every package of the folder's lock file is installed at its locked version.
installed_as_locked() {
  (cd "$1" && node -e '
    const lock = require("./package-lock.json");
    for (const [path, pkg] of Object.entries(lock.packages))
      if (path && require("./" + path + "/package.json").version !== pkg.version) process.exit(1);
  ' 2>/dev/null)
}
for folder in web tests/browser; do
  if installed_as_locked "$folder"; then
    echo "install-deps: $folder/node_modules as locked"
  else
    echo "install-deps: npm ci in $folder"
    npm ci --prefix "$folder" --no-audit --no-fund --ignore-scripts --loglevel=error
  fi
done
