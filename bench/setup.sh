# Sourced by the benchmarks (run from the project's root): bench_setup DBDIR PORT POOL NAME
# installs what is missing, builds `settlement` ($bin), starts a throwaway MariaDB with its
# data in DBDIR on PORT with a POOL buffer pool (scripts/local-db.sh), exports its
# SETTLEMENT_DB_* with SETTLEMENT_DB_NAME=NAME, and gives it a fresh, migrated database
# NAME. sql ARGS... runs the mariadb client against that server.

sql() {
  MYSQL_PWD=$SETTLEMENT_DB_PASSWORD "$client" --no-defaults -h "$SETTLEMENT_DB_HOST" -P "$SETTLEMENT_DB_PORT" \
    -u "$SETTLEMENT_DB_USER" -N "$@"
}

bench_setup() {
  local dbdir=$1 port=$2 pool=$3 name=$4
  scripts/install-deps.sh
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j "$(nproc)" --target settlement >/dev/null
  bin=$PWD/build/orchestrator/settlement
  scripts/local-db.sh start --dir "$dbdir" --port "$port" --buffer-pool "$pool"
  eval "$(scripts/local-db.sh env --dir "$dbdir")"
  export SETTLEMENT_DB_NAME=$name
  client=$(command -v mariadb || command -v mysql)
  sql -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name"
  "$bin" migrate >/dev/null
}
