#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, and runs unit and integration
# tests with CTest. CTest starts a throwaway MariaDB server for the integration tests
# (scripts/local-db.sh, data under build/test-db, port 23306) and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON >/dev/null
cmake --build build -j "$(nproc)"
cd build
ctest --output-on-failure -j "$(nproc)" "$@"
