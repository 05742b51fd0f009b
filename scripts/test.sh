#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, and runs unit and integration
# tests with CTest. CTest starts throwaway MariaDB servers for the integration tests
# (scripts/local-db.sh: data under build/test-db, port 23306; a binlogged one on 23307; a
# primary and its replica on 23308 and 23309) and stops them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON >/dev/null
cmake --build build -j "$(nproc)"
cd build
ctest --output-on-failure -j "$(nproc)" "$@"
